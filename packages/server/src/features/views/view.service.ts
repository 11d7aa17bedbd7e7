import { uuidv7 } from '../../platform/db/ids.ts';
import type { z } from 'zod';
import { forbidden, notFound } from '@kith/domain/errors.ts';
import { can } from '@kith/domain/permissions/permissions.ts';
import type { ViewConfig, ViewCreateSchema, ViewEntity, ViewUpdateSchema } from '@kith/domain/views/saved-view.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import type { SavedView } from '@kith/domain/views/saved-view.api.ts';

const READ_ACTION = { contacts: 'contacts.read', companies: 'companies.read' } as const;

/** Every view the actor can use: their own, and those shared with the workspace. */
export async function listViews(core: Core, actor: Actor, entity: ViewEntity): Promise<SavedView[]> {
  authorize(actor, READ_ACTION[entity]);
  const rows = await core.db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('entity', '=', entity)
    .where((eb) => eb.or([eb('user_id', '=', actor.userId), eb('shared', '=', 1)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => toView(r, actor));
}

function toView(
  r: { id: string; entity: string; name: string; shared: number | boolean; config: unknown; user_id: string; created_at: string; updated_at: string },
  actor: Actor,
): SavedView {
  return {
    id: r.id,
    entity: r.entity as ViewEntity,
    name: r.name,
    shared: Boolean(r.shared),
    config: readJson<ViewConfig>(r.config, { filters: [], columns: [] }),
    userId: r.user_id,
    mine: r.user_id === actor.userId,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A view the actor may change: their own, or (with views.manage) a shared one. Others' personal views do not exist for them. */
async function editable(db: Db, actor: Actor, id: string) {
  const r = await db.selectFrom('saved_views').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!r || (r.user_id !== actor.userId && !r.shared)) throw notFound('View');
  if (r.user_id !== actor.userId && !can(actor.role, 'views.manage'))
    throw forbidden('Only its author or an admin can change a shared view', 'view_author_only');
  return r;
}

export async function createView(core: Core, actor: Actor, input: z.output<typeof ViewCreateSchema>): Promise<SavedView> {
  authorize(actor, READ_ACTION[input.entity]);
  if (input.shared) authorize(actor, 'views.share');
  const now = core.now().toISOString();
  const id = uuidv7();
  await core.db
    .insertInto('saved_views')
    .values({
      id,
      workspace_id: actor.workspaceId,
      user_id: actor.userId,
      entity: input.entity,
      name: input.name,
      shared: input.shared ? 1 : 0,
      config: JSON.stringify(input.config),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return toView(
    { id, entity: input.entity, name: input.name, shared: input.shared, config: input.config, user_id: actor.userId, created_at: now, updated_at: now },
    actor,
  );
}

export async function updateView(core: Core, actor: Actor, id: string, input: z.output<typeof ViewUpdateSchema>): Promise<SavedView> {
  const r = await editable(core.db, actor, id);
  if (input.shared === true && !r.shared) authorize(actor, 'views.share');
  const now = core.now().toISOString();
  await core.db
    .updateTable('saved_views')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shared !== undefined ? { shared: input.shared ? 1 : 0 } : {}),
      ...(input.config !== undefined ? { config: JSON.stringify(input.config) } : {}),
      updated_at: now,
    })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .execute();
  const next = await core.db.selectFrom('saved_views').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirstOrThrow();
  return toView(next, actor);
}

export async function deleteView(core: Core, actor: Actor, id: string): Promise<void> {
  await editable(core.db, actor, id);
  await core.db.deleteFrom('saved_views').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
}
