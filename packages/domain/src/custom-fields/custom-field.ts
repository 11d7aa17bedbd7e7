import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { isoDate, text } from '../schema/fields.ts';
import type { IssueCode } from '../schema/issues.ts';
import { isStorableText } from '../text/fold.ts';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'boolean', 'currency'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const CUSTOM_FIELD_ENTITIES = ['contact', 'company'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export type CustomFieldOption = { value: string; label: string };

export type CustomField = {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  options: CustomFieldOption[];
  /** For currency fields: the ISO 4217 code the amounts (integer minor units) are in. */
  currency: string | null;
  required: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
};

/** Keys are identifiers: they reach SQL only as bound values, but keep them boring anyway. */
export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

const option = z.strictObject({
  value: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, { message: 'Option values are lower-case letters, digits, - and _' }),
  label: text(100, 1),
});

export const CustomFieldCreateSchema = z
  .strictObject({
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    key: z.string().regex(CUSTOM_FIELD_KEY, { message: 'Must start with a letter and use only a-z, 0-9 and _ (at most 40)' }),
    label: text(100, 1),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(option).max(200).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'Must be an ISO 4217 code such as VND' })
      .optional(),
    required: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .superRefine((v, ctx) => {
    const choice = v.type === 'select' || v.type === 'multi_select';
    if (choice && (!v.options || v.options.length === 0))
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs at least one option' });
    if (!choice && v.options && v.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only select fields have options' });
    if (v.options && new Set(v.options.map((o) => o.value)).size !== v.options.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Option values must be unique' });
    if (v.currency && v.type !== 'currency') ctx.addIssue({ code: 'custom', path: ['currency'], message: 'Only currency fields have a currency' });
  });

export const CustomFieldUpdateSchema = z.strictObject({
  label: text(100, 1).optional(),
  options: z.array(option).max(200).optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

const MAX_NUMBER = 1e15;

/** Validate one value against its field definition; returns the value to store or an error message. */
type Refusal = { ok: false; message: string; code: IssueCode; params?: Record<string, string | number> };

export function coerceCustomValue(field: Pick<CustomField, 'type' | 'options'>, value: unknown): { ok: true; value: unknown } | Refusal {
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return { ok: false, message: 'Must be text', code: 'invalid_type', params: { expected: 'string' } };
      if (!isStorableText(value)) return { ok: false, message: 'Must not contain NUL characters or unpaired surrogates', code: 'invalid_characters' };
      const v = value.normalize('NFC').trim();
      if (v.length > 2000) return { ok: false, message: 'Must be at most 2000 characters', code: 'too_long', params: { maximum: 2000 } };
      return { ok: true, value: v };
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_NUMBER)
        return { ok: false, message: 'Must be a finite number', code: 'invalid_type', params: { expected: 'number' } };
      return { ok: true, value };
    case 'currency':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || Math.abs(value) > MAX_NUMBER)
        return { ok: false, message: 'Must be an integer amount in minor units (e.g. đồng)', code: 'not_integer' };
      return { ok: true, value };
    case 'boolean':
      if (typeof value !== 'boolean') return { ok: false, message: 'Must be true or false', code: 'invalid_type', params: { expected: 'boolean' } };
      return { ok: true, value };
    case 'date': {
      const r = isoDate().safeParse(value);
      return r.success ? { ok: true, value: r.data } : { ok: false, message: 'Must be a date as YYYY-MM-DD', code: 'invalid_date' };
    }
    case 'select': {
      if (typeof value !== 'string' || !field.options.some((o) => o.value === value)) {
        return { ok: false, message: `Must be one of: ${field.options.map((o) => o.value).join(', ')}`, code: 'invalid_choice' };
      }
      return { ok: true, value };
    }
    case 'multi_select': {
      if (!Array.isArray(value) || value.length > 200 || !value.every((v) => typeof v === 'string' && field.options.some((o) => o.value === v))) {
        return { ok: false, message: `Must be a list of: ${field.options.map((o) => o.value).join(', ')}`, code: 'invalid_choice' };
      }
      return { ok: true, value: [...new Set(value as string[])] };
    }
  }
}

/**
 * Validate the `custom` object of a write against the workspace's fields. On create, required fields
 * must be present; on update, `null` clears a value (unless required) and absent keys are kept.
 */
export function validateCustomValues(
  fields: readonly CustomField[],
  input: Record<string, unknown>,
  mode: 'create' | 'update',
  basePath: (string | number)[] = ['custom'],
): { values: Record<string, unknown>; issues: FieldIssue[] } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const values: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const field = byKey.get(key);
    if (!field) {
      issues.push({ path: [...basePath, key], message: 'Unknown custom field', code: 'unknown_field', params: { keys: key } });
      continue;
    }
    if (raw === null) {
      if (field.required) issues.push({ path: [...basePath, key], message: 'This field is required', code: 'required' });
      else values[key] = null;
      continue;
    }
    const r = coerceCustomValue(field, raw);
    if (r.ok) values[key] = r.value;
    else issues.push({ path: [...basePath, key], message: r.message, code: r.code, ...(r.params ? { params: r.params } : {}) });
  }
  if (mode === 'create') {
    for (const f of fields) {
      if (f.required && (values[f.key] === undefined || values[f.key] === null) && !issues.some((i) => i.path[basePath.length] === f.key)) {
        issues.push({ path: [...basePath, f.key], message: 'This field is required', code: 'required' });
      }
    }
  }
  return { values, issues };
}
