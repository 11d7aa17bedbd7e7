import type { z } from 'zod';
import type { FieldIssue } from '../errors.ts';

/**
 * The codes a field issue may carry, so a client can word the message itself (in Vietnamese, say)
 * instead of showing the API's English. Params in brackets come with the code.
 */
export const ISSUE_CODES = [
  'required',
  'too_short', // [minimum] characters
  'too_long', // [maximum] characters
  'too_few', // [minimum] items
  'too_many', // [maximum] items
  'too_small', // [minimum] number
  'too_big', // [maximum] number
  'not_integer',
  'invalid_type', // [expected]
  'invalid_choice',
  'invalid_format',
  'invalid_email',
  'invalid_phone',
  'invalid_date',
  'invalid_datetime',
  'date_out_of_range', // [minimum, maximum]
  'unknown_province',
  'invalid_characters',
  'invisible_characters', // zero-width, bidi and other characters nobody sees, in an email
  'mixed_scripts', // [scripts] letters of several alphabets in one part of an address (a lookalike)
  'unknown_field', // [keys]
  'invalid_id',
  'not_found', // a referenced record (contact, product, …) does not exist or is not visible
  'not_unique',
  'unknown_currency',
  'currency_mismatch', // [expected]
  'invalid_transition', // [from, to]
  'not_yours', // an import row matches a record the caller may not change
  'password_common',
  'password_repeated',
  'password_contains_email',
  'invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A custom refinement's issue params: `{ code }` gives the issue its code. */
export const withCode = (code: IssueCode, params: Record<string, string | number> = {}) => ({ code, ...params });

function num(v: unknown): number | string {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** A zod issue as a FieldIssue with a code (and the English message the API has always sent). */
export function fromZodIssue(i: z.core.$ZodIssue, prefix: (string | number)[] = []): FieldIssue {
  const path = [...prefix, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const base = { path, message: i.message };
  switch (i.code) {
    case 'too_small': {
      const min = num(i.minimum);
      if (i.origin === 'string') return min === 1 ? { ...base, code: 'required' } : { ...base, code: 'too_short', params: { minimum: min } };
      if (i.origin === 'array' || i.origin === 'set') return { ...base, code: 'too_few', params: { minimum: min } };
      return { ...base, code: 'too_small', params: { minimum: min } };
    }
    case 'too_big': {
      const max = num(i.maximum);
      if (i.origin === 'string') return { ...base, code: 'too_long', params: { maximum: max } };
      if (i.origin === 'array' || i.origin === 'set') return { ...base, code: 'too_many', params: { maximum: max } };
      return { ...base, code: 'too_big', params: { maximum: max } };
    }
    case 'invalid_type':
      if (i.input === undefined) return { ...base, code: 'required' };
      if (i.expected === 'int') return { ...base, code: 'not_integer' };
      return { ...base, code: 'invalid_type', params: { expected: String(i.expected) } };
    case 'invalid_value':
      return { ...base, code: 'invalid_choice' };
    case 'invalid_format':
      return { ...base, code: i.format === 'email' ? 'invalid_email' : 'invalid_format' };
    case 'unrecognized_keys':
      return {
        path,
        message: `Unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')} (not something a caller may set)`,
        code: 'unknown_field',
        params: { keys: i.keys.join(', ') },
      };
    case 'invalid_union':
      return { ...base, code: 'invalid' };
    case 'not_multiple_of':
      return { ...base, code: 'not_integer' };
    case 'custom': {
      const p = (i.params ?? {}) as Record<string, unknown>;
      const code = typeof p.code === 'string' ? p.code : 'invalid';
      const params = Object.fromEntries(Object.entries(p).filter(([k, v]) => k !== 'code' && (typeof v === 'string' || typeof v === 'number'))) as Record<
        string,
        string | number
      >;
      return Object.keys(params).length ? { ...base, code, params } : { ...base, code };
    }
    default:
      return { ...base, code: 'invalid' };
  }
}
