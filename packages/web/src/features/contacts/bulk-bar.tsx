import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { contactApi, type BulkAction } from '@kith/domain/contacts/contact.api.ts';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { call } from '../../lib/api-call.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useMembers } from '../../lib/workspace-data.ts';
import { LIFECYCLE_STAGES, type Contact } from './contact-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

type Result = ResponseOf<typeof contactApi.bulkActions>;
type Ask = 'assign' | 'addTags' | 'removeTags' | 'setStage' | 'delete' | null;

/**
 * What to do with the selected contacts. Each record is done on its own: the report says how many
 * succeeded and lists, by name, each one that did not and why.
 */
export function BulkBar({ selected, rows, onClear }: { selected: ReadonlySet<string>; rows: Contact[]; onClear: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const members = useMembers();
  const [ask, setAsk] = useState<Ask>(null);
  const [value, setValue] = useState('');
  const [report, setReport] = useState<(Result & { names: Map<string, string> }) | null>(null);
  const run = useMutation({
    mutationFn: async (action: BulkAction) => {
      // Names as they are now: a record that fails may be gone from the list once it reloads.
      const names = new Map(rows.filter((r) => selected.has(r.id)).map((r) => [r.id, r.name]));
      return { ...(await call(contactApi.bulkActions, { body: { ids: [...selected], action } })).data, names };
    },
    onSuccess: (r) => {
      setAsk(null);
      setValue('');
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      if (r.failed.length === 0) {
        notify(t('bulk.done', { count: r.succeeded.length }));
        onClear();
      } else setReport(r);
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  const submit = () => {
    if (ask === 'assign') run.mutate({ type: 'assign', ownerId: value === '' ? null : value });
    else if (ask === 'addTags' || ask === 'removeTags')
      run.mutate({
        type: ask,
        tags: value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
    else if (ask === 'setStage') run.mutate({ type: 'setStage', lifecycleStage: (value || 'lead') as (typeof LIFECYCLE_STAGES)[number] });
    else if (ask === 'delete') run.mutate({ type: 'delete' });
  };
  const n = selected.size;
  return (
    <>
      <div className="bulkbar" role="region" aria-label={t('bulk.region')}>
        <strong>{t('bulk.selected', { count: n })}</strong>
        {can('contacts.assign') && (
          <Button size="sm" onClick={() => setAsk('assign')}>
            {t('bulk.assign')}
          </Button>
        )}
        {can('contacts.update') && (
          <>
            <Button size="sm" onClick={() => setAsk('addTags')}>
              {t('bulk.addTag')}
            </Button>
            <Button size="sm" onClick={() => setAsk('removeTags')}>
              {t('bulk.removeTag')}
            </Button>
            <Button size="sm" onClick={() => setAsk('setStage')}>
              {t('bulk.changeStage')}
            </Button>
          </>
        )}
        {can('contacts.delete') && (
          <Button size="sm" variant="danger" onClick={() => setAsk('delete')}>
            {t('bulk.delete')}
          </Button>
        )}
        <span className="spacer" />
        <Button size="sm" variant="ghost" onClick={onClear}>
          {t('bulk.clear')}
        </Button>
      </div>
      <Dialog
        open={ask !== null}
        onClose={() => setAsk(null)}
        title={ask ? t(`bulk.title.${ask}`, { count: n }) : ''}
        footer={
          <>
            <Button onClick={() => setAsk(null)}>{t('common.cancel')}</Button>
            <Button
              variant={ask === 'delete' ? 'danger' : 'primary'}
              busy={run.isPending}
              onClick={submit}
              disabled={(ask === 'addTags' || ask === 'removeTags') && !value.trim()}
            >
              {ask === 'delete' ? t('bulk.deleteConfirm', { count: n }) : t('common.apply')}
            </Button>
          </>
        }
      >
        {ask === 'assign' && (
          <SelectField
            label={t('contactFields.owner')}
            value={value}
            autoFocus
            onChange={(e) => setValue(e.target.value)}
            options={[
              { value: '', label: t('bulk.unassigned') },
              ...(members.data ?? []).filter((m) => !m.disabled).map((m) => ({ value: m.userId, label: m.name })),
            ]}
          />
        )}
        {(ask === 'addTags' || ask === 'removeTags') && (
          <TextField label={t('bulk.tags')} hint={t('bulk.tagsHint')} value={value} autoFocus onChange={(e) => setValue(e.target.value)} />
        )}
        {ask === 'setStage' && (
          <SelectField
            label={t('contactFields.lifecycleStage')}
            value={value || 'lead'}
            autoFocus
            onChange={(e) => setValue(e.target.value)}
            options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: enumLabel('lifecycleStage', s) }))}
          />
        )}
        {ask === 'delete' && <p>{t('bulk.deleteExplain', { count: n })}</p>}
      </Dialog>
      <Dialog
        open={report !== null}
        onClose={() => {
          setReport(null);
          onClear();
        }}
        title={t('bulk.reportTitle')}
        footer={
          <Button
            variant="primary"
            onClick={() => {
              setReport(null);
              onClear();
            }}
          >
            {t('common.close')}
          </Button>
        }
      >
        {report && (
          <div className="stack" data-testid="bulk-report">
            <div className="alert alert-warning" role="alert">
              {t('bulk.partial', { ok: report.succeeded.length, failed: report.failed.length })}
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('contactFields.name')}</th>
                  <th>{t('bulk.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.failed.map((f) => (
                  <tr key={f.id}>
                    <td>{report.names.get(f.id) ?? f.id}</td>
                    <td>{t(`bulk.codes.${f.code}`, { defaultValue: f.detail })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Dialog>
    </>
  );
}
