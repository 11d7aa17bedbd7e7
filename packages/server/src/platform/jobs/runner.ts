import type { Core } from '../../core.ts';
import type { JobTable } from './job.table.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import { recurringOf, type KithModule, type Recurring } from '../../kith-module.ts';
import { enqueue } from './queue.ts';

/**
 * The job runner (issue 6, decision 0011 step 3): every server process polls `jobs` for due rows, claims a
 * batch as a lease (`locked_by`, `locked_until`) and runs each with its kind's handler (`core.jobHandlers`).
 *
 * - A claim is one statement. PostgreSQL: `update … where id in (select id … order by run_at limit n for update
 *   skip locked) returning *`, so processes sharing the database take disjoint rows without waiting on each
 *   other. SQLite has one writer at a time, and the same update (without the row locks it does not have) is
 *   atomic on its own; one statement rather than a select and an update in a deferred transaction, which a
 *   second process's write between the two would make fail with SQLITE_BUSY instead of waiting.
 * - A claim counts an attempt. The attempt number is the claim's fencing token: a holder marks the job done or
 *   failed only `where id = ? and locked_by = me and attempts = n`, so a process whose lease ran out, and whose
 *   job was claimed again meanwhile, changes nothing when it finishes late.
 * - Leases are short (30 s) and renewed by a heartbeat while the holder works: every third of a lease, one update
 *   per runner extends all the jobs it holds (`leaseKeeper`). A process killed with `kill -9` stops renewing, and
 *   its jobs are due again within one lease, not after a lease long enough for the slowest handler. A handler
 *   running past `maxRunMs` (10 min) is presumed stuck: its lease is no longer renewed.
 * - A running runner claims only what it can start soon: as many jobs as its handlers finished in the last second,
 *   at least one per handler slot and at most 50 (unless told a fixed `batch`). Slow handlers (mail) hold one job per slot, so a killed
 *   process strands few and an idle process is not kept from work another claimed but has not started; a backlog
 *   of quick jobs is still claimed 50 at a time (a claim is a commit, and per-claim commits were what bounded
 *   throughput: docs/BENCHMARKS.md (l)).
 * - A lease that runs out (the holder crashed, or stalled longer than a lease) makes the job due again for anyone.
 *   Handlers must therefore be idempotent by key; a job can run twice, never be lost.
 * - Failures are retried after 1 min, 5 min, 30 min, 2 h, then 12 h, up to `max_attempts`; then `failed_at`.
 * - Only kinds with a handler in this process (its modules' `jobs`, modules.ts) are claimed, so an older process
 *   never takes work it cannot do.
 * - Outcomes are written in groups, one transaction for those that finish together (`outcomeWriter`).
 * - A recurring kind (a module's `recurring`, e.g. the hourly score refresh) has one job per period, keyed by the
 *   period (`kind@n`, so processes scheduling it at once add one): a server schedules the first when it starts,
 *   and each run schedules the next period's before its handler runs (a failing run does not end the series;
 *   after a stop, the next is after now, not a catch-up of the periods missed).
 */

export type ClaimedJob<P = unknown> = {
  id: string;
  workspaceId: string | null;
  kind: string;
  key: string | null;
  payload: P;
  runAt: string;
  /** This attempt's number, counting from 1 (the claim counted it). */
  attempts: number;
  maxAttempts: number;
  lockedBy: string;
  lockedUntil: string;
  createdAt: string;
};

/** What a handler returns is stored as JSON in `result`; what it throws is `last_error`, and a retry. */
export type JobHandler<P = unknown> = (core: Core, job: ClaimedJob<P>, signal: AbortSignal) => Promise<unknown>;

/**
 * Add a handler to one Core's handlers (tests and benchmarks, which run kinds of their own; processes take
 * theirs from the modules, `core.jobHandlers`). A kind has one handler: registering another function for it
 * throws. Returns a function that removes it.
 */
export function registerJobHandler<P = unknown>(core: Core, kind: string, handler: JobHandler<P>): () => void {
  const h = handler as JobHandler;
  const existing = core.jobHandlers.get(kind);
  if (existing && existing !== h) throw new Error(`a handler for jobs of kind "${kind}" is already registered`);
  core.jobHandlers.set(kind, h);
  return () => {
    if (core.jobHandlers.get(kind) === h) core.jobHandlers.delete(kind);
  };
}

/** The kinds a Core can run (introspection, logs). */
export function jobHandlers(core: Core): ReadonlyMap<string, JobHandler> {
  return new Map(core.jobHandlers);
}

const recurringCache = new WeakMap<readonly KithModule[], Map<string, Recurring>>();
/** The recurring kinds of a Core's modules (read once per list). */
function recurringKinds(core: Core): Map<string, Recurring> {
  let r = recurringCache.get(core.modules);
  if (!r) recurringCache.set(core.modules, (r = recurringOf(core.modules)));
  return r;
}

const periodKey = (kind: string, period: number) => `${kind}@${period}`;

async function scheduleRecurringJob(core: Core, kind: string, period: number, runAt: Date): Promise<void> {
  // One job of the period; its attempts are few, the next period's job being the real retry.
  await enqueue(core.db, { kind, key: periodKey(kind, period), runAt, maxAttempts: 3 }, core.now());
}

/**
 * Schedule the recurring kinds of this Core's modules: each one's job `firstAfterMs` from now, unless its period
 * has one already (another process scheduled it). A server's runner does this when it starts.
 */
export async function scheduleRecurring(core: Core): Promise<void> {
  for (const [kind, r] of recurringKinds(core)) {
    const at = new Date(core.now().getTime() + (r.firstAfterMs ?? 0));
    await scheduleRecurringJob(core, kind, Math.floor(at.getTime() / r.everyMs), at);
  }
}

/** A recurring job is running: its series' next job, at the start of the next period after this one and after now. */
async function scheduleNext(core: Core, job: ClaimedJob, r: Recurring): Promise<void> {
  const period = Math.max(Math.floor(Date.parse(job.runAt) / r.everyMs), Math.floor(core.now().getTime() / r.everyMs)) + 1;
  await scheduleRecurringJob(core, job.kind, period, new Date(period * r.everyMs));
}

/** The wait before attempt n + 1 after attempt n failed: 1 min, 5 min, 30 min, 2 h, then 12 h. */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export function retryDelayMs(attempt: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1]!;
}

/** A claim's lease; the holder renews it every third of it while it works (a killed holder's jobs are due again after it). */
export const DEFAULT_LEASE_MS = 30_000;
/** A handler running longer than this is presumed stuck: its lease is no longer renewed, and another process may run the job. */
export const DEFAULT_MAX_RUN_MS = 10 * 60_000;
/** The most a running runner claims at once, when its handlers are quick enough to start that many within a second. */
export const DEFAULT_BATCH = 50;
const ERROR_MAX = 2000;

/**
 * A JSON column as read, by dialect: SQLite gives the text, PostgreSQL the parsed value (which may itself be a
 * string, so `readJson`'s "a string is JSON text" cannot tell). Never throws: a claimed row must reach its handler.
 */
export function jsonValue(dialect: Core['dialect'], v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (dialect !== 'sqlite' || typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function toClaimed(dialect: Core['dialect'], r: Selectable<JobTable>): ClaimedJob {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    kind: r.kind,
    key: r.key,
    payload: jsonValue(dialect, r.payload),
    runAt: r.run_at,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    lockedBy: r.locked_by ?? '',
    lockedUntil: r.locked_until ?? '',
    createdAt: r.created_at,
  };
}

export type ClaimOptions = { limit: number; leaseMs?: number; now?: Date; kinds?: readonly string[] };

/**
 * Claim up to `limit` due jobs for `workerId` until now + leaseMs, in due order: run_at <= now, not done,
 * failed or cancelled, not under a live lease, of a kind with a registered handler (or of `kinds`).
 */
export async function claimJobs(core: Core, workerId: string, opts: ClaimOptions): Promise<ClaimedJob[]> {
  const kinds = opts.kinds ?? [...core.jobHandlers.keys()];
  if (kinds.length === 0 || opts.limit <= 0) return [];
  const now = (opts.now ?? core.now()).toISOString();
  const until = new Date(Date.parse(now) + (opts.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  // The three `is null` conditions are the partial index jobs_due_idx's: it is walked in run_at order.
  let due = core.db
    .selectFrom('jobs')
    .select('id')
    .where('run_at', '<=', now)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .where('kind', 'in', kinds)
    .orderBy('run_at')
    .limit(opts.limit);
  if (core.dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await core.db
    .updateTable('jobs')
    .set((eb) => ({ locked_by: workerId, locked_until: until, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  // RETURNING gives no order; run them in due order.
  return rows.map((r) => toClaimed(core.dialect, r)).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : 0));
}

/** A thrown value as text for `last_error`, whatever was thrown. */
export function errorText(e: unknown): string {
  let s: string;
  try {
    if (e instanceof Error) s = `${e.name}: ${e.message}`;
    else if (typeof e === 'string') s = e;
    else s = JSON.stringify(e) ?? String(e);
  } catch {
    try {
      s = Object.prototype.toString.call(e);
    } catch {
      s = 'unknown error';
    }
  }
  // PostgreSQL's text takes no NUL character: a message with one would never be recorded.
  s = s.replaceAll('\u0000', '\\0');
  return s.length > ERROR_MAX ? `${s.slice(0, ERROR_MAX - 1)}…` : s;
}

/** Where outcomes are written: the database, or a transaction grouping several. */
type Writer = Kysely<Database>;

/** A handler's result as JSON text (null for none), or a note saying why it cannot be stored. */
function resultJson(result: unknown, note?: string): { json: string | null; note: string | null } {
  try {
    return { json: result === undefined || result === null ? null : (JSON.stringify(result) ?? null), note: note ?? null };
  } catch (e) {
    // The work is done (running it again would repeat it); say why there is no result.
    return { json: null, note: `result not stored: ${errorText(e)}` };
  }
}

async function markDone(db: Writer, workerId: string, job: ClaimedJob, result: unknown, now: Date, withNote?: string): Promise<boolean> {
  const { json, note } = resultJson(result, withNote);
  const r = await db
    .updateTable('jobs')
    .set({ done_at: now.toISOString(), result: json, locked_by: null, locked_until: null, ...(note ? { last_error: note } : {}) })
    // This claim and no other: the holder and the attempt it counted.
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

async function markFailed(db: Writer, workerId: string, job: ClaimedJob, error: unknown, now: Date): Promise<'retried' | 'failed' | 'lost'> {
  const last_error = errorText(error);
  const final = job.attempts >= job.maxAttempts;
  const r = await db
    .updateTable('jobs')
    .set(
      final
        ? { failed_at: now.toISOString(), last_error, locked_by: null, locked_until: null }
        : { run_at: new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(), last_error, locked_by: null, locked_until: null },
    )
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return 'lost';
  return final ? 'failed' : 'retried';
}

async function markReleased(db: Writer, workerId: string, job: ClaimedJob): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set((eb) => ({ locked_by: null, locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Mark a claimed job done with its result. False when this claim no longer holds it (the lease ran out and
 * another process claimed it): then nothing is written.
 */
export function completeJob(core: Core, workerId: string, job: ClaimedJob, result: unknown, now: Date = core.now()): Promise<boolean> {
  return markDone(core.db, workerId, job, result, now);
}

/**
 * Record a failed attempt: retried after the backoff while attempts remain, else failed for good.
 * 'lost' when this claim no longer holds the job (nothing written).
 */
export function failJob(core: Core, workerId: string, job: ClaimedJob, error: unknown, now: Date = core.now()): Promise<'retried' | 'failed' | 'lost'> {
  return markFailed(core.db, workerId, job, error, now);
}

/** Give a claimed job back without counting the attempt (a runner stopping before or while running it). */
export function releaseJob(core: Core, workerId: string, job: ClaimedJob): Promise<boolean> {
  return markReleased(core.db, workerId, job);
}

export type Outcome = 'done' | 'retried' | 'failed' | 'lost' | 'released' | 'error';

/** What to write about an attempt. */
type Finish = { job: ClaimedJob; at: Date } & ({ what: 'done'; result: unknown; note?: string } | { what: 'fail'; error: unknown } | { what: 'release' });

/**
 * PostgreSQL: the jobs done of a group marked by one statement, their values as arrays — PostgreSQL parses and
 * plans a statement per job otherwise, most of what a job costs it. Returns the ids this claim still held.
 */
async function markDoneMany(db: Writer, workerId: string, done: Extract<Finish, { what: 'done' }>[]): Promise<Set<string>> {
  const values = done.map((f) => resultJson(f.result, f.note));
  const r = await sql<{ id: string }>`
    update jobs as j
    set done_at = v.done_at, result = v.result, last_error = coalesce(v.note, j.last_error), locked_by = null, locked_until = null
    from unnest(${done.map((f) => f.job.id)}::uuid[], ${done.map((f) => f.job.attempts)}::int[], ${done.map((f) => f.at.toISOString())}::timestamptz[],
                ${values.map((v) => v.json)}::jsonb[], ${values.map((v) => v.note)}::text[]) as v(id, attempts, done_at, result, note)
    where j.id = v.id and j.attempts = v.attempts and j.locked_by = ${workerId}
    returning j.id`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

/** A group's outcomes, in its order. */
async function writeGroup(db: Writer, dialect: Core['dialect'], workerId: string, group: Finish[]): Promise<Outcome[]> {
  const done = dialect === 'postgres' ? group.filter((f): f is Extract<Finish, { what: 'done' }> => f.what === 'done') : [];
  const held = done.length > 1 ? await markDoneMany(db, workerId, done) : null;
  const out: Outcome[] = [];
  for (const f of group) out.push(held && f.what === 'done' ? (held.has(f.job.id) ? 'done' : 'lost') : await write(db, workerId, f));
  return out;
}

async function write(db: Writer, workerId: string, f: Finish): Promise<Outcome> {
  if (f.what === 'done') return (await markDone(db, workerId, f.job, f.result, f.at, f.note)) ? 'done' : 'lost';
  if (f.what === 'fail') return markFailed(db, workerId, f.job, f.error, f.at);
  return (await markReleased(db, workerId, f.job)) ? 'released' : 'lost';
}

/**
 * Outcomes are written in groups: all those waiting in one transaction — one commit (on SQLite one sync of the
 * log) instead of one per job — each by its own fenced statement, but on PostgreSQL the jobs done by one. The first outcome is written at once;
 * those that finish meanwhile wait for the next commit, so a group grows only under load. A group that fails
 * is written again one outcome at a time, so one bad write costs no other job its outcome; a result the
 * database refuses (PostgreSQL's jsonb takes no \u0000) is dropped with a note rather than running the job again.
 */
function outcomeWriter(core: Core, workerId: string): { record(f: Finish): Promise<Outcome>; idle(): Promise<void> } {
  const waiting: { f: Finish; ok(o: Outcome): void; fail(e: unknown): void }[] = [];
  let busy = false;
  let flushed: Promise<void> = Promise.resolve();
  const flush = async () => {
    busy = true;
    try {
      while (waiting.length) {
        const group = waiting.splice(0, 500);
        let outcomes: Outcome[] | null = null;
        if (group.length > 1) {
          try {
            outcomes = await core.db.transaction().execute((trx) =>
              writeGroup(
                trx,
                core.dialect,
                workerId,
                group.map((w) => w.f),
              ),
            );
          } catch {
            outcomes = null;
          }
        }
        for (let i = 0; i < group.length; i++) {
          const w = group[i]!;
          if (outcomes) {
            w.ok(outcomes[i]!);
            continue;
          }
          try {
            w.ok(await write(core.db, workerId, w.f));
          } catch (e) {
            if (w.f.what !== 'done' || w.f.result === undefined) {
              w.fail(e);
              continue;
            }
            try {
              w.ok(await write(core.db, workerId, { ...w.f, result: undefined, note: `result not stored: ${errorText(e)}` }));
            } catch (e2) {
              w.fail(e2);
            }
          }
        }
      }
    } finally {
      busy = false;
    }
  };
  return {
    record(f) {
      return new Promise<Outcome>((ok, fail) => {
        waiting.push({ f, ok, fail });
        if (!busy) flushed = flush();
      });
    },
    async idle() {
      while (busy || waiting.length) await flushed;
    },
  };
}

export type LeaseOptions = { leaseMs: number; heartbeatMs?: number; maxRunMs?: number };

/**
 * The jobs a runner holds (claimed, queued or running, until their outcome is written) and the heartbeat that
 * renews their leases: every `heartbeatMs` (a third of the lease), one update sets `locked_until` to now + lease
 * for all of them that this worker still holds — fenced by `locked_by`, so a job another process has claimed
 * since is left alone. The jobs' `lockedUntil` follows. A job held longer than `maxRunMs` is no longer renewed.
 */
function leaseKeeper(core: Core, workerId: string, opts: LeaseOptions) {
  const held = new Map<string, { job: ClaimedJob; since: number }>();
  const maxRunMs = opts.maxRunMs ?? DEFAULT_MAX_RUN_MS;
  let renewing: Promise<number> | null = null;
  const renewNow = async (): Promise<number> => {
    const now = core.now();
    const ids = [...held.values()].filter((h) => now.getTime() - h.since < maxRunMs).map((h) => h.job.id);
    if (ids.length === 0) return 0;
    const until = new Date(now.getTime() + opts.leaseMs).toISOString();
    let renewed = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await core.db
        .updateTable('jobs')
        .set({ locked_until: until })
        .where('locked_by', '=', workerId)
        .where('id', 'in', ids.slice(i, i + 500))
        .where('done_at', 'is', null)
        .returning('id')
        .execute();
      for (const r of rows) {
        const h = held.get(r.id);
        if (h) h.job.lockedUntil = until;
      }
      renewed += rows.length;
    }
    return renewed;
  };
  const renew = (): Promise<number> => {
    // One renewal at a time; a heartbeat that finds one under way waits for it rather than piling up.
    renewing ??= renewNow().finally(() => {
      renewing = null;
    });
    return renewing;
  };
  const timer = setInterval(
    () => {
      renew().catch((err: unknown) => {
        try {
          core.log.error({ err }, 'job runner: renewing leases failed; trying again at the next heartbeat');
        } catch {}
      });
    },
    Math.max(1, opts.heartbeatMs ?? Math.floor(opts.leaseMs / 3)),
  );
  timer.unref();
  return {
    hold(jobs: ClaimedJob[]) {
      const since = core.now().getTime();
      for (const j of jobs) held.set(j.id, { job: j, since });
    },
    /** The attempt is over (its outcome written or given up): no more renewals. */
    drop(job: ClaimedJob) {
      if (held.get(job.id)?.job === job) held.delete(job.id);
    },
    renew,
    async stop() {
      clearInterval(timer);
      await renewing?.catch(() => 0);
    },
  };
}

/** Run one claimed job's handler; what to write about it. Never throws. */
async function attempt(core: Core, job: ClaimedJob, signal: AbortSignal, leaseMs: number): Promise<Finish> {
  // The last attempt's holder never finished (it stopped, or its handler overran the lease): no more tries.
  if (job.attempts > job.maxAttempts)
    return { what: 'fail', job, at: core.now(), error: new Error('the lease of its last attempt ran out (the process stopped or the handler overran)') };
  // Waited in this process's queue past half its lease: another process may soon take it; give it back.
  if (Date.parse(job.lockedUntil) - core.now().getTime() < leaseMs / 2) return { what: 'release', job, at: core.now() };
  const handler = core.jobHandlers.get(job.kind);
  try {
    if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
    const recurring = recurringKinds(core).get(job.kind);
    if (recurring) await scheduleNext(core, job, recurring);
    const result = await handler(core, job, signal);
    return { what: 'done', job, at: core.now(), result };
  } catch (err) {
    // Stopped mid-way: the attempt does not count, and the job is free for another process now.
    if (signal.aborted) return { what: 'release', job, at: core.now() };
    return { what: 'fail', job, at: core.now(), error: err };
  }
}

/**
 * Write what happened and log it. Never throws: an error writing it (the database gone) is logged, and the
 * lease running out makes the job due again.
 */
async function settle(core: Core, writer: ReturnType<typeof outcomeWriter>, f: Finish): Promise<Outcome> {
  try {
    const o = await writer.record(f);
    const at = {
      jobId: f.job.id,
      kind: f.job.kind,
      attempt: f.job.attempts,
      maxAttempts: f.job.maxAttempts,
      error: f.what === 'fail' ? errorText(f.error) : undefined,
    };
    if (o === 'retried') core.log.warn(at, 'job failed; retrying later');
    else if (o === 'failed') core.log.error(at, 'job failed for good');
    else if (o === 'lost') core.log.warn(at, 'job finished after its lease ran out and another process claimed it; outcome not recorded');
    return o;
  } catch (err) {
    try {
      core.log.error({ err, jobId: f.job.id, kind: f.job.kind }, 'job runner: could not record a job’s outcome; it runs again when its lease ends');
    } catch {}
    return 'error';
  }
}

export type RunOptions = {
  batch?: number;
  concurrency?: number;
  leaseMs?: number;
  heartbeatMs?: number;
  maxRunMs?: number;
  signal?: AbortSignal;
  /** Only these kinds (default: every kind this Core has a handler for). */
  kinds?: readonly string[];
};
export type RunCounts = { done: number; failed: number; retried: number; lost: number };

/**
 * Claim and run due jobs until none is due (the clock is `core.now()`), `concurrency` at a time; returns
 * what happened. For tests and the CLI: deterministic with a pinned clock.
 */
export async function runDueJobs(core: Core, workerId: string, opts: RunOptions = {}): Promise<RunCounts> {
  const batch = opts.batch ?? DEFAULT_BATCH;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const signal = opts.signal ?? new AbortController().signal;
  const writer = outcomeWriter(core, workerId);
  const leases = leaseKeeper(core, workerId, { leaseMs, heartbeatMs: opts.heartbeatMs, maxRunMs: opts.maxRunMs });
  const counts: RunCounts = { done: 0, failed: 0, retried: 0, lost: 0 };
  try {
    while (!signal.aborted) {
      const jobs = await claimJobs(core, workerId, { limit: batch, leaseMs, ...(opts.kinds ? { kinds: opts.kinds } : {}) });
      if (jobs.length === 0) break;
      leases.hold(jobs);
      let next = 0;
      const lane = async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          const o = await settle(core, writer, signal.aborted ? { what: 'release', job, at: core.now() } : await attempt(core, job, signal, leaseMs));
          leases.drop(job);
          if (o === 'done' || o === 'failed' || o === 'retried' || o === 'lost') counts[o]++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
    }
  } finally {
    await leases.stop();
  }
  return counts;
}

export type RunnerOptions = {
  workerId: string;
  pollMs?: number;
  /** A fixed claim size; without it, claims follow what the handlers get through in a second (1 per slot to 50). */
  batch?: number;
  concurrency?: number;
  /** The lease of a claim (30 s), renewed every `heartbeatMs` (a third of it) while the job is held. */
  leaseMs?: number;
  heartbeatMs?: number;
  /** A job held longer than this (10 min) is no longer renewed: its handler is presumed stuck. */
  maxRunMs?: number;
};
export type JobRunner = {
  /** Renew the leases of the jobs this runner holds now, as the heartbeat does; how many were renewed. */
  renew(): Promise<number>;
  /** Stop claiming, signal the handlers running, give back jobs claimed but not started, wait for the rest. */
  stop(): Promise<void>;
  /** Look for due jobs now (after scheduling one in this process) instead of at the next poll. */
  wake(): void;
};

/**
 * Poll every `pollMs` for due jobs; hold what can start within a second (at least `concurrency`, at most 50; or
 * always up to `batch` when it is given) and run them `concurrency` at a time, claiming again at once while claims come back full (a backlog drains
 * without waiting for the poll).
 * A handler's slot is free as soon as it returns; its outcome is written with the others waiting (above). The
 * leases of what it holds are renewed every `heartbeatMs` (a third of `leaseMs`) until the outcomes are written.
 */
export function startJobRunner(core: Core, opts: RunnerOptions): JobRunner {
  const { workerId } = opts;
  const pollMs = opts.pollMs ?? 1000;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const batch = Math.max(1, opts.batch ?? DEFAULT_BATCH);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const stopping = new AbortController();
  const writer = outcomeWriter(core, workerId);
  const leases = leaseKeeper(core, workerId, { leaseMs, heartbeatMs: opts.heartbeatMs, maxRunMs: opts.maxRunMs });
  const queue: ClaimedJob[] = [];
  /** Handlers running (bounded by `concurrency`). */
  let running = 0;
  /**
   * Jobs started and not yet written (running, or their outcome waiting for its commit). Queued and running jobs
   * count against the claim size (`claimSize`); outcomes waiting for a commit only beyond as many again, so a slow
   * commit (a sync of the disk) does not hold up the next claim.
   */
  const inflight = new Set<Promise<void>>();
  /** A claim is under way (set before it starts: the claim may end without awaiting anything). */
  let claiming = false;
  let claimed: Promise<void> = Promise.resolve();
  let again = false;
  /** The last claim came back full: more may be due now. */
  let more = false;
  let stopped = false;

  /** When the last `batch` handlers finished (real time, ms; a ring): how many the runner gets through in a second. */
  const finishes = new Float64Array(batch).fill(-Infinity);
  let nextFinish = 0;
  /**
   * What to hold at once: `batch` when it was given; by default what the handlers got through in the last second,
   * at least one per slot, at most DEFAULT_BATCH.
   */
  const fixed = opts.batch !== undefined;
  const claimSize = (): number => {
    if (fixed) return batch;
    const since = performance.now() - 1000;
    let recent = 0;
    for (const t of finishes) if (t >= since) recent++;
    return Math.min(batch, Math.max(concurrency, recent));
  };

  const pump = () => {
    while (!stopped && running < concurrency && queue.length) {
      const job = queue.shift()!;
      running++;
      const p: Promise<void> = (async () => {
        let f: Finish;
        try {
          f = await attempt(core, job, stopping.signal, leaseMs);
        } finally {
          running--;
          finishes[nextFinish] = performance.now();
          nextFinish = (nextFinish + 1) % batch;
          pump();
          if (more && queue.length < concurrency) claim();
        }
        await settle(core, writer, f);
      })().finally(() => {
        leases.drop(job);
        inflight.delete(p);
        // Room for more once the outcome is written, if waiting outcomes were what held the claims back.
        if (more && queue.length < concurrency) claim();
      });
      inflight.add(p);
    }
  };

  const claim = (): void => {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = true;
    claimed = (async () => {
      try {
        do {
          again = false;
          const size = claimSize();
          const room = Math.min(size - queue.length - running, 2 * size - queue.length - inflight.size);
          if (room <= 0) break;
          const jobs = await claimJobs(core, workerId, { limit: room, leaseMs });
          if (stopped) {
            for (const j of jobs) await releaseJob(core, workerId, j);
            break;
          }
          leases.hold(jobs);
          more = jobs.length === room;
          queue.push(...jobs);
          pump();
        } while (!stopped && (again || (more && queue.length < concurrency)));
      } catch (err) {
        more = false;
        try {
          core.log.error({ err }, 'job runner: claiming due jobs failed; trying again at the next poll');
        } catch {}
      } finally {
        claiming = false;
      }
    })();
  };

  const timer = setInterval(claim, pollMs);
  timer.unref();
  claim();
  // The recurring kinds' first jobs (unless their periods have them already).
  const scheduled = scheduleRecurring(core).catch((err: unknown) => {
    try {
      core.log.error({ err }, 'job runner: scheduling the recurring jobs failed');
    } catch {}
  });

  return {
    wake: claim,
    renew: leases.renew,
    async stop() {
      if (!stopped) {
        stopped = true;
        clearInterval(timer);
        stopping.abort();
      }
      await claimed;
      await scheduled;
      const waiting = queue.splice(0);
      await Promise.all(
        waiting.map(async (j) => {
          await releaseJob(core, workerId, j).catch(() => false);
          leases.drop(j);
        }),
      );
      // Handlers finishing after the signal keep their leases until their outcomes are written.
      while (inflight.size) await Promise.all([...inflight]);
      await writer.idle();
      await leases.stop();
    },
  };
}
