import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The customer's deals on their timeline, as they were created and moved. */
export const dealTimeline: TimelineSource = {
  kind: 'deal',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    // The customer's deals as they were created and moved: their audit entries (audit ids are text, so by id list).
    const deals = await db
      .selectFrom('deals')
      .select(['id', 'title'])
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .limit(500)
      .execute();
    if (deals.length === 0) return [];
    const titles = new Map(deals.map((d) => [d.id, d.title]));
    let q = db
      .selectFrom('audit_log')
      .select([
        'audit_log.id',
        'audit_log.created_at',
        'audit_log.actor_user_id',
        'audit_log.action',
        'audit_log.before',
        'audit_log.after',
        'audit_log.meta',
        'audit_log.entity_id',
      ])
      .where('audit_log.workspace_id', '=', workspaceId)
      .where('audit_log.entity_type', '=', 'deal')
      .where('audit_log.entity_id', 'in', [...titles.keys()]);
    if (after) q = q.where((eb) => olderThan(eb, 'audit_log.created_at', 'audit_log.id', after));
    const rows = await q.orderBy('audit_log.created_at', 'desc').orderBy('audit_log.id', 'desc').limit(limit).execute();
    return rows.map((r) => {
      const meta = readJson<{ fromStage?: string; toStage?: string; stage?: string }>(r.meta, {});
      return {
        kind: 'deal' as const,
        id: r.id,
        at: r.created_at,
        actorUserId: r.actor_user_id,
        deal: {
          dealId: r.entity_id!,
          title: titles.get(r.entity_id!) ?? '',
          action: r.action,
          fromStage: meta.fromStage ?? null,
          toStage: meta.toStage ?? meta.stage ?? null,
          before: readJson(r.before, null),
          after: readJson(r.after, null),
        },
      };
    });
  },
};
