/**
 * The server's texts are complete in both languages, as the web app's are (packages/web/src/locales/locales.test.ts):
 * the same keys, nothing empty, the same {{placeholders}} on both sides, and no text left that nothing uses.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { en } from './messages.en.ts';
import { bothLanguages, t } from './messages.ts';
import { vi, type MessageKey } from './messages.vi.ts';

const keys = Object.keys(vi) as MessageKey[];

test('Vietnamese and English have the same keys', () => {
  assert.deepEqual(
    Object.keys(en).filter((k) => !(k in vi)),
    [],
    'missing in messages.vi.ts',
  );
  assert.deepEqual(
    keys.filter((k) => !(k in en)),
    [],
    'missing in messages.en.ts',
  );
});

test('no text is empty, none is left untranslated, and both sides use the same {{placeholders}}', () => {
  const ph = (s: string) => [...s.matchAll(/\{\{([\w.]+)\}\}/g)].map((m) => m[1]).sort();
  for (const k of keys) {
    assert.ok(vi[k].trim().length > 0, `vi ${k} is empty`);
    assert.ok(en[k].trim().length > 0, `en ${k} is empty`);
    assert.notEqual(vi[k], en[k], `${k} is the same in both languages`);
    assert.deepEqual(ph(vi[k]), ph(en[k]), `${k}: placeholders differ`);
  }
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.startsWith('messages.') ? [p] : [];
  });
}

test('every text is used by the server (no dead entries)', () => {
  const code = sources(join(import.meta.dirname, '../..'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  assert.deepEqual(
    keys.filter((k) => !code.includes(`'${k}'`)),
    [],
  );
});

test('t() picks the language, fills the placeholders it is given and leaves the others for the template', () => {
  assert.equal(t('en', 'sla.duration', { hours: 1, minutes: 5 }), '1 h 5 min');
  assert.equal(t('vi', 'sla.duration', { hours: 1, minutes: 5 }), '1 giờ 5 phút');
  assert.equal(t('fr', 'unsubscribe.title'), 'Hủy nhận thư', 'a language Kith does not speak reads Vietnamese');
  assert.equal(
    t('en-GB', 'unsubscribe.done', { workspace: 'Gốm {{x}}' }),
    'You will no longer receive marketing email from Gốm {{x}}.',
    'a param is inserted once, never read as a placeholder',
  );
  assert.match(t('vi', 'survey.invitation.body'), /^Kính gửi \{\{contact\.name\}\},/);
  assert.equal(bothLanguages('mail.unsubscribe'), 'Hủy nhận thư / Unsubscribe');
});
