import { sql } from 'kysely';
import { openBenchDb, benchWorkspace } from './lib.ts';
import { listContacts } from '@kith/server/features/contacts/contact.service.ts';
import { scoreSummaries } from '@kith/server/features/analytics/score-summary.ts';
import { contactRegistryFor } from '@kith/server/features/contacts/contact.fields.ts';
import { resolveToken, createToken } from '@kith/server/platform/auth/auth.service.ts';
const db = await openBenchDb('sqlite', 'main');
const core = db.core;
const ws = await benchWorkspace(core);
const { token } = await createToken(core, ws.userId, ws.workspaceId, 'b', { ip: null, userAgent: null, requestId: null });
const ids = (await sql<{ id: string }>`select id from contacts order by created_at desc limit 50`.execute(core.db)).rows.map((r) => r.id);
const captured = '';
const { listContactRows } = await import('@kith/server/features/contacts/contact.repository.ts');
const { scopeFor } = await import('@kith/server/platform/records/visibility.ts');
const logDb = core.db.withPlugin({ transformQuery: (a: any) => a.node, transformResult: async (a: any) => a.result } as any);
const origExec = (core.db as any).getExecutor().executeQuery;
const c0 = core.db.getExecutor();
const spy = { ...c0 };
const { parseSort } = await import('@kith/server/platform/records/list-query.ts');
const { registry, fields } = await contactRegistryFor(core, ws.workspaceId);
const sort = parseSort(undefined, registry, fields, core.dialect, 'contacts', '-createdAt');
const scope = scopeFor(ws.actor, 'contacts.read');
const compiled = await (async () => {
  let q: any;
  const r = await listContactRows(
    core.db.withPlugin({
      transformQuery(a: any) {
        return a.node;
      },
      async transformResult(a: any) {
        return a.result;
      },
    } as any) as any,
    core.dialect,
    scope,
    { filters: [], sort, cursor: null, searchAfterSeq: null, limit: 51, searchTokens: [], deleted: 'exclude', groups: [] },
  );
  return r;
})();
const { rowToContact } = await import('@kith/server/features/contacts/contact.repository.ts');
const LISTSQL =
  'select "contacts"."seq", "contacts"."id", "contacts"."workspace_id", "contacts"."created_at", "contacts"."updated_at", "contacts"."deleted_at", "contacts"."created_by", "contacts"."updated_by", "contacts"."version", "contacts"."name", "contacts"."external_id", "contacts"."family_name", "contacts"."given_name", "contacts"."phones", "contacts"."emails", "contacts"."gender", "contacts"."birthday", "contacts"."occupation", "contacts"."marital_status", "contacts"."religion", "contacts"."address_line", "contacts"."ward", "contacts"."district", "contacts"."province", "contacts"."hometown", "contacts"."country", "contacts"."lifecycle_stage", "contacts"."source", "contacts"."interests", "contacts"."tags", "contacts"."education", "contacts"."income_band", "contacts"."household_size", "contacts"."company_id", "contacts"."job_title", "contacts"."notes", "contacts"."owner_id", "contacts"."team_id", "contacts"."consents", "contacts"."custom", "companies"."name" as "company_name", "contacts"."created_at" as "_sort" from "contacts" left join "companies" on "companies"."id" = "contacts"."company_id" where "contacts"."workspace_id" = WS and "contacts"."deleted_at" is null order by "contacts"."created_at" desc, "contacts"."id" desc limit 51';
const fns: Record<string, () => Promise<unknown>> = {
  bare: async () =>
    JSON.stringify((await sql`select * from contacts where workspace_id = ${ws.workspaceId} order by created_at desc, id desc limit 50`.execute(core.db)).rows),
  list: () => listContacts(core, ws.actor, { limit: 50, deleted: 'exclude', includeTotal: false, raw: {} }),
  scores: () => scoreSummaries(core.db, ws.workspaceId, ids),
  registry: () => contactRegistryFor(core, ws.workspaceId),
  token: () => resolveToken(core, token, { ip: null, userAgent: null, requestId: null } as never),
  repoRows: () =>
    listContactRows(core.db, core.dialect, scope, {
      filters: [],
      sort,
      cursor: null,
      searchAfterSeq: null,
      limit: 51,
      searchTokens: [],
      deleted: 'exclude',
      groups: [],
    }),
  rawList: async () => (await sql.raw(LISTSQL.replace('WS', "'" + ws.workspaceId + "'")).execute(core.db)).rows,
  rawListMap: async () => (await sql.raw(LISTSQL.replace('WS', "'" + ws.workspaceId + "'")).execute(core.db)).rows.map((r: any) => rowToContact(r)),
  compileOnly: async () =>
    core.db
      .selectFrom('contacts')
      .leftJoin('companies', 'companies.id', 'contacts.company_id')
      .selectAll('contacts')
      .select('companies.name as company_name')
      .where('contacts.workspace_id', '=', ws.workspaceId)
      .where('contacts.deleted_at', 'is', null)
      .orderBy('contacts.created_at', 'desc')
      .orderBy('contacts.id', 'desc')
      .limit(51)
      .compile(),
};
const tot: Record<string, number> = {};
for (let round = 0; round < 8; round++)
  for (const [k, f] of Object.entries(fns)) {
    const t = performance.now();
    for (let i = 0; i < 300; i++) await f();
    if (round > 1) tot[k] = (tot[k] ?? 0) + (performance.now() - t) / 300;
  }
for (const [k, v] of Object.entries(tot)) console.log(k.padEnd(12), ((v / 6) * 1000).toFixed(0), 'µs');
await core.close();
