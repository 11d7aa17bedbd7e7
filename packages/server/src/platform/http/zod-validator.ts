import { z } from 'zod';
import type { FieldIssue } from '@kith/domain/errors.ts';
import { fromZodIssue } from '@kith/domain/schema/issues.ts';

/** A request part that failed its schema; the error handler turns it into a 422 naming each field. */
export class RequestValidationError extends Error {
  readonly issues: FieldIssue[];
  validationContext?: string;
  constructor(issues: FieldIssue[]) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
    this.issues = issues;
  }
}

/** Validate with zod and keep each issue's path as an array (so /items/3/emails/0 stays exact). */
export function zodValidatorCompiler({ schema }: { schema: unknown }) {
  const s = schema as z.ZodType;
  return (data: unknown): { value: unknown } | { error: Error } => {
    const r = s.safeParse(data);
    if (r.success) return { value: r.data };
    return {
      error: new RequestValidationError(r.error.issues.slice(0, 100).map((i) => fromZodIssue(i))),
    };
  };
}
