import { z } from 'zod';
import { ERROR_REASONS } from '@kith/domain/errors.ts';
import { PROBLEM_CODES } from './problem.ts';

/**
 * RFC 9457 problem document, as every error response is (http/problem.ts sends them). Loose: the members
 * below are the ones Kith sends today, and a client must accept others (RFC 9457 extension members).
 */
export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the kind of problem, e.g. https://kith.dev/problems/precondition-failed'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().describe(`Stable error code: ${PROBLEM_CODES.join(', ')}`),
    reason: z
      .string()
      .optional()
      .describe(`Why, beyond the code, for clients that word the message themselves: ${ERROR_REASONS.join(', ')}`),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .describe('Values the reason needs, e.g. {"role": "agent", "action": "contacts.delete"}'),
    errors: z
      .array(
        z.looseObject({
          pointer: z.string().describe('JSON Pointer to the field, e.g. /items/3/phones/0'),
          detail: z.string().describe('What is wrong, in English'),
          code: z.string().optional().describe('Stable code for clients that word the message themselves: required, too_long, invalid_phone, …'),
          params: z
            .record(z.string(), z.union([z.string(), z.number()]))
            .optional()
            .describe('Values the message needs, e.g. {"maximum": 200}'),
        }),
      )
      .optional(),
    in: z.enum(['body', 'querystring', 'headers']).optional().describe('422 from request validation: which part of the request has the invalid fields'),
    currentVersion: z.number().int().optional().describe('412: the record’s current version (its ETag without quotes)'),
    retryAfter: z.number().int().optional().describe('429 and 503: seconds to wait, as in the Retry-After header'),
    requestId: z.string().optional().describe('500: the id under which the error was logged (also the x-request-id header)'),
    workspaces: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .optional()
      .describe('Signing in to an account of several workspaces without naming one: the workspaces to choose from'),
  })
  .meta({ id: 'Problem' });

/** Common error responses for the OpenAPI document. */
export const errors = (...codes: (400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429)[]) =>
  Object.fromEntries(codes.map((c) => [c, ProblemSchema])) as Record<number, typeof ProblemSchema>;

/**
 * A file answered instead of JSON (an export): its media types, for the OpenAPI document. The route streams
 * the file itself; nothing is serialised by this schema.
 */
export const fileResponse = (description: string, mediaTypes: readonly string[]) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((t) => [t.split(';')[0]!.trim(), { schema: z.string().meta({ format: 'binary' }) }])),
});

// Declared once with the API contracts (@kith/domain api/common.ts).
export { IdParams, Timestamp } from '@kith/domain/api/common.ts';

/** `If-Match: "3"` → 3; `*` or absent → null; anything else can never match → -1. */
export function parseIfMatch(header: string | string[] | undefined): number | null {
  if (header === undefined) return null;
  const h = Array.isArray(header) ? header.join(',') : header;
  if (h.trim() === '*') return null;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(h);
  return m ? Number(m[1]) : -1;
}

export const etag = (version: number): string => `"${version}"`;
