/**
 * A customer's loyalty as the API sends it, the programme's settings, and the small sums the card shows:
 * how far along to the next tier, a tier's name in the user's language.
 */
import { useTranslation } from 'react-i18next';
import type { BodyOf } from '@kith/domain/api/contract.ts';
import type { Loyalty, loyaltyApi, LoyaltySettingsOut, TierOut } from '@kith/domain/loyalty/loyalty.api.ts';

export type { Loyalty } from '@kith/domain/loyalty/loyalty.api.ts';
export type Tier = TierOut;
export type LoyaltySettings = LoyaltySettingsOut;

/**
 * How far from this tier's threshold to the next one the customer is (0..1): 1,250 points between Silver
 * (500) and Gold (2,000) is half way. At the top tier, 1.
 */
export function tierProgress(l: Pick<Loyalty, 'tier' | 'next' | 'earned12m'>): number {
  if (!l.next) return 1;
  const span = l.next.tier.threshold - l.tier.threshold;
  if (span <= 0) return 0;
  return Math.max(0, Math.min(1, (l.earned12m - l.tier.threshold) / span));
}

/** A tier's name in the user's language. */
export function useTierName(): (t: Pick<Tier, 'name'>) => string {
  const { i18n } = useTranslation();
  return (t) => (i18n.language === 'en' ? t.name.en || t.name.vi : t.name.vi || t.name.en);
}

/** Did a tier change go up? By the thresholds of the programme's tiers (unknown tiers: up). */
export function tierWentUp(tiers: readonly Tier[], from: string, to: string): boolean {
  const a = tiers.find((t) => t.key === from)?.threshold;
  const b = tiers.find((t) => t.key === to)?.threshold;
  return a === undefined || b === undefined || b >= a;
}

/** The body of PUT /loyalty/settings from the form's text fields: numbers as numbers, thresholds rising. */
export function settingsBody(f: {
  enabled: boolean;
  amountPerPoint: string;
  earnOn: 'paid' | 'delivered';
  expiryMonths: string;
  tiers: { key: string; vi: string; en: string; threshold: string }[];
  referrerPoints: string;
  refereePoints: string;
}): BodyOf<typeof loyaltyApi.saveSettings> {
  const num = (s: string) => {
    const clean = s.replace(/[\s.,](?=\d{3}(\D|$))/g, '').trim();
    const n = Number(clean.replace(',', '.'));
    return clean !== '' && Number.isFinite(n) ? n : Number.NaN;
  };
  return {
    enabled: f.enabled,
    amountPerPoint: num(f.amountPerPoint),
    earnOn: f.earnOn,
    expiryMonths: num(f.expiryMonths),
    tiers: f.tiers.map((t) => ({ key: t.key.trim(), name: { vi: t.vi.trim(), en: t.en.trim() }, threshold: num(t.threshold) })),
    referral: { referrerPoints: num(f.referrerPoints), refereePoints: num(f.refereePoints) },
  };
}
