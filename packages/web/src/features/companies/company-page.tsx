import { Fragment, useState } from 'react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { RecordStatus } from '../../components/ui/record-status.tsx';
import { ConflictBanner } from '../../components/ui/conflict-banner.tsx';
import { useCan } from '../../app/session.tsx';
import { isApiError, type ApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { companyApi } from '@kith/domain/companies/company.api.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { COMPANY_FIELD_LIST } from '@kith/domain/companies/company.fields.ts';
import { fieldEditor, fieldPatch, fieldRaw, showField, type Renderers } from '../../components/record/field-view.tsx';
import { useMemberNames } from '../../lib/workspace-data.ts';
import { StageBadge, Tags } from '../contacts/contact-cells.tsx';
import { displayPhone } from '../contacts/contact-model.ts';
import { EditableField } from '../contacts/editable-field.tsx';
import type { Company } from './company-model.ts';
import { Icon } from '../../components/ui/icons.tsx';

type Loaded = { company: Company; etag: string | null };

export default function CompanyPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['company', id],
    queryFn: async ({ signal }): Promise<Loaded> => {
      const r = await call(companyApi.get, { params: { id }, signal });
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
    queryFn: async ({ pageParam }) => (await call(companyApi.people, { params: { id: c.id }, query: { limit: 50, cursor: pageParam } })).data,
    getNextPageParam: (p) => p.nextCursor,
  });
  const save = async (key: string, patch: Record<string, unknown>): Promise<boolean> => {
    try {
      const r = await call(companyApi.update, { params: { id: c.id }, body: patch, ifMatch: loaded.etag ?? undefined });
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
  // The details card: the field table's fields (@kith/domain companies/company.fields.ts), each shown and edited as its entry says.
  const view = { t, fmt, lang: i18n.language };
  const renderers: Renderers = { chips: (v) => <Tags tags={v as string[]} />, phone: (v) => displayPhone(String(v)), member: (v) => owner(String(v)) };
  const details = COMPANY_FIELD_LIST.filter((f) => f.web.section === 'details').map((f) => {
    const label = t(`companyFields.${f.name}`);
    const display = showField(f, c[f.name], view, renderers);
    const editor = fieldEditor(f, view);
    if (!editor)
      return (
        <Fragment key={f.name}>
          <span className="prop-label">{label}</span>
          <div className="prop-value">{display}</div>
        </Fragment>
      );
    return (
      <EditableField
        key={f.name}
        label={label}
        display={display}
        value={fieldRaw(c[f.name])}
        editor={editor}
        canEdit={can('companies.update')}
        error={errors[f.name] || undefined}
        onSave={(raw) => save(f.name, { [f.name]: fieldPatch(f, raw) })}
        testId={`company-${f.name}`}
      />
    );
  });
  const rows = people.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div className="page">
      {conflict && (
        <ConflictBanner
          onReload={() => {
            setConflict(false);
            reload();
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
          <div className="card-body props">{details}</div>
        </section>
      </div>
    </div>
  );
}
