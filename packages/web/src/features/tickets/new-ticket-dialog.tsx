import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { TICKET_CHANNELS, TICKET_PRIORITIES, type Priority } from '@kith/domain/tickets/tickets.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/ui/field.tsx';
import { useRequiredSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { CustomerPicker } from '../orders/order-dialog.tsx';
import { useCareSettings, useCategoryLabel } from './care-data.ts';
import { enumLabel } from '../../lib/enum-label.ts';

const FIELDS = ['contactId', 'subject', 'priority', 'category', 'channel', 'message', 'assigneeId'];

/**
 * Open a ticket for a customer who called, wrote or came in: who, what about, how urgent (the SLA follows
 * from the priority and the category), and their words. Opens the new ticket when saved.
 */
export function NewTicketDialog({ onClose, customer }: { onClose: () => void; customer?: { id: string; name: string } }) {
  const { t } = useTranslation();
  const s = useRequiredSession();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  const settings = useCareSettings();
  const categoryLabel = useCategoryLabel();
  const [contact, setContact] = useState<{ id: string; name: string } | null>(customer ?? null);
  const [subject, setSubject] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [category, setCategory] = useState('');
  const [channel, setChannel] = useState<(typeof TICKET_CHANNELS)[number]>('phone');
  const [message, setMessage] = useState('');
  const [takeIt, setTakeIt] = useState(s.role !== 'viewer');
  const save = useMutation({
    mutationFn: async () =>
      (
        await call(ticketApi.create, {
          body: {
            contactId: contact?.id ?? '',
            subject,
            priority,
            category: category || null,
            channel,
            ...(message.trim() ? { message } : {}),
            ...(takeIt ? { assigneeId: s.user.id } : {}),
          },
        })
      ).data,
    onSuccess: (ticket) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
      navigate(`/tickets/${ticket.id}`);
    },
  });
  const err = (f: string) => fieldError(save.error, `/${f}`);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('tickets.new')}
      wide
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" onClick={() => save.mutate()} busy={save.isPending} disabled={!contact || !subject.trim()}>
            {t('tickets.create')}
          </Button>
        </>
      }
    >
      <div className="stack" data-testid="new-ticket">
        {customer ? (
          <p>
            {t('tickets.fields.customer')}: <strong>{customer.name}</strong>
          </p>
        ) : (
          <CustomerPicker value={contact} onChange={setContact} error={err('contactId')} />
        )}
        <TextField
          label={t('tickets.fields.subject')}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          error={err('subject')}
          maxLength={200}
          autoFocus={!!customer}
          placeholder={t('tickets.subjectPlaceholder')}
        />
        <div className="form-row">
          <SelectField
            label={t('tickets.fields.priority')}
            value={priority}
            onChange={(e) => setPriority(e.target.value as Priority)}
            error={err('priority')}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: enumLabel('ticketPriority', p) }))}
          />
          <SelectField
            label={t('tickets.fields.category')}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            error={err('category')}
            placeholder={t('tickets.noCategory')}
            options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: categoryLabel(c) }))}
          />
          <SelectField
            label={t('tickets.fields.channel')}
            value={channel}
            onChange={(e) => setChannel(e.target.value as (typeof TICKET_CHANNELS)[number])}
            error={err('channel')}
            options={TICKET_CHANNELS.map((c) => ({ value: c, label: enumLabel('ticketChannel', c) }))}
          />
        </div>
        <TextAreaField
          label={t('tickets.fields.message')}
          hint={t('tickets.messageHint')}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={err('message')}
          rows={5}
        />
        {s.role !== 'viewer' && (
          <label className="row">
            <input type="checkbox" className="checkbox" checked={takeIt} onChange={(e) => setTakeIt(e.target.checked)} />
            {t('tickets.takeOnCreate')}
          </label>
        )}
        {save.isError && !FIELDS.some((f) => err(f)) && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
      </div>
    </Dialog>
  );
}
