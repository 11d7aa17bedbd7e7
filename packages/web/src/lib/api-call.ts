import { pathOf, type BodyOf, type Contract, type PathParams, type QueryOf, type ResponseOf } from '@kith/domain/api/contract.ts';
import { request, type ApiResponse, type RequestOptions } from './api-client.ts';

/**
 * Call an operation by its contract (@kith/domain api/contract.ts, declared in `<feature>.api.ts`): the
 * path parameters, query and body it takes and the response it gives are typed from the same schemas the
 * server validates and serialises with, so the web app declares none of the API's shapes itself.
 */
/** A query string's values are text on the wire: the names are checked against the contract, the values sent as given. */
type QueryValue = string | number | boolean | string[] | null | undefined;
type Args<C extends Contract> = ([keyof PathParams<C['path']>] extends [never] ? { params?: never } : { params: PathParams<C['path']> }) &
  ([QueryOf<C>] extends [never] ? { query?: never } : { query?: { [K in keyof QueryOf<C>]?: QueryValue } }) &
  ([BodyOf<C>] extends [never] ? { body?: never } : { body: BodyOf<C> }) & { ifMatch?: string | undefined; signal?: AbortSignal | undefined };

export async function call<C extends Contract>(
  c: C,
  ...[args]: keyof PathParams<C['path']> extends never ? [Args<C>?] : [Args<C>]
): Promise<ApiResponse<ResponseOf<C>>> {
  const a = (args ?? {}) as { params?: Record<string, string>; query?: RequestOptions['query']; body?: unknown; ifMatch?: string; signal?: AbortSignal };
  return request<ResponseOf<C>>(c.method, pathOf(c.path, a.params ?? {}), {
    ...(a.query ? { query: a.query } : {}),
    ...(a.body !== undefined ? { body: a.body } : {}),
    ...(a.ifMatch ? { ifMatch: a.ifMatch } : {}),
    ...(a.signal ? { signal: a.signal } : {}),
  });
}
