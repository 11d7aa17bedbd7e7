import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, formatKpiValue, monthOfPeriod, monthRange, monthsIn, reasonWords, renderReason, ruleFires, totalsByMonth } from './rewards.ts';

const rule = { kpi: 'csat', periodKind: 'month', comparator: 'gte', threshold: 4.5, minN: 5, active: true } as const;

test('a rule fires on a measured value with enough observations, of its KPI and period kind, passing its comparison', () => {
  assert.equal(ruleFires(rule, 'month', { kpi: 'csat', value: 4.5, n: 5 }), true);
  assert.equal(ruleFires(rule, 'month', { kpi: 'csat', value: 4.49, n: 50 }), false);
  assert.equal(ruleFires(rule, 'month', { kpi: 'csat', value: 5, n: 4 }), false, 'too few answers');
  assert.equal(ruleFires(rule, 'month', { kpi: 'csat', value: null, n: 9 }), false);
  assert.equal(ruleFires(rule, 'month', { kpi: 'csat', value: Number.NaN, n: 9 }), false);
  assert.equal(ruleFires(rule, 'quarter', { kpi: 'csat', value: 5, n: 9 }), false, 'a month’s rule at a quarter’s close');
  assert.equal(ruleFires(rule, 'month', { kpi: 'nps', value: 5, n: 9 }), false);
  assert.equal(ruleFires({ ...rule, active: false }, 'month', { kpi: 'csat', value: 5, n: 9 }), false);
  const sla = { ...rule, kpi: 'sla_attainment', comparator: 'lt', threshold: 0.8 } as const;
  assert.equal(ruleFires(sla, 'month', { kpi: 'sla_attainment', value: 0.79, n: 10 }), true);
  assert.equal(ruleFires(sla, 'month', { kpi: 'sla_attainment', value: 0.8, n: 10 }), false);
  assert.equal(ruleFires({ ...sla, comparator: 'lte' }, 'month', { kpi: 'sla_attainment', value: 0.8, n: 10 }), true);
  assert.equal(ruleFires({ ...sla, comparator: 'gt' }, 'month', { kpi: 'sla_attainment', value: 0.8, n: 10 }), false);
});

test('periods: an entry counts toward a month, a quarter’s or a year’s last; a filter period covers its months', () => {
  assert.equal(monthOfPeriod('2026-03'), '2026-03');
  assert.equal(monthOfPeriod('2026-Q2'), '2026-06');
  assert.equal(monthOfPeriod('2026'), '2026-12');
  assert.equal(monthOfPeriod('2026-13'), null);
  assert.deepEqual(monthsIn('2026-Q4'), ['2026-10', '2026-11', '2026-12']);
  assert.equal(monthsIn('2026')?.length, 12);
  assert.deepEqual(monthRange('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  assert.deepEqual(monthRange('2026-02', '2026-01'), []);
  assert.equal(addMonths('2026-12', -11), '2026-01');
  assert.equal(addMonths('2026-01', -1), '2025-12');
  assert.equal(addMonths('2026-12', 1), '2027-01');
});

test('totals: points of warnings and penalties count against; money apart; only the months asked for', () => {
  const t = totalsByMonth(
    [
      { kind: 'bonus', amount: 500_000, points: 10, period: '2026-11' },
      { kind: 'penalty', amount: 200_000, points: 3, period: '2026-11' },
      { kind: 'warning', amount: null, points: 2, period: '2026-12' },
      { kind: 'recognition', amount: null, points: null, period: '2026-12' },
      { kind: 'recognition', amount: null, points: 99, period: '2025-01' },
    ],
    ['2026-11', '2026-12'],
  );
  assert.deepEqual(t.totals, { points: 5, bonus: 500_000, penalty: 200_000, counts: { recognition: 1, bonus: 1, warning: 1, penalty: 1 } });
  assert.deepEqual(
    t.months.map((m) => [m.month, m.points]),
    [
      ['2026-11', 7],
      ['2026-12', -2],
    ],
  );
});

test('a rule’s reason: each word filled in the workspace’s language, an unknown one left as written', () => {
  const words = reasonWords(
    { kpi: 'sla_attainment', comparator: 'lt', threshold: 0.8 },
    { value: 0.725, n: 40, period: '2026-11', person: 'Lan' },
    'vi',
    'VND',
  );
  assert.equal(
    renderReason('{{person}}: {{kpi}} {{value}} {{comparator}} {{threshold}} ({{n}}, {{period}}) {{other}}', words),
    'Lan: Đạt SLA 72,5% < 80% (40, 2026-11) {{other}}',
  );
  assert.equal(
    renderReason('{{ kpi }}', reasonWords({ kpi: 'csat', comparator: 'gte', threshold: 4.5 }, { value: 4.8, n: 9, period: '2026', person: 'A' }, 'en', 'VND')),
    'CSAT of customers served',
  );
  assert.equal(formatKpiValue('minutes', 95.4, 'en'), '95 min');
  assert.equal(formatKpiValue('money', 125_000, 'en', 'USD'), '$1,250.00');
  assert.equal(formatKpiValue('nps', 42, 'vi'), '42');
});
