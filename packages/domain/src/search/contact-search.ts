import { fold, foldedWords } from '../text/fold.ts';
import { phoneSearchTokens } from '../phones/phone.ts';

/**
 * The search index holds, per contact, one line of folded tokens (a–z, 0–9, separated by spaces):
 * words of the names, each email both split into words and joined ("an@example.com" → "an example com
 * anexamplecom"), the ways one would type each phone, and the company's name. Both databases index this
 * line (SQLite FTS5, PostgreSQL tsvector + GIN), so the repository code is the same for both.
 */
export function buildContactSearchText(c: {
  name: string;
  givenName?: string | null;
  familyName?: string | null;
  emails: readonly string[];
  phones: readonly string[];
  companyName?: string | null;
}): string {
  const tokens = new Set<string>();
  for (const w of foldedWords([c.name, c.givenName ?? '', c.familyName ?? ''].join(' '))) tokens.add(w);
  for (const e of c.emails) {
    for (const w of foldedWords(e)) tokens.add(w);
    tokens.add(joinedToken(e));
  }
  for (const p of c.phones) for (const t of phoneSearchTokens(p)) tokens.add(t);
  if (c.companyName) for (const w of foldedWords(c.companyName)) tokens.add(w);
  return [...tokens].filter((t) => t.length > 0 && t.length <= 80).join(' ');
}

function joinedToken(s: string): string {
  return fold(s).replace(/[^a-z0-9]/g, '');
}

const MAX_TOKENS = 8;
const MAX_TOKEN_LEN = 40;

/**
 * Turn what a user typed into prefix tokens that must all match. Phone-like input ("0912 345 678",
 * "+84 912") becomes one digit string; email-like input one joined token; anything else its folded words.
 * Returns [] when nothing searchable remains.
 */
export function parseSearchQuery(q: string): string[] {
  const raw = q.trim();
  if (raw.length === 0) return [];
  const digits = raw.replace(/\D/g, '');
  if (/^[+\d\s().\-/]+$/.test(raw) && digits.length >= 3) return [digits.slice(0, MAX_TOKEN_LEN)];
  if (raw.includes('@')) {
    const t = joinedToken(raw);
    return t ? [t.slice(0, MAX_TOKEN_LEN)] : [];
  }
  return foldedWords(raw)
    .slice(0, MAX_TOKENS)
    .map((t) => t.slice(0, MAX_TOKEN_LEN));
}
