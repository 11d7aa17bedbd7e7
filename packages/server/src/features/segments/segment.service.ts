import { uuidv7 } from '../../platform/db/ids.ts';
import { forbidden, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { can } from '@kith/domain/permissions/permissions.ts';
import type { SegmentCreateInput, SegmentDefinition, SegmentUpdateInput } from '@kith/domain/segments/segment.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { parseFilter, type Filter, type FilterGroups } from '../../platform/records/list-query.ts';
import { contactRegistryFor } from '../contacts/contact.fields.ts';
import type { Segment } from '@kith/domain/segments/segment.api.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import { addSegmentMembers, enteringContactIds, leavingContactIds, markMembersComputed, removeSegmentMembers } from './segment-members.repository.ts';

type Row = {
  id: string;
  name: string;
  description: string | null;
  shared: number | boolean;
  definition: unknown;
  user_id: string;
  created_at: string;
  updated_at: string;
};

function toSegment(r: Row, actor: Actor): Segment {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    shared: Boolean(r.shared),
    definition: readJson<SegmentDefinition>(r.definition, { match: 'all', groups: [] }),
    userId: r.user_id,
    mine: r.user_id === actor.userId,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * A definition's conditions checked against the contact fields of the workspace (its custom fields
 * included), as the list would check them: a 422 naming each bad condition by its place
 * (`definition/groups/0/conditions/1/value`).
 */
export async function compileSegment(core: Core, workspaceId: string, d: SegmentDefinition, path: (string | number)[] = ['definition']): Promise<FilterGroups> {
  const { registry, fields } = await contactRegistryFor(core, workspaceId);
  const issues: FieldIssue[] = [];
  const groups = d.groups.map((g, gi) => {
    const filters: Filter[] = [];
    g.conditions.forEach((c, ci) => {
      const r = parseFilter(c.field, c.op, c.value, registry, fields, core.dialect, 'contacts');
      if (r.ok) filters.push(r.filter);
      else {
        const part = /^Unknown field/.test(r.message) ? 'field' : /^Operator/.test(r.message) ? 'op' : 'value';
        issues.push({ path: [...path, 'groups', gi, 'conditions', ci, part], message: r.message });
      }
    });
    return { match: g.match, filters };
  });
  if (issues.length) throw invalid(issues, 'The segment has invalid conditions');
  return { match: d.match, groups };
}

/** Every segment the actor can use: their own and those shared with the workspace. */
export async function listSegments(core: Core, actor: Actor): Promise<Segment[]> {
  authorize(actor, 'contacts.read');
  const rows = await core.db
    .selectFrom('segments')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where((eb) => eb.or([eb('user_id', '=', actor.userId), eb('shared', '=', 1)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => toSegment(r, actor));
}

/** A segment the actor can use (their own, or shared); others' personal segments do not exist for them. */
export async function getSegment(core: Core, actor: Actor, id: string): Promise<Segment> {
  authorize(actor, 'contacts.read');
  const r = /^[0-9a-f-]{36}$/i.test(id)
    ? await core.db.selectFrom('segments').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!r || (r.user_id !== actor.userId && !r.shared)) throw notFound('Segment');
  return toSegment(r, actor);
}

/** The conditions of a segment the actor can use, ready for a list query (`segment=<id>`). */
export async function segmentFilter(core: Core, actor: Actor, id: string): Promise<FilterGroups> {
  const s = await getSegment(core, actor, id);
  return compileSegment(core, actor.workspaceId, s.definition, ['segment']);
}

async function editable(db: Db, actor: Actor, id: string) {
  const r = await db.selectFrom('segments').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r || (r.user_id !== actor.userId && !r.shared)) throw notFound('Segment');
  if (r.user_id !== actor.userId && !can(actor.role, 'views.manage'))
    throw forbidden('Only its author or an admin can change a shared segment', 'view_author_only');
  return r;
}

export async function createSegment(core: Core, actor: Actor, input: SegmentCreateInput): Promise<Segment> {
  authorize(actor, 'contacts.read');
  if (input.shared) authorize(actor, 'views.share');
  const groups = await compileSegment(core, actor.workspaceId, input.definition);
  const now = core.now().toISOString();
  const row = {
    id: uuidv7(),
    workspace_id: actor.workspaceId,
    user_id: actor.userId,
    name: input.name,
    description: input.description ?? null,
    shared: (input.shared ? 1 : 0) as 0 | 1,
    definition: JSON.stringify(input.definition),
    created_at: now,
    updated_at: now,
  };
  // Saved with its baseline: the members it has now are recorded, not announced (baselineSegmentMembers).
  await core.db.transaction().execute(async (trx) => {
    await trx.insertInto('segments').values(row).execute();
    await baselineSegmentMembers(core, trx, actor.workspaceId, row.id, groups);
  });
  return toSegment({ ...row, definition: input.definition }, actor);
}

export async function updateSegment(core: Core, actor: Actor, id: string, input: SegmentUpdateInput): Promise<Segment> {
  const r = await editable(core.db, actor, id);
  if (input.shared === true && !r.shared) authorize(actor, 'views.share');
  const groups = input.definition ? await compileSegment(core, actor.workspaceId, input.definition) : null;
  await core.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('segments')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.shared !== undefined ? { shared: input.shared ? 1 : 0 } : {}),
        ...(input.definition !== undefined ? { definition: JSON.stringify(input.definition) } : {}),
        updated_at: core.now().toISOString(),
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
    // New conditions, a new baseline: who matches them now is recorded, not announced.
    if (groups) await baselineSegmentMembers(core, trx, actor.workspaceId, id, groups);
  });
  return getSegment(core, actor, id);
}

export async function deleteSegment(core: Core, actor: Actor, id: string): Promise<void> {
  await editable(core.db, actor, id);
  await core.db.deleteFrom('segments').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
}

// ------------------------------------------------------------------ stored membership (segment-members.service.ts)

/** Contacts read, written and announced per statement; a large difference is several, in the same transaction. */
export const MEMBERS_BATCH = 500;

/**
 * Make `segment_members` the segment's members now, in `trx` (the segment's row locked by the caller). With
 * `announce`, each contact added is a `segment.entered` and each removed a `segment.left`, written with the change.
 */
export async function syncSegmentMembers(
  core: Core,
  trx: Db,
  s: { workspaceId: string; segmentId: string; groups: FilterGroups },
  announce: boolean,
): Promise<{ entered: number; left: number }> {
  const now = core.now().toISOString();
  let entered = 0;
  let left = 0;
  // Each batch is taken out of the difference once written, so the loops end.
  for (;;) {
    const ids = await enteringContactIds(trx, core.dialect, s.workspaceId, s.segmentId, s.groups, MEMBERS_BATCH);
    await addSegmentMembers(trx, s.workspaceId, s.segmentId, ids, now);
    if (announce)
      await emitEvent(
        trx,
        ids.map((contactId) => ({ type: 'segment.entered' as const, workspaceId: s.workspaceId, payload: { segmentId: s.segmentId, contactId }, at: now })),
      );
    entered += ids.length;
    if (ids.length < MEMBERS_BATCH) break;
  }
  for (;;) {
    const ids = await leavingContactIds(trx, core.dialect, s.workspaceId, s.segmentId, s.groups, MEMBERS_BATCH);
    await removeSegmentMembers(trx, s.workspaceId, s.segmentId, ids);
    if (announce)
      await emitEvent(
        trx,
        ids.map((contactId) => ({ type: 'segment.left' as const, workspaceId: s.workspaceId, payload: { segmentId: s.segmentId, contactId }, at: now })),
      );
    left += ids.length;
    if (ids.length < MEMBERS_BATCH) break;
  }
  await markMembersComputed(trx, s.workspaceId, s.segmentId, now);
  return { entered, left };
}

/**
 * The baseline of a segment just saved or redefined, in the transaction that saves it: its members recorded as they
 * are, and NOT announced. A new segment (or new conditions) is not every matching customer "entering" it — that
 * would flood automation with one event per customer; only later changes of membership are told.
 */
export async function baselineSegmentMembers(core: Core, trx: Db, workspaceId: string, segmentId: string, groups: FilterGroups): Promise<void> {
  await syncSegmentMembers(core, trx, { workspaceId, segmentId, groups }, false);
}
