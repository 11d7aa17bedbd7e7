import type { Core } from '../../core.ts';

/** Leases in `job_leases`: work that one server process at a time may do (db migration 2026-11-30-001). */

/** Take the named lease until `until` if nobody holds it now; true when taken. */
export async function takeLease(core: Core, name: string, holder: string, now: Date, ms: number): Promise<boolean> {
  const until = new Date(now.getTime() + ms).toISOString();
  const [r] = await core.db
    .insertInto('job_leases')
    .values({ name, holder, until })
    .onConflict((oc) => oc.column('name').doUpdateSet({ holder, until }).where('job_leases.until', '<', now.toISOString()))
    .execute();
  return Number(r?.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function releaseLease(core: Core, name: string, holder: string, now: Date): Promise<void> {
  await core.db.updateTable('job_leases').set({ until: now.toISOString() }).where('name', '=', name).where('holder', '=', holder).execute();
}
