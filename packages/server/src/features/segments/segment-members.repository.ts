import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { groupsCondition, type FilterGroups } from '../../platform/records/list-query.ts';
import { visibleTo } from '../../platform/records/visibility.ts';

/**
 * The SQL of segments' stored membership (segment-members.service.ts). A segment's members are the workspace's live
 * contacts that meet its conditions, with the conditions made into SQL by the contact list's own code
 * (`groupsCondition`, the same context as the list's `scoped()`), over the whole workspace — no role's scope.
 */

/** The list's context for a contact condition (contacts/contact.repository.ts). */
const ctx = (dialect: DialectName, workspaceId: string) => ({
  dialect,
  table: 'contacts',
  workspaceId,
  keysTable: { name: 'contact_keys', idColumn: 'contact_id' },
});

/** The contact `contacts` (the row in scope) is a live contact of the workspace that meets the segment's conditions. */
function inSegment(eb: ExpressionBuilder<Database, 'contacts'>, dialect: DialectName, workspaceId: string, groups: FilterGroups) {
  return eb.and([
    visibleTo(eb, { workspaceId, limitTo: null }, 'contacts'),
    eb('contacts.deleted_at', 'is', null),
    groupsCondition(eb, groups, ctx(dialect, workspaceId)),
  ]);
}

export type SegmentForMembers = { id: string; workspace_id: string; definition: unknown; members_computed_at: string | null };

/** Saved segments, of one workspace or of all, in a stable order. */
export async function segmentsForMembers(db: Db, workspaceId: string | null): Promise<SegmentForMembers[]> {
  let q = db.selectFrom('segments').select(['id', 'workspace_id', 'definition', 'members_computed_at']);
  if (workspaceId !== null) q = q.where('workspace_id', '=', workspaceId);
  return q.orderBy('workspace_id').orderBy('id').execute();
}

/** Does the workspace have a saved segment at all (a contact's change need schedule nothing otherwise)? */
export async function hasSegments(db: Db, workspaceId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('segments').select('id').where('workspace_id', '=', workspaceId).limit(1).executeTakeFirst());
}

/**
 * The segment's row read in the recompute's transaction, locked on PostgreSQL: two recomputes of one segment (the
 * recurring one and one a contact's change asked for, in two processes) take turns, so neither announces what the
 * other did. SQLite has one writer anyway.
 */
export async function lockSegment(trx: Db, dialect: DialectName, workspaceId: string, segmentId: string): Promise<SegmentForMembers | undefined> {
  let q = trx
    .selectFrom('segments')
    .select(['id', 'workspace_id', 'definition', 'members_computed_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', segmentId);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Contacts in the segment's conditions that are not yet its members (ids, at most `limit`). */
export async function enteringContactIds(
  trx: Db,
  dialect: DialectName,
  workspaceId: string,
  segmentId: string,
  groups: FilterGroups,
  limit: number,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('contacts')
    .select('contacts.id')
    .where((eb) => inSegment(eb, dialect, workspaceId, groups))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('segment_members')
            .select(sql.lit(1).as('one'))
            .where('segment_members.segment_id', '=', segmentId)
            .whereRef('segment_members.contact_id', '=', 'contacts.id'),
        ),
      ),
    )
    .orderBy('contacts.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Members no longer in the segment's conditions (deleted, merged or changed out of them; ids, at most `limit`). */
export async function leavingContactIds(
  trx: Db,
  dialect: DialectName,
  workspaceId: string,
  segmentId: string,
  groups: FilterGroups,
  limit: number,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('segment_members')
    .select('segment_members.contact_id')
    .where('segment_members.workspace_id', '=', workspaceId)
    .where('segment_members.segment_id', '=', segmentId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('contacts')
            .select(sql.lit(1).as('one'))
            .whereRef('contacts.id', '=', 'segment_members.contact_id')
            .where((c) => inSegment(c as unknown as ExpressionBuilder<Database, 'contacts'>, dialect, workspaceId, groups)),
        ),
      ),
    )
    .orderBy('segment_members.contact_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.contact_id);
}

export async function addSegmentMembers(trx: Db, workspaceId: string, segmentId: string, contactIds: readonly string[], now: string): Promise<void> {
  if (contactIds.length === 0) return;
  await trx
    .insertInto('segment_members')
    .values(contactIds.map((contact_id) => ({ workspace_id: workspaceId, segment_id: segmentId, contact_id, entered_at: now })))
    .execute();
}

export async function removeSegmentMembers(trx: Db, workspaceId: string, segmentId: string, contactIds: readonly string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await trx
    .deleteFrom('segment_members')
    .where('workspace_id', '=', workspaceId)
    .where('segment_id', '=', segmentId)
    .where('contact_id', 'in', contactIds)
    .execute();
}

export async function markMembersComputed(trx: Db, workspaceId: string, segmentId: string, now: string): Promise<void> {
  await trx.updateTable('segments').set({ members_computed_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', segmentId).execute();
}

/** The contact ids of a segment's stored members (tests, and whatever later reads membership). */
export async function segmentMemberIds(db: Db, workspaceId: string, segmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('segment_members')
    .select('contact_id')
    .where('workspace_id', '=', workspaceId)
    .where('segment_id', '=', segmentId)
    .orderBy('contact_id')
    .execute();
  return rows.map((r) => r.contact_id);
}

/**
 * Is a workspace's recompute already waiting to run (scheduled and not yet claimed)? A contact's change then needs
 * no other: that one will see it. One being run does not count — it may have read the contacts already.
 */
export async function recomputePending(db: Db, workspaceId: string, kind: string): Promise<boolean> {
  const r = await db
    .selectFrom('jobs')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('locked_by', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return Boolean(r);
}
