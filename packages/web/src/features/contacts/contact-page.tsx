import { useState, type ReactNode } from 'react';
import { CustomerNeeds, CustomerValue } from '../analytics/customer-value.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { RecordStatus } from '../../components/ui/record-status.tsx';
import { ConflictBanner } from '../../components/ui/conflict-banner.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { initials } from '../../lib/formatters.ts';
import { mixedScripts } from '@kith/domain/emails/email.ts';
import type { LookupSource } from '../../components/ui/lookup.tsx';
import { useCan } from '../../app/session.tsx';
import { fieldErrorText, isApiError, type ApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { contactApi } from '@kith/domain/contacts/contact.api.ts';
import { companyApi } from '@kith/domain/companies/company.api.ts';
import { duplicateApi } from '@kith/domain/duplicates/duplicate.api.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useCustomFields, useMemberNames, useMembers, type CustomField } from '../../lib/workspace-data.ts';
import { customValueText, StageBadge } from './contact-cells.tsx';
import { fieldDisplay, fieldEditor, fieldPatch, fieldRaw, fieldsOfSection, type TableField } from './contact-field-view.tsx';
import type { WebSection } from '@kith/domain/contacts/contact.fields.ts';
import { CONSENT_CHANNELS, displayPhone, type Contact } from './contact-model.ts';
import { ContactTimeline } from './contact-timeline.tsx';
import { EditableField, type EditorKind } from './editable-field.tsx';
import { CustomerOrders } from '../orders/customer-orders.tsx';
import { CustomerTasks } from '../tasks/customer-tasks.tsx';
import { CustomerTickets } from '../tickets/customer-tickets.tsx';
import { CustomerLoyalty } from '../loyalty/customer-loyalty.tsx';
import { InviteDialog } from '../surveys/invite-dialog.tsx';
import { CustomerPlaybooks } from '../playbooks/customer-playbooks.tsx';
import { enumLabel } from '../../lib/enum-label.ts';

type Loaded = { contact: Contact; etag: string | null };

export default function ContactPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['contact', id],
    queryFn: async ({ signal }): Promise<Loaded> => {
      const r = await call(contactApi.get, { params: { id }, signal });
      return { contact: r.data, etag: r.etag };
    },
  });
  if (!q.isSuccess) return <RecordStatus pending={q.isPending} error={q.error} backHref="/contacts" backLabel={t('record.backToContacts')} />;
  return <ContactRecord loaded={q.data} reload={() => void q.refetch()} />;
}

function ContactRecord({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const c = loaded.contact;
  const can = useCan();
  const qc = useQueryClient();
  const fmt = useFormat();
  const notify = useToast();
  const errorText = useErrorText();
  const [, navigate] = useLocation();
  const members = useMembers();
  const memberName = useMemberNames();
  const fields = useCustomFields('contact');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [inviting, setInviting] = useState(false);
  const editable = can('contacts.update');

  /** PATCH one field with If-Match: a 412 never overwrites, it says so and offers to reload. */
  const save = async (key: string, patch: Record<string, unknown>): Promise<boolean> => {
    try {
      const r = await call(contactApi.update, { params: { id: c.id }, body: patch, ifMatch: loaded.etag ?? undefined });
      qc.setQueryData<Loaded>(['contact', c.id], { contact: r.data, etag: r.etag });
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      void qc.invalidateQueries({ queryKey: ['timeline', c.id] });
      setErrors((e) => ({ ...e, [key]: '' }));
      return true;
    } catch (e) {
      const err = e as ApiError;
      if (isApiError(e) && err.status === 412) {
        setConflict(true);
        return true;
      }
      const msg = isApiError(e) ? (err.fieldMessage(`/${key}`) ?? (err.fieldErrors[0] ? fieldErrorText(err.fieldErrors[0]) : errorText(e))) : errorText(e);
      setErrors((x) => ({ ...x, [key]: msg }));
      return false;
    }
  };

  const del = useMutation({
    mutationFn: () => call(contactApi.remove, { params: { id: c.id } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      notify(t('record.deleted', { name: c.name }));
      navigate('/contacts');
    },
    onError: (e) => notify(errorText(e), 'error'),
  });

  const view = { t, fmt, lang: i18n.language };
  /** One field of the table, shown and edited as its entry says; company and owner have their own controls. */
  const renderField = (f: TableField): ReactNode => {
    if (f.name === 'companyId')
      return (
        <EditableField
          key={f.name}
          label={t('contactFields.company')}
          display={c.company?.name ?? '' /* plain text: a link inside the edit button would nest controls; the header links to the company */}
          value={c.companyId ?? ''}
          editor={{ type: 'lookup', source: COMPANY_LOOKUP, currentLabel: c.company?.name ?? '' }}
          canEdit={editable}
          error={errors.companyId || undefined}
          onSave={(raw) => save('companyId', { companyId: raw || null })}
          testId="field-company"
        />
      );
    if (f.name === 'ownerId')
      return (
        <EditableField
          key={f.name}
          label={t('contactFields.owner')}
          display={memberName(c.ownerId)}
          value={c.ownerId ?? ''}
          editor={{ type: 'select', options: (members.data ?? []).filter((m) => !m.disabled).map((m) => ({ value: m.userId, label: m.name })) }}
          canEdit={can('contacts.assign')}
          error={errors.ownerId || undefined}
          onSave={(raw) => save('ownerId', { ownerId: raw || null })}
          testId="field-owner"
        />
      );
    const editor = fieldEditor(f, view);
    if (!editor) return null;
    return (
      <EditableField
        key={f.name}
        label={t(`contactFields.${f.name}`)}
        display={fieldDisplay(f, c, view)}
        value={fieldRaw(f, c)}
        editor={editor}
        canEdit={editable}
        error={errors[f.name] || undefined}
        onSave={(raw) => save(f.name, { [f.name]: fieldPatch(f, raw) })}
        testId={`field-${f.name}`}
      />
    );
  };
  /** A section of the page: the table's fields that belong to it, then what the page adds. */
  const section = (name: WebSection, extra: ReactNode = null, title = t(`record.sections.${name}`)) => {
    const shown = fieldsOfSection(name).map(renderField).filter(Boolean);
    return shown.length > 0 || extra ? (
      <Section key={name} title={title}>
        {shown}
        {extra}
      </Section>
    ) : null;
  };

  return (
    <div className="page">
      {conflict && (
        <ConflictBanner
          onReload={() => {
            setConflict(false);
            setErrors({});
            reload();
          }}
        />
      )}
      <div className="page-header">
        <span className="brand-mark" style={{ inlineSize: 44, blockSize: 44, borderRadius: 999, fontSize: 16 }} aria-hidden="true">
          {initials(c.name)}
        </span>
        <div className="stack" style={{ gap: 2 }}>
          <h1 data-testid="contact-name">{c.name}</h1>
          <div className="row muted">
            <StageBadge stage={c.lifecycleStage} />
            {c.company && <Link href={`/companies/${c.company.id}`}>{c.company.name}</Link>}
            {c.phones[0] && (
              <a className="mono" href={`tel:${c.phones[0]}`}>
                {displayPhone(c.phones[0])}
              </a>
            )}
            {c.emails[0] && <a href={`mailto:${c.emails[0]}`}>{c.emails[0]}</a>}
            <LookalikeEmails emails={c.emails} />
          </div>
        </div>
        <span className="spacer" />
        {can('surveys.send') && (
          <Button onClick={() => setInviting(true)} data-testid="send-survey">
            <Icon name="star" /> {t('surveys.invite.sendToCustomer')}
          </Button>
        )}
        {can('contacts.delete') && (
          <Button variant="danger" onClick={() => window.confirm(t('record.confirmDelete', { name: c.name })) && del.mutate()} busy={del.isPending}>
            {t('record.delete')}
          </Button>
        )}
      </div>
      <DuplicateBanner contactId={c.id} />
      <div className="record">
        <div className="stack">
          {section('identity')}
          {section('demographics')}
          {section('geography')}
          {section(
            'behaviour',
            <>
              <span className="prop-label">{t('contactFields.createdAt')}</span>
              <div className="prop-value">{fmt.dateTime(c.createdAt)}</div>
            </>,
          )}
          {section('interests')}
          {section('socioeconomics')}
          {(fields.data ?? []).length > 0 && (
            <Section title={t('record.sections.custom')}>
              {(fields.data ?? []).map((f) => (
                <EditableField
                  key={f.id}
                  label={f.label}
                  display={customValueText(f, c.custom[f.key], fmt, t('common.yes'), t('common.no'))}
                  value={customRaw(f, c.custom[f.key])}
                  editor={customEditor(f, t)}
                  canEdit={editable}
                  error={errors[`custom/${f.key}`] || undefined}
                  onSave={async (raw) => {
                    const ok = await save(`custom/${f.key}`, { custom: { [f.key]: customValue(f, raw) } });
                    return ok;
                  }}
                  testId={`field-custom-${f.key}`}
                />
              ))}
            </Section>
          )}
          {section('notes', null, t('contactFields.notes'))}
        </div>
        <div className="stack">
          {section('ownership')}
          <Section title={t('record.sections.consent')}>
            {CONSENT_CHANNELS.map((ch) => {
              const cs = c.consents[ch];
              return (
                <EditableField
                  key={ch}
                  label={enumLabel('consentChannel', ch)}
                  display={cs ? `${enumLabel('consentStatus', cs.status)} · ${fmt.date(cs.at)}${cs.source ? ` · ${cs.source}` : ''}` : ''}
                  value={cs?.status ?? ''}
                  editor={{
                    type: 'select',
                    options: [
                      { value: 'granted', label: enumLabel('consentStatus', 'granted') },
                      { value: 'denied', label: enumLabel('consentStatus', 'denied') },
                    ],
                  }}
                  canEdit={editable}
                  error={errors[`consents/${ch}`] || undefined}
                  onSave={(raw) => save(`consents/${ch}`, { consents: { [ch]: raw ? { status: raw, source: 'web' } : null } })}
                  testId={`consent-${ch}`}
                />
              );
            })}
          </Section>
          <CustomerValue contactId={c.id} />
          <CustomerNeeds contactId={c.id} />
          <CustomerTasks contactId={c.id} />
          <CustomerTickets contact={{ id: c.id, name: c.name }} />
          <CustomerPlaybooks contact={{ id: c.id, name: c.name, givenName: c.givenName, ownerId: c.ownerId }} />
          <CustomerLoyalty contactId={c.id} />
          <CustomerOrders contact={{ id: c.id, name: c.name }} />
          <div className="card">
            <div className="card-header">
              <h2>{t('timeline.title')}</h2>
            </div>
            <div className="card-body">
              <ContactTimeline contactId={c.id} />
            </div>
          </div>
        </div>
      </div>
      {inviting && <InviteDialog customer={{ id: c.id, name: c.name, hasEmail: c.emails.length > 0 }} onClose={() => setInviting(false)} />}
    </div>
  );
}

/** Companies whose name starts with what was typed (the server's folded-name search), the first 20 by name otherwise. */
const COMPANY_LOOKUP: LookupSource = {
  key: 'companies',
  search: async (term) => {
    const r = await call(companyApi.list, { query: term ? { q: term, limit: 20 } : { sort: 'name', limit: 20 } });
    return r.data.data.map((x) => ({ value: x.id, label: x.name }));
  },
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <div className="card-header">
        <h2>{title}</h2>
      </div>
      <div className="card-body props">{children}</div>
    </section>
  );
}

function customRaw(f: CustomField, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (f.type === 'multi_select' && Array.isArray(v)) return v.join(', ');
  if (f.type === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

function customValue(f: CustomField, raw: string): unknown {
  if (raw.trim() === '') return null;
  switch (f.type) {
    case 'number':
    case 'currency':
      return Number(raw);
    case 'boolean':
      return raw === 'true';
    case 'multi_select':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return raw;
  }
}

function customEditor(f: CustomField, t: (k: string) => string): EditorKind {
  switch (f.type) {
    case 'select':
      return { type: 'select', options: f.options };
    case 'boolean':
      return {
        type: 'select',
        options: [
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ],
      };
    case 'number':
    case 'currency':
      return { type: 'number' };
    case 'date':
      return { type: 'date' };
    case 'multi_select':
      return { type: 'list' };
    default:
      return { type: 'text' };
  }
}

/** Possible duplicates of this contact, found on create, import or a detection run: named, with a way to review. */
function DuplicateBanner({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['duplicates', 'of', contactId],
    queryFn: async () => (await call(duplicateApi.list, { query: { contactId, limit: 5 } })).data,
  });
  const others = (q.data?.data ?? []).map((p) => (p.a.id === contactId ? p.b : p.a));
  if (others.length === 0) return null;
  return (
    <div className="alert alert-warning row" role="status" data-testid="duplicate-banner">
      <span>{t('duplicates.banner', { count: others.length, names: others.map((o) => o.name).join(', ') })}</span>
      <span className="spacer" />
      <Link href="/duplicates">{t('duplicates.review')}</Link>
    </div>
  );
}

/** A customer's address that mixes alphabets (a Cyrillic "а" among Latin letters) is flagged, not refused: it may be a typo or a lookalike. */
function LookalikeEmails({ emails }: { emails: string[] }) {
  const { t } = useTranslation();
  const flagged = emails.flatMap((e) => {
    const m = mixedScripts(e);
    return m ? [{ e, scripts: m.join(', ') }] : [];
  });
  if (flagged.length === 0) return null;
  return (
    <span className="badge badge-warning" role="note" data-testid="lookalike-email" title={flagged.map((f) => `${f.e}: ${f.scripts}`).join('\n')}>
      {t('contacts.lookalikeEmail', { email: flagged[0]!.e, scripts: flagged[0]!.scripts })}
    </span>
  );
}
