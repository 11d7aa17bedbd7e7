import { AnalyticsSettingsSchema, withDefaults, type AnalyticsSettings } from '@kith/domain/analytics/settings.ts';
import type { z } from 'zod';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { recordAudit, by } from '../../platform/audit/audit.repository.ts';

/** The workspace's RFM grid and tier settings, the defaults where it has set none. */
export async function analyticsSettings(core: Core, workspaceId: string): Promise<AnalyticsSettings> {
  const r = await core.db.selectFrom('workspaces').select('analytics_settings').where('id', '=', workspaceId).executeTakeFirst();
  return withDefaults(readJson(r?.analytics_settings ?? null, null));
}

/** Replace them (whole); the change is audited, and takes effect at the next refresh of the scores. */
export async function updateAnalyticsSettings(core: Core, actor: Actor, input: z.output<typeof AnalyticsSettingsSchema>): Promise<AnalyticsSettings> {
  authorize(actor, 'analytics.configure');
  const before = await analyticsSettings(core, actor.workspaceId);
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('workspaces')
      .set({ analytics_settings: JSON.stringify(input), updated_at: now.toISOString() })
      .where('id', '=', actor.workspaceId)
      .execute();
    await recordAudit(
      trx,
      [
        {
          ...by(actor),
          action: 'update',
          entityType: 'workspace',
          entityId: actor.workspaceId,
          before: { analyticsSettings: before },
          after: { analyticsSettings: input },
        },
      ],
      now,
    );
  });
  return withDefaults(input);
}
