import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Popover } from '../../components/ui/menu.tsx';
import { provinceName, provinceOptions } from '../../lib/provinces.ts';
import { useMembers, type CustomField } from '../../lib/workspace-data.ts';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import { enumValueLabel } from './contact-field-view.tsx';
import type { ListFilter } from './list-state.ts';
import { RFM_SEGMENTS } from '@kith/domain/analytics/rfm.ts';
import { VALUE_TIERS } from '@kith/domain/analytics/tiers.ts';
import { Icon } from '../../components/ui/icons.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

type Kind = 'stage' | 'owner' | 'tag' | 'province' | 'text' | 'enum' | 'date' | 'number' | 'boolean' | 'multi';
type FieldSpec = { field: string; label: string; kind: Kind; options?: { value: string; label: string }[] };

const OPS: Record<Kind, string[]> = {
  stage: ['in', 'nin'],
  owner: ['eq', 'empty'],
  tag: ['has', 'empty'],
  province: ['in', 'empty'],
  text: ['contains', 'eq', 'startsWith', 'empty'],
  enum: ['in', 'nin', 'empty'],
  date: ['gte', 'lte', 'empty'],
  number: ['gte', 'lte', 'eq', 'empty'],
  boolean: ['eq', 'empty'],
  multi: ['has', 'empty'],
};

function useFieldSpecs(fields: CustomField[]): FieldSpec[] {
  const { t, i18n } = useTranslation();
  const label = (k: string) => t(`contactFields.${k}`);
  // The field table's filterable fields (lists of addresses and numbers are found by the search box instead),
  // then the record's and the analytics' own.
  const fromTable: FieldSpec[] = CONTACT_FIELD_LIST.flatMap((f): FieldSpec[] => {
    if (isSkip(f.filter)) return [];
    const kind: Kind | null =
      f.name === 'ownerId'
        ? 'owner'
        : f.enum?.labels === 'province'
          ? 'province'
          : f.enum
            ? f.empty === null
              ? 'enum'
              : 'stage'
            : f.filter.type === 'keys'
              ? f.filter.keyKind === 'tag' || f.filter.keyKind === 'interest'
                ? 'tag'
                : null
              : f.filter.type === 'uuid' || f.filter.type === 'datetime' || f.filter.type === 'json_array'
                ? null
                : f.filter.type;
    if (!kind) return [];
    const options =
      kind === 'province'
        ? provinceOptions(i18n.language)
        : f.enum
          ? f.enum.values.map((v) => ({ value: v, label: enumValueLabel(f, v, { t, lang: i18n.language }) }))
          : undefined;
    return [{ field: f.name, label: label(f.name === 'ownerId' ? 'owner' : f.name), kind, ...(options ? { options } : {}) }];
  });
  const base: FieldSpec[] = [
    ...fromTable,
    { field: 'createdAt', label: label('createdAt'), kind: 'date' },
    { field: 'rfmSegment', label: label('rfmSegment'), kind: 'enum', options: RFM_SEGMENTS.map((s) => ({ value: s, label: enumLabel('rfmSegment', s) })) },
    { field: 'valueTier', label: label('valueTier'), kind: 'enum', options: VALUE_TIERS.map((s) => ({ value: s, label: enumLabel('valueTier', s) })) },
    { field: 'clv', label: label('clv'), kind: 'number' },
    { field: 'pAlive', label: label('pAlive'), kind: 'number' },
    { field: 'lastInteractionAt', label: label('lastInteractionAt'), kind: 'date' },
  ];
  const custom: FieldSpec[] = fields.map((f) => ({
    field: `custom.${f.key}`,
    label: f.label,
    kind:
      f.type === 'select'
        ? 'enum'
        : f.type === 'multi_select'
          ? 'multi'
          : f.type === 'currency' || f.type === 'number'
            ? 'number'
            : f.type === 'date'
              ? 'date'
              : f.type === 'boolean'
                ? 'boolean'
                : 'text',
    options: f.options,
  }));
  return [...base, ...custom];
}

/** "Stage is one of Lead, Prospect": a filter in words, for its chip. */
function useDescribe(specs: FieldSpec[]) {
  const { t, i18n } = useTranslation();
  const members = useMembers();
  return (f: ListFilter): string => {
    const spec = specs.find((s) => s.field === f.field);
    const name = spec?.label ?? f.field;
    if (f.op === 'empty') return `${name} ${t(f.value === 'true' ? 'filters.isEmpty' : 'filters.isNotEmpty')}`;
    const values = f.value.split(',').map((v) => {
      if (spec?.kind === 'owner') return members.data?.find((m) => m.userId === v)?.name ?? v;
      if (spec?.kind === 'province') return provinceName(v, i18n.language);
      if (spec?.kind === 'boolean') return t(v === 'true' ? 'common.yes' : 'common.no');
      if (spec?.kind === 'date') return v.slice(0, 10);
      return spec?.options?.find((o) => o.value === v)?.label ?? v;
    });
    return `${name} ${t(`filters.ops.${f.op}`)} ${values.join(', ')}`;
  };
}

export function FilterChips({ filters, fields, onChange }: { filters: ListFilter[]; fields: CustomField[]; onChange: (f: ListFilter[]) => void }) {
  const { t } = useTranslation();
  const specs = useFieldSpecs(fields);
  const describe = useDescribe(specs);
  if (filters.length === 0) return null;
  return (
    <div className="toolbar" aria-label={t('filters.active')} role="group">
      {filters.map((f, i) => (
        <span key={`${f.field}-${f.op}-${i}`} className="filter-chip">
          {describe(f)}
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            style={{ blockSize: 20, inlineSize: 20 }}
            aria-label={t('filters.remove', { filter: describe(f) })}
            onClick={() => onChange(filters.filter((_, j) => j !== i))}
          >
            <Icon name="close" size={12} />
          </button>
        </span>
      ))}
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange([])}>
        {t('filters.clearAll')}
      </button>
    </div>
  );
}

/** "Add filter": pick a field, an operator that field allows, and a value; filters combine with AND. */
export function AddFilter({ fields, onAdd }: { fields: CustomField[]; onAdd: (f: ListFilter) => void }) {
  const { t } = useTranslation();
  const specs = useFieldSpecs(fields);
  return (
    <Popover
      label={
        <>
          <Icon name="filter" /> {t('filters.add')}
        </>
      }
      title={t('filters.add')}
    >
      {(close) => (
        <FilterEditor
          specs={specs}
          onDone={(f) => {
            onAdd(f);
            close();
          }}
        />
      )}
    </Popover>
  );
}

function FilterEditor({ specs, onDone }: { specs: FieldSpec[]; onDone: (f: ListFilter) => void }) {
  const { t } = useTranslation();
  const members = useMembers();
  const [field, setField] = useState(specs[0]!.field);
  const spec = specs.find((s) => s.field === field)!;
  const [op, setOp] = useState(OPS[spec.kind][0]!);
  const [value, setValue] = useState('');
  const [multi, setMulti] = useState<string[]>([]);
  const ops = OPS[spec.kind];
  const effectiveOp = ops.includes(op) ? op : ops[0]!;
  const multiValued = (effectiveOp === 'in' || effectiveOp === 'nin') && !!spec.options;
  const finalValue =
    effectiveOp === 'empty'
      ? value || 'true'
      : multiValued
        ? multi.join(',')
        : spec.kind === 'date' && value
          ? field === 'createdAt' || field === 'lastInteractionAt'
            ? new Date(`${value}T00:00:00`).toISOString()
            : value
          : value;
  const ready = finalValue.trim().length > 0;

  return (
    <form
      className="stack"
      style={{ minInlineSize: 280 }}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onDone({ field, op: effectiveOp, value: finalValue.trim() });
      }}
    >
      <SelectField
        label={t('filters.field')}
        value={field}
        options={specs.map((s) => ({ value: s.field, label: s.label }))}
        onChange={(e) => {
          setField(e.target.value);
          setValue('');
          setMulti([]);
        }}
      />
      <SelectField
        label={t('filters.operator')}
        value={effectiveOp}
        options={ops.map((o) => ({ value: o, label: t(`filters.ops.${o}`) }))}
        onChange={(e) => setOp(e.target.value)}
      />
      {effectiveOp === 'empty' ? (
        <SelectField
          label={t('filters.value')}
          value={value || 'true'}
          options={[
            { value: 'true', label: t('filters.isEmpty') },
            { value: 'false', label: t('filters.isNotEmpty') },
          ]}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : multiValued ? (
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: 'var(--s1)', maxBlockSize: 220, overflow: 'auto' }}>
          <legend className="field-label">{t('filters.value')}</legend>
          {spec.options!.map((o) => (
            <label key={o.value} className="row">
              <input
                type="checkbox"
                className="checkbox"
                checked={multi.includes(o.value)}
                onChange={(e) => setMulti((m) => (e.target.checked ? [...m, o.value] : m.filter((x) => x !== o.value)))}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      ) : spec.kind === 'owner' ? (
        <SelectField
          label={t('filters.value')}
          value={value}
          placeholder={t('filters.choose')}
          options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : spec.kind === 'boolean' ? (
        <SelectField
          label={t('filters.value')}
          value={value}
          placeholder={t('filters.choose')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : spec.kind === 'multi' && spec.options ? (
        <SelectField
          label={t('filters.value')}
          value={value}
          placeholder={t('filters.choose')}
          options={spec.options}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : (
        <TextField
          label={t('filters.value')}
          type={spec.kind === 'date' ? 'date' : spec.kind === 'number' ? 'number' : 'text'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <Button variant="primary" type="submit" disabled={!ready}>
        {t('filters.apply')}
      </Button>
    </form>
  );
}

export function ColumnChooser({
  all,
  visible,
  label,
  onChange,
}: {
  all: { id: string; label: string }[];
  visible: string[];
  label: string;
  onChange: (cols: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Popover
      label={
        <>
          <Icon name="columns" /> {label}
        </>
      }
      title={label}
      align="end"
    >
      {() => (
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: 'var(--s1)', minInlineSize: 220 }}>
          <legend className="field-label">{t('contacts.visibleColumns')}</legend>
          {all.map((c) => (
            <label key={c.id} className="row">
              <input
                type="checkbox"
                className="checkbox"
                checked={visible.includes(c.id)}
                disabled={c.id === 'name'}
                onChange={(e) =>
                  onChange(e.target.checked ? all.map((x) => x.id).filter((id) => visible.includes(id) || id === c.id) : visible.filter((id) => id !== c.id))
                }
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
    </Popover>
  );
}
