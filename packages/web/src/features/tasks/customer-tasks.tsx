import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dueBucket } from '@kith/domain/tasks/task.schema.ts';
import { taskApi, type Task } from '@kith/domain/tasks/task.api.ts';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan, useSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError } from '../../lib/form-errors.ts';
import { useMemberNames } from '../../lib/workspace-data.ts';

/** The open follow-ups about one customer, on their page: tick one off, or add one with a due time. */
export function CustomerTasks({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const who = useMemberNames();
  const session = useSession();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const tasks = useQuery({
    queryKey: ['tasks', 'customer', contactId],
    queryFn: async () => (await call(taskApi.list, { query: { assignee: 'any', contactId } })).data,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['tasks'] });
  const add = useMutation({
    mutationFn: () => call(taskApi.create, { body: { title, contactId, ...(due ? { dueAt: new Date(due).toISOString() } : {}) } }),
    onSuccess: () => {
      setTitle('');
      setDue('');
      setAdding(false);
      refresh();
    },
  });
  const complete = useMutation({ mutationFn: (task: Task) => call(taskApi.update, { params: { id: task.id }, body: { done: true } }), onSuccess: refresh });
  const rows = tasks.data?.data ?? [];
  const now = new Date();
  const tz = session?.workspace.timezone ?? 'Asia/Ho_Chi_Minh';
  return (
    <section className="card" aria-label={t('tasks.forCustomer')} data-testid="customer-tasks">
      <div className="card-header">
        <h2>{t('tasks.forCustomer')}</h2>
        <span className="spacer" />
        {can('tasks.write') && !adding && (
          <Button size="sm" onClick={() => setAdding(true)}>
            <Icon name="plus" /> {t('tasks.add')}
          </Button>
        )}
      </div>
      {adding && (
        <form
          className="card-body stack"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <TextField label={t('tasks.newTitle')} value={title} onChange={(e) => setTitle(e.target.value)} error={fieldError(add.error, '/title')} autoFocus />
          <TextField
            label={t('tasks.due')}
            type="datetime-local"
            value={due}
            onChange={(e) => setDue(e.target.value)}
            error={fieldError(add.error, '/dueAt')}
          />
          <div className="row">
            <Button type="submit" size="sm" variant="primary" busy={add.isPending}>
              {t('common.save')}
            </Button>
            <Button size="sm" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      )}
      {rows.length === 0 ? (
        !adding && <div className="card-body muted">{t('tasks.noneForCustomer')}</div>
      ) : (
        <ul className="compact-list">
          {rows.map((task) => {
            const bucket = dueBucket(task.dueAt, now, tz);
            return (
              <li key={task.id} className="row" data-testid="customer-task">
                <input
                  type="checkbox"
                  className="checkbox"
                  aria-label={t('tasks.complete', { title: task.title })}
                  checked={false}
                  disabled={!can('tasks.write') || complete.isPending}
                  onChange={() => complete.mutate(task)}
                />
                <span className="stack" style={{ gap: 0 }}>
                  <span style={{ fontWeight: 550 }}>{task.title}</span>
                  <span className="muted" style={{ fontSize: 'var(--text-sm)', color: bucket === 'overdue' ? 'var(--danger)' : undefined }}>
                    {task.dueAt ? fmt.dateTime(task.dueAt) : t('tasks.buckets.someday')}
                    {task.assigneeId ? ` · ${who(task.assigneeId)}` : ''}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
