/**
 * The web app shows every field of the company, product, order and deal field tables (@kith/domain
 * companies/company.fields.ts, orders/product.fields.ts, orders/order.fields.ts, deals/deal.fields.ts) with a label in both languages and every value of
 * their enumerations in words: a field added to a table is not shown as a raw key.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMPANY_FIELD_LIST, COMPANY_WEB_SECTIONS } from '@kith/domain/companies/company.fields.ts';
import { PRODUCT_FIELD_LIST, PRODUCT_WEB_SECTIONS } from '@kith/domain/orders/product.fields.ts';
import { ORDER_FIELD_LIST, ORDER_WEB_SECTIONS } from '@kith/domain/orders/order.fields.ts';
import { DEAL_FIELD_LIST, DEAL_WEB_SECTIONS } from '@kith/domain/deals/deal.fields.ts';
import type { FieldDef } from '@kith/domain/schema/field-table.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';

const locales = join(import.meta.dirname, '../../locales');
const lang = { vi: JSON.parse(readFileSync(join(locales, 'vi.json'), 'utf8')), en: JSON.parse(readFileSync(join(locales, 'en.json'), 'utf8')) };
const get = (o: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

const tables: [string, readonly (FieldDef & { name: string })[], readonly string[]][] = [
  ['companyFields', COMPANY_FIELD_LIST, COMPANY_WEB_SECTIONS],
  ['productFields', PRODUCT_FIELD_LIST, PRODUCT_WEB_SECTIONS],
  ['orderFields', ORDER_FIELD_LIST, ORDER_WEB_SECTIONS],
  ['dealFields', DEAL_FIELD_LIST, DEAL_WEB_SECTIONS],
];

for (const [namespace, list, sections] of tables) {
  test(`every field of ${namespace} has a label in Vietnamese and English, and so has every value of its enumeration`, () => {
    for (const [code, dict] of Object.entries(lang)) {
      for (const f of list) {
        const label = get(dict, `${namespace}.${f.name}`);
        assert.equal(typeof label, 'string', `${code}: ${namespace}.${f.name} is missing`);
        assert.notEqual(label, f.name, `${code}: ${namespace}.${f.name} is the raw name`);
        if (!f.enum) continue;
        // The values' names come from the domain's enum table (labels/enums.ts, tested value by value there).
        for (const v of f.enum.values) assert.notEqual(enumLabel(f.enum.labels, v, code), v, `${code}: ${f.name} ${v} has no name`);
      }
    }
  });

  test(`each field of ${namespace} is in a known section of its page`, () => {
    for (const f of list) assert.ok(sections.includes(f.web.section), `${f.name}: no such section ${f.web.section}`);
  });
}
