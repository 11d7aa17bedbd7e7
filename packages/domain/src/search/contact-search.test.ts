import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContactSearchText, parseSearchQuery } from './contact-search.ts';

test('the search line holds folded names, emails split and joined, phone forms and the company', () => {
  const line = buildContactSearchText({
    name: 'Nguyễn Văn An',
    givenName: 'An',
    familyName: 'Nguyễn',
    emails: ['an.nguyen@example.com'],
    phones: ['+84912345678'],
    companyName: 'Công ty Hoa Sen',
  });
  const tokens = line.split(' ');
  for (const t of ['nguyen', 'van', 'an', 'example', 'com', 'annguyenexamplecom', '84912345678', '0912345678', '912345678', 'cong', 'ty', 'hoa', 'sen'])
    assert.ok(tokens.includes(t), t);
  assert.equal(new Set(tokens).size, tokens.length, 'no repeats');
  assert.ok(tokens.every((t) => /^[a-z0-9]+$/.test(t)));
});

test('queries: phone-like input is one digit string, email-like one joined token, anything else folded words', () => {
  assert.deepEqual(parseSearchQuery('0912 345 678'), ['0912345678']);
  assert.deepEqual(parseSearchQuery('+84 (912) 345-678'), ['84912345678']);
  assert.deepEqual(parseSearchQuery('an.nguyen@ex'), ['annguyenex']);
  assert.deepEqual(parseSearchQuery('  NGUYỄN   Văn an '), ['nguyen', 'van', 'an']);
  assert.deepEqual(parseSearchQuery('Đạt'), ['dat']);
  assert.deepEqual(parseSearchQuery('12'), ['12'], 'two digits are a word, not a phone');
  assert.deepEqual(parseSearchQuery('   '), []);
  assert.deepEqual(parseSearchQuery('"; drop table --'), ['drop', 'table'], 'only letters and digits reach the index query');
  assert.equal(parseSearchQuery('a b c d e f g h i j k').length, 8);
  assert.ok(parseSearchQuery('x'.repeat(500)).every((t) => t.length <= 40));
});
