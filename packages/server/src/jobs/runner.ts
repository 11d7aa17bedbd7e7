import type { Core } from '../core.ts';
import type { JobTable } from '../care/care.table.ts';
import type { Selectable } from 'kysely';

/**
 * The job runner (issue 6, decision 0011 step 3): every server process polls `jobs` for due rows, claims a
 * batch as a lease (`locked_by`, `locked_until`) and runs each with the handler registered for its kind.
 *
 * - A claim is one statement. PostgreSQL: `update … where id in (select id … order by run_at limit n for update
 *   skip locked) returning *`, so processes sharing the database take disjoint rows without waiting on each
 *   other. SQLite has one writer at a time, and the same update (without the row locks it does not have) is
 *   atomic on its own; one statement rather than a select and an update in a deferred transaction, which a
 *   second process's write between the two would make fail with SQLITE_BUSY instead of waiting.
 * - A claim counts an attempt. The attempt number is the claim's fencing token: a holder marks the job done or
 *   failed only `where id = ? and locked_by = me and attempts = n`, so a process whose lease ran out, and whose
 *   job was claimed again meanwhile, changes nothing when it finishes late.
 * - A lease that runs out (the holder crashed, or its handler overran) makes the job due again for anyone.
 *   Handlers must therefore be idempotent by key; a job can run twice, never be lost.
 * - Failures are retried after 1 min, 5 min, 30 min, 2 h, then 12 h, up to `max_attempts`; then `failed_at`.
 * - Only kinds with a registered handler are claimed, so an older process never takes work it cannot do.
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

const handlers = new Map<string, JobHandler>();

/**
 * Register the handler of a kind of job; services call this at import time. A kind has one handler: a second
 * registration of another function throws (two modules claiming one kind is a mistake). Returns a function
 * that unregisters it (tests).
 */
export function registerJobHandler<P = unknown>(kind: string, handler: JobHandler<P>): () => void {
  const h = handler as JobHandler;
  const existing = handlers.get(kind);
  if (existing && existing !== h) throw new Error(`a handler for jobs of kind "${kind}" is already registered`);
  handlers.set(kind, h);
  return () => {
    if (handlers.get(kind) === h) handlers.delete(kind);
  };
}

/** The kinds this process can run (introspection, logs). */
export function jobHandlers(): ReadonlyMap<string, JobHandler> {
  return new Map(handlers);
}

/** The wait before attempt n + 1 after attempt n failed: 1 min, 5 min, 30 min, 2 h, then 12 h. */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export function retryDelayMs(attempt: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1]!;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
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
  const kinds = opts.kinds ?? [...handlers.keys()];
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
  return s.length > ERROR_MAX ? `${s.slice(0, ERROR_MAX - 1)}…` : s;
}

/**
 * Mark a claimed job done with its result. False when this claim no longer holds it (the lease ran out and
 * another process claimed it): then nothing is written.
 */
export async function completeJob(core: Core, workerId: string, job: ClaimedJob, result: unknown, now: Date = core.now()): Promise<boolean> {
  let json: string | null = null;
  let note: string | null | undefined;
  try {
    json = result === undefined || result === null ? null : (JSON.stringify(result) ?? null);
  } catch (e) {
    // The work is done (running it again would repeat it); say why there is no result.
    note = `result not stored: ${errorText(e)}`;
  }
  const r = await core.db
    .updateTable('jobs')
    .set({ done_at: now.toISOString(), result: json, locked_by: null, locked_until: null, ...(note ? { last_error: note } : {}) })
    // This claim and no other: the holder and the attempt it counted.
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Record a failed attempt: retried after the backoff while attempts remain, else failed for good.
 * 'lost' when this claim no longer holds the job (nothing written).
 */
export async function failJob(core: Core, workerId: string, job: ClaimedJob, error: unknown, now: Date = core.now()): Promise<'retried' | 'failed' | 'lost'> {
  const last_error = errorText(error);
  const final = job.attempts >= job.maxAttempts;
  const r = await core.db
    .updateTable('jobs')
    .set(final ? { failed_at: now.toISOString(), last_error, locked_by: null, locked_until: null } : { run_at: new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(), last_error, locked_by: null, locked_until: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return 'lost';
  return final ? 'failed' : 'retried';
}

/** Give a claimed job back without counting the attempt (a runner stopping before or while running it). */
export async function releaseJob(core: Core, workerId: string, job: ClaimedJob): Promise<boolean> {
  const r = await core.db
    .updateTable('jobs')
    .set((eb) => ({ locked_by: null, locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type Outcome = 'done' | 'retried' | 'failed' | 'lost' | 'released' | 'error';

/**
 * Run one claimed job and record how it went. Never throws: a handler's error is the job's `last_error`; an
 * error recording it (the database gone) is logged, and the lease running out makes the job due again.
 */
async function execute(core: Core, workerId: string, job: ClaimedJob, signal: AbortSignal, leaseMs: number): Promise<Outcome> {
  try {
    // The last attempt's holder never finished (it stopped, or its handler overran the lease): no more tries.
    if (job.attempts > job.maxAttempts) {
      const o = await failJob(core, workerId, job, new Error('the lease of its last attempt ran out (the process stopped or the handler overran)'));
      logOutcome(core, job, o, null);
      return o;
    }
    // Waited in this process's queue past half its lease: another process may soon take it; give it back.
    if (Date.parse(job.lockedUntil) - core.now().getTime() < leaseMs / 2) {
      await releaseJob(core, workerId, job);
      return 'released';
    }
    const handler = handlers.get(job.kind);
    let result: unknown;
    try {
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      result = await handler(core, job, signal);
    } catch (err) {
      // Stopped mid-way: the attempt does not count, and the job is free for another process now.
      if (signal.aborted) {
        await releaseJob(core, workerId, job);
        return 'released';
      }
      const o = await failJob(core, workerId, job, err);
      logOutcome(core, job, o, err);
      return o;
    }
    const ok = await completeJob(core, workerId, job, result);
    if (!ok) logOutcome(core, job, 'lost', null);
    return ok ? 'done' : 'lost';
  } catch (err) {
    try {
      core.log.error({ err, jobId: job.id, kind: job.kind }, 'job runner: could not record a job’s outcome; it runs again when its lease ends');
    } catch {}
    return 'error';
  }
}

function logOutcome(core: Core, job: ClaimedJob, o: Outcome, err: unknown): void {
  const at = { jobId: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts, error: err === null ? undefined : errorText(err) };
  if (o === 'retried') core.log.warn(at, 'job failed; retrying later');
  else if (o === 'failed') core.log.error(at, 'job failed for good');
  else if (o === 'lost') core.log.warn(at, 'job finished after its lease ran out and another process claimed it; outcome not recorded');
}

export type RunOptions = { batch?: number; concurrency?: number; leaseMs?: number; signal?: AbortSignal };
export type RunCounts = { done: number; failed: number; retried: number; lost: number };

/**
 * Claim and run due jobs until none is due (the clock is `core.now()`), `concurrency` at a time; returns
 * what happened. For tests and the CLI: deterministic with a pinned clock.
 */
export async function runDueJobs(core: Core, workerId: string, opts: RunOptions = {}): Promise<RunCounts> {
  const batch = opts.batch ?? 50;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const signal = opts.signal ?? new AbortController().signal;
  const counts: RunCounts = { done: 0, failed: 0, retried: 0, lost: 0 };
  while (!signal.aborted) {
    const jobs = await claimJobs(core, workerId, { limit: batch, leaseMs });
    if (jobs.length === 0) break;
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const o = signal.aborted ? ((await releaseJob(core, workerId, job).catch(() => false)), 'released' as const) : await execute(core, workerId, job, signal, leaseMs);
        if (o === 'done' || o === 'failed' || o === 'retried' || o === 'lost') counts[o]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  }
  return counts;
}

export type RunnerOptions = { workerId: string; pollMs?: number; batch?: number; concurrency?: number; leaseMs?: number };
export type JobRunner = {
  /** Stop claiming, signal the handlers running, give back jobs claimed but not started, wait for the rest. */
  stop(): Promise<void>;
  /** Look for due jobs now (after scheduling one in this process) instead of at the next poll. */
  wake(): void;
};

/**
 * Poll every `pollMs` for due jobs; claim up to `batch` at a time and run them `concurrency` at a time,
 * claiming again at once while claims come back full (a backlog drains without waiting for the poll).
 */
export function startJobRunner(core: Core, opts: RunnerOptions): JobRunner {
  const { workerId } = opts;
  const pollMs = opts.pollMs ?? 1000;
  const batch = Math.max(1, opts.batch ?? 50);
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const stopping = new AbortController();
  const queue: ClaimedJob[] = [];
  const active = new Set<Promise<unknown>>();
  /** A claim is under way (set before it starts: the claim may end without awaiting anything). */
  let claiming = false;
  let claimed: Promise<void> = Promise.resolve();
  let again = false;
  /** The last claim came back full: more may be due now. */
  let more = false;
  let stopped = false;

  const pump = () => {
    while (!stopped && active.size < concurrency && queue.length) {
      const job = queue.shift()!;
      const p: Promise<unknown> = execute(core, workerId, job, stopping.signal, leaseMs).finally(() => {
        active.delete(p);
        pump();
        if (more && queue.length < concurrency) claim();
      });
      active.add(p);
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
          const room = batch - queue.length - active.size;
          if (room <= 0) break;
          const jobs = await claimJobs(core, workerId, { limit: room, leaseMs });
          if (stopped) {
            for (const j of jobs) await releaseJob(core, workerId, j);
            break;
          }
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

  return {
    wake: claim,
    async stop() {
      if (!stopped) {
        stopped = true;
        clearInterval(timer);
        stopping.abort();
      }
      await claimed;
      const waiting = queue.splice(0);
      await Promise.all(waiting.map((j) => releaseJob(core, workerId, j).catch(() => false)));
      while (active.size) await Promise.all([...active]);
    },
  };
}
