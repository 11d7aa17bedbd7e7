import { uuidv7 } from '../db/ids.ts';
import type { Db } from '../db/create-db.ts';

/**
 * The job queue's write side: work is scheduled by inserting a row into `jobs`, in the same transaction as
 * what causes it (a ticket created schedules its SLA check, a survey response its follow-up), so either both
 * happen or neither. The runner (jobs/runner.ts) claims due rows from any server process.
 */
export type NewJob = {
  kind: string;
  payload?: unknown;
  /** When it becomes due; now when omitted. */
  runAt?: Date | string;
  workspaceId?: string | null;
  /** A key makes scheduling idempotent: a second job with the same key is not added (returns null). */
  key?: string;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
};

export async function enqueue(db: Db, job: NewJob, now: Date): Promise<string | null> {
  const id = uuidv7();
  const runAt = job.runAt === undefined ? now.toISOString() : typeof job.runAt === 'string' ? new Date(job.runAt).toISOString() : job.runAt.toISOString();
  const r = await db
    .insertInto('jobs')
    .values({
      id,
      workspace_id: job.workspaceId ?? null,
      kind: job.kind,
      key: job.key ?? null,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: runAt,
      attempts: 0,
      max_attempts: job.maxAttempts ?? 5,
      locked_by: null,
      locked_until: null,
      done_at: null,
      failed_at: null,
      cancelled_at: null,
      last_error: null,
      result: null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
}

/** Cancel pending jobs by key (e.g. a ticket's SLA checks when it is resolved); returns how many. */
export async function cancelJobs(db: Db, keys: string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const r = await db
    .updateTable('jobs')
    .set({ cancelled_at: now.toISOString() })
    .where('key', 'in', keys)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
