import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { playbookApi } from '@kith/domain/playbooks/playbook.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { usePlaybooks } from './playbook-data.ts';
import { useSession } from '../../app/session.tsx';
import { useMembers } from '../../lib/workspace-data.ts';
import { dayOf, renderTitle, type PlaybookRun, type RunStep, type TemplateValues } from './playbook-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

const RUN_CLASS: Record<string, string> = { running: 'badge-info', completed: 'badge-success', stopped: 'badge-neutral' };
const STEP_CLASS: Record<string, string> = {
  scheduled: 'badge-neutral',
  done: 'badge-success',
  skipped: 'badge-warning',
  failed: 'badge-danger',
  stopped: 'badge-neutral',
};
const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed'];
const REASONS = ['no_email', 'no_owner', 'survey_unavailable', 'step_removed', 'playbook_deleted', 'contact_deleted', 'run_stopped', 'error'];

/** A customer's care playbooks on their page: each run with its steps (day, due time, status, outcome), stop, and start one. */
export function CustomerPlaybooks({ contact }: { contact: { id: string; name: string; givenName: string | null; ownerId: string | null } }) {
  const { t } = useTranslation();
  const contactId = contact.id;
  const session = useSession();
  const members = useMembers();
  const owner = members.data?.find((m) => m.userId === contact.ownerId);
  const values: TemplateValues = {
    contact,
    owner: owner ? { name: owner.name, email: owner.email } : null,
    workspace: { name: session?.workspace.name ?? '' },
    locale: session?.workspace.locale ?? 'vi',
  };
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const runs = useQuery({
    queryKey: ['playbook-runs', contactId],
    queryFn: async ({ signal }) => (await call(playbookApi.contactRuns, { params: { id: contactId }, signal })).data,
    refetchInterval: (q) =>
      q.state.data?.data.some((r) => r.steps.some((s) => s.status === 'scheduled' && Date.parse(s.dueAt) <= Date.now())) ? 2_000 : false,
  });
  const playbooks = usePlaybooks();
  const [chosen, setChosen] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['playbook-runs', contactId] });
    void qc.invalidateQueries({ queryKey: ['playbooks'] });
    void qc.invalidateQueries({ queryKey: ['timeline', contactId] });
  };
  const rows = runs.data?.data ?? [];
  const start = useMutation({
    mutationFn: async (playbookId: string) => (await call(playbookApi.enroll, { params: { id: playbookId }, body: { contactId } })).data,
    onSuccess: (run) => {
      notify(t('playbooks.runs.started', { name: run.playbookName }));
      setChosen('');
      refresh();
    },
  });
  const stop = useMutation({
    mutationFn: async (run: PlaybookRun) => (await call(playbookApi.stopRun, { params: { id: run.id } })).data,
    onSuccess: (run) => {
      start.reset();
      notify(t('playbooks.runs.stoppedToast', { name: run.playbookName }));
      refresh();
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const canEnroll = can('playbooks.enroll') && can('playbooks.read');
  const startable = (playbooks.data ?? []).filter((p) => p.status === 'active');
  // 409: already on it (or been through it) — said in words, with which.
  const startError = () => {
    if (!start.isError) return null;
    if (isApiError(start.error) && start.error.status === 409) {
      const prior = rows.find((r) => r.playbookId === start.variables);
      return prior?.status === 'completed'
        ? t('playbooks.runs.alreadyCompleted')
        : prior?.status === 'running'
          ? t('playbooks.runs.alreadyRunning')
          : t('playbooks.runs.cannotStart');
    }
    return errorText(start.error);
  };
  return (
    <section className="card" aria-labelledby="customer-playbooks-title" data-testid="customer-playbooks">
      <div className="card-header">
        <h2 id="customer-playbooks-title">{t('playbooks.runs.title')}</h2>
        {rows.filter((r) => r.status === 'running').length > 0 && (
          <span className="badge badge-info">{t('playbooks.runs.runningCount', { count: rows.filter((r) => r.status === 'running').length })}</span>
        )}
      </div>
      {runs.isPending ? (
        <div className="progress" />
      ) : runs.isError ? (
        <div className="card-body">
          <div className="alert alert-error" role="alert">
            {errorText(runs.error)}
          </div>
        </div>
      ) : rows.length === 0 ? (
        <div className="card-body muted">{t(canEnroll ? 'playbooks.runs.none' : 'playbooks.runs.noneReadOnly')}</div>
      ) : (
        <ul className="compact-list">
          {rows.map((r) => (
            <RunItem
              key={r.id}
              run={r}
              values={values}
              onStop={
                canEnroll && r.status === 'running'
                  ? () => window.confirm(t('playbooks.runs.confirmStop', { name: r.playbookName })) && stop.mutate(r)
                  : undefined
              }
              stopping={stop.isPending && stop.variables?.id === r.id}
            />
          ))}
        </ul>
      )}
      {canEnroll && (
        <div className="card-body stack" style={{ gap: 'var(--s2)' }}>
          <form
            className="row"
            style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen) start.mutate(chosen);
            }}
          >
            <SelectField
              label={t('playbooks.runs.startLabel')}
              value={chosen}
              onChange={(e) => {
                setChosen(e.target.value);
                start.reset();
              }}
              placeholder={t('playbooks.runs.choose')}
              options={startable.map((p) => ({ value: p.id, label: p.name }))}
              data-testid="start-playbook-select"
            />
            <Button type="submit" disabled={!chosen} busy={start.isPending}>
              <Icon name="plus" /> {t('playbooks.runs.start')}
            </Button>
          </form>
          {startError() && (
            <div className="alert alert-warning" role="alert" data-testid="start-error">
              {startError()}
            </div>
          )}
          {playbooks.isSuccess && startable.length === 0 && (
            <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
              {t('playbooks.runs.noneActive')} <Link href="/playbooks">{t('playbooks.title')}</Link>
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function RunItem({ run, values, onStop, stopping }: { run: PlaybookRun; values: TemplateValues; onStop: (() => void) | undefined; stopping: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li className="stack" style={{ gap: 'var(--s2)' }} data-testid="playbook-run" data-status={run.status}>
      <div className="row" style={{ minInlineSize: 0, flexWrap: 'wrap' }}>
        <Link href={`/playbooks/${run.playbookId}`} style={{ fontWeight: 550 }}>
          {run.playbookName}
        </Link>
        <span className={`badge ${RUN_CLASS[run.status] ?? 'badge-neutral'}`} data-testid="run-status">
          {enumLabel('playbookRunStatus', run.status)}
        </span>
        <span className="spacer" />
        {onStop && (
          <Button size="sm" variant="danger" busy={stopping} onClick={onStop} aria-label={t('playbooks.runs.stopNamed', { name: run.playbookName })}>
            <Icon name="pause" /> {t('playbooks.runs.stop')}
          </Button>
        )}
      </div>
      <div className="muted" style={{ fontSize: 'var(--text-sm)' }}>
        {t('playbooks.runs.startedAt', { at: fmt.dateTime(run.startedAt) })}
        {run.finishedAt &&
          ` · ${t(run.status === 'stopped' ? 'playbooks.runs.stoppedAt' : 'playbooks.runs.completedAt', { at: fmt.dateTime(run.finishedAt) })}`}
      </div>
      <ol className="run-steps">
        {run.steps.map((s) => (
          <li key={s.id} data-testid="run-step" data-status={s.status}>
            <span className="run-step-day">{t('playbooks.dayN', { n: dayOf(run.startedAt, s.dueAt) })}</span>
            <span className="stack" style={{ gap: 2, minInlineSize: 0 }}>
              <span>
                <span className="muted">{enumLabel('playbookAction', s.action)}</span> · {s.title ? renderTitle(s.title, values) : '—'}
              </span>
              <span className="row muted" style={{ fontSize: 'var(--text-sm)', flexWrap: 'wrap', gap: 'var(--s2)' }}>
                <span className={`badge ${STEP_CLASS[s.status] ?? 'badge-neutral'}`} data-testid="step-status">
                  {enumLabel('playbookStepStatus', s.status)}
                </span>
                <span>{s.doneAt && s.status !== 'stopped' ? fmt.dateTime(s.doneAt) : t('playbooks.runs.due', { at: fmt.dateTime(s.dueAt) })}</span>
              </span>
              <Outcome step={s} />
            </span>
          </li>
        ))}
      </ol>
    </li>
  );
}

/** What a step did: the task it made, the mail it sent (and how the sending went), the survey invitation, or why not. */
function Outcome({ step }: { step: RunStep }) {
  const { t } = useTranslation();
  const can = useCan();
  const o = step.outcome ?? {};
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
  const mailStatus = str('mailStatus');
  const mail = str('mailId') && (
    <span data-testid="step-mail">
      <Icon name="mail" size={12} />{' '}
      {can('care.configure') ? (
        <Link href="/settings/mail">
          {mailStatus && MAIL_STATUSES.includes(mailStatus) ? t(`playbooks.mailStatus.${mailStatus}`) : t('playbooks.mailStatus.queued')}
        </Link>
      ) : mailStatus && MAIL_STATUSES.includes(mailStatus) ? (
        t(`playbooks.mailStatus.${mailStatus}`)
      ) : (
        t('playbooks.mailStatus.queued')
      )}
      {str('to') && <span className="muted"> · {str('to')}</span>}
    </span>
  );
  if (step.status === 'done' && str('taskId'))
    return (
      <span className="run-step-outcome" data-testid="step-outcome">
        <Link href="/tasks">{t('playbooks.outcomes.task')}</Link>
        {str('note') === 'no_owner' && ` · ${t('playbooks.outcomes.noOwner')}`}
      </span>
    );
  if (step.status === 'done' && str('invitationId'))
    return (
      <span className="run-step-outcome" data-testid="step-outcome">
        {t('playbooks.outcomes.survey')}
        {mail && <> · {mail}</>}
      </span>
    );
  if (step.status === 'done' && mail)
    return (
      <span className="run-step-outcome" data-testid="step-outcome">
        {mail}
      </span>
    );
  const reason = str('reason');
  if ((step.status === 'skipped' || step.status === 'failed') && reason)
    return (
      <span className="run-step-outcome" data-testid="step-outcome">
        {REASONS.includes(reason) ? t(`playbooks.reasons.${reason}`) : reason}
      </span>
    );
  return null;
}
