import { matchKey } from '../text/fold.ts';
import type { ImportEntity } from './mapping.ts';
import type { DateOrder } from './values.ts';

/**
 * An import preset: the layout one product exports (HubSpot's contacts, Shopee's orders …), so that its file
 * is read the way that product wrote it — every column it writes either mapped to a Kith field or left out on
 * purpose (a type or label column, an internal figure), its value vocabularies (lifecycle stages, order
 * statuses) and its date order. A preset is recognised from a file's header set, named in the dry run
 * ("looks like a HubSpot export") and can be chosen explicitly (`--preset hubspot`, `preset` in the API).
 *
 * Headers are written exactly as the product exports them (case, accents and spacing as in the file): a file
 * is matched on them exactly first, then folded (no case, no diacritics), so a product that writes two headers
 * differing only in case (Shopee) maps each one where it belongs.
 */
export type ImportPreset = {
  /** The preset's id (`--preset <id>`), lower case. */
  id: string;
  /** The product, as people name it ("HubSpot", "Shopee"). */
  product: string;
  /** What the file holds (a product exporting contacts and orders has one preset for each). */
  kind: ImportEntity;
  /** Where the header list comes from (a help page, a sample export) — so the next person can check it. */
  source: string;
  /**
   * Every column the product writes, as it writes it, with the import field it goes to — or null with the
   * reason it is left out ("the label of the phone beside it", "Shopee's own fee"). Several headers may go
   * to one field when the field takes several values (phones, emails, tags: every column goes in) or when
   * the product writes the same column under other names (its other languages, its older versions).
   */
  columns: Readonly<Record<string, string | { skip: string }>>;
  /**
   * Headers that say the file is this product's: the file has it when it holds at least `minSignature` of
   * them (default: all). Pick headers no other product writes.
   */
  signature: readonly string[];
  minSignature?: number;
  /** The order the product writes dates in, when its files do not show it (day above 12) themselves. */
  dateOrder?: DateOrder;
  /** Per field, the product's words for stored values (folded word → Kith code): its statuses, its stages. */
  values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
};

/** A preset's columns by folded header, for matching a file's header case-insensitively. */
export function presetColumnsFolded(p: ImportPreset): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [h, target] of Object.entries(p.columns)) {
    const k = matchKey(h);
    if (!out.has(k)) out.set(k, typeof target === 'string' ? target : null);
  }
  return out;
}

/** How well a header set fits a preset: the signature headers present, and the share of the file's columns it knows. */
export function presetFit(p: ImportPreset, headers: readonly string[]): { signature: number; known: number; fits: boolean } {
  const keys = new Set(headers.map((h) => matchKey(h)).filter(Boolean));
  const folded = presetColumnsFolded(p);
  const signature = p.signature.filter((h) => keys.has(matchKey(h))).length;
  const known = [...keys].filter((k) => folded.has(k)).length;
  const need = p.minSignature ?? p.signature.length;
  return { signature, known, fits: p.signature.length > 0 && signature >= need };
}

/**
 * The preset a file looks like, among those of its kind: the one whose signature it holds, and of several the
 * one that knows most of its columns; null when none fits.
 */
export function detectPreset(presets: readonly ImportPreset[], headers: readonly string[], kind: ImportEntity): ImportPreset | null {
  let best: { p: ImportPreset; known: number; signature: number } | null = null;
  for (const p of presets) {
    if (p.kind !== kind) continue;
    const fit = presetFit(p, headers);
    if (!fit.fits) continue;
    if (!best || fit.known > best.known || (fit.known === best.known && fit.signature > best.signature))
      best = { p, known: fit.known, signature: fit.signature };
  }
  return best?.p ?? null;
}
