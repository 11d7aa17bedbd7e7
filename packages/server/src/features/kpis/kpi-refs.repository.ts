import type { Db } from '../../platform/db/create-db.ts';

/** What a KPI or a plan may point at, checked in the workspace. */

export async function categoryExists(db: Db, ws: string, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  return (await db.selectFrom('product_categories').select('id').where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A saved segment the whole workspace sees (a KPI or a plan is the workspace's). */
export async function sharedSegmentExists(db: Db, ws: string, id: string): Promise<boolean> {
  return (await sharedSegments(db, ws)).some((s) => s.id === id);
}

export async function sharedSegments(db: Db, ws: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.selectFrom('segments').select(['id', 'name', 'shared']).where('workspace_id', '=', ws).execute();
  return rows.filter((r) => r.shared === true || Number(r.shared) === 1).map((r) => ({ id: r.id, name: r.name }));
}
