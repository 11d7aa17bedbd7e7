import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initials, makeFormatters } from './formatters.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test('VND has no decimals, in both languages; other currencies keep theirs', () => {
  const vi = makeFormatters('vi', 'VND', 'Asia/Ho_Chi_Minh');
  const en = makeFormatters('en', 'VND', 'Asia/Ho_Chi_Minh');
  assert.equal(nbsp(vi.money(1_250_000)), '1.250.000 ₫');
  assert.match(nbsp(en.money(1_250_000)), /^₫1,250,000$|^VND 1,250,000$/);
  assert.doesNotMatch(vi.money(1_250_000), /,\d\d/);
  assert.equal(nbsp(vi.money(123_456, 'USD')), '1.234,56 $');
  assert.equal(en.money(123_456, 'USD'), '$1,234.56');
});

test('numbers group the way each language writes them', () => {
  assert.equal(makeFormatters('vi', 'VND', 'UTC').number(1234567.5), '1.234.567,5');
  assert.equal(makeFormatters('en', 'VND', 'UTC').number(1234567.5), '1,234,567.5');
});

test('instants show in the workspace time zone; calendar dates as written', () => {
  const f = makeFormatters('en', 'VND', 'Asia/Ho_Chi_Minh');
  // 23:30 UTC on the 1st is already the 2nd in Ho Chi Minh City (UTC+7).
  assert.match(f.date('2026-03-01T23:30:00Z'), /2 Mar 2026/);
  assert.match(f.dateTime('2026-03-01T23:30:00Z'), /06:30/);
  // A birthday is a date, not an instant: no time zone may move it.
  assert.match(f.date('1990-03-01'), /1 Mar 1990/);
  assert.match(makeFormatters('vi', 'VND', 'Pacific/Honolulu').date('1990-03-01'), /1 thg 3, 1990/);
  assert.equal(f.date(null), '');
  // A birthday without its year shows its day and month only.
  assert.equal(makeFormatters('vi', 'VND', 'Asia/Ho_Chi_Minh').date('--12-03'), '3 tháng 12');
  assert.equal(f.date('--12-03'), '3 December');
  assert.equal(f.date('--02-29'), '29 February');
});

test('initials take the first letter of the first and last words, skipping markup and punctuation', () => {
  assert.equal(initials('Nguyễn Văn An'), 'NA');
  assert.equal(initials('  đỗ  '), 'Đ');
  assert.equal(initials('<img src=x onerror=alert(1)> Bobby'), 'IB');
  assert.equal(initials('--- ***'), '?');
});
