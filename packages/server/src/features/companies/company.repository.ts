import { sql, type Insertable, type Selectable } from 'kysely';
import type { Company } from '@kith/domain/companies/company.schema.ts';
import { COMPANY_FIELD_LIST, type CompanyFieldValues } from '@kith/domain/companies/company.fields.ts';
import { fieldsReader } from '../../platform/records/field-table.ts';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import { afterCursor, escapeLike, filterCondition, orderBySql, type Cursor, type Filter, type Sort } from '../../platform/records/list-query.ts';
import { visibleTo, type Scope } from '../../platform/records/visibility.ts';
import type { CompanyTable } from './company.table.ts';

/** Made once: every row read or written goes through it (records/field-table.ts). */
const readCompanyFields = fieldsReader<CompanyFieldValues>(COMPANY_FIELD_LIST);

export type CompanyRow = Insertable<CompanyTable>;
export type CompanyWithCount = Company & { contactCount: number };

/** A company from its row: each field of the table (@kith/domain companies/company.fields.ts), then the record's own. */
export function rowToCompany(r: Selectable<CompanyTable>): Company {
  return {
    id: r.id,
    ...readCompanyFields(r as unknown as Record<string, unknown>),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    version: r.version,
  };
}

export async function insertCompanyRows(db: Db, rows: CompanyRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('companies')
      .values(rows.slice(i, i + 500))
      .execute();
}

export type Deleted = 'exclude' | 'only' | 'include';

export async function findCompaniesByIds(db: Db, scope: Scope, ids: string[], deleted: Deleted = 'exclude'): Promise<CompanyWithCount[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('companies')
    .selectAll('companies')
    .select((eb) =>
      eb
        .selectFrom('contacts')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('contacts.company_id', '=', 'companies.id')
        .where('contacts.deleted_at', 'is', null)
        .as('contact_count'),
    )
    .where((eb) => visibleTo(eb, scope, 'companies'))
    .where('companies.id', 'in', ids);
  if (deleted === 'exclude') q = q.where('companies.deleted_at', 'is', null);
  if (deleted === 'only') q = q.where('companies.deleted_at', 'is not', null);
  const rows = await q.execute();
  return rows.map((r) => ({ ...rowToCompany(r), contactCount: Number(r.contact_count ?? 0) }));
}

export async function listCompanyRows(
  db: Db,
  dialect: DialectName,
  scope: Scope,
  o: { filters: Filter[]; sort: Sort; cursor: Cursor | null; limit: number; words: string[]; deleted: Deleted },
): Promise<(Company & { contactCount: number; _sort: unknown })[]> {
  const ctx = { dialect, table: 'companies', workspaceId: scope.workspaceId };
  let q = db
    .selectFrom('companies')
    .selectAll('companies')
    .select((eb) =>
      eb
        .selectFrom('contacts')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('contacts.company_id', '=', 'companies.id')
        .where('contacts.deleted_at', 'is', null)
        .as('contact_count'),
    )
    .select(o.sort.expr.as('_sort'))
    .where((eb) => visibleTo(eb, scope, 'companies'));
  if (o.deleted === 'exclude') q = q.where('companies.deleted_at', 'is', null);
  if (o.deleted === 'only') q = q.where('companies.deleted_at', 'is not', null);
  for (const w of o.words) q = q.where(sql<boolean>`(' ' || companies.name_key) like ${`% ${escapeLike(w)}%`} escape '\\'`);
  for (const f of o.filters) q = q.where((eb) => filterCondition(eb, f, ctx));
  if (o.cursor) q = q.where(afterCursor(o.sort, o.cursor, 'companies.id'));
  const rows = await q.orderBy(orderBySql(o.sort, 'companies.id')).limit(o.limit).execute();
  return rows.map((r) => ({ ...rowToCompany(r), contactCount: Number(r.contact_count ?? 0), _sort: (r as { _sort: unknown })._sort }));
}
