import { enumLabel, LABEL_LOCALES } from '../labels/enums.ts';
import { matchKey } from '../text/fold.ts';
import { CONSENT_CHANNELS, CONSENT_STATUSES, type ConsentChannel } from './contact.values.ts';

/**
 * A contact's consents as people read them in a file, and back: one channel after another in the channels'
 * order, each its name, its status and the time it was recorded —
 * `Email: Đồng ý (2026-01-02T03:04:05.000Z); SMS: Từ chối (2026-02-01T00:00:00.000Z)`. The source of each
 * record is left out: a file is not where consent comes from, and the import records what it brings back with
 * the source "import" (docs/contacts-file.md). Names are read in either language, codes too.
 */

type ConsentRecord = { status: 'granted' | 'denied'; source: string | null; at: string };

export function consentsText(consents: Partial<Record<ConsentChannel, ConsentRecord>>, lang: string | null | undefined): string {
  return CONSENT_CHANNELS.flatMap((ch) => {
    const c = consents[ch];
    return c ? [`${enumLabel('consentChannel', ch, lang)}: ${enumLabel('consentStatus', c.status, lang)} (${c.at})`] : [];
  }).join('; ');
}

const byName = <V extends string>(name: 'consentChannel' | 'consentStatus', values: readonly V[]) =>
  new Map<string, V>(values.flatMap((v) => [[matchKey(v), v] as const, ...LABEL_LOCALES.map((l) => [matchKey(enumLabel(name, v, l)), v] as const)]));
const CHANNELS = byName('consentChannel', CONSENT_CHANNELS);
const STATUSES = byName('consentStatus', CONSENT_STATUSES);
const ENTRY = /^(.+?):\s*(.+?)\s*(?:\(\s*([^()]*?)\s*\))?$/;

export type ParsedConsents =
  | { ok: true; value: Partial<Record<ConsentChannel, { status: 'granted' | 'denied'; at?: string }>> }
  | { ok: false; message: string };

/** The consents a cell names (`consentsText`'s form; the time may be left out), or why it names none. */
export function parseConsentsText(text: string): ParsedConsents {
  const value: Partial<Record<ConsentChannel, { status: 'granted' | 'denied'; at?: string }>> = {};
  for (const part of text.split(/[;\n]+/)) {
    const p = part.trim();
    if (!p) continue;
    const m = ENTRY.exec(p);
    const channel = m ? CHANNELS.get(matchKey(m[1]!)) : undefined;
    const status = m ? STATUSES.get(matchKey(m[2]!)) : undefined;
    if (!m || !channel || !status)
      return { ok: false, message: `Not a consent: "${p}" (write it as "Email: ${enumLabel('consentStatus', 'granted', 'vi')} (2026-01-02T03:04:05Z)")` };
    const at = m[3] ? new Date(m[3]) : null;
    if (at && Number.isNaN(at.getTime())) return { ok: false, message: `Not a time: "${m[3]}" (write it as 2026-01-02T03:04:05Z)` };
    // The time as written (the record's own, which the file wrote as it is stored).
    value[channel] = { status, ...(at ? { at: m[3]! } : {}) };
  }
  return { ok: true, value };
}
