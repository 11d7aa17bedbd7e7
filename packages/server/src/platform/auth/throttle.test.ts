import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestCore, type TestCore } from '../../../test/test-db.ts';
import { exhausted, hit, type Limit } from './throttle.ts';

let core: TestCore;
before(async () => {
  core = await createTestCore();
});
after(() => core.cleanup());

const MIN = 60_000;
const edge = Date.UTC(2026, 10, 23, 15, 0, 0); // a 15-minute window starts here

test('the limit slides: attempts on both sides of a window’s edge add up, and fade as the window moves on', async () => {
  const l: Limit = { key: `t:${Math.random()}`, max: 10, windowMs: 15 * MIN };
  for (let i = 0; i < 5; i++) await hit(core.db, [l], edge - 2_000 + i);
  for (let i = 0; i < 5; i++) await hit(core.db, [l], edge + 1_000 + i);
  // A fixed window would count 5 here and let the attacker go on; the sliding estimate counts ~10.
  assert.ok((await exhausted(core.db, [l], edge + 2_000)) > 0, 'straddling the edge does not reset the count');
  // Late in the next window the earlier five weigh little: 5 + 5 × (1 − 14/15) < 10.
  assert.equal(await exhausted(core.db, [l], edge + 14 * MIN), 0);
  // Two windows later nothing is left.
  assert.equal(await exhausted(core.db, [l], edge + 31 * MIN), 0);
});

test('within one window the count is exact', async () => {
  const l: Limit = { key: `t:${Math.random()}`, max: 3, windowMs: 15 * MIN };
  const t0 = edge + 5 * MIN;
  for (let i = 0; i < 2; i++) await hit(core.db, [l], t0 + i);
  assert.equal(await exhausted(core.db, [l], t0 + 10), 0);
  await hit(core.db, [l], t0 + 20);
  const wait = await exhausted(core.db, [l], t0 + 30);
  assert.ok(wait > 0 && wait <= 10 * 60, `waits until the window's end: ${wait} s`);
});
