/**
 * Every value of every enum, and every permission, has a name in Vietnamese and in English — never a raw
 * key, never the stored code itself — and every enum the domain's schemas declare is in the table.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTIONS, ROLES } from '../permissions/permissions.ts';
import { ENUMS, LABEL_LOCALES, enumLabel, enumLabels, enumOptions, labelLocale, type EnumName } from './enums.ts';

/** Values whose name in a language is rightly the code itself (none today; add `enum.value` with a reason). */
const SAME_AS_CODE = new Set<string>([]);
/** Enumerations of the domain that are not shown to people as words (internal switches), with why. */
const NOT_SHOWN = new Set([
  'INDICATOR_KEYS', // the assessment's indicators: named by assessment/indicator-catalogue.ts
  'FRAMEWORK_KEYS', // the assessment frameworks carry their own names
  'INDICATOR_UNITS', // an indicator's unit decides how its value is written (the web's assessment-format.ts), never shown as a word
  'LEVELS', // the 0–4 levels are numbers; their words are assessment/framework.ts SCALE
  'VIEW_ENTITIES', // the list a saved view belongs to: the screen shows the list, not the word
  'CUSTOM_FIELD_ENTITIES', // a custom field's record type: shown on the contact or company settings tab
  'MESSAGE_KINDS', // reply / note / customer: the conversation shows each differently, not by name
  'TEMPLATE_VARIABLES', // placeholders written as code in templates ({{contact.name}})
  'BUILTIN_KEYS', // built-in playbooks carry their own names
  'SCRIPTS', // Unicode scripts, for the email check
  'WEB_SECTIONS', // the customer page's sections: headings of the page (record.sections in the web's locales), not values
  'COMPANY_WEB_SECTIONS', // the company page's sections, likewise
  'PRODUCT_WEB_SECTIONS', // the product dialog's sections, likewise
  'TICKET_WEB_SECTIONS', // the ticket page's parts, likewise
  'QUEUES', // the ticket inbox's queues: its tabs (tickets.queues.* in the web's locales), not stored values
  'IMPORT_ENCODINGS', // a file's character sets, shown by their standard names (UTF-8, Windows-1258): not words to translate
  'MATCH_KEYS', // the import form's choice of how a row finds its contact: its options are sentences (imports.matchBy.* in the web's locales)
  'DATE_ORDERS', // the import form's choice of how day-month dates are read: its options are phrases (imports.dateOrders.* in the web's locales)
  'ORDER_WEB_SECTIONS', // the order page's sections, likewise
  'DEAL_WEB_SECTIONS', // the deal card's and details' sections, likewise
  'LIST_FIELD_TYPES', // the list language's field types, for API clients: the filter builder shows fields and operators
  'KPI_UNITS', // a KPI's unit decides how its figure is written (money, %, minutes), never shown as a word
  'KPI_AGGREGATES', // how a KPI's observations combine: explained by each KPI's description
  'KPI_CREDITS', // who a KPI credits: explained by each KPI's description
]);

const names = Object.keys(ENUMS) as EnumName[];

test('every value of every enum has a name in both languages that is neither empty, a key nor the code', () => {
  let n = 0;
  for (const name of names) {
    assert.ok(ENUMS[name].length > 0, `${name} has values`);
    for (const lang of LABEL_LOCALES) {
      const table = enumLabels(name, lang) as Record<string, string>;
      assert.deepEqual(Object.keys(table).sort(), [...ENUMS[name]].sort(), `${name} (${lang}) names exactly its values`);
      for (const value of ENUMS[name]) {
        const label = enumLabel(name, value, lang);
        const where = `${name}.${value} in ${lang}: "${label}"`;
        assert.ok(label.trim().length > 0, `${where} is empty`);
        assert.doesNotMatch(label, /^[\w-]+(\.[\w-]+)+$/, `${where} looks like a key`);
        assert.doesNotMatch(label, /_/, `${where} has an underscore: a code, not a word`);
        if (!SAME_AS_CODE.has(`${name}.${value}`)) assert.notEqual(label, value, `${where} is the stored code`);
        n++;
      }
    }
  }
  assert.ok(n > 1000, `rendered ${n} labels`);
});

test('every permission and every role is named, in both languages', () => {
  assert.deepEqual([...ENUMS.permission].sort(), Object.keys(ACTIONS).sort());
  assert.deepEqual([...ENUMS.role], [...ROLES]);
  for (const lang of LABEL_LOCALES) {
    const labels = Object.keys(ACTIONS).map((a) => enumLabel('permission', a, lang));
    assert.equal(new Set(labels).size, labels.length, `two permissions share a name in ${lang}: the roles page would not tell them apart`);
  }
  assert.equal(enumLabel('permission', 'deals.read', 'en'), 'See deals');
  assert.equal(enumLabel('permission', 'deals.read', 'vi'), 'Xem cơ hội bán hàng');
});

test('the codes a new user met as words are named', () => {
  assert.equal(enumLabel('contactSource', 'walk_in', 'vi'), 'Khách đến cửa hàng');
  assert.equal(enumLabel('contactSource', 'tiktok', 'en'), 'TikTok');
  assert.equal(enumLabel('ticketSource', 'survey_response', 'en'), 'a survey answer');
  assert.equal(enumLabel('country', 'VN', 'vi'), 'Việt Nam');
  assert.equal(enumLabel('country', 'VN', 'en'), 'Vietnam');
  assert.equal(enumLabel('province', 'ho-chi-minh', 'vi'), 'TP. Hồ Chí Minh');
  assert.equal(enumLabel('gender', 'male', 'vi'), 'Nam');
});

test('a value the enum does not know is shown as written; nothing is empty; other languages read Vietnamese', () => {
  assert.equal(enumLabel('contactSource', 'Hội chợ Tết', 'en'), 'Hội chợ Tết', 'a source the workspace typed itself');
  assert.equal(enumLabel('ticketCategory', 'Bảo hành', 'vi'), 'Bảo hành');
  assert.equal(enumLabel('gender', null, 'vi'), '');
  assert.equal(labelLocale('en-GB'), 'en');
  assert.equal(labelLocale('fr'), 'vi');
  assert.deepEqual(enumOptions('stageKind', 'en'), [
    { value: 'open', label: 'Open' },
    { value: 'won', label: 'Won' },
    { value: 'lost', label: 'Lost' },
  ]);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : n.endsWith('.ts') && !n.endsWith('.test.ts') ? [p] : [];
  });
}

test('every value list the domain declares is in the table (or named above as not shown)', () => {
  const root = join(import.meta.dirname, '..');
  const table = readFileSync(join(import.meta.dirname, 'enums.ts'), 'utf8');
  const declared = sources(root)
    .filter((f) => !f.includes(`${join('src', 'demo')}`))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export const ([A-Z][A-Z_]+) = \[[^\]]*\] as const;/gm)].map((m) => m[1]!));
  assert.ok(declared.length > 30, `found ${declared.length} value lists`);
  const missing = declared.filter((d) => !NOT_SHOWN.has(d) && !new RegExp(`\\b${d}\\b`).test(table));
  assert.deepEqual(missing, [], 'value lists without names: add them to ENUMS and TABLE in labels/enums.ts');
});
