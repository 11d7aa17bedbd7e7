import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { contactApi } from '@kith/domain/contacts/contact.api.ts';
import { segmentApi } from '@kith/domain/segments/segment.api.ts';
import type { SegmentCondition as Condition, SegmentDefinition } from '@kith/domain/segments/segment.schema.ts';
import { ApiError, fieldErrorText } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { ExportLinks } from '../../components/ui/export-links.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useBuilderFields, type BuilderField } from './segment-fields.ts';

type Definition = SegmentDefinition;
type Group = Definition['groups'][number];
type Match = Definition['match'];
type Draft = { id: string | null; name: string; description: string; shared: boolean; definition: Definition };

const LIST_OPS = new Set(['in', 'nin', 'has']);

function blankCondition(fields: BuilderField[]): Condition {
  const f = fields.find((x) => x.name === 'rfmSegment') ?? fields[0];
  return { field: f?.name ?? 'lifecycleStage', op: f?.ops[0] ?? 'eq', value: '' };
}

const newDraft = (fields: BuilderField[]): Draft => ({
  id: null,
  name: '',
  description: '',
  shared: false,
  definition: { match: 'any', groups: [{ match: 'all', conditions: [blankCondition(fields)] }] },
});

const complete = (d: Definition) => d.groups.length > 0 && d.groups.every((g) => g.conditions.length > 0 && g.conditions.every((c) => c.value.trim() !== ''));

/** Segments (issue 5): dynamic sets of customers from AND/OR groups of conditions, with a live count; saved, shared, exported. */
export default function SegmentsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const { fields, ready } = useBuilderFields();
  const list = useQuery({ queryKey: ['segments'], queryFn: async () => (await call(segmentApi.list)).data.data });
  const [draft, setDraft] = useState<Draft | null>(null);

  const debounced = useDebounced(draft?.definition ?? null, 300);
  const previewable = debounced !== null && complete(debounced);
  const preview = useQuery({
    queryKey: ['segments', 'preview', debounced],
    queryFn: async () => (await call(segmentApi.preview, { body: { definition: debounced! } })).data,
    enabled: previewable,
    retry: false,
  });
  // A 422 names each bad condition by its place: /definition/groups/<g>/conditions/<c>/<part>.
  const problems = useMemo(() => {
    const out = new Map<string, string>();
    const e = preview.error;
    if (e instanceof ApiError)
      for (const x of e.fieldErrors) {
        const m = /^\/definition\/groups\/(\d+)\/conditions\/(\d+)/.exec(x.pointer);
        if (m) out.set(`${m[1]}/${m[2]}`, fieldErrorText(x));
      }
    return out;
  }, [preview.error]);

  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = { name: d.name.trim(), description: d.description.trim() || null, shared: d.shared, definition: d.definition };
      return (d.id ? call(segmentApi.update, { params: { id: d.id }, body }) : call(segmentApi.create, { body })).then((r) => r.data);
    },
    onSuccess: (s) => {
      notify(t('segments.saved', { name: s.name }));
      setDraft({ id: s.id, name: s.name, description: s.description ?? '', shared: s.shared, definition: s.definition });
      void qc.invalidateQueries({ queryKey: ['segments'] });
      void qc.invalidateQueries({ queryKey: ['segment-count'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(segmentApi.remove, { params: { id } }),
    onSuccess: () => {
      setDraft(null);
      void qc.invalidateQueries({ queryKey: ['segments'] });
    },
  });

  const setDef = (f: (d: Definition) => Definition) => setDraft((x) => (x ? { ...x, definition: f(x.definition) } : x));
  const setGroup = (gi: number, f: (g: Group) => Group) => setDef((d) => ({ ...d, groups: d.groups.map((g, i) => (i === gi ? f(g) : g)) }));
  const setCond = (gi: number, ci: number, c: Condition) => setGroup(gi, (g) => ({ ...g, conditions: g.conditions.map((x, j) => (j === ci ? c : x)) }));
  const segments = list.data ?? [];
  const current = draft?.id ? segments.find((s) => s.id === draft.id) : undefined;
  const editable = !current || current.mine || can('views.manage');

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('segments.title')}</h1>
        <span className="spacer" />
        <Button variant="primary" onClick={() => setDraft(newDraft(fields))} disabled={!ready} data-testid="segment-new">
          <Icon name="plus" /> {t('segments.new')}
        </Button>
      </div>
      <p className="muted" style={{ marginBlockStart: 0 }}>
        {t('segments.intro')}
      </p>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 300px) 1fr', gap: 'var(--s4)', alignItems: 'start' }}>
        <section className="card" aria-labelledby="segments-saved">
          <div className="card-header">
            <h2 id="segments-saved">{t('segments.saved_title')}</h2>
          </div>
          <div className="card-body stack" style={{ gap: 'var(--s1)' }} data-testid="segment-list">
            {list.isPending ? (
              <div className="progress" aria-busy="true" />
            ) : segments.length === 0 ? (
              <p className="muted">{t('segments.none')}</p>
            ) : (
              segments.map((s) => (
                <button
                  key={s.id}
                  type="button"
                  className={`btn btn-ghost${draft?.id === s.id ? ' active' : ''}`}
                  style={{ justifyContent: 'space-between', inlineSize: '100%' }}
                  aria-current={draft?.id === s.id ? 'true' : undefined}
                  onClick={() => setDraft({ id: s.id, name: s.name, description: s.description ?? '', shared: s.shared, definition: s.definition })}
                >
                  <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {s.name} {s.shared && <span className="badge">{t('segments.sharedBadge')}</span>}
                  </span>
                  <SegmentCount id={s.id} />
                </button>
              ))
            )}
          </div>
        </section>

        {!draft ? (
          <EmptyState
            icon={<Icon name="filter" size={36} />}
            title={t('segments.emptyTitle')}
            actions={
              <Button variant="primary" onClick={() => setDraft(newDraft(fields))} disabled={!ready}>
                {t('segments.new')}
              </Button>
            }
          >
            {t('segments.emptyBody')}
          </EmptyState>
        ) : (
          <section className="card" aria-labelledby="segment-builder-title" data-testid="segment-builder">
            <div className="card-header">
              <h2 id="segment-builder-title">{draft.id ? draft.name || t('segments.untitled') : t('segments.new')}</h2>
              <span className="spacer" />
              <span aria-live="polite" data-testid="segment-count" className={preview.isFetching ? 'muted' : undefined}>
                {!previewable ? (
                  t('segments.incomplete')
                ) : preview.data ? (
                  <strong>{t('segments.matching', { count: preview.data.count, formatted: fmt.number(preview.data.count) })}</strong>
                ) : preview.isError ? (
                  ''
                ) : (
                  t('common.loading')
                )}
              </span>
            </div>
            <div className="card-body stack">
              <div className="row" style={{ gap: 'var(--s3)', flexWrap: 'wrap', alignItems: 'end' }}>
                <TextField
                  label={t('segments.name')}
                  value={draft.name}
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                  disabled={!editable}
                  style={{ minInlineSize: 260 }}
                />
                <TextField
                  label={t('segments.description')}
                  value={draft.description}
                  onChange={(e) => setDraft({ ...draft, description: e.target.value })}
                  disabled={!editable}
                  style={{ minInlineSize: 320 }}
                />
                {can('views.share') && (
                  <label className="row">
                    <input
                      type="checkbox"
                      className="checkbox"
                      checked={draft.shared}
                      disabled={!editable}
                      onChange={(e) => setDraft({ ...draft, shared: e.target.checked })}
                    />
                    {t('segments.share')}
                  </label>
                )}
              </div>
              <div className="row" style={{ gap: 'var(--s2)' }}>
                <MatchSelect
                  label={t('segments.groupsMatch')}
                  value={draft.definition.match}
                  onChange={(m) => setDef((d) => ({ ...d, match: m }))}
                  disabled={!editable}
                  testId="segment-match"
                />
                <span className="muted">{t('segments.ofGroups')}</span>
              </div>
              {draft.definition.groups.map((g, gi) => (
                <fieldset key={gi} className="card" style={{ padding: 'var(--s3)', margin: 0 }} data-testid={`segment-group-${gi}`}>
                  <legend className="row" style={{ gap: 'var(--s2)', paddingInline: 'var(--s1)' }}>
                    {gi > 0 && <span className="badge badge-accent">{t(`segments.join.${draft.definition.match}`)}</span>}
                    <MatchSelect
                      label={t('segments.conditionsMatch')}
                      value={g.match}
                      onChange={(m) => setGroup(gi, (x) => ({ ...x, match: m }))}
                      disabled={!editable}
                    />
                    <span className="muted">{t('segments.ofConditions')}</span>
                  </legend>
                  <div className="stack" style={{ gap: 'var(--s2)' }}>
                    {g.conditions.map((c, ci) => (
                      <ConditionRow
                        key={ci}
                        fields={fields}
                        value={c}
                        disabled={!editable}
                        problem={problems.get(`${gi}/${ci}`)}
                        testId={`cond-${gi}-${ci}`}
                        onChange={(x) => setCond(gi, ci, x)}
                        onRemove={() =>
                          setDef((d) => ({
                            ...d,
                            groups: d.groups
                              .map((x, i) => (i === gi ? { ...x, conditions: x.conditions.filter((_, j) => j !== ci) } : x))
                              .filter((x) => x.conditions.length > 0),
                          }))
                        }
                      />
                    ))}
                    {editable && (
                      <div>
                        <Button
                          size="sm"
                          onClick={() => setGroup(gi, (x) => ({ ...x, conditions: [...x.conditions, blankCondition(fields)] }))}
                          data-testid={`add-condition-${gi}`}
                        >
                          <Icon name="plus" /> {t('segments.addCondition')}
                        </Button>
                      </div>
                    )}
                  </div>
                </fieldset>
              ))}
              {editable && (
                <div>
                  <Button
                    onClick={() => setDef((d) => ({ ...d, groups: [...d.groups, { match: 'all', conditions: [blankCondition(fields)] }] }))}
                    data-testid="add-group"
                  >
                    <Icon name="plus" /> {t('segments.addGroup')}
                  </Button>
                </div>
              )}
              {preview.data && preview.data.sample.length > 0 && (
                <p className="muted" data-testid="segment-sample">
                  {t('segments.sample')}{' '}
                  {preview.data.sample.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 && ', '}
                      <Link href={`/contacts/${c.id}`}>{c.name}</Link>
                    </span>
                  ))}
                  {preview.data.count > preview.data.sample.length && '…'}
                </p>
              )}
              {preview.isError && problems.size === 0 && (
                <div className="alert alert-error" role="alert">
                  {errorText(preview.error)}
                </div>
              )}
              {save.isError && (
                <div className="alert alert-error" role="alert">
                  {errorText(save.error)}
                </div>
              )}
              <div className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap' }}>
                {editable && (
                  <Button
                    variant="primary"
                    busy={save.isPending}
                    disabled={!draft.name.trim() || !complete(draft.definition)}
                    onClick={() => save.mutate(draft)}
                    data-testid="segment-save"
                  >
                    {t('common.save')}
                  </Button>
                )}
                {draft.id && (
                  <>
                    <Link className="btn" href={`/contacts?segment=${draft.id}`} data-testid="segment-open">
                      <Icon name="contacts" /> {t('segments.open')}
                    </Link>
                    {can('contacts.export') && <ExportLinks list="contacts" params={{ segment: draft.id }} />}
                    {editable && (
                      <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(draft.id!)}>
                        {t('common.delete')}
                      </Button>
                    )}
                  </>
                )}
              </div>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

function MatchSelect({
  label,
  value,
  onChange,
  disabled,
  testId,
}: {
  label: string;
  value: Match;
  onChange: (m: Match) => void;
  disabled: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <select
      className="select"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Match)}
      style={{ inlineSize: 'auto' }}
      data-testid={testId}
    >
      <option value="all">{t('segments.match.all')}</option>
      <option value="any">{t('segments.match.any')}</option>
    </select>
  );
}

function ConditionRow({
  fields,
  value,
  onChange,
  onRemove,
  disabled,
  problem,
  testId,
}: {
  fields: BuilderField[];
  value: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
  disabled: boolean;
  problem: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const f = fields.find((x) => x.name === value.field);
  const groups = (['value', 'activity', 'profile', 'custom'] as const)
    .map((g) => ({ g, list: fields.filter((x) => x.group === g) }))
    .filter((x) => x.list.length > 0);
  return (
    <div className="stack" style={{ gap: 'var(--s1)' }} data-testid={testId}>
      <div className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap', alignItems: 'start' }}>
        <select
          className="select"
          aria-label={t('filters.field')}
          value={value.field}
          disabled={disabled}
          style={{ inlineSize: 220 }}
          data-testid={`${testId}-field`}
          onChange={(e) => {
            const nf = fields.find((x) => x.name === e.target.value)!;
            onChange({ field: nf.name, op: nf.ops[0]!, value: '' });
          }}
        >
          {!f && <option value={value.field}>{value.field}</option>}
          {groups.map(({ g, list }) => (
            <optgroup key={g} label={t(`segments.fieldGroups.${g}`)}>
              {list.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <select
          className="select"
          aria-label={t('filters.operator')}
          value={value.op}
          disabled={disabled}
          style={{ inlineSize: 170 }}
          data-testid={`${testId}-op`}
          onChange={(e) =>
            onChange({
              ...value,
              op: e.target.value,
              value: e.target.value === 'empty' ? 'true' : LIST_OPS.has(e.target.value) === LIST_OPS.has(value.op) ? value.value : '',
            })
          }
        >
          {(f?.ops ?? [value.op]).map((o) => (
            <option key={o} value={o}>
              {t(`filters.ops.${o}`)}
            </option>
          ))}
        </select>
        <div style={{ flex: 1, minInlineSize: 200 }}>
          {f && (
            <ValueEditor
              field={f}
              op={value.op}
              value={value.value}
              disabled={disabled}
              testId={`${testId}-value`}
              onChange={(v) => onChange({ ...value, value: v })}
            />
          )}
        </div>
        {!disabled && (
          <button type="button" className="btn btn-ghost btn-icon" aria-label={t('segments.removeCondition')} onClick={onRemove}>
            <Icon name="close" />
          </button>
        )}
      </div>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

function ValueEditor({
  field,
  op,
  value,
  onChange,
  disabled,
  testId,
}: {
  field: BuilderField;
  op: string;
  value: string;
  onChange: (v: string) => void;
  disabled: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const label = t('filters.value');
  if (op === 'empty') {
    return (
      <select className="select" aria-label={label} value={value || 'true'} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="true">{t('filters.isEmpty')}</option>
        <option value="false">{t('filters.isNotEmpty')}</option>
      </select>
    );
  }
  if (field.options && LIST_OPS.has(op)) {
    const chosen = value ? value.split(',') : [];
    return (
      <div className="chips" role="group" aria-label={label} data-testid={testId} style={{ maxBlockSize: 120, overflow: 'auto' }}>
        {field.options.map((o) => (
          <label key={o.value} className="row badge" style={{ gap: 4, cursor: 'pointer' }}>
            <input
              type="checkbox"
              className="checkbox"
              disabled={disabled}
              checked={chosen.includes(o.value)}
              onChange={(e) => onChange((e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value)).join(','))}
            />
            {o.label}
          </label>
        ))}
      </div>
    );
  }
  if (field.options) {
    return (
      <SelectField
        label={label}
        hideLabel
        value={value}
        placeholder={t('filters.choose')}
        options={field.options}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    );
  }
  if (field.type === 'boolean') {
    return (
      <SelectField
        label={label}
        hideLabel
        value={value}
        placeholder={t('filters.choose')}
        options={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  const type = field.type === 'number' ? 'number' : field.type === 'date' || field.type === 'datetime' ? 'date' : 'text';
  const hint = field.name === 'pAlive' ? t('segments.hint.pAlive') : field.type === 'keys' && LIST_OPS.has(op) ? t('segments.hint.list') : undefined;
  return (
    <TextField
      label={label}
      hideLabel
      type={type}
      step={field.name === 'pAlive' ? '0.05' : undefined}
      value={value}
      disabled={disabled}
      hint={hint}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    />
  );
}

/** How many contacts a saved segment matches now. */
function SegmentCount({ id }: { id: string }) {
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['segment-count', id],
    queryFn: async ({ signal }) => (await call(contactApi.list, { query: { segment: id, limit: 1, includeTotal: true }, signal })).data.total ?? 0,
    staleTime: 30_000,
  });
  return <span className="badge">{q.data === undefined ? '…' : fmt.number(q.data)}</span>;
}
