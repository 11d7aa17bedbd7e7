import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@kith/domain/permissions/permissions.ts';
import { trainingApi } from '@kith/domain/training/training.api.ts';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { isApiError } from '../../lib/api-client.ts';
import { enumLabel, enumOptions } from '../../lib/enum-label.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useTeams } from '../../lib/workspace-data.ts';
import { fileHref, useCatalogue, useTrainingRefresh, type Catalogue } from './training-data.ts';

/** The catalogue: courses (validity, competencies granted), competencies, and what each role must hold; kept by owners and admins. */
export function TrainingCatalogueTab() {
  const { t } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const c = useCatalogue();
  const manage = can('training.manage');
  if (c.isPending) return <div className="progress" />;
  if (c.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorText(c.error)}
      </div>
    );
  return (
    <div className="stack" style={{ gap: 'var(--s6)' }}>
      <div className="row" style={{ flexWrap: 'wrap', gap: 'var(--s3)' }}>
        {!manage && <p className="muted">{t('training.catalogueReadOnly')}</p>}
        <span className="spacer" />
        <a className="btn" href={fileHref('catalogue.csv', {})} download data-testid="training-catalogue-csv">
          <Icon name="download" /> {t('training.downloadCatalogue')}
        </a>
      </div>
      <Requirements catalogue={c.data} manage={manage} />
      <Courses catalogue={c.data} manage={manage} />
      <Competencies catalogue={c.data} manage={manage} />
    </div>
  );
}

function useRemove<A>(fn: (a: A) => Promise<unknown>) {
  const notify = useToast();
  const errorText = useErrorText();
  const refresh = useTrainingRefresh();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: fn,
    onSuccess: refresh,
    onError: (e) => notify(isApiError(e) && e.status === 409 ? t('training.courseHasRecords') : errorText(e), 'error'),
  });
}

function Courses({ catalogue, manage }: { catalogue: Catalogue; manage: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const refresh = useTrainingRefresh();
  const [name, setName] = useState('');
  const [months, setMonths] = useState('12');
  const [grants, setGrants] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: () => call(trainingApi.createCourse, { body: { name, validityMonths: months === '' ? null : Number(months), competencyIds: grants } }),
    onSuccess: () => {
      setName('');
      setGrants([]);
      refresh();
    },
  });
  const archive = useRemove((x: { id: string; archived: boolean }) => call(trainingApi.updateCourse, { params: { id: x.id }, body: { archived: x.archived } }));
  const remove = useRemove((id: string) => call(trainingApi.deleteCourse, { params: { id } }));
  const competencyName = new Map(catalogue.competencies.map((k) => [k.id, k.name]));
  return (
    <section className="card" aria-labelledby="training-courses" data-testid="training-courses">
      <div className="card-header">
        <h2 id="training-courses">{t('training.courses')}</h2>
      </div>
      {catalogue.courses.length === 0 ? (
        <div className="card-body muted">{t(manage ? 'training.coursesEmptyManage' : 'training.coursesEmpty')}</div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('training.course')}</th>
              <th>{t('training.validity')}</th>
              <th>{t('training.grants')}</th>
              {manage && <th aria-label={t('common.actions')} />}
            </tr>
          </thead>
          <tbody>
            {catalogue.courses.map((x) => (
              <tr key={x.id}>
                <td style={{ fontWeight: 550 }}>
                  {x.name} {x.archived && <span className="badge badge-neutral">{t('training.archived')}</span>}
                </td>
                <td>{x.validityMonths === null ? t('training.neverExpires') : t('training.months', { count: x.validityMonths })}</td>
                <td>{x.competencyIds.map((id) => competencyName.get(id) ?? '').join(', ') || '—'}</td>
                {manage && (
                  <td className="row" style={{ gap: 'var(--s1)', justifyContent: 'flex-end' }}>
                    <Button size="sm" variant="ghost" onClick={() => archive.mutate({ id: x.id, archived: !x.archived })}>
                      {t(x.archived ? 'training.unarchive' : 'training.archive')}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => window.confirm(t('training.confirmDelete', { name: x.name })) && remove.mutate(x.id)}>
                      {t('common.delete')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && (
        <form
          className="card-body training-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          data-testid="training-course-form"
        >
          <TextField
            label={t('training.courseName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(add.error, '/name')}
            style={{ inlineSize: 280 }}
          />
          <TextField
            label={t('training.validityMonths')}
            inputMode="numeric"
            value={months}
            onChange={(e) => setMonths(e.target.value.replace(/\D/g, ''))}
            hint={t('training.validityHint')}
            error={fieldError(add.error, '/validityMonths')}
            style={{ inlineSize: 120 }}
          />
          {catalogue.competencies.length > 0 && (
            <fieldset className="field" style={{ border: 0, padding: 0 }}>
              <legend>{t('training.grants')}</legend>
              <div className="row" style={{ flexWrap: 'wrap', gap: 'var(--s2)' }}>
                {catalogue.competencies.map((k) => (
                  <label key={k.id} className="row" style={{ gap: 'var(--s1)' }}>
                    <input
                      type="checkbox"
                      className="checkbox"
                      checked={grants.includes(k.id)}
                      onChange={(e) => setGrants((g) => (e.target.checked ? [...g, k.id] : g.filter((x) => x !== k.id)))}
                    />
                    {k.name}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <div className="field">
            <span aria-hidden="true">&nbsp;</span>
            <Button type="submit" variant="primary" busy={add.isPending}>
              <Icon name="plus" /> {t('training.addCourse')}
            </Button>
          </div>
          {add.isError && !fieldError(add.error, '/name') && !fieldError(add.error, '/validityMonths') && (
            <div className="alert alert-error" role="alert" style={{ inlineSize: '100%' }}>
              {errorText(add.error)}
            </div>
          )}
        </form>
      )}
    </section>
  );
}

function Competencies({ catalogue, manage }: { catalogue: Catalogue; manage: boolean }) {
  const { t } = useTranslation();
  const refresh = useTrainingRefresh();
  const [name, setName] = useState('');
  const add = useMutation({
    mutationFn: () => call(trainingApi.createCompetency, { body: { name } }),
    onSuccess: () => {
      setName('');
      refresh();
    },
  });
  const remove = useRemove((id: string) => call(trainingApi.deleteCompetency, { params: { id } }));
  return (
    <section className="card" aria-labelledby="training-competencies" data-testid="training-competencies">
      <div className="card-header">
        <h2 id="training-competencies">{t('training.competencies')}</h2>
      </div>
      <div className="card-body stack">
        <p className="muted">{t('training.competenciesHelp')}</p>
        {catalogue.competencies.length > 0 && (
          <ul className="row" style={{ flexWrap: 'wrap', gap: 'var(--s2)', listStyle: 'none', padding: 0 }}>
            {catalogue.competencies.map((k) => (
              <li key={k.id} className="badge badge-accent row" style={{ gap: 'var(--s1)' }}>
                {k.name}
                {manage && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('training.deleteNamed', { name: k.name })}
                    onClick={() => window.confirm(t('training.confirmDeleteCompetency', { name: k.name })) && remove.mutate(k.id)}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {manage && (
          <form
            className="training-form"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <TextField
              label={t('training.competencyName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={fieldError(add.error, '/name')}
              style={{ inlineSize: 280 }}
            />
            <div className="field">
              <span aria-hidden="true">&nbsp;</span>
              <Button type="submit" busy={add.isPending}>
                <Icon name="plus" /> {t('training.addCompetency')}
              </Button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}

function Requirements({ catalogue, manage }: { catalogue: Catalogue; manage: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const refresh = useTrainingRefresh();
  const teams = useTeams();
  const [item, setItem] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [teamId, setTeamId] = useState('');
  const add = useMutation({
    mutationFn: () => {
      const [kind, id] = item.split(':') as ['course' | 'competency', string];
      return call(trainingApi.createRequirement, {
        body: { ...(kind === 'course' ? { courseId: id } : { competencyId: id }), role, ...(teamId ? { teamId } : {}) },
      });
    },
    onSuccess: () => {
      setItem('');
      refresh();
    },
  });
  const remove = useRemove((id: string) => call(trainingApi.deleteRequirement, { params: { id } }));
  const courseName = new Map(catalogue.courses.map((c) => [c.id, c.name]));
  const competencyName = new Map(catalogue.competencies.map((c) => [c.id, c.name]));
  const teamName = new Map((teams.data ?? []).map((x) => [x.id, x.name]));
  const items = [
    ...catalogue.courses.filter((c) => !c.archived).map((c) => ({ value: `course:${c.id}`, label: `${enumLabel('requirementKind', 'course')}: ${c.name}` })),
    ...catalogue.competencies.map((c) => ({ value: `competency:${c.id}`, label: `${enumLabel('requirementKind', 'competency')}: ${c.name}` })),
  ];
  const itemError = fieldError(add.error, '/courseId') ?? fieldError(add.error, '/competencyId');
  return (
    <section className="card" aria-labelledby="training-requirements" data-testid="training-requirements">
      <div className="card-header">
        <h2 id="training-requirements">{t('training.requirements')}</h2>
      </div>
      {catalogue.requirements.length === 0 ? (
        <div className="card-body">
          <EmptyState title={t('training.requirementsEmptyTitle')}>{t(manage ? 'training.requirementsEmptyManage' : 'training.requirementsEmpty')}</EmptyState>
        </div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('training.item')}</th>
              <th>{t('training.role')}</th>
              <th>{t('training.team')}</th>
              {manage && <th aria-label={t('common.actions')} />}
            </tr>
          </thead>
          <tbody>
            {catalogue.requirements.map((r) => (
              <tr key={r.id}>
                <td>
                  <span className="muted">{enumLabel('requirementKind', r.kind)}:</span>{' '}
                  {r.courseId ? courseName.get(r.courseId) : competencyName.get(r.competencyId ?? '')}
                </td>
                <td>{enumLabel('role', r.role)}</td>
                <td>{r.teamId ? (teamName.get(r.teamId) ?? '…') : t('training.allTeams')}</td>
                {manage && (
                  <td style={{ textAlign: 'end' }}>
                    <Button size="sm" variant="ghost" onClick={() => remove.mutate(r.id)}>
                      {t('common.delete')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && (
        <form
          className="card-body training-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          data-testid="training-requirement-form"
        >
          <SelectField
            label={t('training.item')}
            value={item}
            onChange={(e) => setItem(e.target.value)}
            placeholder={t('training.chooseItem')}
            options={items}
            error={itemError}
          />
          <SelectField label={t('training.role')} value={role} onChange={(e) => setRole(e.target.value as Role)} options={enumOptions('role', ROLES)} />
          <SelectField
            label={t('training.team')}
            value={teamId}
            onChange={(e) => setTeamId(e.target.value)}
            placeholder={t('training.allTeams')}
            options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            error={fieldError(add.error, '/teamId')}
          />
          <div className="field">
            <span aria-hidden="true">&nbsp;</span>
            <Button type="submit" variant="primary" busy={add.isPending} disabled={!item}>
              <Icon name="plus" /> {t('training.addRequirement')}
            </Button>
          </div>
          {add.isError && !itemError && !fieldError(add.error, '/teamId') && (
            <div className="alert alert-error" role="alert" style={{ inlineSize: '100%' }}>
              {errorText(add.error)}
            </div>
          )}
        </form>
      )}
    </section>
  );
}
