import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TFunction } from 'i18next';
import { makeFormatters } from '../../lib/formatters.ts';
import { delta, evidenceValue, level, pct, wrap } from './assessment-format.ts';

const vi = makeFormatters('vi', 'VND', 'Asia/Ho_Chi_Minh');
const en = makeFormatters('en', 'VND', 'Asia/Ho_Chi_Minh');
/** A stand-in for i18next: the key and its formatted value, so the unit's wording is visible. */
const t = ((k: string, o?: { formatted?: string }) => `${k.split('.').pop()}:${o?.formatted ?? ''}`) as unknown as TFunction;

test('scores: a percentage to one decimal in the reader’s language, none as a dash', () => {
  assert.equal(pct(vi, 54.4375), '54,4%');
  assert.equal(pct(en, 54.4375), '54.4%');
  assert.equal(pct(vi, 50), '50%');
  assert.equal(pct(vi, null), '—');
  assert.equal(level(vi, 7 / 3), '2,3');
});

test('a change is signed, with a true minus', () => {
  assert.equal(delta(vi, 10.63), '+10,6');
  assert.equal(delta(en, -3), '−3');
  assert.equal(delta(en, 0.01), '0');
  assert.equal(delta(en, null), '—');
});

test('an indicator’s value by its unit: shares are fractions, the NPS is signed, durations and rates are worded', () => {
  const v = (unit: string, value: number | null, key = 'owner_coverage') => evidenceValue(vi, { key, unit, value } as never, t);
  assert.equal(v('share', 0), '0%');
  assert.equal(v('share', 0.4567), '45,7%');
  assert.equal(v('count', 1234), '1.234');
  assert.equal(v('score', 23.6, 'nps'), '+24');
  assert.equal(v('score', -12, 'nps'), '−12');
  assert.equal(v('score', 0.8123, 'workload_balance'), '0,81');
  assert.equal(v('mean', 4.26), '4,3');
  assert.equal(v('hours', 30.25), 'hours:30,3');
  assert.equal(v('days', 12), 'days:12');
  assert.equal(v('per_month', 8.5), 'perMonth:8,5');
  assert.equal(v('per_thousand', 3.21), 'per1000:3,2');
  assert.equal(v('share', null), '—');
});

test('a long label is broken at spaces into lines of about the width', () => {
  assert.equal(wrap('Quản lý khách hàng: thu hút, phát triển, giữ chân', 18), 'Quản lý khách\nhàng: thu hút,\nphát triển, giữ\nchân');
  assert.equal(wrap('Đo lường', 18), 'Đo lường');
});
