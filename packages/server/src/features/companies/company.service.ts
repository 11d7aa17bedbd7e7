import { uuidv7 } from '../../platform/db/ids.ts';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { Company, CompanyCreateInput, CompanyUpdateInput } from '@kith/domain/companies/company.schema.ts';
import { validateCustomValues } from '@kith/domain/custom-fields/custom-field.ts';
import { normalizePhone } from '@kith/domain/phones/phone.ts';
import { foldedWords, matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { reindexCompanyPeople } from '../contacts/contact.repository.ts';
import { listCustomFields } from '../custom-fields/custom-field.repository.ts';
import { decodeCursor, encodeCursor, parseFilters, parseSort, type Registry } from '../../platform/records/list-query.ts';
import { checkAssignments } from '../../platform/records/assignment.ts';
import { checkVersion, purge, restore, softDelete, updateVersioned } from '../../platform/records/lifecycle.ts';
import { scopeFor, visibleTo, type Scope } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { readContext } from '../workspaces/read-context.ts';
import { findCompaniesByIds, insertCompanyRows, listCompanyRows, type CompanyRow, type CompanyWithCount, type Deleted } from './company.repository.ts';
import { AUDITED_COMPANY_FIELDS, COMPANY_FIELD_LIST, type CompanyFieldValues } from '@kith/domain/companies/company.fields.ts';
import { emptyValues, registryOf, TIMES_REGISTRY, fieldsWriter } from '../../platform/records/field-table.ts';

/** Made once: every row read or written goes through it (records/field-table.ts). */
const writeCompanyFields = fieldsWriter(COMPANY_FIELD_LIST);

/** The company fields a list filters and sorts on: the field table's, then the record's times. */
export const COMPANY_FILTERS: Registry = { ...registryOf(COMPANY_FIELD_LIST), ...TIMES_REGISTRY };

const AUDITED: readonly (keyof Company)[] = AUDITED_COMPANY_FIELDS;

/** Fields whose input is stored as given (after its schema); phone and custom have their own rule in apply. */
const PLAIN_INPUT_FIELDS = COMPANY_FIELD_LIST.filter((f) => f.input && f.name !== 'phone' && f.name !== 'custom').map((f) => f.name);

function apply(
  base: Company,
  input: CompanyUpdateInput,
  region: string,
  fields: Awaited<ReturnType<typeof listCustomFields>>,
  mode: 'create' | 'update',
  issues: FieldIssue[],
): Company {
  const next: Company = { ...base };
  for (const k of PLAIN_INPUT_FIELDS) {
    const v = (input as Record<string, unknown>)[k];
    if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  if (input.phone !== undefined) {
    if (input.phone === null) next.phone = null;
    else {
      const r = normalizePhone(input.phone, region);
      if (r.ok) next.phone = r.value;
      else issues.push({ path: ['phone'], message: r.reason });
    }
  }
  if (input.custom !== undefined || mode === 'create') {
    const r = validateCustomValues(fields, input.custom ?? {}, mode);
    issues.push(...r.issues);
    const merged: Record<string, unknown> = { ...base.custom, ...r.values };
    for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
    next.custom = merged;
  }
  return next;
}

function toRow(c: Company, workspaceId: string): CompanyRow {
  return {
    ...(writeCompanyFields(c) as Omit<CompanyRow, 'id' | 'workspace_id' | 'name' | 'name_key' | 'created_at' | 'updated_at' | 'version'>),
    id: c.id,
    workspace_id: workspaceId,
    name: c.name,
    name_key: matchKey(c.name),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    deleted_at: c.deletedAt,
    created_by: c.createdBy,
    updated_by: c.updatedBy,
    version: c.version,
  };
}

/** The actor's scope as a condition on the company row written (records/lifecycle.ts). */
const inScope = (scope: Scope) => (eb: ExpressionBuilder<Database, 'companies'>) => visibleTo(eb, scope, 'companies');

async function context(db: Db, actor: Actor) {
  const [ws, fields] = await Promise.all([findWorkspace(db, actor.workspaceId), listCustomFields(db, actor.workspaceId, 'company')]);
  return { region: ws?.phoneRegion ?? 'VN', fields };
}

/** Create companies, all or none (paths start with the row index when `bulk`). */
export async function createCompanies(core: Core, actor: Actor, inputs: CompanyCreateInput[], opts: { bulk: boolean }): Promise<Company[]> {
  const { companies, issues } = await prepareNewCompanies(core, actor, inputs, opts);
  if (issues.length > 0) throw invalid(issues, opts.bulk ? 'Some rows are invalid; nothing was created' : 'The company has invalid fields');
  await core.db.transaction().execute((trx) => writeNewCompanies(core, trx, actor, companies));
  return companies;
}

/** Companies as they would be created from these inputs, with every problem of every row, writing nothing. */
export async function prepareNewCompanies(
  core: Core,
  actor: Actor,
  inputs: CompanyCreateInput[],
  opts: { bulk: boolean },
): Promise<{ companies: Company[]; issues: FieldIssue[] }> {
  scopeFor(actor, 'companies.create');
  const now = core.now().toISOString();
  const { region, fields } = await context(core.db, actor);
  const issues: FieldIssue[] = [];
  const items = inputs.map((input, i) => {
    const path = opts.bulk ? ['items', i] : [];
    const base: Company = {
      id: uuidv7(),
      ...emptyValues<CompanyFieldValues>(COMPANY_FIELD_LIST),
      ownerId: actor.userId,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      version: 1,
    };
    const rowIssues: FieldIssue[] = [];
    const c = apply(base, input, region, fields, 'create', rowIssues);
    issues.push(...rowIssues.map((x) => ({ ...x, path: [...path, ...x.path] })));
    return { c, path };
  });
  await checkAssignments(
    core.db,
    actor,
    'companies.assign',
    items.map(({ c, path }) => ({ ownerId: c.ownerId, teamId: c.teamId, before: null, path })),
    issues,
  );
  return { companies: items.map((x) => x.c), issues };
}

/** Write prepared companies inside the caller's transaction, with their audit entries. */
export async function writeNewCompanies(core: Core, trx: Db, actor: Actor, companies: Company[], meta?: Record<string, unknown>): Promise<void> {
  if (companies.length === 0) return;
  const who = by(actor);
  await insertCompanyRows(
    trx,
    companies.map((c) => toRow(c, actor.workspaceId)),
  );
  await recordAudit(
    trx,
    companies.map((c) => ({
      ...who,
      ...(meta ? { meta: { ...who.meta, ...meta } } : {}),
      action: 'create' as const,
      entityType: 'company',
      entityId: c.id,
      after: Object.fromEntries(AUDITED.map((k) => [k, c[k]])),
    })),
    core.now(),
  );
}

export async function createCompany(core: Core, actor: Actor, input: CompanyCreateInput): Promise<CompanyWithCount> {
  const [c] = await createCompanies(core, actor, [input], { bulk: false });
  return { ...c!, contactCount: 0 };
}

export async function getCompany(core: Core, actor: Actor, id: string, deleted: Deleted = 'exclude'): Promise<CompanyWithCount> {
  const c = (await findCompaniesByIds(core.db, scopeFor(actor, 'companies.read'), [id], deleted))[0];
  if (!c) throw notFound('Company');
  return c;
}

/** Update a company (If-Match honoured like contacts). A rename re-indexes its people so searching the new name finds them. */
export async function updateCompany(core: Core, actor: Actor, id: string, patch: CompanyUpdateInput, ifVersion: number | null): Promise<CompanyWithCount> {
  return core.db.transaction().execute(async (trx) => (await updateCompanyIn(core, trx, actor, id, patch, ifVersion)).company);
}

/** The body of updateCompany inside the caller's transaction (an import); says what changed. */
export async function updateCompanyIn(
  core: Core,
  trx: Db,
  actor: Actor,
  id: string,
  patch: CompanyUpdateInput,
  ifVersion: number | null,
  meta?: Record<string, unknown>,
): Promise<{ company: CompanyWithCount; before: Record<string, unknown>; after: Record<string, unknown>; changed: boolean }> {
  const scope = scopeFor(actor, 'companies.update');
  const { region, fields } = await context(trx, actor);
  const found = (await findCompaniesByIds(trx, scope, [id]))[0];
  if (!found) throw notFound('Company');
  const { contactCount: _n, ...before } = found;
  checkVersion(before, ifVersion);
  const issues: FieldIssue[] = [];
  const next = apply(before, patch, region, fields, 'update', issues);
  await checkAssignments(trx, actor, 'companies.assign', [{ ownerId: next.ownerId, teamId: next.teamId, before, path: [] }], issues);
  if (issues.length > 0) throw invalid(issues, 'The company has invalid fields');
  const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
  if (changed.length === 0) return { company: found, before: {}, after: {}, changed: false };
  const now = core.now().toISOString();
  const {
    id: _i,
    workspace_id: _w,
    created_at: _c,
    created_by: _b,
    version: _v,
    ...set
  } = toRow({ ...next, updatedAt: now, updatedBy: actor.userId }, actor.workspaceId);
  await updateVersioned(trx, 'companies', actor.workspaceId, before, set, { guard: inScope(scope) });
  if (changed.includes('name')) await reindexCompanyPeople(trx, actor.workspaceId, id, next.name);
  const b = Object.fromEntries(changed.map((k) => [k, before[k]]));
  const a = Object.fromEntries(changed.map((k) => [k, next[k]]));
  const who = by(actor);
  await recordAudit(
    trx,
    { ...who, ...(meta ? { meta: { ...who.meta, ...meta } } : {}), action: 'update', entityType: 'company', entityId: id, before: b, after: a },
    core.now(),
  );
  return { company: (await findCompaniesByIds(trx, { ...scope, limitTo: null }, [id]))[0]!, before: b, after: a, changed: true };
}

export async function listCompanies(
  core: Core,
  actor: Actor,
  query: { q?: string; sort?: string; cursor?: string; limit: number; deleted: Deleted; raw: Record<string, unknown> },
) {
  const scope = scopeFor(actor, 'companies.read');
  if (query.deleted !== 'exclude') scopeFor(actor, 'companies.delete');
  const {
    fields: { company: fields },
  } = await readContext(core, actor.workspaceId);
  const filters = parseFilters(query.raw, COMPANY_FILTERS, fields, core.dialect, 'companies', ['q', 'sort', 'cursor', 'limit', 'deleted']);
  const sort = parseSort(query.sort, COMPANY_FILTERS, fields, core.dialect, 'companies', 'name');
  const sortKey = `${sort.dir === 'desc' ? '-' : ''}${sort.name}`;
  const cursor = query.cursor ? decodeCursor(query.cursor, sortKey) : null;
  const rows = await listCompanyRows(core.db, core.dialect, scope, {
    filters,
    sort,
    cursor,
    limit: query.limit + 1,
    words: query.q ? foldedWords(query.q).slice(0, 8) : [],
    deleted: query.deleted,
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map(({ _sort, ...c }) => c),
    nextCursor: more && last ? encodeCursor({ s: sortKey, v: (last._sort as string | number | null) ?? null, id: last.id }) : null,
  };
}

export async function deleteCompany(core: Core, actor: Actor, id: string, ifVersion: number | null): Promise<void> {
  const scope = scopeFor(actor, 'companies.delete');
  await core.db.transaction().execute(async (trx) => {
    const c = (await findCompaniesByIds(trx, scope, [id]))[0];
    if (!c) throw notFound('Company');
    const now = core.now().toISOString();
    await softDelete(trx, 'companies', actor.workspaceId, c, { at: now, by: actor.userId }, { ifVersion, guard: inScope(scope) });
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'company', entityId: id }, core.now());
  });
}

export async function restoreCompany(core: Core, actor: Actor, id: string): Promise<CompanyWithCount> {
  const scope = scopeFor(actor, 'companies.delete');
  return core.db.transaction().execute(async (trx) => {
    const c = (await findCompaniesByIds(trx, scope, [id], 'only'))[0];
    const now = core.now().toISOString();
    await restore(trx, 'companies', actor.workspaceId, c, { at: now, by: actor.userId }, { what: 'Company', guard: inScope(scope) });
    await recordAudit(trx, { ...by(actor), action: 'restore', entityType: 'company', entityId: id }, core.now());
    return (await findCompaniesByIds(trx, scope, [id]))[0]!;
  });
}

/** Delete a company for good; its people stay, without a company. */
export async function purgeCompany(core: Core, actor: Actor, id: string): Promise<void> {
  const scope = scopeFor(actor, 'companies.purge');
  await core.db.transaction().execute(async (trx) => {
    await reindexCompanyPeople(trx, actor.workspaceId, id, null);
    await purge(trx, 'companies', actor.workspaceId, id, { what: 'Company', guard: inScope(scope) });
    await recordAudit(trx, { ...by(actor), action: 'purge', entityType: 'company', entityId: id }, core.now());
  });
}
