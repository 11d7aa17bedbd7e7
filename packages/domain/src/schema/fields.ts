import { z } from 'zod';
import { cleanText, isStorableText } from '../text/fold.ts';
import { withCode } from './issues.ts';

/**
 * Shared field schemas. Every free-text field a caller can send goes through `text()`: it refuses NUL
 * and unpaired surrogates (which PostgreSQL or the UTF-8 encoder would reject or silently mangle),
 * caps the length, and stores NFC with whitespace collapsed.
 */
export const text = (max: number, min = 0) =>
  z
    .string()
    // A cheap bound before any work on the text (cleaning may shorten it, so the exact limit comes after).
    .refine((s) => s.length <= max * 4, { message: `Must be at most ${max} characters`, params: withCode('too_long', { maximum: max }), abort: true })
    .refine(isStorableText, { message: 'Must not contain NUL characters or unpaired surrogates', params: withCode('invalid_characters') })
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
    .refine(isStorableText, { message: 'Must not contain NUL characters or unpaired surrogates', params: withCode('invalid_characters') })
    .transform((s) => s.normalize('NFC').trim());

export const uuid = () =>
  z
    .string()
    .refine((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s), { message: 'Must be an id', params: withCode('invalid_id') })
    .transform((s) => s.toLowerCase());

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = () =>
  z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s), { message: 'Must be a date as YYYY-MM-DD', params: withCode('invalid_date'), abort: true })
    .refine(
      (s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
      },
      { message: 'Must be a real calendar date', params: withCode('invalid_date') },
    );

export const isoDateTime = () =>
  z
    .string()
    .max(40)
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: 'Must be a date-time in ISO 8601 with a time zone, e.g. 2026-11-22T09:30:00+07:00',
      params: withCode('invalid_datetime'),
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
