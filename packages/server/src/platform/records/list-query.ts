import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { AppError, invalid, type FieldIssue } from '@kith/domain/errors.ts';
import type { CustomField } from '@kith/domain/custom-fields/custom-field.ts';
import { CUSTOM_FIELD_KEY } from '@kith/domain/custom-fields/custom-field.ts';
import { fold } from '@kith/domain/text/fold.ts';
import type { LIST_FIELD_TYPES } from '@kith/domain/api/common.ts';
import type { DialectName } from '../db/create-db.ts';
import { jsonArrayHas, jsonBool, jsonColumnHas, jsonNumber, jsonText } from '../db/dialect-sql.ts';

/**
 * The list language shared by every record list: `filter[field][op]=value` (AND-combined), `sort=-field`,
 * and opaque keyset cursors. Fields and operators come from allow-lists; values are always bound.
 */
export type FieldType = (typeof LIST_FIELD_TYPES)[number];

export type FieldDef = {
  /** Column in the record's table. */
  column: string;
  type: FieldType;
  values?: readonly string[];
  /** For 'keys' fields: the kind in the keys table, and how to normalise a value. */
  keyKind?: string;
  normalize?: (v: string) => string | null;
  /** Text compared by its folded key column (diacritic- and case-insensitive), e.g. name → name_key. */
  foldedColumn?: string;
  sortable?: boolean;
  /** Sort by this column instead (e.g. name sorts by name_key). */
  sortColumn?: string;
  /** Sort by this expression instead (e.g. the first email, the company's name); wins over sortColumn. */
  sortExpr?: (dialect: DialectName, table: string) => RawBuilder<unknown>;
  /** The value as an expression instead of `column` (e.g. a customer's stored score, read by a subquery). */
  expr?: (dialect: DialectName, table: string) => RawBuilder<unknown>;
  /** For 'relation' fields: the ids of the table's rows related to any of the values (e.g. contacts who bought in a category). */
  relation?: (ctx: { workspaceId: string; table: string }, values: unknown[]) => RawBuilder<unknown>;
  /** A name for sorting only (e.g. `company`, ordered by the company's name): `filter[...]` does not take it. */
  sortOnly?: boolean;
  nullable: boolean;
};

export type Registry = Record<string, FieldDef>;

export const OPS: Record<FieldType, readonly string[]> = {
  text: ['eq', 'ne', 'in', 'contains', 'startsWith', 'empty'],
  enum: ['eq', 'ne', 'in', 'nin', 'empty'],
  uuid: ['eq', 'ne', 'in', 'empty'],
  number: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'empty'],
  date: ['eq', 'lt', 'lte', 'gt', 'gte', 'empty'],
  datetime: ['lt', 'lte', 'gt', 'gte', 'empty'],
  boolean: ['eq', 'empty'],
  keys: ['has', 'empty'],
  json_array: ['has', 'empty'],
  relation: ['has'],
};

type Resolved = { name: string; type: FieldType; expr: RawBuilder<unknown>; def?: FieldDef; custom?: CustomField };

export type Filter = { field: Resolved; op: string; value: unknown };

function customAsField(dialect: DialectName, table: string, f: CustomField): Resolved {
  const col = `${table}.custom`;
  switch (f.type) {
    case 'number':
    case 'currency':
      return { name: `custom.${f.key}`, type: 'number', expr: jsonNumber(dialect, col, f.key), custom: f };
    case 'boolean':
      return { name: `custom.${f.key}`, type: 'boolean', expr: jsonBool(dialect, col, f.key), custom: f };
    case 'date':
      return { name: `custom.${f.key}`, type: 'date', expr: jsonText(dialect, col, f.key), custom: f };
    case 'select':
      return { name: `custom.${f.key}`, type: 'enum', expr: jsonText(dialect, col, f.key), custom: f };
    case 'multi_select':
      return { name: `custom.${f.key}`, type: 'json_array', expr: sql.ref(col), custom: f };
    case 'text':
      return { name: `custom.${f.key}`, type: 'text', expr: jsonText(dialect, col, f.key), custom: f };
  }
}

function resolveField(name: string, registry: Registry, custom: readonly CustomField[], dialect: DialectName, table: string): Resolved | null {
  if (name.startsWith('custom.')) {
    const key = name.slice(7);
    if (!CUSTOM_FIELD_KEY.test(key)) return null;
    const f = custom.find((c) => c.key === key);
    return f ? customAsField(dialect, table, f) : null;
  }
  if (!Object.hasOwn(registry, name)) return null;
  const def = registry[name]!;
  return { name, type: def.type, expr: def.expr ? def.expr(dialect, table) : sql.ref(`${table}.${def.column}`), def };
}

function parseValue(field: Resolved, op: string, raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (op === 'empty') {
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
    return { ok: false, message: 'Must be true or false' };
  }
  const list = op === 'in' || op === 'nin' || op === 'has';
  const parts = list
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : [raw];
  if (list && (parts.length === 0 || parts.length > 100)) return { ok: false, message: 'Give between 1 and 100 comma-separated values' };
  const out: unknown[] = [];
  for (const p of parts) {
    if (p.length > 200) return { ok: false, message: 'Value is too long' };
    switch (field.type) {
      case 'number': {
        const n = Number(p);
        if (p.trim() === '' || !Number.isFinite(n)) return { ok: false, message: 'Must be a number' };
        out.push(n);
        break;
      }
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(p)) return { ok: false, message: 'Must be a date as YYYY-MM-DD' };
        out.push(p);
        break;
      case 'datetime': {
        const t = Date.parse(p);
        if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(p)) return { ok: false, message: 'Must be an ISO 8601 date or date-time' };
        out.push(new Date(t).toISOString());
        break;
      }
      case 'boolean':
        if (p !== 'true' && p !== 'false') return { ok: false, message: 'Must be true or false' };
        out.push(p === 'true' ? 1 : 0);
        break;
      case 'uuid':
      case 'relation':
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(p)) return { ok: false, message: 'Must be an id' };
        out.push(p.toLowerCase());
        break;
      case 'enum': {
        const allowed = field.def?.values ?? field.custom?.options.map((o) => o.value) ?? [];
        if (!allowed.includes(p)) return { ok: false, message: `Must be one of: ${allowed.join(', ')}` };
        out.push(p);
        break;
      }
      case 'keys': {
        const n = field.def?.normalize ? field.def.normalize(p) : p;
        if (n === null) return { ok: false, message: 'Not a valid value for this field' };
        out.push(n);
        break;
      }
      case 'json_array': {
        // A record's own list (an order's tags) holds any words; a custom multi-select, its options only.
        if (!field.custom) {
          if (!p.isWellFormed() || p.includes('\u0000')) return { ok: false, message: 'Must not contain NUL characters or unpaired surrogates' };
          out.push(p.normalize('NFC'));
          break;
        }
        const allowed = field.custom.options.map((o) => o.value);
        if (!allowed.includes(p)) return { ok: false, message: `Must be one of: ${allowed.join(', ')}` };
        out.push(p);
        break;
      }
      case 'text':
        if (!p.isWellFormed() || p.includes('\u0000')) return { ok: false, message: 'Must not contain NUL characters or unpaired surrogates' };
        out.push(p.normalize('NFC'));
        break;
    }
  }
  return { ok: true, value: list ? out : out[0] };
}

const FILTER_KEY = /^filter\[([A-Za-z0-9_.]{1,60})\](?:\[([A-Za-z]{1,20})\])?$/;

/** One condition (field, operator, value as a query string gives it) checked against the allow-lists. */
export function parseFilter(
  name: string,
  op: string,
  raw: string,
  registry: Registry,
  custom: readonly CustomField[],
  dialect: DialectName,
  table: string,
): { ok: true; filter: Filter } | { ok: false; message: string } {
  const field = resolveField(name, registry, custom, dialect, table);
  if (!field || field.def?.sortOnly) return { ok: false, message: `Unknown field "${name}"` };
  if (!OPS[field.type].includes(op)) return { ok: false, message: `Operator "${op}" is not allowed on ${name}; use one of: ${OPS[field.type].join(', ')}` };
  const parsed = parseValue(field, op, raw);
  return parsed.ok ? { ok: true, filter: { field, op, value: parsed.value } } : parsed;
}

/** Read `filter[...]` parameters from a parsed query string. Unknown fields, operators or values are 422s naming the parameter. */
export function parseFilters(
  query: Record<string, unknown>,
  registry: Registry,
  custom: readonly CustomField[],
  dialect: DialectName,
  table: string,
  known: readonly string[],
): Filter[] {
  const filters: Filter[] = [];
  const issues: FieldIssue[] = [];
  for (const [key, rawValue] of Object.entries(query)) {
    if (known.includes(key)) continue;
    const m = FILTER_KEY.exec(key);
    if (!m) {
      issues.push({ path: [key], message: 'Unknown query parameter' });
      continue;
    }
    const [, name, opRaw] = m;
    const values = Array.isArray(rawValue) ? rawValue : [rawValue];
    for (const v of values) {
      if (typeof v !== 'string') {
        issues.push({ path: [key], message: 'Must be a string' });
        continue;
      }
      const parsed = parseFilter(name!, opRaw ?? 'eq', v, registry, custom, dialect, table);
      if (!parsed.ok) {
        issues.push({ path: [key], message: parsed.message });
        if (/^(Unknown field|Operator)/.test(parsed.message)) break;
      } else filters.push(parsed.filter);
    }
  }
  if (issues.length > 0) throw invalid(issues, 'The query string has invalid filters');
  if (filters.length > 30) throw invalid([{ path: ['filter'], message: 'At most 30 filters' }]);
  return filters;
}

/** Conditions in groups: the groups combined by `match`, each group's conditions by its own. */
export type FilterGroups = { match: 'all' | 'any'; groups: { match: 'all' | 'any'; filters: Filter[] }[] };

/** A tree of groups as one WHERE condition. */
export function groupsCondition<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  g: FilterGroups,
  ctx: Parameters<typeof filterCondition>[2],
): Expression<SqlBool> {
  const parts = g.groups.map((grp) => {
    const conds = grp.filters.map((f) => filterCondition(eb, f, ctx));
    return grp.match === 'all' ? eb.and(conds) : eb.or(conds);
  });
  return g.match === 'all' ? eb.and(parts) : eb.or(parts);
}

/** What a condition builder offers: each filterable field with its type, operators and allowed values. */
export type FieldInfo = {
  name: string;
  type: FieldType;
  ops: readonly string[];
  values?: readonly string[];
  custom?: { label: string; options?: { value: string; label: string }[] };
};

export function describeFields(registry: Registry, custom: readonly CustomField[], dialect: DialectName, table: string): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const [name, def] of Object.entries(registry)) {
    if (def.sortOnly) continue;
    out.push({ name, type: def.type, ops: OPS[def.type], ...(def.values ? { values: def.values } : {}) });
  }
  for (const f of custom) {
    const r = customAsField(dialect, table, f);
    out.push({
      name: r.name,
      type: r.type,
      ops: OPS[r.type],
      custom: { label: f.label, ...(f.options.length ? { options: f.options.map((o) => ({ value: o.value, label: o.label })) } : {}) },
    });
  }
  return out;
}

/** Escape LIKE wildcards for `like ? escape '\\'`. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One filter as a WHERE condition. `keysTable` holds the indexed multi-values (emails, phones, tags, interests). */
export function filterCondition<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  f: Filter,
  ctx: { dialect: DialectName; table: string; workspaceId: string; keysTable?: { name: string; idColumn: string } },
): Expression<SqlBool> {
  const e = f.field.expr;
  const v = f.value;
  const raw = sql as unknown as <T>(s: TemplateStringsArray, ...a: unknown[]) => RawBuilder<T>;
  const cond = (s: RawBuilder<unknown>) => s as unknown as Expression<SqlBool>;
  if (f.field.type === 'keys') {
    const def = f.field.def!;
    const kt = ctx.keysTable!;
    const sub = raw<unknown>`select k.${sql.ref(kt.idColumn)} from ${sql.table(kt.name)} as k where k.workspace_id = ${ctx.workspaceId} and k.kind = ${def.keyKind}`;
    if (f.op === 'empty') {
      return cond(v ? raw`${sql.ref(`${ctx.table}.id`)} not in (${sub})` : raw`${sql.ref(`${ctx.table}.id`)} in (${sub})`);
    }
    const list = v as string[];
    return cond(raw`${sql.ref(`${ctx.table}.id`)} in (${sub} and k.value in (${sql.join(list)}))`);
  }
  if (f.field.type === 'relation') {
    return cond(raw`${sql.ref(`${ctx.table}.id`)} in (${f.field.def!.relation!({ workspaceId: ctx.workspaceId, table: ctx.table }, v as unknown[])})`);
  }
  if (f.field.type === 'json_array' && !f.field.custom) {
    // A record's own list column (an order's tags), not a custom field's.
    const col = `${ctx.table}.${f.field.def!.column}`;
    if (f.op === 'empty')
      return cond(v ? raw`(${sql.ref(col)} is null or ${sql.ref(col)} = '[]')` : raw`(${sql.ref(col)} is not null and ${sql.ref(col)} <> '[]')`);
    return cond(
      raw`(${sql.join(
        (v as string[]).map((x) => jsonColumnHas(ctx.dialect, col, x)),
        sql` or `,
      )})`,
    );
  }
  if (f.field.type === 'json_array') {
    const key = f.field.custom!.key;
    if (f.op === 'empty') {
      const t = jsonText(ctx.dialect, `${ctx.table}.custom`, key);
      return cond(v ? raw`(${t} is null or ${t} = '[]')` : raw`(${t} is not null and ${t} <> '[]')`);
    }
    const list = v as string[];
    return cond(
      raw`(${sql.join(
        list.map((x) => jsonArrayHas(ctx.dialect, `${ctx.table}.custom`, key, x)),
        sql` or `,
      )})`,
    );
  }
  if (f.op === 'empty') return cond(v ? raw`${e} is null` : raw`${e} is not null`);
  if (f.field.type === 'text' && f.field.def?.foldedColumn) {
    const col = sql.ref(`${ctx.table}.${f.field.def.foldedColumn}`);
    const fv = (x: string) => fold(x).replace(/\s+/g, ' ').trim();
    switch (f.op) {
      case 'eq':
        return cond(raw`${col} = ${fv(v as string)}`);
      case 'ne':
        return cond(raw`${col} <> ${fv(v as string)}`);
      case 'in':
        return cond(raw`${col} in (${sql.join((v as string[]).map(fv))})`);
      case 'contains':
        return cond(raw`${col} like ${`%${escapeLike(fv(v as string))}%`} escape '\\'`);
      case 'startsWith':
        return cond(raw`${col} like ${`${escapeLike(fv(v as string))}%`} escape '\\'`);
    }
  }
  switch (f.op) {
    case 'eq':
      return cond(raw`${e} = ${v}`);
    case 'ne':
      return cond(raw`(${e} is null or ${e} <> ${v})`);
    case 'in':
      return cond(raw`${e} in (${sql.join(v as unknown[])})`);
    case 'nin':
      return cond(raw`(${e} is null or ${e} not in (${sql.join(v as unknown[])}))`);
    // A birthday without its year (`--12-03`, contacts/birthday.ts) is in no date range, though as text it sorts
    // before every date: "before" a date means a date from year 1000 on.
    case 'lt':
      return cond(f.field.type === 'date' ? raw`(${e} < ${v} and ${e} >= ${'1000-01-01'})` : raw`${e} < ${v}`);
    case 'lte':
      return cond(f.field.type === 'date' ? raw`(${e} <= ${v} and ${e} >= ${'1000-01-01'})` : raw`${e} <= ${v}`);
    case 'gt':
      return cond(raw`${e} > ${v}`);
    case 'gte':
      return cond(raw`${e} >= ${v}`);
    case 'contains':
      return cond(raw`lower(${e}) like ${`%${escapeLike((v as string).toLowerCase())}%`} escape '\\'`);
    case 'startsWith':
      return cond(raw`lower(${e}) like ${`${escapeLike((v as string).toLowerCase())}%`} escape '\\'`);
  }
  throw new AppError('bad_request', `Unsupported operator ${f.op}`);
}

// ---- sorting and cursors ----------------------------------------------------------------------

export type Sort = { name: string; dir: 'asc' | 'desc'; expr: RawBuilder<unknown>; nullable: boolean; type: FieldType };

export function parseSort(
  raw: string | undefined,
  registry: Registry,
  custom: readonly CustomField[],
  dialect: DialectName,
  table: string,
  fallback: string,
): Sort {
  const spec = raw && raw.length > 0 ? raw : fallback;
  const dir = spec.startsWith('-') ? 'desc' : 'asc';
  const name = spec.replace(/^[-+]/, '');
  const field = resolveField(name, registry, custom, dialect, table);
  const sortable = field && (field.custom ? field.type !== 'json_array' : field.def?.sortable);
  if (!field || !sortable) {
    const names = Object.entries(registry)
      .filter(([, d]) => d.sortable)
      .map(([n]) => n);
    throw invalid([{ path: ['sort'], message: `Cannot sort by "${name.slice(0, 60)}"; sortable: ${names.join(', ')}, or a custom field as custom.<key>` }]);
  }
  const expr = field.def?.sortExpr ? field.def.sortExpr(dialect, table) : field.def?.sortColumn ? sql.ref(`${table}.${field.def.sortColumn}`) : field.expr;
  return { name, dir, expr, nullable: field.def ? field.def.nullable : true, type: field.type };
}

export type Cursor = { s: string; v: unknown; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string, sortKey: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c !== 'object' || c === null || typeof c.id !== 'string' || typeof c.s !== 'string') throw new Error('shape');
    if (c.s !== sortKey) throw invalid([{ path: ['cursor'], message: 'This cursor belongs to another sort order; start again without a cursor' }]);
    if (!/^[0-9a-f-]{36}$/.test(c.id)) throw new Error('id');
    if (c.v !== null && typeof c.v !== 'string' && typeof c.v !== 'number') throw new Error('value');
    return c;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid([{ path: ['cursor'], message: 'Not a valid cursor' }]);
  }
}

/** Rows after the cursor in (sort, id) order; NULLs sort last in both directions. */
export function afterCursor(sort: Sort, cursor: Cursor, idColumn: string): Expression<SqlBool> {
  const e = sort.expr;
  const id = sql.ref(idColumn);
  const gt = sort.dir === 'asc' ? sql`>` : sql`<`;
  let out: RawBuilder<unknown>;
  if (cursor.v === null) {
    out = sql`(${e} is null and ${id} ${gt} ${cursor.id})`;
  } else {
    // A row-value comparison, so both databases start an index range at the cursor: the spelled-out
    // "e < v or (e = v and id < i)" made SQLite walk the index from the top and filter, 206 ms for a page
    // 900,000 rows deep against 2.5 ms (bench: export of 1M contacts).
    const nulls = sort.nullable ? sql` or ${e} is null` : sql``;
    out = sql`((${e}, ${id}) ${gt} (${cursor.v}, ${cursor.id})${nulls})`;
  }
  return out as unknown as Expression<SqlBool>;
}

export function orderBySql(sort: Sort, idColumn: string): RawBuilder<unknown> {
  const d = sort.dir === 'asc' ? sql`asc` : sql`desc`;
  const nulls = sort.nullable ? sql` nulls last` : sql``;
  return sql`${sort.expr} ${d}${nulls}, ${sql.ref(idColumn)} ${d}`;
}

/**
 * A list route's validated query as the list services take it: paging, search and sort where given, and the raw
 * query, which holds its `filter[...]` parameters (read against the field registry by the service).
 */
export function listOptions<Q extends { q?: string; limit: number; cursor?: string; sort?: string; deleted: D }, D>(
  query: Q,
): { limit: number; deleted: D; raw: Record<string, unknown>; q?: string; cursor?: string; sort?: string } {
  const { q, limit, cursor, sort, deleted } = query;
  return {
    limit,
    deleted,
    raw: query as Record<string, unknown>,
    ...(q ? { q } : {}),
    ...(cursor ? { cursor } : {}),
    ...(sort ? { sort } : {}),
  };
}
