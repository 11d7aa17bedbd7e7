import { DEFAULT_LOYALTY, type LoyaltySettings } from '@kith/domain/loyalty/loyalty.ts';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { LoyaltyAccountTable } from './loyalty.table.ts';

/** The loyalty programme's queries: settings, accounts, the points ledger and the reads of the programme. */

// ------------------------------------------------------------------------------------------ settings

/** The workspace's programme: its stored settings over the defaults. */
export async function loyaltySettings(db: Db, workspaceId: string): Promise<LoyaltySettings> {
  const r = await db.selectFrom('loyalty_settings').select('settings').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return r ? { ...DEFAULT_LOYALTY, ...readJson<Partial<LoyaltySettings>>(r.settings, {}) } : DEFAULT_LOYALTY;
}

export async function saveLoyaltySettings(trx: Db, workspaceId: string, settings: LoyaltySettings, now: Date): Promise<void> {
  await trx
    .insertInto('loyalty_settings')
    .values({ workspace_id: workspaceId, settings: JSON.stringify(settings), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ settings: JSON.stringify(settings), updated_at: now.toISOString() }))
    .execute();
}

// ------------------------------------------------------------------------------------------ accounts

export async function memberIds(db: Db, workspaceId: string): Promise<string[]> {
  return (await db.selectFrom('loyalty_accounts').select('contact_id').where('workspace_id', '=', workspaceId).execute()).map((m) => m.contact_id);
}

export async function accountsOf(db: Db, workspaceId: string, contactIds: string[]): Promise<Map<string, Selectable<LoyaltyAccountTable>>> {
  return new Map(
    (await db.selectFrom('loyalty_accounts').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).execute()).map((a) => [
      a.contact_id,
      a,
    ]),
  );
}

/** Insert an account unless one clashes (same contact or referral code); true when it was inserted. */
export async function insertAccount(trx: Db, values: Insertable<LoyaltyAccountTable>): Promise<boolean> {
  const r = await trx
    .insertInto('loyalty_accounts')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function accountExists(db: Db, contactId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('loyalty_accounts').select('contact_id').where('contact_id', '=', contactId).executeTakeFirst());
}

export async function updateAccount(trx: Db, contactId: string, set: Updateable<LoyaltyAccountTable>): Promise<void> {
  await trx.updateTable('loyalty_accounts').set(set).where('contact_id', '=', contactId).execute();
}

export async function accountByReferralCode(db: Db, workspaceId: string, code: string): Promise<{ contact_id: string } | undefined> {
  return db.selectFrom('loyalty_accounts').select(['contact_id']).where('workspace_id', '=', workspaceId).where('referral_code', '=', code).executeTakeFirst();
}

/** Who referred this contact (the account's referred_by), if they have an account. */
export async function referrerOf(db: Db, contactId: string): Promise<{ referred_by: string | null } | undefined> {
  return db.selectFrom('loyalty_accounts').select('referred_by').where('contact_id', '=', contactId).executeTakeFirst();
}

// ------------------------------------------------------------------------------------------ ledger

export type LedgerEntry = {
  workspaceId: string;
  contactId: string;
  kind: string;
  points: number;
  orderId?: string | null;
  relatedContactId?: string | null;
  key?: string | null;
  reason?: string | null;
  meta?: unknown;
  createdBy?: string | null;
  at: Date;
};

/** Add an entry to the points ledger; false when its key was already there (keyed entries are once-only). */
export async function addEntry(trx: Db, e: LedgerEntry): Promise<boolean> {
  const r = await trx
    .insertInto('points_ledger')
    .values({
      id: uuidv7(),
      workspace_id: e.workspaceId,
      contact_id: e.contactId,
      kind: e.kind,
      points: e.points,
      order_id: e.orderId ?? null,
      related_contact_id: e.relatedContactId ?? null,
      key: e.key ?? null,
      reason: e.reason ?? null,
      meta: e.meta === undefined ? null : JSON.stringify(e.meta),
      created_by: e.createdBy ?? null,
      created_at: e.at.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Per contact: the balance, the credits since `since` and the credits ever (credits: entries of `creditKinds`). */
export async function ledgerSums(db: Db, workspaceId: string, contactIds: string[], creditKinds: string[], since: string) {
  return db
    .selectFrom('points_ledger')
    .select(['contact_id', (eb) => eb.fn.sum<number>('points').as('balance')])
    .select((eb) =>
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('kind', 'in', creditKinds), eb('created_at', '>=', since)]))
            .then(eb.ref('points'))
            .else(0)
            .end(),
        )
        .as('recent'),
    )
    .select((eb) => eb.fn.sum<number>(eb.case().when('kind', 'in', creditKinds).then(eb.ref('points')).else(0).end()).as('lifetime'))
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .groupBy('contact_id')
    .execute();
}

/** The customers' orders as points see them, deleted ones included. */
export async function ordersForPoints(db: Db, workspaceId: string, contactIds: string[]) {
  return db
    .selectFrom('orders')
    .select(['id', 'contact_id', 'status', 'total', 'currency', 'number', 'deleted_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .execute();
}

/** The customers' order entries (earn and reverse). */
export async function orderEntries(db: Db, workspaceId: string, contactIds: string[]) {
  return db
    .selectFrom('points_ledger')
    .select(['order_id', 'points'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', contactIds)
    .where('kind', 'in', ['earn', 'reverse'])
    .execute();
}

/** A customer's entries that move points, for expiry. */
export async function pointEntries(db: Db, workspaceId: string, contactId: string) {
  return db
    .selectFrom('points_ledger')
    .select(['points', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .where('points', '<>', 0)
    .execute();
}

/** A customer's latest entries, newest first. */
export async function latestEntries(db: Db, workspaceId: string, contactId: string, limit: number) {
  return db
    .selectFrom('points_ledger')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function hasEarned(db: Db, workspaceId: string, contactId: string): Promise<boolean> {
  const earned = await db
    .selectFrom('points_ledger')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .where('kind', '=', 'earn')
    .limit(1)
    .executeTakeFirst();
  return Boolean(earned);
}

// ------------------------------------------------------------------------------------------ reads

export async function contactName(db: Db, id: string): Promise<{ id: string; name: string | null } | undefined> {
  return db.selectFrom('contacts').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function contactNames(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  return new Map((ids.length ? await db.selectFrom('contacts').select(['id', 'name']).where('id', 'in', ids).execute() : []).map((c) => [c.id, c.name]));
}

/** The customers this contact referred, by name, and whether each referral was rewarded. */
export async function referralsOf(db: Db, workspaceId: string, contactId: string, limit: number) {
  return db
    .selectFrom('loyalty_accounts')
    .innerJoin('contacts', 'contacts.id', 'loyalty_accounts.contact_id')
    .select(['contacts.id', 'contacts.name'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('points_ledger')
            .select('points_ledger.id')
            .where('points_ledger.workspace_id', '=', workspaceId)
            .whereRef('points_ledger.key', '=', sql`'referral:' || ${sql.ref('contacts.id')}` as never),
        )
        .as('rewarded'),
    )
    .where('loyalty_accounts.workspace_id', '=', workspaceId)
    .where('loyalty_accounts.referred_by', '=', contactId)
    .orderBy('contacts.name')
    .limit(limit)
    .execute();
}

/** How many customers each referrer brought. */
export async function referredCounts(db: Db, workspaceId: string) {
  return db
    .selectFrom('loyalty_accounts')
    .select(['referred_by', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('referred_by', 'is not', null)
    .groupBy('referred_by')
    .execute();
}

/** Each referrer's referral rewards: how many and the points. */
export async function referralRewards(db: Db, workspaceId: string) {
  return db
    .selectFrom('points_ledger')
    .select(['contact_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('points').as('points')])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'referral')
    .groupBy('contact_id')
    .execute();
}

/** Members and points outstanding per tier. */
export async function tierCounts(db: Db, workspaceId: string) {
  return db
    .selectFrom('loyalty_accounts')
    .select(['tier', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('balance').as('points')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('tier')
    .execute();
}
