import type { Db } from '../db/create-db.ts';

/**
 * Sliding-window counters kept in the database, so every server process sharing one PostgreSQL (or the
 * CLI and the server sharing one SQLite file) sees the same counts. Each key keeps the count of its current
 * fixed window and of the one before; the estimate weighs the previous window by how much of it still
 * falls within the last `windowMs` (the "sliding window counter"), so a limit does not reset on a window's
 * edge and nobody gets twice the attempts by straddling it.
 *
 * Guarded work (a password check, a survey submission) *reserves* its attempt first: one atomic
 * upsert per limit that counts the attempt and returns the new count, so of a burst of parallel requests
 * each sees a different count and at most `max` of them go on to the slow work — whatever the number of
 * server processes sharing the database. Checking first and counting after the work (as this module once
 * did) lets a whole burst through, because every request reads the counter before any of them writes it.
 */
export type Limit = { key: string; max: number; windowMs: number };

type Row = { window_start: number | string; count: number; prev_count: number };

function windowStart(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs) * windowMs;
}

/** The events of the last `windowMs`, estimated from the current and the previous fixed window. */
function estimate(r: Row | undefined, l: Limit, nowMs: number): number {
  if (!r) return 0;
  const start = windowStart(nowMs, l.windowMs);
  const at = Number(r.window_start);
  const current = at === start ? Number(r.count) : 0;
  const previous = at === start ? Number(r.prev_count) : at === start - l.windowMs ? Number(r.count) : 0;
  // Rounded up: when in doubt, count the attempt (10 tries in the last few seconds are 10, not 9.99).
  return current + Math.ceil(previous * (1 - (nowMs - start) / l.windowMs));
}

/** Seconds until the current window of `l` ends (the estimate only falls from there on). */
function waitOf(l: Limit, nowMs: number): number {
  return Math.max(1, Math.ceil((windowStart(nowMs, l.windowMs) + l.windowMs - nowMs) / 1000));
}

/** Seconds until the first of `limits` that is exhausted frees up, or 0 when none is. Reads only: for display, never to guard work. */
export async function exhausted(db: Db, limits: Limit[], nowMs: number): Promise<number> {
  if (limits.length === 0) return 0;
  const rows = await db
    .selectFrom('throttle')
    .select(['key', 'window_start', 'count', 'prev_count'])
    .where(
      'key',
      'in',
      limits.map((l) => l.key),
    )
    .execute();
  let wait = 0;
  for (const l of limits) {
    if (
      estimate(
        rows.find((x) => x.key === l.key),
        l,
        nowMs,
      ) >= l.max
    )
      wait = Math.max(wait, waitOf(l, nowMs));
  }
  return wait;
}

/** Count one event against `l` in one statement, returning the counters as they are after it. */
async function count(db: Db, l: Limit, nowMs: number): Promise<Row> {
  const start = windowStart(nowMs, l.windowMs);
  return db
    .insertInto('throttle')
    .values({ key: l.key, window_start: start, count: 1, prev_count: 0 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('throttle.window_start', '=', start)
          .then(eb('throttle.count', '+', 1))
          .else(1)
          .end(),
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
    .returning(['window_start', 'count', 'prev_count'])
    .executeTakeFirstOrThrow();
}

/** Count one event against each limit (no decision). */
export async function hit(db: Db, limits: Limit[], nowMs: number): Promise<void> {
  for (const l of limits) await count(db, l, nowMs);
}

export type Reservation = {
  /** Seconds to wait when any limit was already used up (the attempt is counted all the same), else 0. */
  wait: number;
  /** Give the attempt back on the named limits (all when none are named): for outcomes a limit does not count, such as a right password. */
  refund(keys?: readonly string[]): Promise<void>;
};

/**
 * Count one attempt against every limit *before* the work it guards, and say whether the work may go on.
 * Each limit is counted by one atomic statement, so no two parallel attempts see the same count: at most
 * `max` attempts per window are let through however many arrive at once. Refused attempts count too —
 * a burst keeps the door shut while it lasts.
 */
export async function reserve(db: Db, limits: readonly Limit[], nowMs: number): Promise<Reservation> {
  let wait = 0;
  for (const l of limits) {
    const after = await count(db, l, nowMs);
    if (estimate(after, l, nowMs) > l.max) wait = Math.max(wait, waitOf(l, nowMs));
  }
  return {
    wait,
    async refund(keys) {
      for (const l of limits) {
        if (keys && !keys.includes(l.key)) continue;
        await db
          .updateTable('throttle')
          .set((eb) => ({ count: eb('count', '-', 1) }))
          .where('key', '=', l.key)
          .where('window_start', '=', windowStart(nowMs, l.windowMs))
          .where('count', '>', 0)
          .execute();
      }
    },
  };
}

/** Count one event and report whether it went over (seconds to wait, or 0). */
export async function consume(db: Db, limit: Limit, nowMs: number): Promise<number> {
  return (await reserve(db, [limit], nowMs)).wait;
}

export async function clear(db: Db, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.deleteFrom('throttle').where('key', 'in', keys).execute();
}
