import type { Db } from '../../platform/db/create-db.ts';

export type Workspace = {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  phoneRegion: string;
  locale: string;
  /** Whether purchases move contacts' lifecycle stage (new customer, repeat, loyal). */
  lifecycleAuto: boolean;
  /** Purchases after which a customer is loyal. */
  loyalAfter: number;
  createdAt: string;
  updatedAt: string;
};

export const WORKSPACE_DEFAULTS = {
  currency: 'VND',
  timezone: 'Asia/Ho_Chi_Minh',
  phoneRegion: 'VN',
  locale: 'vi',
  lifecycleAuto: true,
  loyalAfter: 5,
} as const;

type Row = Awaited<ReturnType<typeof readRow>>;
const readRow = (db: Db, id: string) => db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
function toWorkspace(r: NonNullable<Row>): Workspace {
  return {
    id: r.id,
    name: r.name,
    currency: r.currency,
    timezone: r.timezone,
    phoneRegion: r.phone_region,
    locale: r.locale,
    lifecycleAuto: Boolean(r.lifecycle_auto),
    loyalAfter: r.loyal_after,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertWorkspace(db: Db, w: Workspace): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({
      id: w.id,
      name: w.name,
      currency: w.currency,
      timezone: w.timezone,
      phone_region: w.phoneRegion,
      locale: w.locale,
      lifecycle_auto: w.lifecycleAuto ? 1 : 0,
      loyal_after: w.loyalAfter,
      created_at: w.createdAt,
      updated_at: w.updatedAt,
    })
    .execute();
}

export async function findWorkspace(db: Db, id: string): Promise<Workspace | undefined> {
  const r = await readRow(db, id);
  return r && toWorkspace(r);
}

export async function updateWorkspace(
  db: Db,
  id: string,
  patch: Partial<Pick<Workspace, 'name' | 'currency' | 'timezone' | 'phoneRegion' | 'locale' | 'lifecycleAuto' | 'loyalAfter'>>,
  now: string,
): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.phoneRegion !== undefined ? { phone_region: patch.phoneRegion } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.lifecycleAuto !== undefined ? { lifecycle_auto: patch.lifecycleAuto ? (1 as const) : (0 as const) } : {}),
      ...(patch.loyalAfter !== undefined ? { loyal_after: patch.loyalAfter } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function listAllWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
  return rows.map(toWorkspace);
}
