import type { Db } from '../db/create-db.ts';

/** Reads of the `jobs` table beyond the queue's and the runner's own (queue.ts, runner.ts). */

/** Is the job still to run (not done, failed or cancelled)? False for an unknown id. */
export async function jobPending(db: Db, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('jobs')
    .select('id')
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}
