import assert from 'node:assert/strict';
import { test } from 'node:test';
import i18next from 'i18next';
import { displayPhone } from './contact-model.ts';

test('a stored phone shows nationally, its extension after it in the app language', async () => {
  await i18next.init({ lng: 'vi', resources: {} });
  assert.equal(displayPhone('+84912345678'), '0912 345 678');
  assert.equal(displayPhone('+842838221234;ext=12'), '028 3822 1234 máy lẻ 12');
  assert.equal(displayPhone('+14155552671'), '+14155552671');
  await i18next.changeLanguage('en');
  assert.equal(displayPhone('+14155552671;ext=123'), '+14155552671 ext. 123');
  assert.deepEqual(['+84912345678;ext=5'].map(displayPhone), ['0912 345 678 ext. 5'], 'as a map callback');
});
