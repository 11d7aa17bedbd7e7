import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidEmail, normalizeEmail } from './email.ts';

test('emails are trimmed and lower-cased', () => {
  assert.equal(normalizeEmail('  An.Nguyen@Example.COM '), 'an.nguyen@example.com');
});

test('practical validity', () => {
  for (const ok of ['an@example.com', 'an.nguyen+crm@sub.example.vn', 'x@y.co']) assert.equal(isValidEmail(ok), true, ok);
  for (const bad of [
    '',
    'an',
    '@example.com',
    'an@',
    'an@example',
    'an@@example.com',
    'a n@example.com',
    'an@example..com',
    'an@example.c',
    `${'a'.repeat(250)}@example.com`,
    'an<x>@example.com',
  ]) {
    assert.equal(isValidEmail(normalizeEmail(bad)), false, bad);
  }
});

test('invisible and text-direction characters are refused, naming the character', async () => {
  const { emailProblem } = await import('./email.ts');
  for (const hidden of [
    '\u200b',
    '\u200c',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u00ad',
    '\u202e',
    '\u202d',
    '\u2066',
    '\u2069',
    '\u200e',
    '\u061c',
    '\u0007',
    '\u0085',
    '\u2028',
    '\u{e0041}',
    '\ufe0f',
  ]) {
    const addr = normalizeEmail(`an${hidden}@example.com`);
    const p = emailProblem(addr);
    assert.equal(p?.code, 'invisible_characters', JSON.stringify(hidden));
    assert.match(p!.message, /U\+[0-9A-F]{4,5}/);
    assert.equal(isValidEmail(addr), false);
  }
  assert.equal(emailProblem(normalizeEmail('nguyễn.thị.ánh@example.vn')), null, 'Vietnamese letters are fine');
});

test('letters of several alphabets in one part of an address are flagged; Vietnamese and safe East Asian mixes are not', async () => {
  const { mixedScripts, accountEmailProblem } = await import('./email.ts');
  assert.deepEqual(mixedScripts('\u0430dmin@example.com'), ['Cyrillic', 'Latin'], 'a Cyrillic а before Latin letters');
  assert.deepEqual(mixedScripts('admin@ex\u0430mple.com'), ['Latin', 'Cyrillic'], 'in the domain');
  assert.deepEqual(mixedScripts('admin@example.c\u03bfm'), ['Latin', 'Greek']);
  assert.equal(mixedScripts('\u0430\u0434\u043c\u0438\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444'), null, 'all Cyrillic is one script');
  assert.equal(mixedScripts('an.nguyễn@công-ty.vn'), null);
  assert.equal(mixedScripts('田中taro@example.jp'), null, 'Han with Latin is a mix Unicode allows');
  assert.equal(mixedScripts('anh@example.com'), null);
  assert.equal(accountEmailProblem('\u0430dmin@example.com')?.code, 'mixed_scripts');
  assert.equal(accountEmailProblem('an\u200b@example.com')?.code, 'invisible_characters');
  assert.equal(accountEmailProblem('an@example.com'), null);
});
