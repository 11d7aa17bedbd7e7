/**
 * A stored phone number: E.164, with the extension when there is one in RFC 3966's form
 * (`+14155552671;ext=123`). The E.164 part alone is the number's lookup key (contact_keys, duplicates,
 * filters, the orders' customer phone) and its search tokens; the extension is only dialled and shown.
 * No dependency here: the web app shows stored numbers with it.
 */

export type PhoneParts = { e164: string; ext: string | null };

const STORED = /^(\+\d{1,15});ext=(\d{1,10})$/;

/** The E.164 number and the extension of a stored phone ("+14155552671;ext=123"); a bare number has none. */
export function splitPhone(stored: string): PhoneParts {
  const m = STORED.exec(stored);
  return m ? { e164: m[1]!, ext: m[2]! } : { e164: stored, ext: null };
}

/** The stored form of a number and its extension. */
export function joinPhone(e164: string, ext: string | null): string {
  return ext ? `${e164};ext=${ext}` : e164;
}

/** How an extension is written after a number: "ext. 123", "máy lẻ 123". */
export function extensionText(ext: string, locale: string): string {
  return locale.startsWith('vi') ? `máy lẻ ${ext}` : `ext. ${ext}`;
}
