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
  await compileSegment(core, actor.workspaceId, input.definition);
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
  await core.db.insertInto('segments').values(row).execute();
  return toSegment({ ...row, definition: input.definition }, actor);
}

export async function updateSegment(core: Core, actor: Actor, id: string, input: SegmentUpdateInput): Promise<Segment> {
  const r = await editable(core.db, actor, id);
  if (input.shared === true && !r.shared) authorize(actor, 'views.share');
  if (input.definition) await compileSegment(core, actor.workspaceId, input.definition);
  await core.db
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
  return getSegment(core, actor, id);
}

export async function deleteSegment(core: Core, actor: Actor, id: string): Promise<void> {
  await editable(core.db, actor, id);
  await core.db.deleteFrom('segments').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
}
