import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DUPLICATE_THRESHOLD, nameSimilarity, scoreDuplicate, type DuplicateFacts } from './score.ts';

const base: DuplicateFacts = { name: 'Nguyễn Thị Hồng', externalId: null, emails: [], phones: [], birthday: null, companyId: null, province: null };

test('the same email or phone with the same name is a strong candidate, with its reasons strongest first', () => {
  const r = scoreDuplicate({ ...base, emails: ['hong@x.vn'] }, { ...base, name: 'NGUYEN THI HONG', emails: ['hong@x.vn'] });
  assert.deepEqual(r, { score: 0.9, reasons: ['same_email', 'same_name'] });
  assert.ok(scoreDuplicate({ ...base, phones: ['+84912000111'] }, { ...base, name: 'Lan', phones: ['+84912000111'] }).score >= DUPLICATE_THRESHOLD);
});

test('the same name alone is not enough; with the same birthday it is', () => {
  assert.ok(scoreDuplicate(base, base).score < DUPLICATE_THRESHOLD);
  assert.ok(scoreDuplicate({ ...base, province: 'ha-noi' }, { ...base, province: 'ha-noi' }).score < DUPLICATE_THRESHOLD);
  const r = scoreDuplicate({ ...base, birthday: '1990-01-25' }, { ...base, birthday: '1990-01-25' });
  assert.deepEqual(r.reasons, ['same_name', 'same_birthday']);
  assert.ok(r.score >= DUPLICATE_THRESHOLD);
});

test('a contradiction lowers the score: different birthdays, different ids in another system', () => {
  const shared = { ...base, phones: ['+84912000111'] };
  assert.ok(scoreDuplicate({ ...shared, birthday: '1990-01-25' }, { ...shared, birthday: '1962-03-01' }).score < scoreDuplicate(shared, shared).score);
  const r = scoreDuplicate({ ...shared, externalId: 'KH-1' }, { ...shared, externalId: 'KH-2' });
  assert.ok(r.reasons.includes('different_external_id'));
  assert.ok(r.score < DUPLICATE_THRESHOLD, 'two customer ids: two customers, even on one phone');
  assert.equal(scoreDuplicate({ ...base, externalId: 'KH-1' }, { ...base, name: 'Ai', externalId: 'KH-1' }).score, 1);
});

test('name similarity ignores case, diacritics and word order', () => {
  assert.equal(nameSimilarity('Nguyễn Thị Hồng', 'hong nguyen thi'), 1);
  assert.equal(Math.round(nameSimilarity('Nguyễn Thị Hồng', 'Nguyễn Hồng') * 100) / 100, 0.67);
  assert.equal(nameSimilarity('An', ''), 0);
});

test('the same name at the same company is offered; in the same province it is not', () => {
  const base2: DuplicateFacts = { name: 'Lê Văn Tám', externalId: null, emails: [], phones: [], birthday: null, companyId: 'c1', province: 'ha-noi' };
  assert.ok(scoreDuplicate(base2, base2).score >= DUPLICATE_THRESHOLD);
  assert.ok(scoreDuplicate({ ...base2, companyId: null }, { ...base2, companyId: null }).score < DUPLICATE_THRESHOLD);
});

test('a birthday without its year agrees with a full date on the same day; a phone is one whatever its extension', () => {
  assert.deepEqual(scoreDuplicate({ ...base, birthday: '--01-25' }, { ...base, birthday: '1990-01-25' }).reasons, ['same_name', 'same_birthday']);
  assert.deepEqual(scoreDuplicate({ ...base, birthday: '--01-25' }, { ...base, birthday: '--01-26' }).reasons, ['same_name', 'different_birthday']);
  const r = scoreDuplicate({ ...base, name: 'A', phones: ['+842838221234;ext=12'] }, { ...base, name: 'B', phones: ['+842838221234'] });
  assert.deepEqual(r.reasons, ['same_phone']);
});
