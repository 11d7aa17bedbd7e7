import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import rootPackage from '../../../../../package.json' with { type: 'json' };
import { OPS, type FieldDef, type Registry } from '../records/list-query.ts';

/**
 * The OpenAPI document (GET /api/v1/openapi.json), fit for generated clients. What every operation gets
 * is derived from the route itself, never listed per route:
 * - operationId: the route's own `schema.operationId`, else method + path (GET /contacts/{id} → getContactsById);
 * - tags: the route's, else the first segment of its path; the document's tag list is every tag in use,
 *   described by TAG_DESCRIPTIONS (a tag without a description fails the OpenAPI test);
 * - problems (application/problem+json, the Problem schema): 500 on every API operation, 401 on every credentialed one, 403 where a
 *   permission is checked or the method is unsafe (CSRF, cross-origin), 404 where the path has a parameter,
 *   409 on writes (a unique key or a parent raced away in the database), 400/413/415/422 where a body is
 *   read, 422 where a query is validated; plus whatever the route listed itself (errors(...)), e.g. 412, 429;
 * - If-Match on PATCH/PUT/DELETE routes that list 412 (they read it: parseIfMatch), ETag on the 2xx of a
 *   versioned record (create, read, change, restore), Location on a 201 whose record can be read at
 *   `{path}/{id}`, Retry-After on 429;
 * - list filters: a route whose `config.filters` names its field registry gets one `filter[field][op]`
 *   parameter per field and operator (records/list-query.ts), plus `filter` (deepObject: `filter[field]=v`,
 *   equality, for custom fields).
 */

/** What each tag is about, shown beside the tag in documentation and generated clients. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  system: 'Liveness and readiness of the process and its database',
  setup: 'Setting up a new Kith: the first workspace and its owner',
  auth: 'Signing in and out, sessions, personal API tokens, password resets',
  me: 'The signed-in user: name, language, password',
  workspaces: 'My workspaces, the current one’s settings, and its export as JSON Lines',
  members: 'Who belongs to the workspace and in which role; invitations to join it',
  teams: 'Teams of members, which scope what a member sees',
  'custom fields': 'Workspace-defined fields on contacts and companies',
  contacts: 'Customers and prospects: the central record',
  companies: 'Organisations contacts belong to',
  products: 'The product catalogue and its categories',
  orders: 'Orders with their lines; totals computed from the lines',
  interactions: 'Calls, meetings, emails, chats, visits and notes with customers',
  tasks: 'Work to do, assigned to members, often about a customer',
  imports: 'Streamed CSV/XLSX imports of contacts and orders: dry runs, runs, undo',
  duplicates: 'Likely duplicate contacts, merges and their undo',
  deals: 'Pipelines and their stages, the board, and the deals moving through them',
  analytics: 'RFM, lifetime value and P(alive) scores, needs profiles, acquisition and their settings',
  audit: 'The append-only log of every change to customer data',
  views: 'Saved list views (columns, filters, sort)',
  segments: 'Saved customer segments and the fields they can filter on',
  care: 'Customer-care settings: working calendar, holidays, SLA policies and report, team assignment, canned replies',
  tickets: 'Support tickets, their messages and SLA clocks',
  playbooks: 'Care playbooks: sequences of steps run for a customer',
  assessment:
    'The assessment: frameworks (the QCI model, IDIC, customer care, Gartner, Payne & Frow, Buttle), assessments answered on Intention and Reality, consolidation, and the report with live evidence from the CRM’s data',
  kpis: 'People and measurement: KPIs computed from the data per person, team and period, targets and their splits, scorecards, period close and recount, plans per customer segment',
  surveys: 'Satisfaction surveys (NPS, CSAT, CES): invitations, answers through a personal link, results',
  loyalty: 'The loyalty programme: points, tiers, redemptions, adjustments and referrals',
  mail: 'The workspace’s outgoing mail: its SMTP server and the outbox',
  training:
    'Training and competencies: courses, competencies, what each role must hold, each member’s records with evidence, the competency matrix and its CSV files',
  workload: 'Workload: open tickets, deals and tasks per person against their capacities, shifts, and tickets per on-duty agent by hour of the week',
  rewards:
    'The reward and penalty record of the workspace’s members: proposals, four-eyes decisions, each member’s record and totals, and the rules that propose entries from KPI figures when a period closes',
};

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);
const API_PREFIX = '/api/v1/';

/** Facts about the route that only the transform sees, carried to transformObject on the operation and removed there. */
const ROUTE_FACTS = 'x-kith-route';
type RouteFacts = { credentials: boolean; permission: boolean; filters?: Record<string, unknown>[]; sortable?: string[] };

const camel = (s: string) => s.replace(/[-_ .]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
const pascal = (s: string) => {
  const c = camel(s);
  return c.charAt(0).toUpperCase() + c.slice(1);
};

/** GET /api/v1/contacts/{id}/timeline → getContactsByIdTimeline: unique because method and path are. */
export function operationIdOf(method: string, url: string): string {
  const segments = url
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `By${pascal(s.slice(1))}` : s.startsWith('{') ? `By${pascal(s.slice(1, -1))}` : pascal(s)));
  return method.toLowerCase() + (segments.join('') || 'Root');
}

/** The value a `filter[field][op]` parameter takes, from the field's type and the operator. */
function filterValueSchema(def: FieldDef, op: string): Record<string, unknown> {
  if (op === 'empty') return { type: 'boolean', description: 'true: the field is empty; false: it is not' };
  if (op === 'in' || op === 'nin' || op === 'has') {
    return { type: 'string', description: `comma-separated, 1 to 100 values${def.values ? ` of: ${def.values.join(', ')}` : ''}` };
  }
  switch (def.type) {
    case 'enum':
      return def.values ? { type: 'string', enum: [...def.values] } : { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    default:
      return { type: 'string', maxLength: 200 };
  }
}

/** The query parameters of a list's filters: every field × operator of its registry, and `filter` for the rest. */
export function filterParameters(registry: Registry): Record<string, unknown>[] {
  const params: Record<string, unknown>[] = [];
  for (const [name, def] of Object.entries(registry)) {
    if (def.sortOnly) continue;
    for (const op of OPS[def.type]) {
      const { description, ...schema } = filterValueSchema(def, op);
      params.push({ name: `filter[${name}][${op}]`, in: 'query', required: false, ...(description ? { description } : {}), schema });
    }
  }
  params.push({
    name: 'filter',
    in: 'query',
    required: false,
    style: 'deepObject',
    explode: true,
    description:
      '`filter[field]=value`: the field equals the value; the way to filter by a custom field (`filter[custom.tier]=gold`). Every filter is AND-combined.',
    schema: { type: 'object', additionalProperties: { type: 'string' } },
  });
  return params;
}

const transform: SwaggerTransform = (doc) => {
  const out = jsonSchemaTransform(doc) as { schema: Record<string, unknown>; url: string };
  const { route } = doc;
  const schema = out.schema;
  if (!schema || schema.hide) return out;
  const method = (Array.isArray(route.method) ? route.method[0]! : route.method).toLowerCase();
  const config = (route.config ?? {}) as { auth?: 'none' | 'optional'; action?: string; filters?: Registry };
  const api = out.url.startsWith(API_PREFIX);
  schema.operationId ??= operationIdOf(method, out.url);
  schema.tags ??= [out.url.replace(/^\/api\/v1/, '').split('/')[1] || 'system'];
  // Routes that take no credentials say so.
  if (config.auth === 'none' || !api) schema.security = [];
  const facts: RouteFacts = { credentials: api && config.auth !== 'none', permission: Boolean(config.action) };
  if (config.filters) {
    facts.filters = filterParameters(config.filters);
    facts.sortable = Object.entries(config.filters)
      .filter(([, d]) => d.sortable)
      .map(([n]) => n);
  }
  schema[ROUTE_FACTS] = facts;
  return out;
};

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is a JSON tree walked by shape; @fastify/swagger types it no better
type Json = Record<string, any>;
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: PROBLEM_REF } } });
const isProblem = (r: Json | undefined) => Boolean(r?.content && Object.values(r.content as Json).some((m: Json) => m.schema?.$ref === PROBLEM_REF.$ref));

/** Why each status is answered, as the document says it. */
const WHY: Record<number, string> = {
  400: 'The body is not well-formed JSON (or a value could not be stored)',
  401: 'No credentials, or an invalid, expired or revoked API token or session',
  403: 'The role lacks the permission, or (with a session) the X-CSRF-Token header is missing or wrong, or the request came from another origin',
  404: 'No such record in your scope (a malformed id too)',
  409: 'A conflict with the current state (e.g. the same identity created at the same moment, or a record this refers to removed meanwhile)',
  410: 'Gone',
  412: 'If-Match names an older version: the record changed since it was read; nothing was changed (`currentVersion` tells the current one)',
  413: 'The body is too large',
  415: 'The body is not JSON (Content-Type: application/json)',
  422: 'Invalid fields: `errors[]` names each by JSON Pointer, `in` says where (body, querystring)',
  428: 'If-Match is required',
  429: 'Too many requests: wait `Retry-After` seconds',
  500: 'Something went wrong on our side; `requestId` identifies the logged error',
  503: 'Service unavailable',
};
const ETAG_HEADER = { description: 'The record’s version; send it back in If-Match to refuse a stale write', schema: { type: 'string', example: '"3"' } };
const LOCATION_HEADER = { description: 'Where the new record is read', schema: { type: 'string', format: 'uri-reference' } };
const RETRY_AFTER_HEADER = { description: 'Seconds to wait before trying again', schema: { type: 'integer' } };
const IF_MATCH = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The ETag you read (e.g. "3"): a stale one is refused with 412 and changes nothing; without it the change applies to the current version',
  schema: { type: 'string' },
};

/** The response's schema, followed through a $ref to its component. */
function responseSchema(components: Json, response: Json | undefined): Json | undefined {
  const s = response?.content?.['application/json']?.schema as Json | undefined;
  if (!s?.$ref) return s;
  return components[String(s.$ref).split('/').pop()!] as Json | undefined;
}

const transformObject: SwaggerTransformObject = (doc) => {
  const o = jsonSchemaTransformObject(doc) as Json;
  const components = (o.components.schemas ??= {}) as Json;
  const paths = (o.paths ?? {}) as Record<string, Json>;
  const used = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    const segments = path.split('/');
    const hasParam = path.includes('{');
    for (const [method, op] of Object.entries(item) as [string, Json][]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const facts = (op[ROUTE_FACTS] ?? { credentials: false, permission: false }) as RouteFacts;
      delete op[ROUTE_FACTS];
      for (const t of op.tags ?? []) used.add(t);
      const responses = op.responses as Json;
      const has = (status: number) => responses[status] !== undefined;
      // What the route listed itself, as problem documents.
      for (const [status, r] of Object.entries(responses) as [string, Json][]) {
        if (isProblem(r)) responses[status] = problemResponse(WHY[Number(status)] ?? r.description);
      }
      const add = (status: number) => {
        if (!has(status)) responses[status] = problemResponse(WHY[status]!);
      };
      const body = Boolean(op.requestBody);
      const query = (op.parameters ?? []).some((p: Json) => p.in === 'query');
      if (body) [400, 413, 415, 422].forEach(add);
      if (query) add(422);
      if (facts.credentials) add(401);
      if (facts.permission || (UNSAFE.has(method) && path.startsWith('/api/v1/'))) add(403);
      if (hasParam) add(404);
      if (UNSAFE.has(method) && path.startsWith('/api/v1/')) add(409);
      if (path.startsWith('/api/v1/')) add(500);
      if (has(429)) responses[429].headers = { 'Retry-After': RETRY_AFTER_HEADER };
      if (has(412) && (method === 'patch' || method === 'put' || method === 'delete')) op.parameters = [...(op.parameters ?? []), IF_MATCH];
      if (facts.filters) op.parameters = [...(op.parameters ?? []), ...facts.filters];
      const sort = (op.parameters ?? []).find((p: Json) => p.in === 'query' && p.name === 'sort') as Json | undefined;
      if (sort && facts.sortable) {
        sort.description = `${sort.description ? `${sort.description}. ` : ''}Sortable fields: ${facts.sortable.join(', ')}, and custom fields as custom.<key>; "-" first for descending.`;
      }
      // ETag on the versioned record of a create, read, change or restore.
      const last = segments.at(-1)!;
      const recordShape =
        (method === 'post' && !hasParam) ||
        (['get', 'patch', 'put'].includes(method) && last.startsWith('{')) ||
        (method === 'post' && last === 'restore' && segments.at(-2)!.startsWith('{'));
      for (const status of ['200', '201']) {
        const r = responses[status] as Json | undefined;
        const s = responseSchema(components, r);
        if (!r || !s) continue;
        if (recordShape && s.properties?.version && s.properties?.id) (r.headers ??= {}).ETag = ETAG_HEADER;
        if (status === '201' && s.properties?.id && paths[`${path}/{id}`]?.get) (r.headers ??= {}).Location = LOCATION_HEADER;
      }
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  pruneUnusedSchemas(o);
  const missing = [...used].filter((t) => !TAG_DESCRIPTIONS[t]);
  return {
    ...o,
    info: { ...o.info, license: { name: rootPackage.license, identifier: rootPackage.license } },
    servers: [{ url: '/', description: 'This Kith server (paths begin with /api/v1)' }],
    tags: [...used]
      .sort()
      .map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `(no description: add "${name}" to TAG_DESCRIPTIONS in http/openapi.ts)` })),
    ...(missing.length ? { 'x-kith-undescribed-tags': missing } : {}),
  };
};

/**
 * zod's registries give every named schema an input and an output form; keep only the ones an operation
 * reaches (directly or through another schema), so the components are the API's, not the generator's.
 */
function pruneUnusedSchemas(o: Json): void {
  const schemas = o.components.schemas as Json;
  const refsIn = (v: unknown, out: Set<string>) => {
    const text = JSON.stringify(v);
    for (const m of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) out.add(m[1]!);
  };
  const keep = new Set<string>();
  refsIn(o.paths, keep);
  let frontier = [...keep];
  while (frontier.length) {
    const next = new Set<string>();
    for (const name of frontier) refsIn(schemas[name], next);
    frontier = [...next].filter((n) => !keep.has(n));
    frontier.forEach((n) => keep.add(n));
  }
  for (const name of Object.keys(schemas)) if (!keep.has(name)) delete schemas[name];
}

/** The @fastify/swagger options: the document's frame and the two transforms above. */
export function openApiOptions(): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kith API',
        version: '1',
        description:
          'The REST API of Kith, an open-source CRM. Authenticate with `Authorization: Bearer <token>` (create one with POST /api/v1/auth/tokens) or, in the web app, the session cookie plus the X-CSRF-Token header on writes. Errors are RFC 9457 problem documents (application/problem+json).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (kith_…)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'kith_session',
            description: 'The web app’s session; unsafe methods also need the X-CSRF-Token header',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform,
    // The schemas named with .meta({ id }) become components/schemas, which the operations' $refs point at.
    transformObject,
  };
}
