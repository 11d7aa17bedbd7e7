/**
 * The web app shows every field of the contact field table (@kith/domain contacts/contact.fields.ts) with a
 * label in both languages, every value of its enumerations in words, and a column, editor and filter where
 * the table asks for one: a field added to the table is not shown as a raw key.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTACT_FIELD_LIST, WEB_SECTIONS } from '@kith/domain/contacts/contact.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import { BUILTIN_COLUMNS } from './contact-model.ts';
import { ENUMS, enumLabel } from '@kith/domain/labels/enums.ts';

const locales = join(import.meta.dirname, '../../locales');
const lang = { vi: JSON.parse(readFileSync(join(locales, 'vi.json'), 'utf8')), en: JSON.parse(readFileSync(join(locales, 'en.json'), 'utf8')) };
const get = (o: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

test('every field of the table has a label in Vietnamese and English, and so has every value of its enumeration', () => {
  for (const [code, dict] of Object.entries(lang)) {
    for (const f of CONTACT_FIELD_LIST) {
      const label = get(dict, `contactFields.${f.name}`);
      assert.equal(typeof label, 'string', `${code}: contactFields.${f.name} is missing`);
      assert.notEqual(label, f.name, `${code}: contactFields.${f.name} is the raw name`);
      if (!f.enum) continue;
      // The values' names come from the domain's enum table (labels/enums.ts, tested value by value there).
      assert.deepEqual([...f.enum.values].sort(), [...ENUMS[f.enum.labels]].sort(), `${f.name}: its values are those of enums.${f.enum.labels}`);
      for (const v of f.enum.values) assert.notEqual(enumLabel(f.enum.labels, v, code), v, `${code}: ${f.name} ${v} has no name`);
    }
  }
});

test('each field is on the customer page in a known section, and its list column and sort come from the table', () => {
  for (const f of CONTACT_FIELD_LIST) assert.ok((WEB_SECTIONS as readonly string[]).includes(f.web.section), `${f.name}: no such section ${f.web.section}`);
  for (const f of CONTACT_FIELD_LIST) {
    if (!f.web.column) continue;
    const col = BUILTIN_COLUMNS.find((c) => c.id === (f.web.column!.id ?? f.name));
    assert.ok(col, `${f.name} has no list column`);
    if (!isSkip(f.filter) && f.filter.sortable) assert.equal(col.sort, f.name, `${f.name}: the column sorts by the field`);
  }
  assert.equal(new Set(BUILTIN_COLUMNS.map((c) => c.id)).size, BUILTIN_COLUMNS.length, 'column ids are unique');
});
