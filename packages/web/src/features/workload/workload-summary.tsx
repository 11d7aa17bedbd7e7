import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan, useSession } from '../../app/session.tsx';
import { enumLabel } from '../../lib/enum-label.ts';
import { useWorkload } from './workload-data.ts';
import { LoadBar, Overloaded } from './workload-parts.tsx';

/**
 * The workload at a glance, for the role home pages: a member who sees only themselves gets their own load (three
 * bars); a manager, admin or owner gets who in their scope is overloaded or near capacity, and the tickets waiting
 * in their teams' queues. Nothing for a role that may not read workloads.
 */
export function WorkloadSummary() {
  const { t } = useTranslation();
  const can = useCan();
  const session = useSession();
  const allowed = can('workload.read');
  const w = useWorkload(undefined, allowed);
  if (!allowed || !w.data) return null;
  const me = w.data.people.find((p) => p.userId === session?.user.id);
  const onlyMe = w.data.people.length === 1 && me;
  const queue = w.data.teams.reduce((s, x) => s + x.queue, 0);
  return (
    <section className="card card-body stack" aria-labelledby="wl-summary" data-testid="workload-summary">
      <div className="row">
        <h2 id="wl-summary" style={{ margin: 0 }}>
          {onlyMe ? t('workload.summary.mine') : t('workload.summary.team')}
        </h2>
        <span className="spacer" />
        <Link href="/workload">{t('workload.summary.open')}</Link>
      </div>
      {onlyMe ? (
        <div className="stack">
          {me.level !== 'ok' && (
            <span className={`badge ${me.level === 'over' ? 'badge-danger' : 'badge-warning'}`}>{enumLabel('workloadLevel', me.level)}</span>
          )}
          <LoadBar label={enumLabel('workloadKind', 'tickets')} load={me.tickets} />
          <LoadBar label={enumLabel('workloadKind', 'deals')} load={me.deals} />
          <LoadBar
            label={enumLabel('workloadKind', 'tasks')}
            load={me.tasks}
            extra={me.tasks.overdue > 0 ? t('workload.overdue', { count: me.tasks.overdue }) : undefined}
          />
        </div>
      ) : (
        <>
          {w.data.totals.overloaded + w.data.totals.warnings === 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              {t('workload.summary.allClear', { count: w.data.totals.people })}
            </p>
          ) : (
            <Overloaded people={w.data.people} limit={5} />
          )}
          {queue > 0 && <p style={{ margin: 0 }}>{t('workload.summary.queue', { count: queue })}</p>}
        </>
      )}
    </section>
  );
}
