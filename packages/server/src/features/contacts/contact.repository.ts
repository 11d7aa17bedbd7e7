import { bulkInsert } from '../../platform/db/bulk-insert.ts';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Contact } from '@kith/domain/contacts/contact.schema.ts';
import { buildContactSearchText } from '@kith/domain/search/contact-search.ts';
import { CONTACT_FIELD_LIST, type ContactFieldValues } from '@kith/domain/contacts/contact.fields.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { readColumns, fieldsReader } from '../../platform/records/field-table.ts';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import type { ContactKeyTable, ContactTable } from './contact.table.ts';
import {
  afterCursor,
  filterCondition,
  groupsCondition,
  orderBySql,
  type Cursor,
  type Filter,
  type FilterGroups,
  type Sort,
} from '../../platform/records/list-query.ts';
import { visibleTo, type Scope } from '../../platform/records/visibility.ts';

export type ContactInsert = Omit<Insertable<ContactTable>, 'seq'>;
export type ContactKey = Insertable<ContactKeyTable>;
export type ContactWithCompany = Contact & { company: { id: string; name: string } | null };

/** The record's own columns; each field's column comes from the field table. */
const RECORD_COLUMNS = ['seq', 'id', 'workspace_id', 'created_at', 'updated_at', 'deleted_at', 'created_by', 'updated_by', 'version'] as const;

/** Every column a read returns (search_text stays inside). */
const READ_COLUMNS = readColumns('contacts', RECORD_COLUMNS, CONTACT_FIELD_LIST) as unknown as readonly `contacts.${keyof ContactTable & string}`[];

type ReadRow = Omit<Selectable<ContactTable>, 'name_key' | 'search_text'> & { company_name: string | null };

const readContactFields = fieldsReader<ContactFieldValues>(CONTACT_FIELD_LIST);

export function rowToContact(r: ReadRow): ContactWithCompany {
  const fields = readContactFields(r as unknown as Record<string, unknown>);
  return {
    id: r.id,
    ...fields,
    company: r.company_id && r.company_name !== null ? { id: r.company_id, name: r.company_name } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    version: r.version,
  };
}

/** SQLite allows 32,766 bound values per statement; stay well below. */
const ROWS_PER_INSERT = 400;

export async function insertContactRows(db: Db, rows: ContactInsert[]): Promise<void> {
  await bulkInsert(db, 'contacts', rows, { sqliteChunk: ROWS_PER_INSERT });
}

export async function insertKeys(db: Db, keys: ContactKey[]): Promise<void> {
  await bulkInsert(db, 'contact_keys', keys, { sqliteChunk: 5000 });
}

/**
 * Which live contacts hold these lookup keys ("email:an@x.vn", "phone:+84…", "external:KH-1"): key → the
 * oldest such contact's id. One `kind = ? and value in (…)` query per kind and chunk, so the
 * (workspace_id, kind, value) index answers each (a long OR of pairs made SQLite scan the table).
 * With a scope, only the contacts in it: one outside it is not there for the caller (it must not tell
 * them that someone holds the key — docs/permissions.md).
 */
export async function contactsByKeys(db: Db, workspaceId: string, keys: readonly string[], scope?: Scope): Promise<Map<string, string>> {
  const all = await contactIdsByKeys(db, workspaceId, keys, scope);
  return new Map([...all].map(([k, ids]) => [k, ids[0]!]));
}

/** Every live contact holding each key (`kind:value`), oldest first: several people may share a company's email. */
export async function contactIdsByKeys(db: Db, workspaceId: string, keys: readonly string[], scope?: Scope): Promise<Map<string, string[]>> {
  const byKind = new Map<string, string[]>();
  for (const k of new Set(keys)) {
    const i = k.indexOf(':');
    const kind = k.slice(0, i);
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind)!.push(k.slice(i + 1));
  }
  // The index alone first (most keys of an import are new: a miss reads one index page, not a contact too),
  // then the contacts of the keys found, to leave out deleted ones and take the oldest.
  const hits: { key: string; id: string }[] = [];
  for (const [kind, values] of byKind) {
    // `id:<contact id>` (Kith's own export): the contact itself, if it is one of this workspace's.
    if (kind === 'id') {
      for (const v of values) hits.push({ key: `id:${v}`, id: v });
      continue;
    }
    for (let i = 0; i < values.length; i += 500) {
      const rows = await db
        .selectFrom('contact_keys')
        .select(['value', 'contact_id'])
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .where('value', 'in', values.slice(i, i + 500))
        .execute();
      for (const r of rows) hits.push({ key: `${kind}:${r.value}`, id: r.contact_id });
    }
  }
  const live = new Map<string, string>();
  const ids = [...new Set(hits.map((h) => h.id))];
  for (let i = 0; i < ids.length; i += 500) {
    let q = db
      .selectFrom('contacts')
      .select(['contacts.id', 'contacts.created_at'])
      .where('contacts.workspace_id', '=', workspaceId)
      .where('contacts.id', 'in', ids.slice(i, i + 500))
      .where('contacts.deleted_at', 'is', null);
    if (scope?.limitTo) q = q.where((eb) => visibleTo(eb, scope, 'contacts'));
    const rows = await q.execute();
    for (const r of rows) live.set(r.id, r.created_at);
  }
  const out = new Map<string, { id: string; at: string }[]>();
  for (const h of hits) {
    const at = live.get(h.id);
    if (at === undefined) continue;
    const list = out.get(h.key) ?? [];
    if (!list.some((x) => x.id === h.id)) list.push({ id: h.id, at });
    out.set(h.key, list);
  }
  return new Map([...out].map(([k, v]) => [k, v.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1)).map((x) => x.id)]));
}

export async function deleteKeys(db: Db, workspaceId: string, contactIds: string[]): Promise<void> {
  for (let i = 0; i < contactIds.length; i += 500) {
    await db
      .deleteFrom('contact_keys')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', 'in', contactIds.slice(i, i + 500))
      .execute();
  }
}

function buildBaseRead(db: Db) {
  return db
    .selectFrom('contacts')
    .leftJoin('companies', 'companies.id', 'contacts.company_id')
    .select([...READ_COLUMNS, 'companies.name as company_name']);
}
/**
 * Query builders are immutable, so the contact read with its ~45 columns is built once per database (or
 * transaction) and extended per query: parsing the column list was a tenth of a 50-row list page.
 */
const baseReads = new WeakMap<Db, ReturnType<typeof buildBaseRead>>();
function baseRead(db: Db): ReturnType<typeof buildBaseRead> {
  let q = baseReads.get(db);
  if (!q) baseReads.set(db, (q = buildBaseRead(db)));
  return q;
}

export type Deleted = 'exclude' | 'only' | 'include';

/** Which of these ids some contact has, in any workspace and in any state (ids are global: a new contact may take only a free one). */
export async function contactIdsTaken(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of await db
      .selectFrom('contacts')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      out.add(r.id);
  return out;
}

export async function findContactsByIds(db: Db, scope: Scope, ids: string[], deleted: Deleted = 'exclude'): Promise<ContactWithCompany[]> {
  if (ids.length === 0) return [];
  const out: ContactWithCompany[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    let q = baseRead(db)
      .where((eb) => visibleTo(eb, scope, 'contacts'))
      .where('contacts.id', 'in', ids.slice(i, i + 500));
    if (deleted === 'exclude') q = q.where('contacts.deleted_at', 'is', null);
    if (deleted === 'only') q = q.where('contacts.deleted_at', 'is not', null);
    for (const r of await q.execute()) out.push(rowToContact(r as ReadRow));
  }
  return out;
}

export async function findContact(db: Db, scope: Scope, id: string, deleted: Deleted = 'exclude'): Promise<ContactWithCompany | undefined> {
  return (await findContactsByIds(db, scope, [id], deleted))[0];
}

/** Of these companies, the live ones of the workspace, by id: their names (what a contact may point at). */
export async function liveCompanyNames(db: Db, workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((c) => [c.id, c.name]));
}

/** Has this contact answered a survey? (Purging them takes their answers along, and the survey counts change.) */
export async function hasSurveyResponses(db: Db, workspaceId: string, contactId: string): Promise<boolean> {
  const r = await db
    .selectFrom('survey_responses')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export type ListOptions = {
  filters: Filter[];
  sort: Sort | null;
  cursor: Cursor | null;
  /** Search cursor: the internal row number of the last row seen. */
  searchAfterSeq: number | null;
  limit: number;
  searchTokens: string[];
  deleted: Deleted;
  /** Grouped conditions (a saved segment's), on top of the filters. */
  groups?: FilterGroups[];
  /** PostgreSQL search only: the window of newest rows walked first (PG_SEARCH_WINDOW; tests make it small). */
  searchWindow?: number;
};

function ftsQuery(workspaceId: string, tokens: string[]): string {
  return `ws : "w${workspaceId.replace(/-/g, '')}" AND terms : (${tokens.map((t) => `"${t}" *`).join(' AND ')})`;
}

function tsQuery(tokens: string[]): string {
  return tokens.map((t) => `${t}:*`).join(' & ');
}

/**
 * One page of contacts. With search tokens and no explicit sort, rows come newest-first straight from the
 * search index (FTS5 rowid order on SQLite, seq on PostgreSQL), so a common word over a million
 * contacts still answers without sorting every match.
 */
export async function listContactRows(
  db: Db,
  dialect: DialectName,
  scope: Scope,
  o: ListOptions,
): Promise<{ rows: ContactWithCompany[]; sortValues: unknown[]; seqs: number[] }> {
  const searchFirst = o.searchTokens.length > 0 && !o.sort;
  if (searchFirst && dialect === 'postgres') return pgSearchPage(db, scope, o);
  let q;
  if (searchFirst) {
    q = db
      .selectFrom('contact_fts')
      .innerJoin('contacts', 'contacts.seq', 'contact_fts.rowid')
      .leftJoin('companies', 'companies.id', 'contacts.company_id')
      .select([...READ_COLUMNS, 'companies.name as company_name'])
      .where(sql<boolean>`contact_fts match ${ftsQuery(scope.workspaceId, o.searchTokens)}`)
      .orderBy('contact_fts.rowid', 'desc') as unknown as ReturnType<typeof baseRead>;
    if (o.searchAfterSeq !== null) q = q.where(sql.ref('contact_fts.rowid'), '<', o.searchAfterSeq);
  } else {
    q = baseRead(db);
    if (o.searchTokens.length > 0) {
      q =
        dialect === 'sqlite'
          ? q.where(sql.ref('contacts.seq'), 'in', sql`(select rowid from contact_fts where contact_fts match ${ftsQuery(scope.workspaceId, o.searchTokens)})`)
          : q.where(sql<boolean>`contacts.search_tsv @@ to_tsquery('simple', ${tsQuery(o.searchTokens)})`);
    }
  }
  q = scoped(q, dialect, scope, o);
  let sq = q.select(o.sort ? o.sort.expr.as('_sort') : sql<null>`null`.as('_sort'));
  if (o.sort) {
    if (o.cursor) sq = sq.where(afterCursor(o.sort, o.cursor, 'contacts.id'));
    sq = sq.orderBy(orderBySql(o.sort, 'contacts.id'));
  }
  const rows = await sq.limit(o.limit).execute();
  return pageOf(rows);
}

/** The role's scope, the trash and the filters: the conditions every list query carries. */
function scoped(
  q: ReturnType<typeof baseRead>,
  dialect: DialectName,
  scope: Scope,
  o: Pick<ListOptions, 'deleted' | 'filters' | 'groups'>,
): ReturnType<typeof baseRead> {
  const ctx = { dialect, table: 'contacts', workspaceId: scope.workspaceId, keysTable: { name: 'contact_keys', idColumn: 'contact_id' } };
  q = q.where((eb) => visibleTo(eb, scope, 'contacts'));
  if (o.deleted === 'exclude') q = q.where('contacts.deleted_at', 'is', null);
  if (o.deleted === 'only') q = q.where('contacts.deleted_at', 'is not', null);
  for (const f of o.filters) q = q.where((eb) => filterCondition(eb, f, ctx));
  for (const g of o.groups ?? []) q = q.where((eb) => groupsCondition(eb, g, ctx));
  return q;
}

function pageOf(rows: unknown[]): { rows: ContactWithCompany[]; sortValues: unknown[]; seqs: number[] } {
  return {
    rows: rows.map((r) => rowToContact(r as ReadRow)),
    sortValues: rows.map((r) => (r as { _sort: unknown })._sort),
    seqs: rows.map((r) => Number((r as ReadRow).seq)),
  };
}

/** How many of the newest rows (by seq) the first step of a PostgreSQL search walks. */
export const PG_SEARCH_WINDOW = 20_000;
/** The most rows the second step walks further back when the first found the words common but not enough. */
export const PG_SEARCH_EXTEND_MAX = 100_000;

/**
 * A search page on PostgreSQL, newest matches first, whatever the words' frequency. The planner cannot
 * tell "nguyen:*" (a third of all contacts) from "0912345678:*" (one), so no single plan is fast for
 * both: walking seq backwards finds 51 common matches at once but reads the whole table for a rare one;
 * the GIN bitmap finds a rare match at once but, for a prefix like "an:*" that expands to many words,
 * scans a large part of the index (measured: 135 ms). So, in steps, each bounded:
 *  1. walk back through the newest PG_SEARCH_WINDOW rows (forced: never the bitmap; ~10 ms at 1M);
 *  2. if that found a few matches but not a page, the words are common enough that walking further is
 *     cheaper than the index: walk back as far as the hit rate says a page needs (≤ PG_SEARCH_EXTEND_MAX);
 *  3. whatever is still missing comes from the GIN index over the older rows (rare words: few matches).
 * Measured at 1,000,000 contacts in docs/BENCHMARKS.md.
 */
async function pgSearchPage(db: Db, scope: Scope, o: ListOptions): Promise<{ rows: ContactWithCompany[]; sortValues: unknown[]; seqs: number[] }> {
  const match = sql<boolean>`contacts.search_tsv @@ to_tsquery('simple', ${tsQuery(o.searchTokens)})`;
  const top =
    o.searchAfterSeq ??
    Number(
      (
        await db
          .selectFrom('contacts')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m ?? 0,
    ) + 1;
  const window = o.searchWindow ?? PG_SEARCH_WINDOW;
  const page = (trx: Db) => scoped(baseRead(trx).where(match), 'postgres', scope, o).select(sql<null>`null`.as('_sort'));
  /** Matches with from <= seq < to, newest first, by walking the seq index (the only plan allowed). */
  const walk = (from: number, to: number, limit: number) =>
    db.transaction().execute(async (trx) => {
      await sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)`.execute(trx);
      return page(trx).where('contacts.seq', '<', to).where('contacts.seq', '>=', from).orderBy('contacts.seq', 'desc').limit(limit).execute();
    });
  let floor = top - window;
  const rows = await walk(floor, top, o.limit);
  if (rows.length >= o.limit || floor <= 0) return pageOf(rows);
  if (rows.length >= 5) {
    const extend = Math.min(PG_SEARCH_EXTEND_MAX, Math.ceil(((window * (o.limit - rows.length)) / rows.length) * 1.5));
    rows.push(...(await walk(floor - extend, floor, o.limit - rows.length)));
    floor -= extend;
    if (rows.length >= o.limit || floor <= 0) return pageOf(rows);
  }
  const older = await db.transaction().execute(async (trx) => {
    // Only this statement: take the GIN index (bitmap), never the backward walk over seq.
    await sql`select set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)`.execute(trx);
    return page(trx)
      .where('contacts.seq', '<', floor)
      .orderBy('contacts.seq', 'desc')
      .limit(o.limit - rows.length)
      .execute();
  });
  return pageOf([...rows, ...older]);
}

export async function countContactRows(
  db: Db,
  dialect: DialectName,
  scope: Scope,
  o: Pick<ListOptions, 'filters' | 'searchTokens' | 'deleted' | 'groups'>,
): Promise<number> {
  const ctx = { dialect, table: 'contacts', workspaceId: scope.workspaceId, keysTable: { name: 'contact_keys', idColumn: 'contact_id' } };
  let q = db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n'));
  if (o.searchTokens.length > 0) {
    q =
      dialect === 'sqlite'
        ? q.where(sql.ref('contacts.seq'), 'in', sql`(select rowid from contact_fts where contact_fts match ${ftsQuery(scope.workspaceId, o.searchTokens)})`)
        : q.where(sql<boolean>`contacts.search_tsv @@ to_tsquery('simple', ${tsQuery(o.searchTokens)})`);
  }
  q = q.where((eb) => visibleTo(eb, scope, 'contacts'));
  if (o.deleted === 'exclude') q = q.where('contacts.deleted_at', 'is', null);
  if (o.deleted === 'only') q = q.where('contacts.deleted_at', 'is not', null);
  for (const f of o.filters) q = q.where((eb) => filterCondition(eb, f, ctx));
  for (const g of o.groups ?? []) q = q.where((eb) => groupsCondition(eb, g, ctx));
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Rebuild the search line of a company's people after the company was renamed (or removed: null), so
 * searching its name finds them.
 */
export async function reindexCompanyPeople(db: Db, workspaceId: string, companyId: string, companyName: string | null): Promise<void> {
  const people = await db
    .selectFrom('contacts')
    .select(['id', 'name', 'given_name', 'family_name', 'emails', 'phones'])
    .where('workspace_id', '=', workspaceId)
    .where('company_id', '=', companyId)
    .execute();
  for (const p of people) {
    const searchText = buildContactSearchText({
      name: p.name,
      givenName: p.given_name,
      familyName: p.family_name,
      emails: readJson(p.emails, []),
      phones: readJson(p.phones, []),
      companyName,
    });
    await db.updateTable('contacts').set({ search_text: searchText }).where('workspace_id', '=', workspaceId).where('id', '=', p.id).execute();
  }
}
