import { z } from 'zod';
import type { Contract } from '@kith/domain/api/contract.ts';
import { errors } from './schemas.ts';

type ErrorStatus = Parameters<typeof errors>[0];

/**
 * The Fastify schema of a route declared by a contract (@kith/domain api/contract.ts): the contract's
 * schemas validate the request and serialise the response, with the problem responses the route can give.
 * Use: `app.get(c.path, { schema: routeSchema(c, [404]), config: { action } }, handler)`.
 */
export function routeSchema<C extends Contract>(c: C, problems: readonly ErrorStatus[]) {
  // Only the parts the contract has: Fastify warns about a schema key that is present but undefined.
  return {
    tags: [...c.tags],
    summary: c.summary,
    ...(c.params ? { params: c.params } : {}),
    ...(c.query ? { querystring: c.query } : {}),
    ...(c.body ? { body: c.body } : {}),
    response: { [c.status]: c.response ?? z.null(), ...errors(...problems) },
  } as { tags: string[]; summary: string; params: C['params']; querystring: C['query']; body: C['body']; response: Record<number, z.ZodType> };
}
