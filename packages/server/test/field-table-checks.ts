import assert from 'node:assert/strict';
import { isSkip, type FieldDef } from '@kith/domain/schema/field-table.ts';
import type { Core } from '../src/core.ts';
import type { Client } from './build-test-app.ts';

/**
 * The checks every record's field-table test makes (contacts, companies, products, orders, deals: `<record>.fields.test.ts`),
 * written once: the table matches the database, every aspect is decided, and every filter finds its record.
 */

type Field = FieldDef & { name: string };

/** Every field has its column, and every column of the table is a field or one of the record's own. */
export async function assertColumnsAreFields(
  core: Core,
  table: string,
  list: readonly Field[],
  recordColumns: ReadonlySet<string>,
  source: string,
): Promise<void> {
  const tables = await core.db.introspection.getTables();
  const columns = new Set(tables.find((x) => x.name === table)!.columns.map((c) => c.name));
  for (const f of list) assert.ok(columns.has(f.column), `${table}.${f.column} (${f.name}) is not in the database`);
  const declared = new Set(list.map((f) => f.column));
  for (const c of columns) assert.ok(declared.has(c) || recordColumns.has(c), `${table}.${c} has no entry in the field table (@kith/domain ${source})`);
}

/** Every aspect is given or refused with a reason, and an imported field says which headers mean it. */
export function assertAspectsDecided(list: readonly Field[]): void {
  for (const f of list) {
    for (const aspect of ['merge', 'export', 'import', 'filter'] as const) {
      const a = f[aspect];
      if (isSkip(a)) assert.ok(a.skip.length >= 10, `${f.name}.${aspect}: say why it is left out`);
    }
    if (!isSkip(f.import)) assert.ok(f.import.synonyms.length > 0, `${f.name}: an imported field needs the headers that mean it`);
  }
}

/**
 * Every filterable field finds the one record that has the sample value (`valueOf`), with `eq` (`has` for lists),
 * and sorts when its table says it is sortable — a list refuses to sort by any other (422).
 */
export async function assertFiltersFind(api: Client, path: string, list: readonly Field[], valueOf: (f: Field) => unknown, id: string): Promise<void> {
  for (const f of list) {
    if (isSkip(f.filter)) continue;
    const out = valueOf(f);
    const value = Array.isArray(out) ? out[0] : out;
    // Lists are matched with `has`; an instant (no `eq`) between itself and itself.
    const op = f.filter.type === 'keys' || f.filter.type === 'json_array' ? 'has' : f.filter.type === 'datetime' ? 'gte' : 'eq';
    const v = encodeURIComponent(String(value));
    const r = await api.get(`${path}?filter[${f.name}][${op}]=${v}${op === 'gte' ? `&filter[${f.name}][lte]=${v}` : ''}`);
    assert.equal(r.status, 200, `${f.name}: ${JSON.stringify(r.body)}`);
    assert.deepEqual(
      r.body.data.map((c: { id: string }) => c.id),
      [id],
      `${path}: filter[${f.name}][${op}] did not find the record`,
    );
    const s = await api.get(`${path}?sort=-${f.name}`);
    assert.equal(s.status, f.filter.sortable ? 200 : 422, `sort by ${f.name}: ${JSON.stringify(s.body)}`);
  }
}
