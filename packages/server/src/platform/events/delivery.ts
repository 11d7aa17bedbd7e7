import { randomUUID } from 'node:crypto';
import { EVENT_TYPE_NAMES, type DomainEvent, type EventType } from '@kith/domain/events/event-types.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../db/create-db.ts';
import { DEFAULT_LEASE_MS, errorText, jsonValue, retryDelayMs, type JobHandler } from '../jobs/runner.ts';
import {
  advanceCursor,
  claimCursors,
  dispatchEvents,
  eventsForCursors,
  failCursor,
  giveUpEvent,
  releaseCursor,
  savepoint,
  type CursorRow,
  type EventRow,
  type Fence,
} from './event.repository.ts';

/**
 * Delivering domain events to listeners, at least once, in order per record (issue 17).
 *
 * - `emitEvent(trx, …)` (emit.ts) writes the event in the transaction of the change, numbered within its record
 *   (`record_key`, e.g. `contact:<id>`) in commit order. Nothing else happens then: a rolled-back change leaves
 *   no event, and a process killed after the commit leaves the event for any process to deliver.
 * - Dispatch: a delivering process fans new events out to cursors, one per (listener, record) — the listener's
 *   place in that record's events — and marks them dispatched, in one statement per batch (on PostgreSQL it locks
 *   the batch, so a second dispatcher waits and takes what is left). The listeners a cursor is made for are those of
 *   the dispatching process: a listener added later starts with the records' next events, not their history.
 * - Delivery: due cursors are claimed as the job runner claims jobs (jobs/runner.ts): one statement, a short lease
 *   (`locked_by`, `locked_until`), a claim counter as the fencing token, `skip locked` on PostgreSQL. The holder
 *   delivers the claimed cursors' next events in groups of about fifty per transaction — one commit (on SQLite
 *   one sync of the log) per group, not per event (a no-op listener on a loaded 2-core machine: SQLite 200 → about
 *   1,800 events/s; PostgreSQL about 950 once a cursor's last event also gives the cursor back). Each event runs
 *   under a savepoint: the cursor is moved past the event (fenced: a holder whose lease ran out and was claimed
 *   again writes nothing) and the listener is called with the transaction; a listener that throws takes back only
 *   what it wrote. So a listener's progress is committed with what the listener wrote: a listener whose
 *   handler committed is not called for that event again, and one killed mid-way (its transaction rolled back) is
 *   called again — exactly once for what a listener does in the database, at least once for anything it does
 *   outside (it should put that in a job or the mail outbox through `trx`).
 * - The lease needs no heartbeat: while a handler runs, its transaction holds the cursor (PostgreSQL's row lock,
 *   which the claim skips; SQLite's write lock), and each delivered event extends the lease.
 * - A failure retries that listener only, after the job runner's backoff (1 min, 5 min, 30 min, 2 h, 12 h …), and
 *   the record's later events wait for it: delivery per (listener, record) is strictly in order. After
 *   `maxAttempts` failures the event is given up (`event_failures`, logged as an error) and the record goes on.
 * - Only listeners this process has are claimed; a listener's events wait for a process that has it.
 *
 * Listeners are given by whoever composes the process (`startEventDelivery(core, listeners)`), never registered
 * by being imported. A listener's `id` is where its progress is kept: keep it stable.
 */

export type EventListener = {
  /** Stable name: the listener's progress is stored under it. */
  id: string;
  /** The event types it takes; others of a record pass it by. */
  on: readonly EventType[];
  /**
   * Handle one event. `trx` is the transaction its progress commits in: write through it to commit together (it is
   * shared with other deliveries, each under its own savepoint). Keep it short: on SQLite it is the one writer.
   */
  handle(core: Core, event: DomainEvent, trx: Db): Promise<void>;
};

export type DeliveryOptions = {
  /** Who holds the leases (default: pid and a random id). */
  workerId?: string;
  /** A claim's lease (30 s, the job runner's). */
  leaseMs?: number;
  /** Failed attempts at one event before a listener gives it up (10: about 2.6 days with the runner's backoff). */
  maxAttempts?: number;
  /** Cursors claimed at once (50). */
  batch?: number;
  /** Events of one record delivered per claim (100). */
  perClaim?: number;
  /** Cursors delivered at the same time (4). */
  concurrency?: number;
  signal?: AbortSignal;
};
export type DeliveryCounts = { dispatched: number; delivered: number; retrying: number; gaveUp: number; lost: number };

export const DEFAULT_MAX_ATTEMPTS = 10;
/**
 * Events dispatched (marked and fanned out to cursors) per transaction: each one's marking and its cursors commit
 * together, so it is dispatched exactly once. On SQLite the transaction holds the write lock every other writer
 * waits for: 500 held it 721 ms on a loaded machine (issue 18), hence a hundred.
 */
const DISPATCH_BATCH = 100;
/**
 * Events delivered in one transaction (about; a cursor's events are never split). Each is a savepoint, and on
 * PostgreSQL more than 64 subtransactions that wrote overflow a transaction's cache of them, which slows every
 * other session's snapshots.
 */
const GROUP_EVENTS = 50;
/**
 * On SQLite a group's transaction holds the one write lock, which a CLI command beside the server waits for: a
 * group is cut into transactions of about GROUP_MS (a cursor's events are never split). Measured beside a demo
 * run, a group of 50 events held the lock up to ~400 ms on a loaded machine.
 */
const GROUP_MS = 100;

function byId(listeners: readonly EventListener[]): Map<string, EventListener> {
  const map = new Map<string, EventListener>();
  for (const l of listeners) {
    if (!l.id) throw new Error('an event listener needs an id');
    if (map.has(l.id)) throw new Error(`two event listeners are named "${l.id}"`);
    if (l.on.length === 0) throw new Error(`the event listener "${l.id}" takes no event type`);
    for (const t of l.on) if (!EVENT_TYPE_NAMES.includes(t)) throw new Error(`the event listener "${l.id}" takes an unknown event type "${t}"`);
    map.set(l.id, l);
  }
  return map;
}

function toEvent(dialect: Core['dialect'], r: EventRow): DomainEvent {
  return {
    id: r.id,
    type: r.type,
    workspaceId: r.workspace_id,
    recordKey: r.record_key,
    seq: Number(r.seq),
    payload: jsonValue(dialect, r.payload),
    occurredAt: r.occurred_at,
  } as DomainEvent;
}

/** Fan out every event not yet dispatched to these listeners' cursors; how many there were. */
export async function dispatchPending(core: Core, listeners: readonly EventListener[]): Promise<number> {
  const subs = listeners.map((l) => ({ listener: l.id, types: l.on }));
  let total = 0;
  for (;;) {
    const n = await dispatchEvents(core.db, core.dialect, subs, core.now().toISOString(), DISPATCH_BATCH);
    total += n;
    if (n < DISPATCH_BATCH) return total;
  }
}

type Settings = Required<Omit<DeliveryOptions, 'signal'>> & { signal: AbortSignal | undefined };

/** A claimed cursor and its next events (read before the transaction: they do not change, and the cursor is ours). */
type Work = { listener: EventListener; cursor: CursorRow; rows: EventRow[] };

/**
 * Deliver a claimed cursor's events inside the group's transaction, each under a savepoint: a handler that throws
 * takes back only what it wrote, and the failure is recorded for that cursor alone. What happened goes into `counts`.
 */
async function deliverCursor(core: Core, trx: Db, w: Work, o: Settings, counts: DeliveryCounts): Promise<void> {
  const { listener, cursor, rows } = w;
  const f: Fence = { id: cursor.id, workerId: o.workerId, claims: Number(cursor.claims) };
  const until = () => new Date(core.now().getTime() + o.leaseMs).toISOString();
  let attempts = Number(cursor.attempts);
  let stopped = false;
  const more = rows.length === o.perClaim;
  for (const [i, row] of rows.entries()) {
    if (o.signal?.aborted) {
      stopped = true;
      break;
    }
    const event = toEvent(core.dialect, row);
    // The cursor's last event this time: it is given back with its progress, one statement for both.
    const release = i === rows.length - 1 && !more ? { now: core.now().toISOString() } : null;
    // Not released after success: a savepoint a round trip, and all go at the commit.
    await savepoint(trx, 'savepoint');
    try {
      if (!(await advanceCursor(trx, core.dialect, f, event.seq, until(), release))) {
        await savepoint(trx, 'rollback to savepoint');
        counts.lost++;
        core.log.warn({ listener: listener.id, eventId: event.id }, 'event delivery: the cursor was claimed by another process; stopping');
        return;
      }
      await listener.handle(core, event, trx);
      counts.delivered++;
      attempts = 0;
      if (release) return;
    } catch (err) {
      await savepoint(trx, 'rollback to savepoint');
      attempts++;
      const error = errorText(err);
      const at = { listener: listener.id, eventId: event.id, type: event.type, recordKey: event.recordKey, attempt: attempts, error };
      const now = core.now();
      if (attempts >= o.maxAttempts) {
        if (
          !(await giveUpEvent(trx, f, {
            listener: listener.id,
            eventId: event.id,
            workspaceId: event.workspaceId,
            seq: event.seq,
            attempts,
            error,
            at: now.toISOString(),
            until: until(),
          }))
        )
          return void counts.lost++;
        core.log.error(at, 'event delivery: a listener gave up an event after its last attempt; the record’s later events go on');
        counts.gaveUp++;
        attempts = 0;
        continue;
      }
      if (await failCursor(trx, f, attempts, error, new Date(now.getTime() + retryDelayMs(attempts)).toISOString())) {
        counts.retrying++;
        core.log.warn(at, 'event delivery: a listener failed; it and the record’s later events wait for the retry');
      } else counts.lost++;
      return;
    }
  }
  await releaseCursor(trx, core.dialect, f, core.now().toISOString(), stopped || more);
}

/**
 * Deliver claimed cursors in one transaction — one commit (on SQLite one sync of the log) for the group rather
 * than one per event; on SQLite, in transactions of about GROUP_MS each (the write lock is everyone's). If a
 * transaction fails as a whole, nothing of it stays, and the leases running out make its cursors, and those of the
 * group not reached, due again.
 */
async function deliverGroup(core: Core, group: Work[], o: Settings, counts: DeliveryCounts): Promise<void> {
  const budget = core.dialect === 'sqlite' ? GROUP_MS : Number.POSITIVE_INFINITY;
  let next = 0;
  while (next < group.length) {
    const c: DeliveryCounts = { dispatched: 0, delivered: 0, retrying: 0, gaveUp: 0, lost: 0 };
    await core.db.transaction().execute(async (trx) => {
      const t0 = performance.now();
      do await deliverCursor(core, trx, group[next++]!, o, c);
      while (next < group.length && performance.now() - t0 < budget);
    });
    for (const k of Object.keys(c) as (keyof DeliveryCounts)[]) counts[k] += c[k];
  }
}

function settings(o: DeliveryOptions): Settings {
  return {
    workerId: o.workerId ?? `${process.pid}-${randomUUID()}`,
    leaseMs: o.leaseMs ?? DEFAULT_LEASE_MS,
    maxAttempts: Math.max(1, o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    batch: Math.max(1, o.batch ?? 50),
    perClaim: Math.max(1, o.perClaim ?? 100),
    concurrency: Math.max(1, o.concurrency ?? 4),
    signal: o.signal,
  };
}

/**
 * Dispatch what is new and deliver everything due now (the clock is `core.now()`), until nothing is: for tests, the
 * CLI and the job handler below. Listeners that emit events themselves are followed through.
 */
export async function deliverDueEvents(core: Core, listeners: readonly EventListener[], opts: DeliveryOptions = {}): Promise<DeliveryCounts> {
  const map = byId(listeners);
  const o = settings(opts);
  const counts: DeliveryCounts = { dispatched: 0, delivered: 0, retrying: 0, gaveUp: 0, lost: 0 };
  const ids = [...map.keys()];
  while (!o.signal?.aborted) {
    const dispatched = await dispatchPending(core, listeners);
    counts.dispatched += dispatched;
    const now = core.now();
    const cursors = await claimCursors(core.db, core.dialect, o.workerId, ids, now.toISOString(), new Date(now.getTime() + o.leaseMs).toISOString(), o.batch);
    if (cursors.length === 0 && dispatched === 0) break;
    const pending = await eventsForCursors(
      core.db,
      cursors.map((c) => ({ recordKey: c.record_key, afterSeq: Number(c.done_seq), types: map.get(c.listener)!.on })),
    );
    const byRecord = new Map<string, EventRow[]>();
    for (const e of pending) {
      const list = byRecord.get(e.record_key);
      if (list) list.push(e);
      else byRecord.set(e.record_key, [e]);
    }
    const work: Work[] = cursors.map((c) => {
      const listener = map.get(c.listener)!;
      const rows = (byRecord.get(c.record_key) ?? [])
        .filter((e) => Number(e.seq) > Number(c.done_seq) && (listener.on as readonly string[]).includes(e.type))
        .slice(0, o.perClaim);
      return { listener, cursor: c, rows };
    });
    // Groups of about GROUP_EVENTS events, `concurrency` transactions at a time.
    const groups: Work[][] = [];
    let size = Infinity;
    for (const w of work) {
      if (size >= GROUP_EVENTS) groups.push([]), (size = 0);
      groups[groups.length - 1]!.push(w);
      size += Math.max(1, w.rows.length);
    }
    let next = 0;
    const lane = async () => {
      while (next < groups.length) {
        const g = groups[next++]!;
        try {
          await deliverGroup(core, g, o, counts);
        } catch (err) {
          // The database failed us: the leases run out and the cursors are due again.
          core.log.error({ err, cursors: g.length }, 'event delivery failed; the cursors are due again when their leases end');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, groups.length) }, lane));
  }
  return counts;
}

export type EventDelivery = {
  /** Look for new events now rather than at the next poll. */
  wake(): void;
  /** Stop claiming; events being delivered finish, cursors claimed and not started are given back. */
  stop(): Promise<void>;
};

/**
 * Deliver events in the background: every `pollMs` (500 ms), or when woken, dispatch and deliver until nothing is
 * due. What the composition root calls with its listeners.
 */
export function startEventDelivery(core: Core, listeners: readonly EventListener[], opts: DeliveryOptions & { pollMs?: number } = {}): EventDelivery {
  byId(listeners);
  const pollMs = opts.pollMs ?? 500;
  const stopping = new AbortController();
  const o: DeliveryOptions = { ...opts, workerId: opts.workerId ?? `${process.pid}-${randomUUID()}`, signal: stopping.signal };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (stopping.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = deliverDueEvents(core, listeners, o)
      .then(
        () => undefined,
        (err: unknown) => {
          try {
            core.log.error({ err }, 'event delivery: a round failed; trying again at the next poll');
          } catch {}
        },
      )
      .finally(() => {
        running = null;
        if (stopping.signal.aborted) return;
        if (again) {
          again = false;
          run();
          return;
        }
        timer = setTimeout(run, pollMs);
        timer.unref();
      });
  };
  run();
  return {
    wake: run,
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** A job handler that delivers what is due (for a composition root that would rather schedule delivery as a job). */
export function eventDeliveryJob(listeners: readonly EventListener[], opts: Omit<DeliveryOptions, 'signal' | 'workerId'> = {}): JobHandler {
  byId(listeners);
  return (core, job, signal) => deliverDueEvents(core, listeners, { ...opts, workerId: `${job.lockedBy}/${job.id}`, signal });
}
