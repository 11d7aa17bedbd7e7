import type { Db } from '../db/create-db.ts';

export type Workspace = {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  phoneRegion: string;
  locale: string;
  createdAt: string;
  updatedAt: string;
};

export const WORKSPACE_DEFAULTS = { currency: 'VND', timezone: 'Asia/Ho_Chi_Minh', phoneRegion: 'VN', locale: 'vi' } as const;

export async function insertWorkspace(db: Db, w: Workspace): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({ id: w.id, name: w.name, currency: w.currency, timezone: w.timezone, phone_region: w.phoneRegion, locale: w.locale, created_at: w.createdAt, updated_at: w.updatedAt })
    .execute();
}

export async function findWorkspace(db: Db, id: string): Promise<Workspace | undefined> {
  const r = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, name: r.name, currency: r.currency, timezone: r.timezone, phoneRegion: r.phone_region, locale: r.locale, createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function updateWorkspace(db: Db, id: string, patch: Partial<Pick<Workspace, 'name' | 'currency' | 'timezone' | 'phoneRegion' | 'locale'>>, now: string): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.phoneRegion !== undefined ? { phone_region: patch.phoneRegion } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function listAllWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, currency: r.currency, timezone: r.timezone, phoneRegion: r.phone_region, locale: r.locale, createdAt: r.created_at, updatedAt: r.updated_at }));
}
