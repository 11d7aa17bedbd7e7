import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate, parseDateTime, parseWholeNumber } from './values.ts';

test('dates as Vietnamese files write them, ISO dates and Excel serials', () => {
  assert.equal(parseDate('25/01/2026'), '2026-01-25');
  assert.equal(parseDate('5/1/2026'), '2026-01-05');
  assert.equal(parseDate('25-01-2026'), '2026-01-25');
  assert.equal(parseDate('25.01.26'), '2026-01-25');
  assert.equal(parseDate('2026-01-25'), '2026-01-25');
  assert.equal(parseDate('01/25/2026', 'mdy'), '2026-01-25');
  assert.equal(parseDate('46047'), '2026-01-25', 'Excel serial');
  assert.equal(parseDate('31/02/2026'), null, 'no 31 February');
  assert.equal(parseDate('25/13/2026'), null);
  assert.equal(parseDate('hôm qua'), null);
  assert.equal(parseDate(''), null);
});

test('date-times: a time without a zone is Vietnam time', () => {
  assert.equal(parseDateTime('25/01/2026 14:30'), '2026-01-25T07:30:00.000Z');
  assert.equal(parseDateTime('25/01/2026'), '2026-01-24T17:00:00.000Z', 'midnight in Vietnam');
  assert.equal(parseDateTime('25/01/2026 02:30 PM'), '2026-01-25T07:30:00.000Z');
  assert.equal(parseDateTime('2026-01-25T14:30:00+07:00'), '2026-01-25T07:30:00.000Z');
  assert.equal(parseDateTime('25/01/2026 25:00'), null);
});

test('whole numbers with thousands separators either way', () => {
  assert.equal(parseWholeNumber('3'), 3);
  assert.equal(parseWholeNumber('1.200'), 1200);
  assert.equal(parseWholeNumber('1,200,000'), 1_200_000);
  assert.equal(parseWholeNumber('1.5'), null);
  assert.equal(parseWholeNumber('abc'), null);
});
