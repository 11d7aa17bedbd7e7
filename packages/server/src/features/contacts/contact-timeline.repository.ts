import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The changes to the customer's record on their timeline (its audit entries). */
export const contactChangesTimeline: TimelineSource = {
  kind: 'change',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    let q = db
      .selectFrom('audit_log')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('entity_type', '=', 'contact')
      .where('entity_id', '=', contactId);
    if (after) q = q.where((eb) => olderThan(eb, 'created_at', 'id', after));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      kind: 'change' as const,
      id: r.id,
      at: r.created_at,
      actorUserId: r.actor_user_id,
      viaToken: r.actor_token_id !== null,
      action: r.action,
      before: readJson(r.before, null),
      after: readJson(r.after, null),
      meta: readJson(r.meta, null),
    }));
  },
};
