import { useState, type ReactNode } from 'react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { RecordStatus } from '../../components/ui/record-status.tsx';
import { ConflictBanner } from '../../components/ui/conflict-banner.tsx';
import { useCan } from '../../app/session.tsx';
import { api, isApiError, request, type ApiError } from '../../lib/api-client.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { provinceName, provinceOptions } from '../../lib/provinces.ts';
import { useMemberNames } from '../../lib/workspace-data.ts';
import { StageBadge, Tags } from '../contacts/contact-cells.tsx';
import { displayPhone, type Contact } from '../contacts/contact-model.ts';
import { EditableField, type EditorKind } from '../contacts/editable-field.tsx';
import type { Company } from './company-model.ts';
import { Icon } from '../../components/ui/icons.tsx';
import { enumLabel, enumOptions } from '../../lib/enum-label.ts';

type Loaded = { company: Company; etag: string | null };

export default function CompanyPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['company', id],
    queryFn: async ({ signal }): Promise<Loaded> => {
      const r = await request<Company>('GET', `/companies/${id}`, { signal });
      return { company: r.data, etag: r.etag };
    },
  });
  if (!q.isSuccess) return <RecordStatus pending={q.isPending} error={q.error} backHref="/companies" backLabel={t('companies.title')} />;
  return <CompanyRecord loaded={q.data} reload={() => void q.refetch()} />;
}

function CompanyRecord({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const c = loaded.company;
  const can = useCan();
  const qc = useQueryClient();
  const fmt = useFormat();
  const errorText = useErrorText();
  const owner = useMemberNames();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const people = useInfiniteQuery({
    queryKey: ['company-people', c.id],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<{ data: Contact[]; nextCursor: string | null }>(`/companies/${c.id}/contacts`, { query: { limit: 50, cursor: pageParam } }),
    getNextPageParam: (p) => p.nextCursor,
  });
  const save = async (key: string, patch: Record<string, unknown>): Promise<boolean> => {
    try {
      const r = await request<Company>('PATCH', `/companies/${c.id}`, { body: patch, ifMatch: loaded.etag ?? undefined });
      qc.setQueryData<Loaded>(['company', c.id], { company: r.data, etag: r.etag });
      void qc.invalidateQueries({ queryKey: ['companies'] });
      setErrors((e) => ({ ...e, [key]: '' }));
      return true;
    } catch (e) {
      if (isApiError(e) && e.status === 412) {
        setConflict(true);
        return true;
      }
      const err = e as ApiError;
      setErrors((x) => ({ ...x, [key]: isApiError(e) ? (err.fieldMessage(`/${key}`) ?? errorText(e)) : errorText(e) }));
      return false;
    }
  };
  const nullable = (s: string) => (s.trim() === '' ? null : s);
  const F = (key: keyof Company & string, label: string, editor: EditorKind, display: ReactNode, value: string, toPatch: (raw: string) => unknown = nullable) => (
    <EditableField key={key} label={label} display={display} value={value} editor={editor} canEdit={can('companies.update')} error={errors[key] || undefined} onSave={(raw) => save(key, { [key]: toPatch(raw) })} testId={`company-${key}`} />
  );
  const rows = people.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div className="page">
      {conflict && (
        <ConflictBanner
          onReload={() => {
            setConflict(false); reload();
          }}
        />
      )}
      <div className="page-header">
        <span className="brand-mark" style={{ inlineSize: 44, blockSize: 44, fontSize: 18 }} aria-hidden="true">
          <Icon name="company" size={22} />
        </span>
        <div className="stack" style={{ gap: 2 }}>
          <h1>{c.name}</h1>
          <span className="muted">{t('companies.peopleCount', { count: c.contactCount, formatted: fmt.number(c.contactCount) })}</span>
        </div>
      </div>
      <div className="record">
        <section className="card" aria-label={t('companies.people')}>
          <div className="card-header">
            <h2>{t('companies.people')}</h2>
          </div>
          {people.isPending ? (
            <div className="progress" />
          ) : rows.length === 0 ? (
            <div className="card-body muted">{t('companies.noPeople')}</div>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('contactFields.name')}</th>
                  <th>{t('contactFields.jobTitle')}</th>
                  <th>{t('contactFields.phone')}</th>
                  <th>{t('contactFields.email')}</th>
                  <th>{t('contactFields.lifecycleStage')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/contacts/${p.id}`}>{p.name}</Link>
                    </td>
                    <td>{p.jobTitle}</td>
                    <td className="mono">{p.phones[0] ? displayPhone(p.phones[0]) : ''}</td>
                    <td>{p.emails[0]}</td>
                    <td>
                      <StageBadge stage={p.lifecycleStage} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {people.hasNextPage && (
            <div className="card-body">
              <Button size="sm" onClick={() => void people.fetchNextPage()} busy={people.isFetchingNextPage}>
                {t('common.showMore')}
              </Button>
            </div>
          )}
        </section>
        <section className="card" aria-label={t('companies.details')}>
          <div className="card-header">
            <h2>{t('companies.details')}</h2>
          </div>
          <div className="card-body props">
            {F('name', t('companyFields.name'), { type: 'text' }, c.name, c.name, (s) => s)}
            {F('domain', t('companyFields.domain'), { type: 'text' }, c.domain, c.domain ?? '')}
            {F('website', t('companyFields.website'), { type: 'text' }, c.website, c.website ?? '')}
            {F('email', t('contactFields.email'), { type: 'text' }, c.email, c.email ?? '')}
            {F('phone', t('contactFields.phone'), { type: 'text' }, c.phone ? displayPhone(c.phone) : '', c.phone ?? '')}
            {F('taxCode', t('companyFields.taxCode'), { type: 'text' }, c.taxCode, c.taxCode ?? '')}
            {F('industry', t('companyFields.industry'), { type: 'text' }, c.industry, c.industry ?? '')}
            {F('sizeBand', t('companyFields.sizeBand'), { type: 'select', options: enumOptions('companySize') }, enumLabel('companySize', c.sizeBand), c.sizeBand ?? '')}
            {F('addressLine', t('contactFields.addressLine'), { type: 'text' }, c.addressLine, c.addressLine ?? '')}
            {F('province', t('contactFields.province'), { type: 'select', options: provinceOptions(i18n.language) }, provinceName(c.province, i18n.language), c.province ?? '')}
            {F('tags', t('contactFields.tags'), { type: 'list' }, c.tags.length ? <Tags tags={c.tags} /> : '', c.tags.join(', '), (s) => s.split(',').map((x) => x.trim()).filter(Boolean))}
            <span className="prop-label">{t('contactFields.owner')}</span>
            <div className="prop-value">{owner(c.ownerId)}</div>
            {F('notes', t('contactFields.notes'), { type: 'textarea' }, c.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</span> : '', c.notes ?? '')}
          </div>
        </section>
      </div>
    </div>
  );
}
