import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { TextAreaField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useCannedReplies } from '../tickets/care-data.ts';
import type { CannedReply } from '../tickets/ticket-model.ts';

const VARIABLES = '{{contact.name}}, {{agent.name}}, {{ticket.number}}';

/** The answers agents give again and again; managers, admins and owners keep them. */
export function CannedRepliesSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const canned = useCannedReplies();
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const del = useMutation({
    mutationFn: async (c: CannedReply) => {
      await call(ticketApi.removeCannedReply, { params: { id: c.id } });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['care', 'canned'] }),
    onError: (e) => notify(errorText(e), 'error'),
  });
  const rows = canned.data ?? [];
  return (
    <section className="card" aria-labelledby="care-canned-title" data-testid="canned-replies">
      <div className="card-header">
        <h2 id="care-canned-title">{t('care.cannedTitle')}</h2>
        <span className="spacer" />
        {editable && (
          <Button size="sm" onClick={() => setEditing('new')}>
            <Icon name="plus" /> {t('care.addCanned')}
          </Button>
        )}
      </div>
      <p className="card-body muted" style={{ paddingBlockEnd: 0 }}>
        {t('care.cannedIntro', { vars: VARIABLES })}
      </p>
      {canned.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <p className="card-body muted">{t('care.noCanned')}</p>
      ) : (
        <ul className="compact-list" style={{ marginBlockStart: 'var(--s2)' }}>
          {rows.map((c) => (
            <li key={c.id} className="row" style={{ alignItems: 'flex-start' }} data-testid="canned-reply">
              <div className="stack" style={{ gap: 2, minInlineSize: 0, flex: 1 }}>
                <strong>{c.title}</strong>
                <span className="muted canned-preview">{c.body}</span>
              </div>
              {editable && (
                <>
                  <Button size="sm" variant="ghost" onClick={() => setEditing(c)} aria-label={t('care.editCanned', { title: c.title })}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => window.confirm(t('care.confirmDeleteCanned', { title: c.title })) && del.mutate(c)}
                    aria-label={t('care.deleteCanned', { title: c.title })}
                  >
                    {t('common.delete')}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing && <CannedDialog reply={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function CannedDialog({ reply, onClose }: { reply: CannedReply | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [title, setTitle] = useState(reply?.title ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const save = useMutation({
    mutationFn: () =>
      reply
        ? call(ticketApi.updateCannedReply, { params: { id: reply.id }, body: { title, body } })
        : call(ticketApi.createCannedReply, { body: { title, body } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['care', 'canned'] });
      onClose();
    },
  });
  const err = (f: string) => fieldError(save.error, `/${f}`);
  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={reply ? t('care.editCanned', { title: reply.title }) : t('care.addCanned')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={save.isPending} disabled={!title.trim() || !body.trim()} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <TextField
        label={t('care.cannedName')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={err('title')}
        maxLength={120}
        autoFocus
        placeholder={t('care.cannedNamePlaceholder')}
      />
      <TextAreaField
        label={t('care.cannedBody')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={err('body')}
        rows={8}
        hint={t('care.cannedVars', { vars: VARIABLES })}
      />
      {save.isError && !err('title') && !err('body') && (
        <div className="alert alert-error" role="alert">
          {errorText(save.error)}
        </div>
      )}
    </Dialog>
  );
}
