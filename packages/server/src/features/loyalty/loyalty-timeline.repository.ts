import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The customer's points on their timeline. */
export const loyaltyTimeline: TimelineSource = {
  kind: 'loyalty',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    // Points earned, spent and expired, and tier changes.
    let q = db.selectFrom('points_ledger').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId);
    if (after) q = q.where((eb) => olderThan(eb, 'created_at', 'id', after));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      kind: 'loyalty' as const,
      id: r.id,
      at: r.created_at,
      actorUserId: r.created_by,
      loyalty: {
        kind: r.kind,
        points: Number(r.points),
        orderId: r.order_id,
        relatedContactId: r.related_contact_id,
        reason: r.reason,
        meta: readJson(r.meta, null),
      },
    }));
  },
};
