import { rowToInteraction } from './interaction.repository.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The interactions on a customer's timeline, at when they happened. */
export const interactionTimeline: TimelineSource = {
  kind: 'interaction',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    let q = db
      .selectFrom('interactions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .where('deleted_at', 'is', null);
    if (after) q = q.where((eb) => olderThan(eb, 'occurred_at', 'id', after));
    const rows = await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ kind: 'interaction' as const, id: r.id, at: r.occurred_at, actorUserId: r.author_id, interaction: rowToInteraction(r) }));
  },
};
