import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPhone, isRegion, normalizePhone, phoneSearchTokens } from './phone.ts';

test('Vietnamese mobiles typed many ways become the same E.164', () => {
  for (const input of [
    '0912 345 678',
    '0912345678',
    '0912.345.678',
    '0912-345-678',
    '+84 912 345 678',
    '+84912345678',
    '84912345678',
    '(+84) 912 345 678',
    ' 0912 345 678 ',
  ]) {
    assert.deepEqual(normalizePhone(input, 'VN'), { ok: true, e164: '+84912345678' }, input);
  }
  assert.deepEqual(normalizePhone('0383 123 456', 'VN'), { ok: true, e164: '+84383123456' });
  assert.deepEqual(normalizePhone('028 3822 1234', 'VN'), { ok: true, e164: '+842838221234' }, 'a Saigon landline');
});

test('invalid numbers come back with a reason', () => {
  for (const input of ['', '   ', '0912', '123', 'abc', '0912 345 678 9999', '+84 000 000 000', '09x2345678', 'a'.repeat(50)]) {
    const r = normalizePhone(input, 'VN');
    assert.equal(r.ok, false, input);
    if (!r.ok) assert.ok(r.reason.length > 5);
  }
});

test('the default region decides national numbers; international ones keep their country', () => {
  assert.deepEqual(normalizePhone('(201) 555-0123', 'US'), { ok: true, e164: '+12015550123' });
  assert.equal(normalizePhone('(201) 555-0123', 'VN').ok, false);
  assert.deepEqual(normalizePhone('+44 20 7946 0958', 'VN'), { ok: true, e164: '+442079460958' });
  assert.equal(isRegion('VN'), true);
  assert.equal(isRegion('ZZ'), false);
});

test('search tokens cover E.164 digits, the national form with 0, and the national significant number', () => {
  assert.deepEqual(phoneSearchTokens('+84912345678').sort(), ['0912345678', '84912345678', '912345678'].sort());
  assert.equal(formatPhone('+84912345678', 'VN'), '0912 345 678');
  assert.equal(formatPhone('+12015550123', 'VN'), '+1 201 555 0123');
});
