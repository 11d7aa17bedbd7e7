import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageOn, birthdayParts, isYearlessBirthday, yearlessBirthday } from './birthday.ts';

test('a birthday is a full date or a year-less --MM-DD', () => {
  assert.deepEqual(birthdayParts('1990-12-03'), { year: 1990, month: 12, day: 3 });
  assert.deepEqual(birthdayParts('--12-03'), { year: null, month: 12, day: 3 });
  assert.deepEqual(birthdayParts('--02-29'), { year: null, month: 2, day: 29 }, 'a leap-day birthday has no year to be wrong in');
  for (const bad of ['--02-30', '--13-01', '--00-10', '--1203', '1990-02-29', '1990-12-3', '', '12-03']) assert.equal(birthdayParts(bad), null, bad);
  assert.equal(isYearlessBirthday('--12-03'), true);
  assert.equal(isYearlessBirthday('1990-12-03'), false);
  assert.equal(isYearlessBirthday('--04-31'), false);
  assert.equal(yearlessBirthday(12, 3), '--12-03');
  assert.equal(yearlessBirthday(4, 31), null);
});

test('an age needs a year', () => {
  assert.equal(ageOn('1990-12-03', '2026-12-02'), 35);
  assert.equal(ageOn('1990-12-03', '2026-12-03'), 36);
  assert.equal(ageOn('--12-03', '2026-12-03'), null);
});
