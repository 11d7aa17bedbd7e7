import type { Db } from '../db/create-db.ts';

/**
 * Sliding-window counters kept in the database, so every server process sharing one PostgreSQL (or the
 * CLI and the server sharing one SQLite file) sees the same counts. Each key keeps the count of its current
 * fixed window and of the one before; the estimate weighs the previous window by how much of it still
 * falls within the last `windowMs` (the "sliding window counter"), so a limit does not reset on a window's
 * edge and nobody gets twice the attempts by straddling it.
 */
export type Limit = { key: string; max: number; windowMs: number };

function windowStart(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs) * windowMs;
}

/** The events of the last `windowMs`, estimated from the current and the previous fixed window. */
function estimate(r: { window_start: number | string; count: number; prev_count: number } | undefined, l: Limit, nowMs: number): number {
  if (!r) return 0;
  const start = windowStart(nowMs, l.windowMs);
  const at = Number(r.window_start);
  const current = at === start ? r.count : 0;
  const previous = at === start ? r.prev_count : at === start - l.windowMs ? r.count : 0;
  // Rounded up: when in doubt, count the attempt (10 tries in the last few seconds are 10, not 9.99).
  return current + Math.ceil(previous * (1 - (nowMs - start) / l.windowMs));
}

/** Seconds until the first of `limits` that is exhausted frees up, or 0 when none is. */
export async function exhausted(db: Db, limits: Limit[], nowMs: number): Promise<number> {
  if (limits.length === 0) return 0;
  const rows = await db.selectFrom('throttle').select(['key', 'window_start', 'count', 'prev_count']).where('key', 'in', limits.map((l) => l.key)).execute();
  let wait = 0;
  for (const l of limits) {
    if (estimate(rows.find((x) => x.key === l.key), l, nowMs) >= l.max) {
      // Conservative: the current window's end (the estimate only falls from there on).
      wait = Math.max(wait, Math.ceil((windowStart(nowMs, l.windowMs) + l.windowMs - nowMs) / 1000));
    }
  }
  return wait;
}

/** Count one event against each limit. */
export async function hit(db: Db, limits: Limit[], nowMs: number): Promise<void> {
  for (const l of limits) {
    const start = windowStart(nowMs, l.windowMs);
    await db
      .insertInto('throttle')
      .values({ key: l.key, window_start: start, count: 1, prev_count: 0 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          count: eb.case().when('throttle.window_start', '=', start).then(eb('throttle.count', '+', 1)).else(1).end(),
          prev_count: eb
            .case()
            .when('throttle.window_start', '=', start)
            .then(eb.ref('throttle.prev_count'))
            .when('throttle.window_start', '=', start - l.windowMs)
            .then(eb.ref('throttle.count'))
            .else(0)
            .end(),
          window_start: start,
        })),
      )
      .execute();
  }
}

/** Count one event and report whether it went over (seconds to wait, or 0). */
export async function consume(db: Db, limit: Limit, nowMs: number): Promise<number> {
  await hit(db, [limit], nowMs);
  return exhausted(db, [{ ...limit, max: limit.max + 1 }], nowMs);
}

export async function clear(db: Db, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom('throttle').where('key', 'in', keys).execute();
}
