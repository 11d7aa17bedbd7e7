import { z } from 'zod';
import { DEFAULT_RFM_GRID, RFM_SEGMENTS } from './rfm.ts';
import { DEFAULT_TIER_SETTINGS, TierSettingsSchema } from './tiers.ts';

/** A workspace's analytics settings: its RFM grid (which segment each R×F cell is) and its value-tier thresholds and costs. */
export const RfmGridSchema = z
  .array(z.array(z.enum(RFM_SEGMENTS)).length(5))
  .length(5)
  .describe('grid[r − 1][f − 1]: the segment of each R×F cell, recency 1–5 by rows and frequency 1–5 by columns');

export const AnalyticsSettingsSchema = z.strictObject({ rfmGrid: RfmGridSchema, tiers: TierSettingsSchema }).meta({ id: 'AnalyticsSettings' });
export type AnalyticsSettings = z.infer<typeof AnalyticsSettingsSchema>;

const defaultGrid = () => DEFAULT_RFM_GRID.map((row) => [...row]);

export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = { rfmGrid: defaultGrid(), tiers: DEFAULT_TIER_SETTINGS };

/** Stored settings over the defaults; anything unreadable falls back to its default. */
export function withDefaults(stored: unknown): AnalyticsSettings {
  const s = (stored ?? {}) as { rfmGrid?: unknown; tiers?: unknown };
  const grid = RfmGridSchema.safeParse(s.rfmGrid);
  const tiers = TierSettingsSchema.safeParse({ ...DEFAULT_TIER_SETTINGS, ...(typeof s.tiers === 'object' && s.tiers ? s.tiers : {}) });
  return { rfmGrid: grid.success ? grid.data : defaultGrid(), tiers: tiers.success ? tiers.data : DEFAULT_TIER_SETTINGS };
}
