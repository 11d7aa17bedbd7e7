import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFormatters } from '../../lib/formatters.ts';
import {
  compareBy,
  csvText,
  csvValue,
  formatAttainment,
  formatInterval,
  formatMinutes,
  formatValue,
  parseLocaleNumber,
  parseTarget,
  ranks,
  targetToInput,
} from './kpi-format.ts';

const vi = makeFormatters('vi', 'VND', 'Asia/Ho_Chi_Minh');
const en = makeFormatters('en', 'VND', 'Asia/Ho_Chi_Minh');
const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test('money in the workspace currency: VND without decimals, USD in cents', () => {
  assert.equal(sp(formatValue(vi, 'money', 12_500_000, 'VND')), '12.500.000 ₫');
  assert.equal(sp(formatValue(en, 'money', 12_500_000.4, 'VND')), '₫12,500,000');
  assert.equal(formatValue(en, 'money', 123_456, 'USD'), '$1,234.56');
  assert.equal(formatValue(vi, 'money', null, 'VND'), '—');
});

test('shares as percentages, counts, CSAT with two decimals, NPS signed', () => {
  assert.equal(sp(formatValue(vi, 'share', 0.4567, 'VND')), '45,7%');
  assert.equal(formatValue(en, 'share', 0.5, 'VND'), '50%');
  assert.equal(formatValue(vi, 'count', 1234, 'VND'), '1.234');
  assert.equal(formatValue(vi, 'score', 4.333, 'VND'), '4,33');
  assert.equal(formatValue(en, 'score', 4, 'VND'), '4.0');
  assert.equal(formatValue(vi, 'nps', 33.4, 'VND'), '+33');
  assert.equal(formatValue(vi, 'nps', -20, 'VND'), '-20');
  assert.equal(formatValue(vi, 'nps', 0, 'VND'), '0');
  assert.equal(sp(formatInterval(vi, 'score', { low: 3.81, high: 4.92 }, 'VND')!), '3,81–4,92');
  assert.equal(formatInterval(vi, 'score', null, 'VND'), null);
  assert.equal(sp(formatAttainment(vi, 0.873)), '87%');
});

test('minutes as hours and minutes, in the reader’s language', () => {
  assert.equal(sp(formatMinutes(vi, 135)), '2 giờ 15 phút');
  assert.equal(sp(formatMinutes(en, 135)), '2h 15m');
  assert.equal(sp(formatMinutes(vi, 45)), '45 phút');
  assert.equal(sp(formatMinutes(en, 120)), '2h');
  assert.equal(sp(formatMinutes(vi, 59.6)), '1 giờ');
});

test('numbers as typed: Vietnamese dots group thousands and the comma is the decimal mark; English the other way', () => {
  assert.equal(parseLocaleNumber('50.000.000', ','), 50_000_000);
  assert.equal(parseLocaleNumber('4,5', ','), 4.5);
  assert.equal(parseLocaleNumber('4.5', ','), 4.5, 'one dot not followed by three digits is a decimal mark');
  assert.equal(parseLocaleNumber('1.500', ','), 1500);
  assert.equal(parseLocaleNumber('50,000,000', '.'), 50_000_000);
  assert.equal(parseLocaleNumber('12.5 %', '.'), 12.5);
  assert.equal(parseLocaleNumber('-20', '.'), -20);
  assert.equal(parseLocaleNumber('−20', ','), -20);
  for (const bad of ['', 'abc', '1.2.3,4,5', '12,34,5', '=1+1', '1e9']) assert.equal(parseLocaleNumber(bad, ','), null, bad);
});

test('targets typed in the unit a person thinks in: money in đồng, shares in percent', () => {
  assert.deepEqual(parseTarget('50.000.000', 'money', 'VND', ','), { ok: true, value: 50_000_000 });
  assert.deepEqual(parseTarget('12,5', 'money', 'VND', ','), { ok: false, error: 'decimals' });
  assert.deepEqual(parseTarget('12.50', 'money', 'USD', '.'), { ok: true, value: 1250 });
  assert.deepEqual(parseTarget('85', 'share', 'VND', ','), { ok: true, value: 0.85 });
  assert.deepEqual(parseTarget('x', 'count', 'VND', ','), { ok: false, error: 'number' });
  assert.equal(targetToInput(vi, 'money', 50_000_000, 'VND'), '50.000.000');
  assert.equal(targetToInput(vi, 'share', 0.855, 'VND'), '85,5');
  assert.equal(targetToInput(en, 'score', 4.5, 'VND'), '4.5');
  assert.equal(targetToInput(vi, 'count', null, 'VND'), '');
  // What an input shows reads back as the same target.
  for (const [unit, v] of [
    ['money', 123_456_789],
    ['share', 0.33],
    ['count', 1200],
    ['nps', -15],
  ] as const)
    assert.deepEqual(parseTarget(targetToInput(vi, unit, v, 'VND'), unit, 'VND', ','), { ok: true, value: v });
});

test('CSV: text cells that would run as formulas are made safe, numbers are plain, Vietnamese survives', () => {
  const text = csvText([
    ['Tên', 'Doanh thu'],
    ['=HYPERLINK("http://x")', 1250000],
    ['Nguyễn Văn An, nhóm 1', -20],
    ['@SUM(A1)', null],
  ]);
  assert.equal(text.charCodeAt(0), 0xfeff);
  const lines = text.slice(1).split('\r\n');
  assert.equal(lines[0], 'Tên,Doanh thu');
  assert.equal(lines[1], `"'=HYPERLINK(""http://x"")",1250000`);
  assert.equal(lines[2], '"Nguyễn Văn An, nhóm 1",-20');
  assert.equal(lines[3], `"'@SUM(A1)",`);
  assert.equal(csvValue('money', 12_500_000, 'VND'), 12_500_000);
  assert.equal(csvValue('money', 1250, 'USD'), 12.5);
  assert.equal(csvValue('share', 0.4567, 'VND'), 45.67);
});

test('ranking: best first by the KPI’s direction, ties share a rank, nothing measured goes last', () => {
  const higher = [3, null, 5, 5, 1].sort(compareBy('higher'));
  assert.deepEqual(higher, [5, 5, 3, 1, null]);
  assert.deepEqual(ranks(higher), [1, 1, 3, 4, null]);
  assert.deepEqual([30, null, 10, 20].sort(compareBy('lower')), [10, 20, 30, null]);
});
