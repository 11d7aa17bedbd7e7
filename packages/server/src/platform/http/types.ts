import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Action } from '@kith/domain/permissions/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Registry } from '../records/list-query.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook for authenticated requests. */
    actor: Actor | null;
    sessionCsrf: string | null;
  }
  interface FastifyContextConfig {
    /** 'none': no credentials looked at; 'optional': used if present; default: required. */
    auth?: 'none' | 'optional';
    /** The permission every caller of this route needs (docs/permissions.md). */
    action?: Action;
    /** A list's filter fields (`filter[field][op]`), declared in the OpenAPI document (http/openapi.ts). */
    filters?: Registry;
  }
}
