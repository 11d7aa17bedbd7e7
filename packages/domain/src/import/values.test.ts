import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countDateOrderEvidence,
  dateOrderEvidence,
  detectDateOrder,
  isEmptyDate,
  parseBirthday,
  parseDate,
  parseDateTime,
  parseWholeNumber,
} from './values.ts';

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

test('each cell is evidence for an order of day and month, or none', () => {
  assert.equal(dateOrderEvidence('25/01/2026'), 'dmy');
  assert.equal(dateOrderEvidence('01/25/2026'), 'mdy');
  assert.equal(dateOrderEvidence('1/25/26 14:30'), 'mdy');
  assert.equal(dateOrderEvidence('03/04/2026'), 'either');
  assert.equal(dateOrderEvidence('03.03.2026'), 'same');
  assert.equal(dateOrderEvidence('31/12'), 'dmy', 'a year-less day counts too');
  assert.equal(dateOrderEvidence('12/31'), 'mdy');
  assert.equal(dateOrderEvidence('31/02/2026'), null, 'no 31 February, no 2 of month 31');
  assert.equal(dateOrderEvidence('30/02/2026'), null);
  assert.equal(dateOrderEvidence('2026-01-25'), null, 'year first reads the same in any column');
  assert.equal(dateOrderEvidence('46047'), null);
  assert.equal(dateOrderEvidence('0/0/00'), null);
  assert.equal(dateOrderEvidence('hôm qua'), null);
});

test("a column's order: decided by its cells, guessed when none decides, refused when they disagree", () => {
  assert.deepEqual(detectDateOrder(countDateOrderEvidence(['25/01/2026', '03/04/2026', '', '03/03/2026'])), { order: 'dmy', ambiguous: false });
  assert.deepEqual(detectDateOrder(countDateOrderEvidence(['01/25/2026', '03/04/2026'])), { order: 'mdy', ambiguous: false });
  assert.deepEqual(detectDateOrder(countDateOrderEvidence(['03/04/2026', '05/06/2026'])), { order: 'dmy', ambiguous: true });
  assert.deepEqual(detectDateOrder({ either: 2 }, 'mdy'), { order: 'mdy', ambiguous: true });
  assert.deepEqual(detectDateOrder({ same: 3 }), { order: 'dmy', ambiguous: false }, 'reads alike either way');
  assert.deepEqual(detectDateOrder({}), { order: 'dmy', ambiguous: false });
  assert.deepEqual(detectDateOrder(countDateOrderEvidence(['25/01/2026', '01/25/2026'])), { order: null, ambiguous: true });
});

test('the empty dates other systems write', () => {
  for (const s of ['', '  ', '0/0/00', '0/0/0000', '00/00/0000', '0000-00-00', '1/1/4501', '4501-01-01', '1/1/1601', '1601-01-01', '0', '0.0'])
    assert.equal(isEmptyDate(s), true, s);
  for (const s of ['1/1/2001', '01/01/1960', '2026-01-25', '46047', '1/2/1601']) assert.equal(isEmptyDate(s), false, s);
  assert.equal(parseDate('0/0/00'), null, 'parseDate still refuses them: the caller asks isEmptyDate');
});

test('birthdays: full dates, days of the year without their year, and empty ones', () => {
  assert.deepEqual(parseBirthday('25/01/1990'), { value: '1990-01-25' });
  assert.deepEqual(parseBirthday('01/25/1990', 'mdy'), { value: '1990-01-25' });
  assert.deepEqual(parseBirthday('1990-01-25'), { value: '1990-01-25' });
  assert.deepEqual(parseBirthday('--12-03'), { value: '--12-03' }, 'Google Contacts, vCard 4');
  assert.deepEqual(parseBirthday('--1203'), { value: '--12-03' }, 'vCard 3 basic form');
  assert.deepEqual(parseBirthday('1604-12-03'), { value: '--12-03' }, "Apple's omitted year");
  assert.deepEqual(parseBirthday('03/12'), { value: '--12-03' }, 'day first');
  assert.deepEqual(parseBirthday('3.12'), { value: '--12-03' });
  assert.deepEqual(parseBirthday('12/03', 'mdy'), { value: '--12-03' });
  assert.deepEqual(parseBirthday('29/02'), { value: '--02-29' });
  for (const s of ['', '0/0/00', '00/00/0000', '1/1/4501', '0']) assert.deepEqual(parseBirthday(s), { empty: true }, s);
  for (const s of ['--13-01', '--02-30', '31/02', '13/13', 'sinh nhật', '25/13/1990']) assert.equal(parseBirthday(s), null, s);
});
