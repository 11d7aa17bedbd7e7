import { z } from 'zod';
import { cleanText, isStorableText } from '../text/fold.ts';

/**
 * Shared field schemas. Every free-text field a caller can send goes through `text()`: it refuses NUL
 * and unpaired surrogates (which PostgreSQL or the UTF-8 encoder would reject or silently mangle),
 * caps the length, and stores NFC with whitespace collapsed.
 */
export const text = (max: number, min = 0) =>
  z
    .string()
    .max(max * 4, { message: `Must be at most ${max} characters` })
    .refine(isStorableText, { message: 'Must not contain NUL characters or unpaired surrogates' })
    .transform((s) => cleanText(s))
    .pipe(
      z
        .string()
        .min(min, { message: min === 1 ? 'Must not be empty' : `Must be at least ${min} characters` })
        .max(max, { message: `Must be at most ${max} characters` }),
    );

/** Multi-line text: keeps line breaks, trims the ends. */
export const longText = (max: number) =>
  z
    .string()
    .max(max, { message: `Must be at most ${max} characters` })
    .refine(isStorableText, { message: 'Must not contain NUL characters or unpaired surrogates' })
    .transform((s) => s.normalize('NFC').trim());

export const uuid = () => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'Must be an id' }).transform((s) => s.toLowerCase());

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Must be a date as YYYY-MM-DD' })
    .refine(
      (s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
      },
      { message: 'Must be a real calendar date' },
    );

export const isoDateTime = () =>
  z
    .string()
    .max(40)
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: 'Must be a date-time in ISO 8601 with a time zone, e.g. 2026-11-22T09:30:00+07:00',
    })
    .transform((s) => new Date(s).toISOString());

export const tagList = (maxItems: number, maxLen: number) =>
  z
    .array(text(maxLen, 1), { message: 'Must be a list of strings' })
    .max(maxItems, { message: `At most ${maxItems} items` })
    .transform((items) => {
      const seen = new Set<string>();
      return items.filter((t) => {
        const k = t.toLowerCase();
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    });
