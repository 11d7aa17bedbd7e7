import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { customFieldApi } from '@kith/domain/custom-fields/custom-field.api.ts';
import { CUSTOM_FIELD_TYPES, type CustomFieldEntity, type CustomFieldType } from '@kith/domain/custom-fields/custom-field.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useCustomFields, type CustomField } from '../../lib/workspace-data.ts';
import { Icon } from '../../components/ui/icons.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

/** Custom fields per entity: create, relabel, reorder (up/down), edit options, delete. */
export function FieldsSettings() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<CustomFieldEntity>('contact');
  return (
    <div className="stack">
      <SelectField
        label={t('settings.fieldsOf')}
        value={entity}
        onChange={(e) => setEntity(e.target.value as CustomFieldEntity)}
        options={[
          { value: 'contact', label: t('nav.contacts') },
          { value: 'company', label: t('nav.companies') },
        ]}
        style={{ inlineSize: 240 }}
      />
      <FieldList entity={entity} />
    </div>
  );
}

function FieldList({ entity }: { entity: CustomFieldEntity }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const fields = useCustomFields(entity);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const manage = can('custom_fields.manage');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['custom-fields', entity] });
  const move = useMutation({
    mutationFn: async ({ list, from, to }: { list: CustomField[]; from: number; to: number }) => {
      const next = [...list];
      const [x] = next.splice(from, 1);
      next.splice(to, 0, x!);
      // Positions 10, 20, 30…: only the fields whose position changes are written.
      await Promise.all(
        next.map((f, i) => ((i + 1) * 10 !== f.position ? call(customFieldApi.update, { params: { id: f.id }, body: { position: (i + 1) * 10 } }) : null)),
      );
    },
    onSettled: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const del = useMutation({
    mutationFn: (id: string) => call(customFieldApi.remove, { params: { id } }),
    onSuccess: refresh,
    onError: (e) => notify(errorText(e), 'error'),
  });
  const list = fields.data ?? [];
  return (
    <section className="card">
      <div className="card-header">
        <h2>{t('settings.customFields')}</h2>
        <span className="spacer" />
        {manage && (
          <Button size="sm" variant="primary" onClick={() => setEditing('new')}>
            <Icon name="plus" /> {t('settings.addField')}
          </Button>
        )}
      </div>
      {list.length === 0 ? (
        <div className="card-body muted">{t('settings.noFields')}</div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('settings.fieldLabel')}</th>
              <th>{t('settings.fieldKey')}</th>
              <th>{t('settings.fieldType')}</th>
              <th>{t('settings.fieldOptions')}</th>
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((f, i) => (
              <tr key={f.id}>
                <td>{f.label}</td>
                <td className="mono">{f.key}</td>
                <td>{enumLabel('customFieldType', f.type)}</td>
                <td>{f.options.map((o) => o.label).join(', ')}</td>
                <td className="nowrap">
                  {manage && (
                    <>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon
                        aria-label={t('settings.moveUp', { name: f.label })}
                        disabled={i === 0 || move.isPending}
                        onClick={() => move.mutate({ list, from: i, to: i - 1 })}
                      >
                        ↑
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon
                        aria-label={t('settings.moveDown', { name: f.label })}
                        disabled={i === list.length - 1 || move.isPending}
                        onClick={() => move.mutate({ list, from: i, to: i + 1 })}
                      >
                        ↓
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setEditing(f)}>
                        {t('common.edit')}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => window.confirm(t('settings.confirmDeleteField', { name: f.label })) && del.mutate(f.id)}>
                        {t('record.delete')}
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <FieldDialog
          entity={entity}
          field={editing === 'new' ? null : editing}
          nextPosition={(list.length + 1) * 10}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </section>
  );
}

function FieldDialog({
  entity,
  field,
  nextPosition,
  onClose,
  onSaved,
}: {
  entity: CustomFieldEntity;
  field: CustomField | null;
  nextPosition: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [currency, setCurrency] = useState(field?.currency ?? 'VND');
  const [options, setOptions] = useState((field?.options ?? []).map((o) => o.label).join('\n'));
  const choice = type === 'select' || type === 'multi_select';
  const optionList = () =>
    options
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((l, i) => ({ value: field?.options.find((o) => o.label === l)?.value ?? (slug(l) || `option_${i + 1}`), label: l }));
  const save = useMutation({
    mutationFn: () =>
      field
        ? call(customFieldApi.update, { params: { id: field.id }, body: { label, ...(choice ? { options: optionList() } : {}) } })
        : call(customFieldApi.create, {
            body: {
              entity,
              key,
              label,
              type,
              position: nextPosition,
              ...(choice ? { options: optionList() } : {}),
              ...(type === 'currency' ? { currency } : {}),
            },
          }),
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={field ? t('settings.editField', { name: field.label }) : t('settings.addField')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={save.isPending} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <TextField
        label={t('settings.fieldLabel')}
        value={label}
        autoFocus
        onChange={(e) => {
          setLabel(e.target.value);
          if (!field) setKey(slug(e.target.value));
        }}
        error={fieldError(save.error, '/label')}
      />
      <TextField
        label={t('settings.fieldKey')}
        value={key}
        disabled={!!field}
        onChange={(e) => setKey(e.target.value)}
        hint={t('settings.fieldKeyHint')}
        error={fieldError(save.error, '/key')}
      />
      <SelectField
        label={t('settings.fieldType')}
        value={type}
        disabled={!!field}
        onChange={(e) => setType(e.target.value as CustomFieldType)}
        options={CUSTOM_FIELD_TYPES.map((x) => ({ value: x, label: enumLabel('customFieldType', x) }))}
      />
      {type === 'currency' && !field && (
        <TextField
          label={t('settings.currency')}
          value={currency}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          error={fieldError(save.error, '/currency')}
        />
      )}
      {choice && (
        <div className="field">
          <label htmlFor="field-options">{t('settings.fieldOptions')}</label>
          <textarea
            id="field-options"
            className="input"
            rows={5}
            value={options}
            onChange={(e) => setOptions(e.target.value)}
            aria-describedby="field-options-hint"
          />
          <span id="field-options-hint" className={fieldError(save.error, '/options') ? 'field-error' : 'field-hint'}>
            {fieldError(save.error, '/options') ?? t('settings.optionsHint')}
          </span>
        </div>
      )}
      {save.isError && !['/label', '/key', '/options', '/currency'].some((p) => fieldError(save.error, p)) && (
        <div className="alert alert-error" role="alert">
          {errorText(save.error)}
        </div>
      )}
    </Dialog>
  );
}

/** "Hạng thành viên" → "hang_thanh_vien": a key from a label. */
function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
}
