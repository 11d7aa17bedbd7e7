import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coerceCustomValue, CustomFieldCreateSchema, validateCustomValues, type CustomField } from './custom-field.ts';

const field = (over: Partial<CustomField>): CustomField => ({
  id: 'f',
  entity: 'contact',
  key: 'k',
  label: 'K',
  type: 'text',
  options: [],
  currency: null,
  required: false,
  position: 0,
  createdAt: '',
  updatedAt: '',
  ...over,
});

test('each type takes its own kind of value', () => {
  const ok = (f: Partial<CustomField>, v: unknown) => coerceCustomValue(field(f), v).ok;
  assert.equal(ok({ type: 'text' }, 'xin chào'), true);
  assert.equal(ok({ type: 'text' }, 5), false);
  assert.equal(ok({ type: 'text' }, 'a\ud800'), false);
  assert.equal(ok({ type: 'number' }, 2.5), true);
  assert.equal(ok({ type: 'number' }, Number.POSITIVE_INFINITY), false);
  assert.equal(ok({ type: 'number' }, '2'), false);
  assert.equal(ok({ type: 'currency' }, 1_500_000), true);
  assert.equal(ok({ type: 'currency' }, 12.5), false, 'money is whole minor units');
  assert.equal(ok({ type: 'boolean' }, false), true);
  assert.equal(ok({ type: 'boolean' }, 0), false);
  assert.equal(ok({ type: 'date' }, '2026-11-22'), true);
  assert.equal(ok({ type: 'date' }, '2026-02-30'), false);
  const opts = [
    { value: 'gold', label: 'Vàng' },
    { value: 'silver', label: 'Bạc' },
  ];
  assert.equal(ok({ type: 'select', options: opts }, 'gold'), true);
  assert.equal(ok({ type: 'select', options: opts }, 'bronze'), false);
  assert.deepEqual(coerceCustomValue(field({ type: 'multi_select', options: opts }), ['gold', 'gold', 'silver']), { ok: true, value: ['gold', 'silver'] });
  assert.equal(ok({ type: 'multi_select', options: opts }, ['gold', 'x']), false);
});

test('create requires required fields; update keeps absent keys and clears with null', () => {
  const fields = [field({ key: 'tier', type: 'text', required: true }), field({ key: 'note', type: 'text' })];
  assert.deepEqual(
    validateCustomValues(fields, {}, 'create').issues.map((i) => i.path.join('.')),
    ['custom.tier'],
  );
  assert.deepEqual(validateCustomValues(fields, {}, 'update').issues, []);
  assert.deepEqual(validateCustomValues(fields, { note: null }, 'update'), { values: { note: null }, issues: [] });
  assert.deepEqual(
    validateCustomValues(fields, { tier: null }, 'update').issues.map((i) => i.message),
    ['This field is required'],
  );
  assert.deepEqual(
    validateCustomValues(fields, { nope: 1 }, 'update', ['items', 2, 'custom']).issues.map((i) => i.path.join('.')),
    ['items.2.custom.nope'],
  );
});

test('definitions: keys are identifiers; select fields need unique options', () => {
  const bad = (v: unknown) => !CustomFieldCreateSchema.safeParse(v).success;
  assert.equal(bad({ entity: 'contact', key: 'tier', label: 'Hạng', type: 'text' }), false);
  assert.equal(bad({ entity: 'contact', key: 'Tier', label: 'x', type: 'text' }), true);
  assert.equal(bad({ entity: 'contact', key: "t'; drop", label: 'x', type: 'text' }), true);
  assert.equal(bad({ entity: 'contact', key: 'k', label: 'x', type: 'select' }), true);
  assert.equal(
    bad({
      entity: 'contact',
      key: 'k',
      label: 'x',
      type: 'select',
      options: [
        { value: 'a', label: 'A' },
        { value: 'a', label: 'B' },
      ],
    }),
    true,
  );
  assert.equal(bad({ entity: 'contact', key: 'k', label: 'x', type: 'text', options: [{ value: 'a', label: 'A' }] }), true);
  assert.equal(bad({ entity: 'contact', key: 'k', label: 'x', type: 'number', currency: 'VND' }), true);
  assert.equal(bad({ entity: 'order', key: 'k', label: 'x', type: 'text' }), true);
});
