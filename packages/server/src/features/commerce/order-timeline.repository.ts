import type { OrderStatus } from '@kith/domain/orders/order.schema.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The orders on a customer's timeline, at when they were placed. */
export const orderTimeline: TimelineSource = {
  kind: 'order',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    let q = db
      .selectFrom('orders')
      .select(['id', 'ordered_at', 'created_by', 'number', 'status', 'total', 'currency', 'channel'])
      .select((eb) => eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('c')).whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'))
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .where('deleted_at', 'is', null);
    if (after) q = q.where((eb) => olderThan(eb, 'ordered_at', 'id', after));
    const rows = await q.orderBy('ordered_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      kind: 'order' as const,
      id: r.id,
      at: r.ordered_at,
      actorUserId: r.created_by,
      order: {
        number: r.number,
        status: r.status as OrderStatus,
        total: Number(r.total),
        currency: r.currency,
        channel: r.channel,
        lineCount: Number(r.line_count ?? 0),
      },
    }));
  },
};
