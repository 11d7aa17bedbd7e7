import { sql, type Selectable, type UpdateObject } from 'kysely';
import type { Db, DialectName } from '../db/create-db.ts';
import type { Database } from '../db/database.ts';
import { uuidv7 } from '../db/ids.ts';
import type { EventCursorTable, EventTable } from './event.table.ts';

/**
 * The SQL of the event outbox (events/emit.ts writes, events/delivery.ts delivers). See delivery.ts for how the
 * pieces fit together.
 */

export type EventRow = Selectable<EventTable>;
export type CursorRow = Selectable<EventCursorTable>;
export type NewEventRow = { id: string; workspace_id: string; type: string; record_key: string; payload: string; occurred_at: string };

const STREAMS_PER_STATEMENT = 500;
const EVENTS_PER_STATEMENT = 200;

/**
 * Insert events, numbering each record's in the order given. The number comes from the record's row in
 * `event_streams`, incremented by an upsert: on PostgreSQL the upsert locks that row until the transaction ends, so
 * a second writer of the same record waits and takes the next number — a record's events are numbered in the order
 * their transactions commit (and a rolled-back one leaves no gap). SQLite has one writer at a time.
 */
export async function insertEvents(db: Db, rows: NewEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const counts = new Map<string, { ws: string; n: number }>();
  for (const r of rows) {
    const c = counts.get(r.record_key);
    if (c) c.n++;
    else counts.set(r.record_key, { ws: r.workspace_id, n: 1 });
  }
  // Streams in key order: two transactions numbering the same records lock them in the same order.
  const keys = [...counts.keys()].sort();
  const next = new Map<string, number>();
  for (let i = 0; i < keys.length; i += STREAMS_PER_STATEMENT) {
    const chunk = keys.slice(i, i + STREAMS_PER_STATEMENT);
    const got = await db
      .insertInto('event_streams')
      .values(chunk.map((k) => ({ record_key: k, workspace_id: counts.get(k)!.ws, last_seq: counts.get(k)!.n })))
      .onConflict((oc) => oc.column('record_key').doUpdateSet((eb) => ({ last_seq: eb('event_streams.last_seq', '+', eb.ref('excluded.last_seq')) })))
      .returning(['record_key', 'last_seq'])
      .execute();
    // The first number of this batch's events of each key.
    for (const g of got) next.set(g.record_key, Number(g.last_seq) - counts.get(g.record_key)!.n + 1);
  }
  const values = rows.map((r) => {
    const seq = next.get(r.record_key)!;
    next.set(r.record_key, seq + 1);
    return { ...r, seq, dispatched_at: null };
  });
  for (let i = 0; i < values.length; i += EVENTS_PER_STATEMENT)
    await db
      .insertInto('events')
      .values(values.slice(i, i + EVENTS_PER_STATEMENT))
      .execute();
}

export type Subscription = { listener: string; types: readonly string[] };

/**
 * Fan out up to `limit` events not yet dispatched: for each listener that takes an event's type, the cursor of
 * (listener, record) learns the event's number (`wanted_seq`) and becomes due unless it is already (or waiting for
 * a retry). Returns how many events were dispatched.
 *
 * A cursor made here starts just before the first of its record's events in the batch, so a listener added later
 * receives what happens after it came, not a record's history. That is the record's first undispatched event: the
 * batch is taken in (record, seq) order, and a record's event is committed only after its earlier ones (emit).
 * One statement marks the batch (on SQLite, a write first, so a second process waits for the lock rather than
 * failing); on PostgreSQL it locks the rows in that order, so a second dispatcher waits behind the first and then
 * takes what is left, never a record's later events without its earlier ones. Cursors are written in (listener,
 * record) order, so writers never wait on each other in a cycle.
 */
export async function dispatchEvents(db: Db, dialect: DialectName, subs: readonly Subscription[], now: string, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let pick = trx.selectFrom('events').select('id').where('dispatched_at', 'is', null).orderBy('record_key').orderBy('seq').limit(limit);
    if (dialect === 'postgres') pick = pick.forUpdate();
    const events = await trx
      .updateTable('events')
      .set({ dispatched_at: now })
      .where('id', 'in', pick)
      .returning(['id', 'workspace_id', 'type', 'record_key', 'seq'])
      .execute();
    if (events.length === 0) return 0;
    const first = new Map<string, number>();
    for (const e of events) first.set(e.record_key, Math.min(first.get(e.record_key) ?? Infinity, Number(e.seq)));
    const lanes = new Map<string, { listener: string; record_key: string; workspace_id: string; wanted_seq: number }>();
    for (const s of subs) {
      for (const e of events) {
        if (!s.types.includes(e.type)) continue;
        const k = `${s.listener}\u0000${e.record_key}`;
        const l = lanes.get(k);
        if (l) l.wanted_seq = Math.max(l.wanted_seq, Number(e.seq));
        else lanes.set(k, { listener: s.listener, record_key: e.record_key, workspace_id: e.workspace_id, wanted_seq: Number(e.seq) });
      }
    }
    const rows = [...lanes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, l]) => ({
        id: uuidv7(),
        ...l,
        done_seq: first.get(l.record_key)! - 1,
        due_at: now,
        attempts: 0,
        claims: 0,
        locked_by: null,
        locked_until: null,
        last_error: null,
      }));
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto('event_cursors')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) =>
          oc.columns(['listener', 'record_key']).doUpdateSet({
            wanted_seq: sql`case when excluded.wanted_seq > event_cursors.wanted_seq then excluded.wanted_seq else event_cursors.wanted_seq end`,
            // Already due (or waiting for a retry): left as it is. Idle: due now if the event is one it has not had.
            due_at: sql`case when event_cursors.due_at is not null then event_cursors.due_at when excluded.wanted_seq > event_cursors.done_seq then excluded.due_at else null end`,
          }),
        )
        .execute();
    }
    return events.length;
  });
}

/**
 * Claim up to `limit` due cursors of these listeners for `workerId` until `until`, in due order, counting a claim
 * (the fencing token). One statement, as the job runner's claim (jobs/runner.ts).
 */
export async function claimCursors(
  db: Db,
  dialect: DialectName,
  workerId: string,
  listeners: readonly string[],
  now: string,
  until: string,
  limit: number,
): Promise<CursorRow[]> {
  if (listeners.length === 0 || limit <= 0) return [];
  let due = db
    .selectFrom('event_cursors')
    .select('id')
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .where('listener', 'in', listeners)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('event_cursors')
    .set((eb) => ({ locked_by: workerId, locked_until: until, claims: eb('claims', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  // RETURNING gives no order: due order, then the order the cursors were made in.
  const key = (r: CursorRow) => `${r.due_at} ${r.id}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The events after each cursor's place, of its listener's types, in one query (each term walks the record's index). */
export async function eventsForCursors(db: Db, wanted: readonly { recordKey: string; afterSeq: number; types: readonly string[] }[]): Promise<EventRow[]> {
  if (wanted.length === 0) return [];
  return db
    .selectFrom('events')
    .selectAll()
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb('record_key', '=', w.recordKey), eb('seq', '>', w.afterSeq), eb('type', 'in', w.types)]))))
    .orderBy('record_key')
    .orderBy('seq')
    .execute();
}

/** One event's delivery inside a group's transaction: a savepoint before it, and back to it if the listener fails. */
export const savepoint = (trx: Db, what: 'savepoint' | 'rollback to savepoint') => sql.raw(`${what} kith_event`).execute(trx);

/** This claim and no other: the holder and the claim it counted. */
export type Fence = { id: string; workerId: string; claims: number };

async function fencedUpdate(db: Db, f: Fence, set: UpdateObject<Database, 'event_cursors'>): Promise<boolean> {
  const r = await db
    .updateTable('event_cursors')
    .set(set)
    .where('id', '=', f.id)
    .where('locked_by', '=', f.workerId)
    .where('claims', '=', f.claims)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The listener has handled the event numbered `seq` (written in the transaction the handler runs in). With `release`
 * (the cursor's last event this time) the cursor is given back in the same statement: due again now if an event was
 * fanned out to it since, else idle. False: no longer this claim's.
 */
export function advanceCursor(db: Db, dialect: DialectName, f: Fence, seq: number, until: string, release: { now: string } | null): Promise<boolean> {
  if (!release) return fencedUpdate(db, f, { done_seq: seq, attempts: 0, last_error: null, locked_until: until });
  return fencedUpdate(db, f, {
    done_seq: seq,
    attempts: 0,
    last_error: null,
    locked_by: null,
    locked_until: null,
    due_at: sql<string | null>`case when wanted_seq > ${seq} then ${ts(dialect, release.now)} else null end`,
  });
}

// PostgreSQL types a parameter inside CASE as text unless told.
const ts = (dialect: DialectName, v: string) => (dialect === 'postgres' ? sql`cast(${v} as timestamptz)` : sql`${v}`);

/** A failed attempt: the cursor waits until `retryAt` (and so do the record's later events), unlocked. */
export async function failCursor(db: Db, f: Fence, attempts: number, error: string, retryAt: string): Promise<boolean> {
  return fencedUpdate(db, f, { attempts, last_error: error, due_at: retryAt, locked_by: null, locked_until: null });
}

/** The last attempt failed: the event is recorded as given up and the cursor moves past it. */
export async function giveUpEvent(
  db: Db,
  f: Fence,
  e: { listener: string; eventId: string; workspaceId: string; seq: number; attempts: number; error: string; at: string; until: string },
): Promise<boolean> {
  if (!(await fencedUpdate(db, f, { done_seq: e.seq, attempts: 0, last_error: e.error, locked_until: e.until }))) return false;
  await db
    .insertInto('event_failures')
    .values({ listener: e.listener, event_id: e.eventId, workspace_id: e.workspaceId, attempts: e.attempts, last_error: e.error, failed_at: e.at })
    .onConflict((oc) => oc.columns(['listener', 'event_id']).doNothing())
    .execute();
  return true;
}

/** Give the cursor back: due again now if there is more (`more`, or an event fanned out since), else idle. */
export function releaseCursor(db: Db, dialect: DialectName, f: Fence, now: string, more: boolean): Promise<boolean> {
  return fencedUpdate(db, f, {
    locked_by: null,
    locked_until: null,
    due_at: more ? now : sql<string | null>`case when wanted_seq > done_seq then ${ts(dialect, now)} else null end`,
  });
}

/**
 * Delete up to `limit` events that occurred before `before` and that every listener has had: fanned out, and no
 * cursor of their record still waiting for them (a cursor waits for the events after its place up to the last one
 * fanned out to it). An event a listener gave up on counts as had (its failure row goes with it). The records'
 * numbering (`event_streams`) stays. Returns how many were deleted.
 */
export async function pruneDeliveredEvents(db: Db, before: string, limit: number): Promise<number> {
  const pick = db
    .selectFrom('events as e')
    .select('e.id')
    .where('e.occurred_at', '<', before)
    .where('e.dispatched_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('event_cursors as c')
            .select('c.id')
            .whereRef('c.record_key', '=', 'e.record_key')
            .whereRef('c.done_seq', '<', 'e.seq')
            .whereRef('c.wanted_seq', '>=', 'e.seq'),
        ),
      ),
    )
    .limit(limit);
  const r = await db.deleteFrom('events').where('id', 'in', pick).executeTakeFirst();
  return Number(r.numDeletedRows);
}
