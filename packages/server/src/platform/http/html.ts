import { randomBytes } from 'node:crypto';

/**
 * The few HTML pages the server writes itself (the public survey page and its messages, the unsubscribe
 * page) and the HTML part of emails put values in markup only through this file:
 *
 * - text and quoted attribute values go through `escapeHtml`;
 * - a page's script is a constant and never contains a value: what it needs (a confirmation, a URL, words)
 *   travels in `data-*` attributes (`dataAttrs`) that it reads from `dataset`. A value inside a script is
 *   how the unsubscribe page was broken: `JSON.stringify` does not escape `</script>` (nor `<!--`), so a
 *   workspace name ended the script, put its own elements on the page and left the button dead.
 *   `htmlPage` refuses a script holding `</script` or `<!--`, so a value pasted into one fails loudly.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Text people typed (a name, a title) as element content: escaped and isolated in `<bdi>`, so a bidi override in it
 * (U+202E…) cannot reverse the page's text after it.
 */
export function userText(s: string): string {
  return `<bdi>${escapeHtml(s)}</bdi>`;
}

/** Text people typed for a place that holds no elements (a page's title): escaped, its bidi controls removed. */
export function plainUserText(s: string): string {
  return escapeHtml(s.replace(/[\u202A-\u202E\u2066-\u2069]/g, ''));
}

/** ` data-k="v"` for each entry, values escaped; the names are the page's own (checked, lower-case). */
export function dataAttrs(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => {
      if (!/^[a-z][a-z0-9-]*$/.test(k)) throw new Error(`not a data attribute name: ${k}`);
      return ` data-${k}="${escapeHtml(v)}"`;
    })
    .join('');
}

/** A per-response nonce for a page's one script and style. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Nothing but the page's own nonced script and style, requests to this origin only, no framing, no base. */
export const pageCsp = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/**
 * A whole page: `title` is text (escaped here); `body` is markup the caller built with `escapeHtml`;
 * `style` and `script` are the caller's constants.
 */
export function htmlPage(o: { locale: string; title: string; style: string; body: string; nonce: string; script?: string }): string {
  if (o.script && /<\/script|<!--/i.test(o.script)) throw new Error('a page script may not contain </script or <!--: pass values in data attributes');
  const lang = o.locale === 'en' ? 'en' : 'vi';
  return `<!doctype html><html lang="${lang}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(o.title)}</title><style nonce="${o.nonce}">${o.style}</style></head><body><main>${o.body}</main>${o.script ? `<script nonce="${o.nonce}">${o.script}</script>` : ''}</body></html>`;
}
