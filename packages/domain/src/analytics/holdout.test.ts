import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sharedData } from '../../test/shared-data.ts';
import { holdoutCheck, holdoutSplit } from './holdout.ts';
import { dayNumber, purchaseDays, type Transaction } from './transactions.ts';

describe('calibration/holdout check', () => {
  test('the split: half the history, at most 52 weeks, whole weeks; none under 8 weeks', () => {
    assert.equal(holdoutSplit(0, 50), null);
    assert.deepEqual(holdoutSplit(0, 100), { calibrationEnd: 100 - 49, holdoutEnd: 100 });
    assert.deepEqual(holdoutSplit(0, 2000), { calibrationEnd: 2000 - 364, holdoutEnd: 2000 });
  });

  test('too few customers, or nobody buying again: no check', () => {
    const one = purchaseDays([{ customerId: 'a', date: '2026-01-01', amount: 1 }]);
    assert.equal(holdoutCheck(one, dayNumber('2026-02-01'), dayNumber('2026-03-01'), 'week'), null);
    const once = purchaseDays(Array.from({ length: 20 }, (_, i) => ({ customerId: `c${i}`, date: '2026-01-01', amount: 1 })));
    assert.equal(holdoutCheck(once, dayNumber('2026-02-01'), dayNumber('2026-03-01'), 'week'), null);
  });
});

const sample = sharedData('cdnow', 'CDNOW_sample.txt');

describe('on CDNOW (FHL 2005: 39 weeks of calibration to 1997-09-30, 39 of holdout)', {
  skip: sample ? false : 'the CDNOW reference data (../shared/data/cdnow) is not on this machine',
}, () => {
  test('the published fit; the conditional expectations by calibration frequency and the tracking curve follow what happened', () => {
    const tx: Transaction[] = readFileSync(sample!, 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.trim().split(/\s+/))
      .map(([, id, d, , amount]) => ({
        customerId: String(Number(id)),
        date: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
        amount: Number(amount),
      }));
    const h = holdoutCheck(purchaseDays(tx), dayNumber('1997-09-30'), dayNumber('1998-06-30'), 'week')!;
    assert.equal(h.customers, 2357);
    assert.ok(Math.abs(h.params.r - 0.243) < 0.0005 && Math.abs(h.params.alpha - 4.414) < 0.0005, JSON.stringify(h.params));
    assert.deepEqual(
      h.byFrequency.map((b) => b.frequency),
      ['0', '1', '2', '3', '4', '5', '6', '7+'],
    );
    assert.equal(h.byFrequency[0]!.customers, 1411);
    assert.equal(
      h.byFrequency.reduce((s, b) => s + b.customers, 0),
      2357,
    );
    // Without repeats in calibration: 0.23 predicted vs 0.24 made (FHL figure 4).
    assert.ok(Math.abs(h.byFrequency[0]!.predicted - h.byFrequency[0]!.actual) < 0.02, JSON.stringify(h.byFrequency[0]));
    // Predicted rises with calibration frequency, as the actual does.
    for (let i = 1; i < 8; i++) assert.ok(h.byFrequency[i]!.predicted > h.byFrequency[i - 1]!.predicted, `bucket ${i}`);
    // Tracking: in-sample within 3% at the calibration end; at the holdout end the model's total within 10%.
    const atCal = h.tracking.find((p) => p.day >= dayNumber('1997-09-30'))!;
    assert.ok(Math.abs(atCal.predicted - atCal.actual) / atCal.actual < 0.03, JSON.stringify(atCal));
    const last = h.tracking.at(-1)!;
    assert.equal(last.day, dayNumber('1998-06-30'));
    assert.ok(Math.abs(last.predicted - last.actual) / last.actual < 0.1, JSON.stringify(last));
    for (let i = 1; i < h.tracking.length; i++)
      assert.ok(h.tracking[i]!.predicted >= h.tracking[i - 1]!.predicted && h.tracking[i]!.actual >= h.tracking[i - 1]!.actual);
  });
});
