import { invalid } from '@kith/domain/errors.ts';
import { LoyaltySettingsSchema, type LoyaltySettings, type Tier } from '@kith/domain/loyalty/loyalty.ts';
import { fromZodIssue } from '@kith/domain/schema/issues.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { recompute } from './loyalty-points.service.ts';
import { loyaltySettings, memberIds, saveLoyaltySettings, tierCounts } from './loyalty.repository.ts';

// The loyalty programme's settings, and the programme at a glance.

export async function getLoyaltySettings(core: Core, actor: Actor): Promise<LoyaltySettings> {
  authorize(actor, 'loyalty.read');
  return loyaltySettings(core.db, actor.workspaceId);
}

/** Replace the programme (audited). Tiers are recomputed for every member, as their thresholds may have moved. */
export async function updateLoyaltySettings(core: Core, actor: Actor, input: unknown): Promise<LoyaltySettings> {
  authorize(actor, 'loyalty.configure');
  const parsed = LoyaltySettingsSchema.safeParse(input);
  if (!parsed.success)
    throw invalid(
      parsed.error.issues.map((i) => fromZodIssue(i)),
      'The loyalty settings are invalid',
    );
  const next = parsed.data;
  return core.db.transaction().execute(async (trx) => {
    const before = await loyaltySettings(trx, actor.workspaceId);
    const now = core.now();
    await saveLoyaltySettings(trx, actor.workspaceId, next, now);
    await recordAudit(trx, { ...by(actor), action: 'update', entityType: 'loyalty_settings', entityId: actor.workspaceId, before, after: next }, now);
    const members = await memberIds(trx, actor.workspaceId);
    for (let i = 0; i < members.length; i += 500) await recompute(trx, actor.workspaceId, members.slice(i, i + 500), next, now);
    return next;
  });
}

/** Members per tier and the points outstanding: the programme at a glance. */
export async function loyaltySummary(
  core: Core,
  actor: Actor,
): Promise<{ tiers: { key: string; name: Tier['name']; threshold: number; members: number }[]; members: number; outstanding: number }> {
  authorize(actor, 'loyalty.read');
  const settings = await loyaltySettings(core.db, actor.workspaceId);
  const rows = await tierCounts(core.db, actor.workspaceId);
  const by = new Map(rows.map((r) => [r.tier, r]));
  return {
    tiers: settings.tiers.map((t) => ({ key: t.key, name: t.name, threshold: t.threshold, members: Number(by.get(t.key)?.n ?? 0) })),
    members: rows.reduce((s, r) => s + Number(r.n), 0),
    outstanding: rows.reduce((s, r) => s + Number(r.points ?? 0), 0),
  };
}
