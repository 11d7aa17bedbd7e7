import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyseClv } from '@kith/domain/analytics/clv.ts';
import { dayNumber, purchaseDays, type Transaction } from '@kith/domain/analytics/transactions.ts';
import { clvJsonChunks, clvOfFile, clvTotals, json6, roundTo } from './clv-file.ts';

/** The CLI's lifetime value from a file, in columns and batches: the same figures and the same JSON text as the object form. */
describe('lifetime value of a transactions file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-clv-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Sixty customers, a third buying every few weeks, some on the same day twice; one id with a quote and a line separator.
  const tx: Transaction[] = [];
  for (let c = 0; c < 60; c++) {
    const id = c === 7 ? 'k"h\u2028ách' : `c${c}`;
    const every = c % 3 === 0 ? 9 + (c % 5) : c % 3 === 1 ? 40 : 400;
    for (let d = c % 20; d < 300; d += every) {
      const date = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      tx.push({ customerId: id, date, amount: 10 + (c % 7) + (d % 3) / 4 });
      if (c % 11 === 0) tx.push({ customerId: id, date, amount: 2.5 });
    }
  }
  const o = { unit: 'week' as const, horizon: 26, annualDiscountRate: 0.1 };
  const end = dayNumber('2026-08-01');
  const path = join(dir, 't.csv');
  writeFileSync(
    path,
    `customer_id,date,amount\n${tx.map((t) => `${t.customerId.includes('"') ? `"${t.customerId.replace(/"/g, '""')}"` : t.customerId},${t.date},${t.amount}`).join('\n')}\n`,
  );

  test('the figures are analyseClv’s of the same purchases, and the JSON is JSON.stringify of them rounded, in batches', async () => {
    const r = (await clvOfFile(path, end, o))!;
    const objects = analyseClv(purchaseDays(tx), end, o);
    assert.equal(r.ids.length, 60);
    assert.deepEqual(r.bgnbd, objects.bgnbd);
    assert.deepEqual(r.gammaGamma, objects.gammaGamma);
    objects.customers.forEach((c, i) => assert.deepEqual([r.ids[i], r.clv[i], r.pAlive[i], r.monetary[i]], [c.customerId, c.clv, c.pAlive, c.monetary]));
    const safe = (s: string) => s.replace(/\u2028/g, '\\u2028');
    const whole = `${safe(
      JSON.stringify({
        bgnbd: {
          r: roundTo(r.bgnbd.r),
          alpha: roundTo(r.bgnbd.alpha),
          a: roundTo(r.bgnbd.a),
          b: roundTo(r.bgnbd.b),
          logLikelihood: roundTo(r.bgnbd.logLikelihood, 4),
        },
        gammaGamma: {
          p: roundTo(r.gammaGamma.p),
          q: roundTo(r.gammaGamma.q),
          v: roundTo(r.gammaGamma.v),
          logLikelihood: roundTo(r.gammaGamma.logLikelihood, 4),
        },
        customers: objects.customers.map((c) => ({
          customerId: c.customerId,
          frequency: c.frequency,
          recency: roundTo(c.recency),
          T: roundTo(c.T),
          monetary: roundTo(c.monetary),
          pAlive: roundTo(c.pAlive),
          expectedPurchases: roundTo(c.expectedPurchases),
          expectedSpend: roundTo(c.expectedSpend),
          clv: roundTo(c.clv),
        })),
      }),
    )}\n`;
    for (const batch of [1, 7, 256]) {
      const chunks = [...clvJsonChunks(r, safe, batch)];
      assert.equal(chunks.length, Math.ceil(60 / batch) + 1);
      assert.equal(chunks.join(''), whole, `batches of ${batch}`);
    }
    assert.ok(whole.includes('k\\"h\\u2028ách'));
    const totals = clvTotals(r);
    assert.equal(
      totals.value,
      objects.customers.reduce((s, c) => s + roundTo(c.clv), 0),
    );
    assert.equal(await clvOfFile(path, dayNumber('2025-12-31'), o), null);
  });

  test('a figure printed from integers is the text JSON.stringify gives for it rounded to six decimals', () => {
    let seed = 11;
    const u = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = [0, -0, 1e-7, 5e-7, 1e-6, 0.1, 0.5, 1, 10, 123456.1234565, 9e9, -1.5, -4e-7, Number.NaN, Number.POSITIVE_INFINITY, 1e16, 2 ** 53 / 1e6];
    for (let i = 0; i < 200_000; i++) values.push(u() * 10 ** (Math.floor(u() * 16) - 7), Math.round(u() * 1e8) / 1e6);
    for (const x of values) assert.equal(json6(x), JSON.stringify(roundTo(x)), String(x));
  });
});
