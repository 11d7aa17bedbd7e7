import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { computeRfm, DEFAULT_RFM_GRID, isRfmGrid, ntile, RFM_SEGMENTS } from './rfm.ts';
import { dayNumber, purchaseDays } from './transactions.ts';

describe('RFM', () => {
  test('ntile is SQL’s NTILE(5): checked against SQLite’s window function for 1 to 60 rows', () => {
    const db = new BetterSqlite3(':memory:');
    for (let n = 1; n <= 60; n++) {
      const sql = `with recursive s(i) as (select 0 union all select i + 1 from s where i < ${n - 1}) select i, ntile(5) over (order by i) as t from s order by i`;
      const want = (db.prepare(sql).all() as { i: number; t: number }[]).map((r) => r.t);
      assert.deepEqual(
        Array.from({ length: n }, (_, i) => ntile(i, n, 5)),
        want,
        `n = ${n}`,
      );
    }
    db.close();
  });

  test('the grid names every cell with one of the ten segments, as the issue lists them', () => {
    assert.ok(isRfmGrid(DEFAULT_RFM_GRID));
    const cell = (r: number, f: number) => DEFAULT_RFM_GRID[r - 1]![f - 1];
    assert.deepEqual(
      [cell(5, 4), cell(5, 5), cell(3, 4), cell(4, 5), cell(4, 2), cell(5, 3), cell(5, 1), cell(4, 1), cell(3, 3), cell(3, 1), cell(3, 2)],
      [
        'champions',
        'champions',
        'loyal',
        'loyal',
        'potential_loyalists',
        'potential_loyalists',
        'new',
        'promising',
        'need_attention',
        'about_to_sleep',
        'about_to_sleep',
      ],
    );
    assert.deepEqual(
      [cell(1, 5), cell(2, 5), cell(1, 3), cell(2, 4), cell(1, 1), cell(2, 2)],
      ['cant_lose_them', 'cant_lose_them', 'at_risk', 'at_risk', 'hibernating', 'hibernating'],
    );
    assert.deepEqual(new Set(DEFAULT_RFM_GRID.flat()), new Set(RFM_SEGMENTS));
    assert.equal(isRfmGrid([['champions']]), false);
  });

  test('recency in days, frequency in purchase days, monetary in total spend; scores by quintile with 5 best; later purchases ignored', () => {
    const tx = [
      { customerId: 'a', date: '2026-01-01', amount: 100 },
      { customerId: 'a', date: '2026-01-01', amount: 50 }, // the same day: one purchase
      { customerId: 'a', date: '2026-03-01', amount: 10 },
      { customerId: 'b', date: '2025-06-01', amount: 1000 },
      { customerId: 'c', date: '2026-03-30', amount: 5 },
      { customerId: 'c', date: '2026-02-01', amount: 5 },
      { customerId: 'c', date: '2026-01-15', amount: 5 },
      { customerId: 'd', date: '2025-12-01', amount: 20 },
      { customerId: 'e', date: '2026-03-31', amount: 70 },
      { customerId: 'f', date: '2026-04-02', amount: 999 }, // after the as-of date: not a customer yet
      { customerId: 'e', date: '2026-04-05', amount: 999 },
    ];
    const rows = computeRfm(purchaseDays(tx), dayNumber('2026-03-31'));
    const by = Object.fromEntries(rows.map((r) => [r.customerId, r]));
    assert.deepEqual(Object.keys(by).sort(), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual([by.a!.recency, by.a!.frequency, by.a!.monetary], [30, 2, 160]);
    assert.deepEqual([by.e!.recency, by.e!.frequency, by.e!.monetary], [0, 1, 70]);
    assert.deepEqual(
      rows.map((r) => [r.customerId, r.r, r.f, r.m]),
      [
        ['a', 3, 4, 4],
        ['b', 1, 1, 5],
        ['c', 4, 5, 1],
        ['d', 2, 2, 2],
        ['e', 5, 3, 3],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r.segment),
      ['loyal', 'hibernating', 'loyal', 'hibernating', 'potential_loyalists'],
    );
  });

  test('ties go by customer id, so the same data always scores the same', () => {
    const tx = ['k', 'c', 'x', 'a', 'm'].map((customerId) => ({ customerId, date: '2026-01-10', amount: 10 }));
    const rows = computeRfm(purchaseDays(tx), dayNumber('2026-01-31'));
    const f = Object.fromEntries(rows.map((r) => [r.customerId, r.f]));
    assert.deepEqual(f, { a: 1, c: 2, k: 3, m: 4, x: 5 });
    assert.deepEqual(
      computeRfm(purchaseDays([...tx].reverse()), dayNumber('2026-01-31'))
        .map((r) => [r.customerId, r.r, r.f, r.m])
        .sort(),
      rows.map((r) => [r.customerId, r.r, r.f, r.m]).sort(),
    );
  });

  test('dates must be real calendar dates', () => {
    assert.ok(Number.isNaN(dayNumber('2026-02-30')));
    assert.ok(Number.isNaN(dayNumber('30/01/2026')));
    assert.equal(dayNumber('1970-01-02'), 1);
  });
});

describe('RFM straight from the transaction columns', () => {
  test('the same rows as through purchase days, to the last bit, for random transactions cut at an as-of day', async () => {
    const { PurchaseDaysBuilder } = await import('./transactions.ts');
    const { scoreRfm } = await import('./rfm.ts');
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const b = new PurchaseDaysBuilder();
    for (let i = 0; i < 20_000; i++) b.add(`c${Math.floor(rnd() * 1500)}`, 20_000 + Math.floor(rnd() * 400), Math.round(rnd() * 1e6) / 100);
    for (const asOf of [20_399, 20_200, 20_001]) {
      assert.deepEqual(scoreRfm(b.rfmInputs(asOf), asOf), computeRfm(b.finish(), asOf), `as of ${asOf}`);
    }
  });
});

describe('a builder read from, then added to', () => {
  test('transactions added after a grouping (as after a join of parts) count as if added before it', async () => {
    const { PurchaseDaysBuilder } = await import('./transactions.ts');
    let seed = 9;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows = Array.from({ length: 6000 }, () => [`c${Math.floor(rnd() * 700)}`, 20_000 + Math.floor(rnd() * 90), Math.round(rnd() * 1e5) / 100] as const);
    const all = new PurchaseDaysBuilder();
    for (const [c, d, a] of rows) all.add(c, d, a);
    const early = new PurchaseDaysBuilder();
    for (const [c, d, a] of rows.slice(0, 4000)) early.add(c, d, a);
    const part = PurchaseDaysBuilder.join([early.columns(true)]);
    assert.equal(part.firstDay(), early.firstDay());
    for (const [c, d, a] of rows.slice(4000)) part.add(c, d, a);
    assert.deepEqual(part.finish(), all.finish());
    assert.equal(part.firstDay(), all.firstDay());
  });
});

describe('the rankings, packed or compared', () => {
  test('whole values (packed into one sortable number) and fractional ones rank exactly as a plain sort with ties by id', async () => {
    const { scoreRfm, ntile: nt } = await import('./rfm.ts');
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const whole of [true, false]) {
      const n = 5000;
      const ids = Array.from({ length: n }, (_, i) => `k${(i * 7919) % n}-${i}`);
      const inputs = {
        ids,
        last: ids.map(() => 20_000 + Math.floor(rnd() * 50)),
        frequency: ids.map(() => 1 + Math.floor(rnd() * 4)),
        spend: ids.map(() => (whole ? Math.floor(rnd() * 30) * 1000 : Math.floor(rnd() * 30) * 0.25)),
      };
      const rows = scoreRfm(inputs, 20_100);
      const ref = (vals: number[]) => {
        const order = ids.map((_, i) => i).sort((x, y) => vals[x]! - vals[y]! || (ids[x]! < ids[y]! ? -1 : 1));
        const out: number[] = [];
        order.forEach((i, pos) => (out[i] = nt(pos, n, 5)));
        return out;
      };
      assert.deepEqual(
        rows.map((r) => r.r),
        ref(inputs.last.map((d) => -(20_100 - d))),
        `r, whole=${whole}`,
      );
      assert.deepEqual(
        rows.map((r) => r.f),
        ref(inputs.frequency),
        `f, whole=${whole}`,
      );
      assert.deepEqual(
        rows.map((r) => r.m),
        ref(inputs.spend.map((x) => Math.round(x * 1e6) / 1e6)),
        `m, whole=${whole}`,
      );
    }
  });
});

describe('customers in id order', () => {
  test('the radix ranking is exactly a sort by `<` (ties by position): shared prefixes, prefixes of others, Vietnamese and astral characters, long ids, ids already in order', async () => {
    const { idRanks } = await import('./rfm.ts');
    let seed = 5;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = (xs: string) => xs[Math.floor(rnd() * xs.length)]!;
    const sets: Record<string, string[]> = {
      numbers: Array.from({ length: 20_000 }, () => `C${Math.floor(rnd() * 1e6)}`),
      prefixes: Array.from({ length: 5_000 }, () => 'ab'.repeat(Math.floor(rnd() * 4)) + (rnd() < 0.5 ? '' : pick('abz'))),
      letters: Array.from({ length: 5_000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick('aăâbdđeêAĐ😀Z~ 0')).join('')),
      uuids: Array.from({ length: 5_000 }, () => `0198${Math.floor(rnd() * 16).toString(16)}-${crypto.randomUUID()}`),
      long: Array.from({ length: 300 }, () => 'x'.repeat(300) + pick('abc') + pick('abc')),
      sorted: Array.from({ length: 1000 }, (_, i) => `id-${String(i).padStart(5, '0')}`),
    };
    for (const [name, ids] of Object.entries(sets)) {
      const want = ids.map((_, i) => i).sort((x, y) => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : x - y));
      const rank = idRanks(ids);
      const got = Array.from(rank.keys()).sort((x, y) => rank[x]! - rank[y]!);
      assert.deepEqual(got, want, name);
      assert.equal(new Set(rank).size, ids.length, `${name}: every rank once`);
    }
  });
});
