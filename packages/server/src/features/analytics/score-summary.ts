import type { RfmSegment } from '@kith/domain/analytics/rfm.ts';
import type { ValueTier } from '@kith/domain/analytics/tiers.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { currentScores } from './score.repository.ts';

/** What a contact list shows of a customer's stored scores (the last refresh). */
export type ScoreSummary = {
  segment: RfmSegment;
  r: number;
  f: number;
  m: number;
  monetary: number;
  clv: number | null;
  pAlive: number | null;
  tier: ValueTier | null;
};

/** The stored scores of a page of contacts, in one query. */
export async function scoreSummaries(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, ScoreSummary>> {
  const out = new Map<string, ScoreSummary>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await currentScores(db, workspaceId)
      .select(['contact_id', 'segment', 'r', 'f', 'm', 'monetary', 'clv', 'p_alive', 'tier'])
      .where('contact_id', 'in', ids.slice(i, i + 500))
      .execute();
    const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
    for (const r of rows) {
      out.set(r.contact_id, {
        segment: r.segment as RfmSegment,
        r: Number(r.r),
        f: Number(r.f),
        m: Number(r.m),
        monetary: Number(r.monetary),
        clv: num(r.clv),
        pAlive: num(r.p_alive),
        tier: (r.tier as ValueTier | null) ?? null,
      });
    }
  }
  return out;
}
