import { z } from 'zod';

/** RFC 9457 problem document, as every error response is. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string(),
    reason: z.string().optional().describe('Why, beyond the code, for clients that word the message themselves: role_cannot, team_name_taken, last_owner, …'),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('Values the reason needs, e.g. {"role": "agent", "action": "contacts.delete"}'),
    errors: z
      .array(
        z.object({
          pointer: z.string().describe('JSON Pointer to the field, e.g. /items/3/phones/0'),
          detail: z.string().describe('What is wrong, in English'),
          code: z.string().optional().describe('Stable code for clients that word the message themselves: required, too_long, invalid_phone, …'),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('Values the message needs, e.g. {"maximum": 200}'),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

/** Common error responses for the OpenAPI document. */
export const errors = (...codes: (400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429)[]) =>
  Object.fromEntries(codes.map((c) => [c, ProblemSchema])) as Record<number, typeof ProblemSchema>;

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

