import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidEmail, normalizeEmail } from './email.ts';

test('emails are trimmed and lower-cased', () => {
  assert.equal(normalizeEmail('  An.Nguyen@Example.COM '), 'an.nguyen@example.com');
});

test('practical validity', () => {
  for (const ok of ['an@example.com', 'an.nguyen+crm@sub.example.vn', 'x@y.co']) assert.equal(isValidEmail(ok), true, ok);
  for (const bad of ['', 'an', '@example.com', 'an@', 'an@example', 'an@@example.com', 'a n@example.com', 'an@example..com', 'an@example.c', `${'a'.repeat(250)}@example.com`, 'an<x>@example.com']) {
    assert.equal(isValidEmail(normalizeEmail(bad)), false, bad);
  }
});
