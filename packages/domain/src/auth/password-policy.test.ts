import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblem } from './password-policy.ts';

test('long, uncommon passwords pass', () => {
  assert.equal(passwordProblem('correct horse battery staple'), null);
  assert.equal(passwordProblem('Mưa rơi trên phố cũ 2026'), null);
});

test('short, common, repetitive or email-derived passwords are refused with a reason', () => {
  for (const p of [
    'short',
    '1234567',
    'password',
    'password1',
    '12345678',
    'qwertyuiop',
    'iloveyou',
    'matkhau123',
    'anhyeuem',
    '123456789a',
    'aaaaaaaaaaaa',
    'PASSWORD1',
  ]) {
    assert.ok(passwordProblem(p), p);
  }
  assert.match(passwordProblem('annguyen2026!', { email: 'annguyen@example.com' })!.message, /email/);
  assert.equal(passwordProblem('annguyen2026!', { email: 'annguyen@example.com' })!.code, 'password_contains_email');
  assert.match(passwordProblem('x'.repeat(300))!.message, /at most/);
  assert.deepEqual(passwordProblem('short')!.params, { minimum: 8 });
  assert.match(passwordProblem('abc\ud800defgh')!.message, /surrogate/);
});
