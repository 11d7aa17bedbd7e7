import { sql } from 'kysely';
import { isSkip, type FieldDef as TableField, type FilterSpec } from '@kith/domain/schema/field-table.ts';
import type { EnumName } from '@kith/domain/labels/enums.ts';
import { readJson } from '../db/column-types.ts';
import { jsonFirst } from '../db/dialect-sql.ts';
import type { FieldDef, Registry } from './list-query.ts';

/**
 * What the server derives from a record's field table (@kith/domain schema/field-table.ts), for every record
 * that has one (contacts, companies, products, orders, deals): the stored value of each field and back, the columns a read
 * returns, a new record's empty values, the list filters and sorts, and the export's columns.
 */

type Named = TableField & { name: string };

/** A stored field's value: lists and JSON are parsed, an absent one reads as the field's empty value. */
export function readField(f: TableField, raw: unknown): unknown {
  if (f.kind !== 'scalar') return readJson(raw as string, f.empty);
  // SQLite keeps booleans as 0/1 and PostgreSQL may return bigints as strings.
  if (typeof f.empty === 'boolean') return raw === null || raw === undefined ? raw : Boolean(raw);
  if (typeof f.empty === 'number' && raw !== null && raw !== undefined) return Number(raw);
  return raw;
}

/** A field's value as stored. */
export function writeField(f: TableField, v: unknown): unknown {
  if (f.kind !== 'scalar') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * A reader of each field's value from a row (by its column), made once per table: it runs for every row of
 * every list, so it is compiled to one object literal (a hand-written mapper's speed: a loop over the entries
 * cost 1.5–6 µs a contact more, a tenth of a 50-row page's time). Names and columns are the table's own
 * identifiers, quoted with JSON.stringify; values stay data.
 */
export function fieldsReader<V>(list: readonly Named[]): (row: Record<string, unknown>) => V {
  const readers = list.map((f) => (raw: unknown) => (raw === null || raw === undefined ? structuredClone(f.empty) : readField(f, raw)));
  const plain = (f: Named) => f.kind === 'scalar' && typeof f.empty !== 'boolean' && typeof f.empty !== 'number';
  const props = list.map(
    (f, i) => `${JSON.stringify(f.name)}: ${plain(f) ? `row[${JSON.stringify(f.column)}]` : `readers[${i}](row[${JSON.stringify(f.column)}])`}`,
  );
  return new Function('readers', `return (row) => ({ ${props.join(', ')} });`)(readers) as (row: Record<string, unknown>) => V;
}

/** Each field's value from a row (by its column); for many rows, make a reader once with fieldsReader. */
export function readFields<V>(list: readonly Named[], row: Record<string, unknown>): V {
  return fieldsReader<V>(list)(row);
}

/** A writer of each field's stored value, by its column, made once per table (a plain loop, as fieldsReader). */
export function fieldsWriter(list: readonly Named[]): (values: Record<string, unknown>) => Record<string, unknown> {
  const steps = list.map((f) => ({ name: f.name, column: f.column, plain: f.kind === 'scalar' && typeof f.empty !== 'boolean', f }));
  return (values) => {
    const out: Record<string, unknown> = {};
    for (const s of steps) {
      const v = values[s.name];
      out[s.column] = s.plain && typeof v !== 'boolean' ? v : writeField(s.f, v);
    }
    return out;
  };
}

/** Each field's stored value, by its column; for many records, make a writer once with fieldsWriter. */
export function writeFields(list: readonly Named[], values: Record<string, unknown>): Record<string, unknown> {
  return fieldsWriter(list)(values);
}

/** A new record's values: each field's empty value (copied, so lists are not shared). */
export function emptyValues<V>(list: readonly Named[]): V {
  return Object.fromEntries(list.map((f) => [f.name, structuredClone(f.empty)])) as V;
}

/** Every column a read returns: the record's own, then each field's, qualified by the table. */
export function readColumns(table: string, recordColumns: readonly string[], list: readonly Named[]): string[] {
  return [...recordColumns, ...list.map((f) => f.column)].map((c) => `${table}.${c}`);
}

/** How `keys` fields normalise a value before matching it in the keys table. */
export type KeyNormalizers = Partial<Record<NonNullable<FilterSpec['keyKind']>, (v: string) => string | null>>;

/**
 * The list filters and sorts of a table's fields (public name → column): text by its folded column when it has
 * one, enumerations checking their values, `keys` lists through the keys table sorting by their first value.
 */
export function registryOf(list: readonly Named[], normalizers: KeyNormalizers = {}): Registry {
  const out: Registry = {};
  for (const f of list) {
    if (isSkip(f.filter)) continue;
    const s = f.filter;
    const def: FieldDef = { column: f.column, type: s.type, sortable: s.sortable, nullable: f.kind === 'list' || f.empty === null };
    if (s.folded) Object.assign(def, { foldedColumn: s.folded, sortColumn: s.folded });
    if (s.type === 'enum') def.values = f.enum?.values ?? [];
    if (s.type === 'keys' && s.keyKind) {
      Object.assign(def, { keyKind: s.keyKind, normalize: normalizers[s.keyKind] });
      if (s.sortable) def.sortExpr = (d, t) => jsonFirst(d, `${t}.${f.column}`);
    }
    out[f.name] = def;
  }
  return out;
}

/** The record's own times, filterable and sortable on every list. */
export const TIMES_REGISTRY: Registry = {
  createdAt: { column: 'created_at', type: 'datetime', sortable: true, nullable: false },
  updatedAt: { column: 'updated_at', type: 'datetime', sortable: true, nullable: false },
};

/** A sort-only name ordered by the owner's name. */
export const ownerSort = (): FieldDef => ({
  column: 'owner_id',
  type: 'text',
  sortable: true,
  sortOnly: true,
  sortExpr: (_d, t) => sql`(select u.name from users u where u.id = ${sql.ref(`${t}.owner_id`)})`,
  nullable: true,
});

/** An export column (export/table-export.ts takes these): `field` is the field it writes; `plain` values are never formulas. */
export type FieldColumn<R> = { key: string; header: string; field?: string; value: (row: R) => unknown; enum?: EnumName; plain?: boolean };

/** How the export resolves a field whose `export.via` says so. */
export type ExportResolvers<R> = {
  company?: (row: R) => unknown;
  category?: (row: R) => unknown;
  pipeline?: (row: R) => unknown;
  stage?: (row: R) => unknown;
  member?: (id: string | null) => unknown;
  team?: (id: string | null) => unknown;
  consents?: (value: unknown) => unknown;
  money?: (minor: number, row: R) => unknown;
};

/** The export's columns of a table's exported fields, in its order; lists are joined with "; ". */
export function exportColumnsOf<R>(list: readonly Named[], resolve: ExportResolvers<R>): FieldColumn<R>[] {
  return list.flatMap((f): FieldColumn<R>[] => {
    if (isSkip(f.export)) return [];
    const header = f.export.header ?? f.name;
    const via = f.export.via;
    const get = (r: R) => (r as Record<string, unknown>)[f.name];
    const need = <T>(x: T | undefined): T => {
      if (!x) throw new Error(`the export of ${f.name} needs a ${via} resolver`);
      return x;
    };
    const value =
      via === 'company' || via === 'category' || via === 'pipeline' || via === 'stage'
        ? need(resolve[via])
        : via === 'member' || via === 'team'
          ? (
              (m) => (r: R) =>
                m((get(r) as string | null) ?? null)
            )(need(resolve[via]))
          : via === 'consents'
            ? (
                (m) => (r: R) =>
                  m(get(r))
              )(need(resolve.consents))
            : via === 'money'
              ? (
                  (m) => (r: R) =>
                    get(r) === null ? null : m(Number(get(r)), r)
                )(need(resolve.money))
              : f.kind === 'list'
                ? (r: R) => (get(r) as unknown[]).map(String).join('; ')
                : (r: R) => get(r);
    // A value the field names by an enum is written by its name in the file for people (export/table-export.ts).
    const names = f.enum?.labels ?? f.names;
    return [{ key: header, header, field: f.name, value, ...(names ? { enum: names } : {}), ...(f.export.plain ? { plain: true } : {}) }];
  });
}
