import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { contactApi } from '@kith/domain/contacts/contact.api.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { LIFECYCLE_STAGES } from './contact-model.ts';
import type { LifecycleStage } from '@kith/domain/contacts/contact.schema.ts';
import { enumLabel } from '../../lib/enum-label.ts';

const EMPTY = { name: '', phone: '', email: '', lifecycleStage: 'lead' as LifecycleStage, tags: '' };

/** A new contact with the essentials; the server's message for each field shows beside it. */
export function NewContactDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  const [form, setForm] = useState(EMPTY);
  const create = useMutation({
    mutationFn: () =>
      call(contactApi.create, {
        body: {
          name: form.name,
          ...(form.phone.trim() ? { phones: [form.phone] } : {}),
          ...(form.email.trim() ? { emails: [form.email] } : {}),
          lifecycleStage: form.lifecycleStage,
          tags: form.tags
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      }).then((r) => r.data),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      notify(t('contacts.created', { name: c.name }));
      setForm(EMPTY);
      create.reset();
      onClose();
      navigate(`/contacts/${c.id}`);
    },
  });
  // The stage comes from a select of LIFECYCLE_STAGES, the rest from text fields.
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const other = create.isError && !['/name', '/phones', '/emails', '/tags', '/lifecycleStage'].some((p) => fieldError(create.error, p));
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('contacts.new')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form="new-contact" busy={create.isPending}>
            {t('common.create')}
          </Button>
        </>
      }
    >
      <form
        id="new-contact"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextField
          label={t('contactFields.name')}
          value={form.name}
          onChange={set('name')}
          error={fieldError(create.error, '/name')}
          hint={t('contacts.nameHint')}
          autoFocus
          required
        />
        <TextField
          label={t('contactFields.phone')}
          type="tel"
          inputMode="tel"
          value={form.phone}
          onChange={set('phone')}
          error={fieldError(create.error, '/phones')}
          placeholder="0912 345 678"
        />
        <TextField label={t('contactFields.email')} type="email" value={form.email} onChange={set('email')} error={fieldError(create.error, '/emails')} />
        <SelectField
          label={t('contactFields.lifecycleStage')}
          value={form.lifecycleStage}
          onChange={set('lifecycleStage')}
          options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: enumLabel('lifecycleStage', s) }))}
        />
        <TextField
          label={t('contactFields.tags')}
          value={form.tags}
          onChange={set('tags')}
          hint={t('bulk.tagsHint')}
          error={fieldError(create.error, '/tags')}
        />
        {other && (
          <div className="alert alert-error" role="alert">
            {errorText(create.error)}
          </div>
        )}
      </form>
    </Dialog>
  );
}
