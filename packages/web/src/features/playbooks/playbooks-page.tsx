import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan } from '../../app/session.tsx';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useAudienceText, usePlaybooks } from './playbook-data.ts';
import type { Playbook } from './playbook-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/** The care playbooks: who each is for, how many steps, whether it enrols by itself, how many customers are on it. */
export default function PlaybooksPage() {
  const { t } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const playbooks = usePlaybooks();
  const newButton = can('playbooks.manage') && (
    <Link href="/playbooks/new" className="btn btn-primary">
      <Icon name="plus" /> {t('playbooks.new')}
    </Link>
  );
  if (!can('playbooks.read'))
    return (
      <div className="page">
        <EmptyState icon={<Icon name="lock" size={36} />} title={t('playbooks.noAccessTitle')}>
          {t('playbooks.noAccessBody')}
        </EmptyState>
      </div>
    );
  const rows = playbooks.data ?? [];
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('playbooks.title')}</h1>
        <span className="spacer" />
        {newButton}
      </div>
      <p className="muted" style={{ marginBlockStart: 0 }}>
        {t('playbooks.intro')}
      </p>
      {playbooks.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(playbooks.error)}
        </div>
      ) : playbooks.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Icon name="clock" size={36} />} title={t('playbooks.empty.title')} actions={newButton}>
          {t(can('playbooks.manage') ? 'playbooks.empty.body' : 'playbooks.empty.bodyReadOnly')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <PlaybookTable rows={rows} />
        </div>
      )}
    </div>
  );
}

function PlaybookTable({ rows }: { rows: Playbook[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const audience = useAudienceText();
  return (
    <table className="table" aria-label={t('playbooks.title')} data-testid="playbook-table">
      <thead>
        <tr>
          <th scope="col">{t('playbooks.fields.name')}</th>
          <th scope="col">{t('playbooks.fields.audience')}</th>
          <th scope="col" className="num">
            {t('playbooks.fields.steps')}
          </th>
          <th scope="col">{t('playbooks.fields.status')}</th>
          <th scope="col">{t('playbooks.fields.autoEnroll')}</th>
          <th scope="col" className="num">
            {t('playbooks.fields.running')}
          </th>
          <th scope="col" className="num">
            {t('playbooks.fields.completed')}
          </th>
          <th scope="col" className="num">
            {t('playbooks.fields.stopped')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id} data-testid="playbook-row">
            <td>
              <div className="stack" style={{ gap: 2 }}>
                <Link href={`/playbooks/${p.id}`} style={{ fontWeight: 550 }}>
                  {p.name}
                </Link>
                {p.key && (
                  <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
                    {t('playbooks.builtin')}
                  </span>
                )}
              </div>
            </td>
            <td className="muted">{audience(p.audience)}</td>
            <td className="num">{fmt.number(p.steps.length)}</td>
            <td>
              <PlaybookStatusBadge status={p.status} />
            </td>
            <td className="muted">{p.autoEnroll ? t('playbooks.autoEnrollOn') : t('playbooks.autoEnrollOff')}</td>
            <td className="num">{fmt.number(p.runs.running)}</td>
            <td className="num">{fmt.number(p.runs.completed)}</td>
            <td className="num">{fmt.number(p.runs.stopped)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PlaybookStatusBadge({ status }: { status: Playbook['status'] }) {
  useTranslation(); // re-render when the language changes (enumLabel reads it)
  return <span className={`badge ${status === 'active' ? 'badge-success' : 'badge-warning'}`}>{enumLabel('playbookStatus', status)}</span>;
}
