import type { z } from 'zod';

/**
 * One API contract: an operation's method, path and schemas, declared once in @kith/domain
 * (`<feature>/<feature>.api.ts`). The server registers its route from it — the same schemas validate the
 * request and serialise the response, and document both in OpenAPI (server: http/contract.ts) — and the
 * web app calls it through `call(contract, …)` (web: lib/api-call.ts), whose request and response types
 * are derived from the same schemas (`z.input` of what is sent, `z.output` of what comes back). No type is
 * written twice.
 */

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type Contract = {
  method: Method;
  /** Under /api/v1; `:name` segments are path parameters. */
  path: `/${string}`;
  summary: string;
  tags: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and what it carries (null: no body, e.g. 204). */
  status: 200 | 201 | 202 | 204;
  response: z.ZodType | null;
};

/** Declare a contract, keeping its exact types. */
export const contract = <const C extends Contract>(c: C): C => c;

/** The path parameters a path names (`/contacts/:id` → `{ id: string }`). */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

export type ResponseOf<C extends Contract> = C['response'] extends z.ZodType ? z.output<C['response']> : null;
export type BodyOf<C extends Contract> = C['body'] extends z.ZodType ? z.input<C['body']> : never;
export type QueryOf<C extends Contract> = C['query'] extends z.ZodType ? z.input<C['query']> : never;

/** The path with its parameters filled in (each encoded). */
export function pathOf(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`path parameter ${name} is missing for ${path}`);
    return encodeURIComponent(v);
  });
}
