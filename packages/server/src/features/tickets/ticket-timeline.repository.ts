import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The messages of the customer's tickets on their timeline. */
export const ticketTimeline: TimelineSource = {
  kind: 'ticket',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    // Each message of the customer's tickets: what they wrote, the replies, notes and status changes.
    let q = db
      .selectFrom('ticket_messages')
      .innerJoin('tickets', 'tickets.id', 'ticket_messages.ticket_id')
      .select([
        'ticket_messages.id',
        'ticket_messages.created_at',
        'ticket_messages.author_id',
        'ticket_messages.kind',
        'ticket_messages.body',
        'ticket_messages.meta',
        'tickets.id as ticket_id',
        'tickets.number',
        'tickets.subject',
        'tickets.status',
      ])
      .where('ticket_messages.workspace_id', '=', workspaceId)
      .where('ticket_messages.contact_id', '=', contactId)
      .where('tickets.deleted_at', 'is', null);
    if (after) q = q.where((eb) => olderThan(eb, 'ticket_messages.created_at', 'ticket_messages.id', after));
    const rows = await q.orderBy('ticket_messages.created_at', 'desc').orderBy('ticket_messages.id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      kind: 'ticket' as const,
      id: r.id,
      at: r.created_at,
      actorUserId: r.author_id,
      ticket: {
        ticketId: r.ticket_id,
        number: Number(r.number),
        subject: r.subject,
        status: r.status,
        message: { kind: r.kind, body: r.body, meta: readJson(r.meta, null) },
      },
    }));
  },
};
