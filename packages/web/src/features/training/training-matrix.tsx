import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { enumLabel } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useTeams } from '../../lib/workspace-data.ts';
import { fileHref, useMatrix } from './training-data.ts';

const WINDOWS = [30, 60, 90] as const;

/** The competency matrix: a row per person in my scope, a column per required item, each cell coloured and named; the coverage above. */
export function TrainingMatrixTab({ onPerson, onCatalogue }: { onPerson: (userId: string) => void; onCatalogue: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const errorText = useErrorText();
  const teams = useTeams();
  const [withinDays, setWithinDays] = useState<number>(30);
  const [teamId, setTeamId] = useState('');
  const m = useMatrix(withinDays, teamId);
  const data = m.data;
  return (
    <div className="stack" style={{ gap: 'var(--s4)' }}>
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end', gap: 'var(--s3)' }}>
        <SelectField
          label={t('training.team')}
          value={teamId}
          onChange={(e) => setTeamId(e.target.value)}
          placeholder={t('training.allTeams')}
          options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <SelectField
          label={t('training.window')}
          value={String(withinDays)}
          onChange={(e) => setWithinDays(Number(e.target.value))}
          options={WINDOWS.map((d) => ({ value: String(d), label: t('training.windowDays', { count: d }) }))}
        />
        <span className="spacer" />
        <a className="btn" href={fileHref('matrix.csv', { withinDays, teamId })} download data-testid="training-matrix-csv">
          <Icon name="download" /> {t('training.downloadMatrix')}
        </a>
      </div>
      {m.isPending ? (
        <div className="progress" />
      ) : m.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(m.error)}
        </div>
      ) : !data || data.items.length === 0 ? (
        <EmptyState
          icon={<Icon name="tick" size={36} />}
          title={t('training.matrixEmptyTitle')}
          actions={
            can('training.manage') ? (
              <Button variant="primary" onClick={onCatalogue}>
                {t('training.openCatalogue')}
              </Button>
            ) : undefined
          }
        >
          {t(can('training.manage') ? 'training.matrixEmptyManage' : 'training.matrixEmptyAsk')}
        </EmptyState>
      ) : (
        <>
          <section className="card card-body training-coverage stack" aria-label={t('training.coverage')} data-testid="training-coverage">
            <div className="row" style={{ flexWrap: 'wrap', gap: 'var(--s2)' }}>
              <strong>{t('training.coverage')}</strong>
              <span data-testid="training-coverage-text">
                {data.coverage.percent === null
                  ? t('training.nothingRequired')
                  : t('training.coverageText', {
                      satisfied: fmt.number(data.coverage.satisfied),
                      required: fmt.number(data.coverage.required),
                      percent: fmt.number(data.coverage.percent),
                    })}
              </span>
              <span className="spacer" />
              {(['valid', 'expiring', 'expired', 'missing'] as const).map((s) => (
                <span key={s} className={`badge training-cell-${s}`}>
                  {enumLabel('trainingCellState', s)}: {fmt.number(data.counts[s])}
                </span>
              ))}
            </div>
            <div
              className="meter"
              role="meter"
              aria-label={t('training.coverage')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={data.coverage.percent ?? 0}
            >
              <div className="meter-fill" style={{ inlineSize: `${data.coverage.percent ?? 0}%` }} />
            </div>
          </section>
          <div className="training-matrix card" data-testid="training-matrix">
            <table>
              <caption className="visually-hidden">{t('training.matrixCaption', { date: fmt.date(data.asOf) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="person">
                    {t('training.person')}
                  </th>
                  {data.items.map((it) => (
                    <th key={it.key} scope="col">
                      <span className="muted" style={{ display: 'block', fontWeight: 400 }}>
                        {enumLabel('requirementKind', it.kind)}
                      </span>
                      {it.name}
                    </th>
                  ))}
                  <th scope="col">{t('training.held')}</th>
                </tr>
              </thead>
              <tbody>
                {data.people.map((p) => (
                  <tr key={p.userId} data-testid="training-row" data-person={p.name}>
                    <th scope="row" className="person">
                      <button type="button" className="link-button" onClick={() => onPerson(p.userId)} style={{ textAlign: 'start' }}>
                        <bdi>{p.name}</bdi>
                      </button>
                      <span className="muted" style={{ display: 'block', fontWeight: 400 }}>
                        {enumLabel('role', p.role)}
                      </span>
                    </th>
                    {p.cells.map((c) => (
                      <td key={c.item} className={`training-cell training-cell-${c.state}`} data-testid="training-cell" data-state={c.state}>
                        {enumLabel('trainingCellState', c.state)}
                        {c.expiresOn && c.state !== 'not_required' && c.state !== 'missing' && (
                          <small>{t(c.state === 'expired' ? 'training.expiredOn' : 'training.until', { date: fmt.date(c.expiresOn) })}</small>
                        )}
                      </td>
                    ))}
                    <td>{p.required ? `${fmt.number(p.satisfied)}/${fmt.number(p.required)}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted" style={{ fontSize: 'var(--text-sm)' }}>
            {t('training.matrixHelp', { count: data.withinDays })}
          </p>
        </>
      )}
    </div>
  );
}
