import type { Localised, ScreenKey } from './framework.ts';
import { INDICATOR_KEYS, type IndicatorKey } from './indicators.ts';

// Being written (issue 19): each indicator's definition and thresholds replace this outline.
export type IndicatorDef = {
  name: Localised;
  description: Localised;
  unit: 'share' | 'count' | 'per_month' | 'per_thousand' | 'days' | 'hours' | 'score' | 'mean';
  direction: 'higher' | 'lower';
  thresholds: readonly [number, number, number, number];
  screen: ScreenKey;
};
export const INDICATORS = Object.fromEntries(
  INDICATOR_KEYS.map((k) => [
    k,
    { name: { vi: k, en: k }, description: { vi: k, en: k }, unit: 'count', direction: 'higher', thresholds: [1, 2, 3, 4], screen: 'contacts' },
  ]),
) as unknown as { readonly [K in IndicatorKey]: IndicatorDef };
