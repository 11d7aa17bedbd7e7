import { notFound } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';

/** Canned replies: the answers agents give again and again, kept by the workspace (managers curate them). */
export type CannedReply = { id: string; title: string; body: string; createdBy: string | null; updatedAt: string };

export async function listCannedReplies(core: Core, actor: Actor): Promise<{ data: CannedReply[] }> {
  authorize(actor, 'tickets.read');
  const rows = await core.db.selectFrom('canned_replies').selectAll().where('workspace_id', '=', actor.workspaceId).orderBy('title').limit(500).execute();
  return { data: rows.map((r) => ({ id: r.id, title: r.title, body: r.body, createdBy: r.created_by, updatedAt: r.updated_at })) };
}

export async function saveCannedReply(core: Core, actor: Actor, id: string | null, input: { title: string; body: string }): Promise<CannedReply> {
  authorize(actor, 'canned_replies.manage');
  return core.db.transaction().execute(async (trx) => {
    const now = core.now().toISOString();
    if (id === null) {
      const newId = uuidv7();
      await trx
        .insertInto('canned_replies')
        .values({
          id: newId,
          workspace_id: actor.workspaceId,
          title: input.title,
          body: input.body,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'canned_reply', entityId: newId, after: input }, core.now());
      return { id: newId, ...input, createdBy: actor.userId, updatedAt: now };
    }
    const before = await trx.selectFrom('canned_replies').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Canned reply');
    await trx.updateTable('canned_replies').set({ title: input.title, body: input.body, updated_at: now }).where('id', '=', id).execute();
    await recordAudit(
      trx,
      { ...by(actor), action: 'update', entityType: 'canned_reply', entityId: id, before: { title: before.title, body: before.body }, after: input },
      core.now(),
    );
    return { id, ...input, createdBy: before.created_by, updatedAt: now };
  });
}

export async function deleteCannedReply(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'canned_replies.manage');
  await core.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('canned_replies').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Canned reply');
    await trx.deleteFrom('canned_replies').where('id', '=', id).execute();
    await recordAudit(
      trx,
      { ...by(actor), action: 'delete', entityType: 'canned_reply', entityId: id, before: { title: before.title, body: before.body } },
      core.now(),
    );
  });
}
