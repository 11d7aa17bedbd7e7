import { birthdayParts } from '../contacts/birthday.ts';
import { splitPhone } from '../phones/phone-value.ts';
import { foldedWords, matchKey } from '../text/fold.ts';

/**
 * Identity resolution: how likely two contacts are one customer, and why. Candidates come from blocking
 * keys (the same phone or email; the same folded name with the same birthday, company or province); each
 * pair is then scored from what the two records share and what they contradict. The reasons are shown to
 * the person who merges or dismisses, so they can judge — a shared phone in a family is not one person.
 */

export type DuplicateFacts = {
  name: string;
  externalId: string | null;
  emails: readonly string[];
  phones: readonly string[];
  birthday: string | null;
  companyId: string | null;
  province: string | null;
};

export const DUPLICATE_REASONS = [
  'same_external_id',
  'same_email',
  'same_phone',
  'same_name',
  'similar_name',
  'same_birthday',
  'same_company',
  'same_province',
  'different_birthday',
  'different_external_id',
] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** Pairs scoring below this are not offered for review. */
export const DUPLICATE_THRESHOLD = 0.5;

const WEIGHT: Record<DuplicateReason, number> = {
  same_external_id: 1,
  same_email: 0.6,
  same_phone: 0.55,
  same_name: 0.3,
  similar_name: 0.15,
  same_birthday: 0.3,
  same_company: 0.2,
  same_province: 0.05,
  different_birthday: -0.4,
  different_external_id: -0.6,
};

const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** Jaccard similarity of the folded words of two names ("Nguyễn Thị Hồng" vs "Hồng Nguyễn": 2/3). */
export function nameSimilarity(a: string, b: string): number {
  const x = new Set(foldedWords(a));
  const y = new Set(foldedWords(b));
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both);
}

/** Two birthdays agree when their day and month do and, where both know it, their year (`--12-03` is 1990-12-03). */
function sameBirthday(a: string, b: string): boolean {
  const x = birthdayParts(a);
  const y = birthdayParts(b);
  if (!x || !y) return a === b;
  return x.month === y.month && x.day === y.day && (x.year === null || y.year === null || x.year === y.year);
}

/** The score (0–1) and the reasons, strongest first. */
export function scoreDuplicate(a: DuplicateFacts, b: DuplicateFacts): { score: number; reasons: DuplicateReason[] } {
  const reasons: DuplicateReason[] = [];
  if (a.externalId && b.externalId) reasons.push(a.externalId === b.externalId ? 'same_external_id' : 'different_external_id');
  if (shares(a.emails, b.emails)) reasons.push('same_email');
  // One number with two extensions is still one switchboard: phones are compared by their E.164 part.
  if (
    shares(
      a.phones.map((p) => splitPhone(p).e164),
      b.phones.map((p) => splitPhone(p).e164),
    )
  )
    reasons.push('same_phone');
  const sameName = matchKey(a.name) === matchKey(b.name);
  if (sameName) reasons.push('same_name');
  else if (nameSimilarity(a.name, b.name) >= 0.6) reasons.push('similar_name');
  if (a.birthday && b.birthday) reasons.push(sameBirthday(a.birthday, b.birthday) ? 'same_birthday' : 'different_birthday');
  if (a.companyId && a.companyId === b.companyId) reasons.push('same_company');
  if (a.province && a.province === b.province) reasons.push('same_province');
  const raw = reasons.reduce((s, r) => s + WEIGHT[r], 0);
  const score = Math.round(Math.max(0, Math.min(1, raw)) * 100) / 100;
  reasons.sort((x, y) => WEIGHT[y] - WEIGHT[x]);
  return { score, reasons };
}
