import { Fragment, useState } from 'react';
import { COMPANY_FIELD_LIST } from '@kith/domain/companies/company.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import { showField, type Renderers } from '../../components/record/field-view.tsx';
import { ExportLinks } from '../../components/ui/export-links.tsx';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { SearchInput } from '../../components/ui/search-input.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { useCan } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { companyApi } from '@kith/domain/companies/company.api.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useMemberNames } from '../../lib/workspace-data.ts';
import { Icon } from '../../components/ui/icons.tsx';

const columns = COMPANY_FIELD_LIST.filter((f) => f.web.column);

export default function CompaniesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const fmt = useFormat();
  const errorText = useErrorText();
  const owner = useMemberNames();
  const [qInput, setQInput] = useState('');
  const q = useDebounced(qInput.trim(), 150);
  const [sort, setSort] = useState<string>('name');
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery({
    queryKey: ['companies', 'list', { q, sort }],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      (
        await call(companyApi.list, {
          query: { q: q || undefined, sort: q ? undefined : sort, limit: 100, cursor: pageParam },
          signal,
        })
      ).data,
    getNextPageParam: (p) => p.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  // The list's columns: the company field table's fields that ask for one (@kith/domain companies/company.fields.ts), then the people and the time.
  const view = { t, fmt, lang: i18n.language };
  const renderers: Renderers = { chips: (v) => (v as string[]).join(', '), member: (v) => owner(String(v)) };
  const empty = !q && list.isSuccess && rows.length === 0;
  const sortButton = (key: string, label: string) => {
    const dir = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined;
    return (
      <th aria-sort={dir ?? 'none'}>
        <button type="button" className="btn btn-ghost btn-sm" style={{ paddingInline: 0 }} onClick={() => setSort(dir === 'ascending' ? `-${key}` : key)}>
          {label} <span aria-hidden="true">{dir === 'ascending' ? '↑' : dir === 'descending' ? '↓' : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('companies.title')}</h1>
        <span className="spacer" />
        {can('records.export') && !empty && <ExportLinks list="companies" params={{ q: q || undefined, sort: q ? undefined : sort }} />}
        {can('companies.create') && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('companies.new')}
          </Button>
        )}
      </div>
      {!empty && (
        <div className="toolbar">
          <SearchInput
            width={320}
            label={t('companies.search')}
            placeholder={t('companies.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
          />
        </div>
      )}
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(list.error)}
        </div>
      ) : empty ? (
        <EmptyState
          icon={<Icon name="company" size={36} />}
          title={t('companies.emptyTitle')}
          actions={
            can('companies.create') && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                <Icon name="plus" /> {t('companies.new')}
              </Button>
            )
          }
        >
          {t('companies.emptyBody')}
        </EmptyState>
      ) : list.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Icon name="search" size={36} />} title={t('contacts.noMatchTitle')}>
          {t('contacts.noMatchBody')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <table className="table">
            <thead>
              <tr>
                {columns.map((f) =>
                  !isSkip(f.filter) && f.filter.sortable ? (
                    <Fragment key={f.name}>{sortButton(f.name, t(`companyFields.${f.name}`))}</Fragment>
                  ) : (
                    <th key={f.name}>{t(`companyFields.${f.name}`)}</th>
                  ),
                )}
                <th>{t('companyFields.people')}</th>
                {sortButton('createdAt', t('contactFields.createdAt'))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  {columns.map((f) =>
                    f.name === 'name' ? (
                      <td key={f.name}>
                        <Link href={`/companies/${c.id}`} style={{ fontWeight: 550 }}>
                          {c.name}
                        </Link>
                      </td>
                    ) : (
                      <td key={f.name}>{showField(f, c[f.name], view, renderers)}</td>
                    ),
                  )}
                  <td>{fmt.number(c.contactCount)}</td>
                  <td>{fmt.date(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <div className="card-body">
              <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                {t('common.showMore')}
              </Button>
            </div>
          )}
        </div>
      )}
      <NewCompanyDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function NewCompanyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const create = useMutation({
    mutationFn: async () => (await call(companyApi.create, { body: { name, ...(domain.trim() ? { domain } : {}) } })).data,
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['companies'] });
      setName('');
      setDomain('');
      onClose();
      navigate(`/companies/${c.id}`);
    },
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('companies.new')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form="new-company" busy={create.isPending}>
            {t('common.create')}
          </Button>
        </>
      }
    >
      <form
        id="new-company"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextField label={t('companyFields.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, '/name')} autoFocus />
        <TextField
          label={t('companyFields.domain')}
          value={domain}
          onChange={(e) => setDomain(e.target.value)}
          error={fieldError(create.error, '/domain')}
          placeholder="example.vn"
        />
        {create.isError && !fieldError(create.error, '/name') && !fieldError(create.error, '/domain') && (
          <div className="alert alert-error" role="alert">
            {errorText(create.error)}
          </div>
        )}
      </form>
    </Dialog>
  );
}
