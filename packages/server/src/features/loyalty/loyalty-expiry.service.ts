import { expiringPoints } from '@kith/domain/loyalty/loyalty.ts';
import type { Core } from '../../core.ts';
import { DAY_MS, recompute } from './loyalty-points.service.ts';
import { addEntry, loyaltySettings, pointEntries } from './loyalty.repository.ts';

// The expiry job (LOYALTY_EXPIRE_JOB, queued by syncPoints for the day earned points run out).

/** The job: expire what is older than the expiry period and unspent, then recompute. */
export async function expirePoints(core: Core, p: { workspaceId: string; contactId: string }): Promise<{ expired: number }> {
  return core.db.transaction().execute(async (trx) => {
    const settings = await loyaltySettings(trx, p.workspaceId);
    if (settings.expiryMonths === 0) return { expired: 0 };
    const now = core.now();
    const cutoff = new Date(now.getTime() - settings.expiryMonths * 30.4375 * DAY_MS).toISOString();
    const rows = await pointEntries(trx, p.workspaceId, p.contactId);
    const amount = expiringPoints(
      rows.map((r) => ({ points: Number(r.points), at: r.created_at })),
      cutoff,
    );
    if (amount > 0)
      await addEntry(trx, {
        workspaceId: p.workspaceId,
        contactId: p.contactId,
        kind: 'expire',
        points: -amount,
        key: `expire:${p.contactId}:${now.toISOString().slice(0, 10)}`,
        reason: `points earned before ${cutoff.slice(0, 10)}`,
        at: now,
      });
    await recompute(trx, p.workspaceId, [p.contactId], settings, now);
    return { expired: amount };
  });
}
