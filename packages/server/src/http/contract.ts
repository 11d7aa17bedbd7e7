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
  const schema = {
    tags: [...c.tags],
    summary: c.summary,
    params: c.params as C['params'],
    querystring: c.query as C['query'],
    body: c.body as C['body'],
    response: { [c.status]: c.response ?? z.null(), ...errors(...problems) },
  };
  // A part the contract does not declare is left out, not set to undefined (Fastify warns about those as missing schemas).
  for (const k of ['params', 'querystring', 'body'] as const) if (schema[k] === undefined) Reflect.deleteProperty(schema, k);
  return schema;
}
