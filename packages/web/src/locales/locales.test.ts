/**
 * Vietnamese and English are complete: the same keys in both (plural forms aside: Vietnamese has one),
 * every key the code asks for exists, and no translation is empty or left in the other language's
 * placeholder form.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ISSUE_CODES } from '@kith/domain/schema/issues.ts';
import { ERROR_REASONS } from '@kith/domain/errors.ts';
import { ENUMS, type EnumName } from '@kith/domain/labels/enums.ts';

const here = import.meta.dirname;
const en = JSON.parse(readFileSync(join(here, 'en.json'), 'utf8'));
const vi = JSON.parse(readFileSync(join(here, 'vi.json'), 'utf8'));

function flat(o: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flat(v as Record<string, unknown>, key)) out.set(kk, vv);
  }
  return out;
}
const EN = flat(en);
const VI = flat(vi);
const base = (k: string) => k.replace(/_(one|other|zero|two|few|many)$/, '');
const has = (m: Map<string, string>, k: string) => m.has(k) || m.has(`${k}_other`);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) && !n.endsWith('.test.ts') ? [p] : [];
  });
}
const code = sources(join(here, '..'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

test('English and Vietnamese have the same keys', () => {
  const enKeys = new Set([...EN.keys()].map(base));
  const viKeys = new Set([...VI.keys()].map(base));
  assert.deepEqual(
    [...enKeys].filter((k) => !viKeys.has(k)),
    [],
    'missing in vi.json',
  );
  assert.deepEqual(
    [...viKeys].filter((k) => !enKeys.has(k)),
    [],
    'missing in en.json',
  );
  for (const k of EN.keys()) if (k.endsWith('_one')) assert.ok(EN.has(k.replace(/_one$/, '_other')), `${k} has its _other form`);
});

test('no translation is empty, and both sides use the same {{placeholders}}', () => {
  const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  for (const [k, v] of EN) {
    assert.ok(v.trim().length > 0, `en ${k} is empty`);
    const other = VI.get(k) ?? VI.get(`${base(k)}_other`);
    assert.ok(other && other.trim().length > 0, `vi ${k} is empty`);
    assert.deepEqual(
      ph(other!).filter((p) => p !== 'count'),
      ph(v).filter((p) => p !== 'count'),
      `${k}: placeholders differ`,
    );
  }
});

test('every key written literally in the code exists in both languages', () => {
  const literal = [...code.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)].map((m) => m[1]!);
  const ternary = [...code.matchAll(/\bt\([^()]*\?\s*'([a-zA-Z_.]+)'\s*:\s*'([a-zA-Z_.]+)'\s*\)/g)].flatMap((m) => [m[1]!, m[2]!]);
  const keys = [...new Set([...literal, ...ternary])];
  assert.ok(keys.length > 200, `found ${keys.length} keys in the code`);
  const missing = keys.filter((k) => !has(EN, k) || !has(VI, k));
  assert.deepEqual(missing, []);
});

test('every key built from a value list exists for each value', () => {
  const families: Record<string, string[]> = {
    // Stored enum values (stages, roles, genders, channels, field types …) are named in @kith/domain/labels/enums.ts:
    // enums.test.ts renders each in both languages.
    'filters.ops': ['eq', 'ne', 'in', 'nin', 'contains', 'startsWith', 'has', 'empty', 'gt', 'gte', 'lt', 'lte'],
    'bulk.title': ['assign', 'addTags', 'removeTags', 'setStage', 'delete'],
    'timeline.actions': ['create', 'update', 'delete', 'restore'],
  };
  for (const [prefix, values] of Object.entries(families))
    for (const v of values) assert.ok(has(EN, `${prefix}.${v}`) && has(VI, `${prefix}.${v}`), `${prefix}.${v}`);
});

test('every field-issue code the API sends has a message in both languages, with the same params', () => {
  for (const code of ISSUE_CODES) {
    assert.ok(EN.has(`validation.${code}`), `en validation.${code}`);
    assert.ok(VI.has(`validation.${code}`), `vi validation.${code}`);
  }
});

test('every reason the API gives for a refusal has a message in both languages', () => {
  for (const reason of ERROR_REASONS) {
    assert.ok(EN.has(`errors.reasons.${reason}`), `en errors.reasons.${reason}`);
    assert.ok(VI.has(`errors.reasons.${reason}`), `vi errors.reasons.${reason}`);
  }
});

test('no enum is named twice: the values of the domain enums are named in labels/enums.ts, not here', () => {
  function groups(o: Record<string, unknown>, path: string): [string, string[]][] {
    const out: [string, string[]][] = [];
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') continue;
      out.push([path + k, Object.keys(v as object)]);
      out.push(...groups(v as Record<string, unknown>, `${path}${k}.`));
    }
    return out;
  }
  // Texts about each value that are not its name (a hint, a verb, a field's label per action) belong here.
  const about = new Set([
    'orders.moveTo',
    'tiers.help',
    'surveys.statusHints',
    'surveys.triggerHints',
    'playbooks.actionHints',
    'playbooks.titleLabels',
    'playbooks.bodyLabels',
    'playbooks.mailStatus', // a playbook step's email in a sentence (“Email waiting to be sent”), not the outbox status's name
    'kpis.settings.baseHelp', // an example of each kind of workspace KPI, beside its name
    'kpis.plans.measureHelp', // what each REAP measure counts, beside its name
    'workload.reason', // a load against its capacity in a sentence (“9/8 tickets”), not the kind's name
  ]);
  const twice: string[] = [];
  for (const [path, keys] of groups(en, '')) {
    if (about.has(path)) continue;
    for (const name of Object.keys(ENUMS) as EnumName[]) {
      const values = ENUMS[name] as readonly string[];
      if (values.length >= 3 && values.length === keys.length && values.every((v) => keys.includes(v))) twice.push(`${path} repeats enums.${name}`);
    }
  }
  assert.deepEqual(twice, []);
});
