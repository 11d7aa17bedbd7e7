/**
 * Where a customer came from: the sources Kith knows and names in both languages (`enumLabel('contactSource', …)`).
 * A contact's `source` is free text (an import may bring any word); a value outside this list is shown as written.
 */
export const CONTACT_SOURCES = ['website', 'facebook', 'zalo', 'tiktok', 'google_ads', 'referral', 'walk_in', 'event', 'import'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];
