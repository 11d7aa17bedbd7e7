import type { Db } from '../db/create-db.ts';

/**
 * Fixed-window counters kept in the database, so every server process sharing one PostgreSQL (or the
 * CLI and the server sharing one SQLite file) sees the same counts.
 */
export type Limit = { key: string; max: number; windowMs: number };

function windowStart(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs) * windowMs;
}

/** Seconds until the first of `limits` that is exhausted frees up, or 0 when none is. */
export async function exhausted(db: Db, limits: Limit[], nowMs: number): Promise<number> {
  if (limits.length === 0) return 0;
  const rows = await db.selectFrom('throttle').select(['key', 'window_start', 'count']).where('key', 'in', limits.map((l) => l.key)).execute();
  let wait = 0;
  for (const l of limits) {
    const r = rows.find((x) => x.key === l.key);
    if (r && Number(r.window_start) === windowStart(nowMs, l.windowMs) && r.count >= l.max) {
      wait = Math.max(wait, Math.ceil((Number(r.window_start) + l.windowMs - nowMs) / 1000));
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
      .values({ key: l.key, window_start: start, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          count: eb.case().when('throttle.window_start', '=', start).then(eb('throttle.count', '+', 1)).else(1).end(),
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
