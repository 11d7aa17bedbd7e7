import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { dueBucket, TASK_PRIORITIES, type TaskPriority } from '@kith/domain/tasks/task.schema.ts';
import { taskApi, type Task } from '@kith/domain/tasks/task.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan, useSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { enumLabel } from '../../lib/enum-label.ts';

const BUCKETS = ['overdue', 'today', 'upcoming', 'someday'] as const;

/** My tasks, grouped by where they stand today; tick one to complete it; add one in a line. */
export default function TasksPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const session = useSession();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<TaskPriority>('normal');
  const open = useQuery({ queryKey: ['tasks', 'mine'], queryFn: async () => (await call(taskApi.list, { query: { assignee: 'me' } })).data });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['tasks'] });
  const add = useMutation({
    mutationFn: () => call(taskApi.create, { body: { title, priority, ...(due ? { dueAt: new Date(due).toISOString() } : {}) } }),
    onSuccess: () => {
      setTitle('');
      setDue('');
      refresh();
    },
  });
  const complete = useMutation({ mutationFn: (task: Task) => call(taskApi.update, { params: { id: task.id }, body: { done: true } }), onSuccess: refresh });
  const tz = session?.workspace.timezone ?? 'Asia/Ho_Chi_Minh';
  const now = new Date();
  const tasks = open.data?.data ?? [];
  const groups = BUCKETS.map((b) => ({ bucket: b, items: tasks.filter((x) => dueBucket(x.dueAt, now, tz) === b) })).filter((g) => g.items.length > 0);
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('tasks.title')}</h1>
      </div>
      {can('tasks.write') && (
        <form
          className="row card card-body"
          style={{ flexWrap: 'wrap', alignItems: 'flex-start', marginBlockEnd: 'var(--s4)' }}
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          data-testid="new-task"
        >
          <TextField
            label={t('tasks.newTitle')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={fieldError(add.error, '/title')}
            style={{ inlineSize: 360 }}
          />
          <TextField
            label={t('tasks.due')}
            type="datetime-local"
            value={due}
            onChange={(e) => setDue(e.target.value)}
            error={fieldError(add.error, '/dueAt')}
          />
          <SelectField
            label={t('tasks.priority')}
            value={priority}
            onChange={(e) => setPriority(e.target.value as TaskPriority)}
            options={TASK_PRIORITIES.map((p) => ({ value: p, label: enumLabel('taskPriority', p) }))}
          />
          <div className="field">
            <span aria-hidden="true">&nbsp;</span>
            <Button type="submit" variant="primary" busy={add.isPending}>
              <Icon name="plus" /> {t('tasks.add')}
            </Button>
          </div>
          {add.isError && !fieldError(add.error, '/title') && !fieldError(add.error, '/dueAt') && (
            <div className="alert alert-error" role="alert" style={{ inlineSize: '100%' }}>
              {errorText(add.error)}
            </div>
          )}
        </form>
      )}
      {open.isPending ? (
        <div className="progress" />
      ) : groups.length === 0 ? (
        <EmptyState icon={<Icon name="sparkles" size={36} />} title={t('tasks.emptyTitle')}>
          {t('tasks.emptyBody')}
        </EmptyState>
      ) : (
        <div className="stack">
          {groups.map((g) => (
            <section key={g.bucket} className="card" aria-label={t(`tasks.buckets.${g.bucket}`)} data-testid={`tasks-${g.bucket}`}>
              <div className="card-header">
                <h2 style={g.bucket === 'overdue' ? { color: 'var(--danger)' } : undefined}>
                  {t(`tasks.buckets.${g.bucket}`)} · {fmt.number(g.items.length)}
                </h2>
              </div>
              <ul className="compact-list">
                {g.items.map((task) => (
                  <li key={task.id} className="row" data-testid="task-row">
                    <input
                      type="checkbox"
                      className="checkbox"
                      aria-label={t('tasks.complete', { title: task.title })}
                      checked={complete.isPending && complete.variables?.id === task.id}
                      disabled={complete.isPending}
                      onChange={() => complete.mutate(task)}
                    />
                    <span style={{ fontWeight: 550 }}>{task.title}</span>
                    {task.priority !== 'normal' && (
                      <span className={`badge ${task.priority === 'urgent' || task.priority === 'high' ? 'badge-danger' : 'badge-neutral'}`}>
                        {enumLabel('taskPriority', task.priority)}
                      </span>
                    )}
                    {task.contactId && (
                      <Link href={`/contacts/${task.contactId}`} style={{ textDecoration: 'underline' }}>
                        {task.contactName}
                      </Link>
                    )}
                    <span className="spacer" />
                    {task.dueAt && (
                      <time className="muted" dateTime={task.dueAt}>
                        {fmt.dateTime(task.dueAt)}
                      </time>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
