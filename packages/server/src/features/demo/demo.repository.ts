import type { Db } from '../../platform/db/create-db.ts';

/** The demo's steps done for a seed: the ids each made, by the demo's numbering (index → id). */
export async function demoIds(db: Db, workspaceId: string, seed: number, kind: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('demo_batches')
    .select(['start', 'ids'])
    .where('workspace_id', '=', workspaceId)
    .where('seed', '=', seed)
    .where('kind', '=', kind)
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) (JSON.parse(r.ids) as string[]).forEach((id, k) => out.set(Number(r.start) + k, id));
  return out;
}

/** A step done, inside the transaction that made its records. */
export async function recordDemoBatch(
  trx: Db,
  b: { workspaceId: string; seed: number; kind: string; start: number; ids: string[]; at: string },
): Promise<void> {
  await trx
    .insertInto('demo_batches')
    .values({ workspace_id: b.workspaceId, seed: b.seed, kind: b.kind, start: b.start, ids: JSON.stringify(b.ids), created_at: b.at })
    .execute();
}

/** The workspace's first owner. */
export async function firstOwner(db: Db, workspaceId: string): Promise<{ id: string; email: string }> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.role', '=', 'owner')
    .orderBy('m.created_at')
    .executeTakeFirstOrThrow();
}

export async function categoryNames(db: Db, workspaceId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('product_categories').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute();
}

export async function liveProductSkus(db: Db, workspaceId: string): Promise<Map<string | null, string>> {
  const rows = await db.selectFrom('products').select(['id', 'sku']).where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).execute();
  return new Map(rows.map((p) => [p.sku, p.id]));
}

/** Which of these contacts are still there (not deleted or merged away). */
export async function liveContacts(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The customers among these who have a deal the demo made. */
export async function contactsWithDemoDeals(db: Db, workspaceId: string, contactIds: string[]): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('deals')
    .select('contact_id')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .where('source', '=', 'demo')
    .execute();
  return new Set(rows.map((r) => r.contact_id!));
}

/** These customers' tasks, deleted ones too: id, title, whether done or deleted. */
export async function tasksOfContacts(
  db: Db,
  workspaceId: string,
  contactIds: string[],
): Promise<{ id: string; contactId: string; title: string; done: boolean; deleted: boolean }[]> {
  if (contactIds.length === 0) return [];
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'contact_id', 'title', 'done_at', 'deleted_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .execute();
  return rows.map((r) => ({ id: r.id, contactId: r.contact_id!, title: r.title, done: r.done_at !== null, deleted: r.deleted_at !== null }));
}
