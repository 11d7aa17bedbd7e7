import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { segmentApi } from '@kith/domain/segments/segment.api.ts';
import { call } from '../../lib/api-call.ts';
import { ExportLinks } from '../../components/ui/export-links.tsx';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { useCan } from '../../app/session.tsx';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useCustomFields } from '../../lib/workspace-data.ts';
import { BulkBar } from './bulk-bar.tsx';
import { AddFilter, ColumnChooser, FilterChips } from './contact-filters.tsx';
import { columnLabel, ContactGrid } from './contact-grid.tsx';
import { BUILTIN_COLUMNS, DEFAULT_COLUMNS } from './contact-model.ts';
import { filterParams, type ListFilter } from './list-state.ts';
import { NewContactDialog } from './new-contact-dialog.tsx';
import { useContactList } from './use-contact-list.ts';
import type { SavedView } from '@kith/domain/views/saved-view.api.ts';
import { ViewsMenu } from './views-menu.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { Link } from 'wouter';

const COLUMNS_KEY = 'kith.contacts.columns';

function storedColumns(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null');
    return Array.isArray(v) && v.every((x) => typeof x === 'string') && v.includes('name') ? v : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

export default function ContactsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const fmt = useFormat();
  const errorText = useErrorText();
  const fields = useCustomFields('contact');
  const customFields = fields.data ?? [];
  // The typed text lives in SearchInput, so a keystroke re-renders the box, not the grid; `q` changes
  // 90 ms after the typing stops. `searchKey` remounts the box when a view or "clear" sets the text.
  const [q, setQ] = useState('');
  const [searchKey, setSearchKey] = useState(0);
  const setQInput = (v: string) => {
    setQ(v.trim());
    setSearchKey((k) => k + 1);
  };
  const [filters, setFilters] = useState<ListFilter[]>([]);
  const [sort, setSort] = useState<string | undefined>(undefined);
  const [columns, setColumnsState] = useState<string[]>(storedColumns);
  const [viewId, setViewId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const setColumns = (c: string[]) => {
    setColumnsState(c);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(c));
  };

  // A saved segment opened from the Segments page: /contacts?segment=<id>.
  const [segmentId, setSegmentId] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get('segment') ?? undefined);
  const segment = useQuery({
    queryKey: ['segments', segmentId],
    queryFn: async () => (await call(segmentApi.get, { params: { id: segmentId! } })).data,
    enabled: !!segmentId,
  });
  const clearSegment = () => {
    setSegmentId(undefined);
    window.history.replaceState(null, '', '/contacts');
  };
  const { list, rows, total, totalStale } = useContactList(q, filters, sort, segmentId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection is cleared whenever the query, filters, sort or segment change
  useEffect(() => setSelected(new Set()), [q, filters, sort, segmentId]);

  const allColumns = useMemo(
    () => [...BUILTIN_COLUMNS.map((c) => c.id), ...customFields.map((f) => `custom.${f.key}`)].map((id) => ({ id, label: columnLabel(id, t, customFields) })),
    [customFields, t],
  );
  const visible = columns.filter((c) => allColumns.some((a) => a.id === c));
  const loadMore = useCallback(() => void list.fetchNextPage(), [list.fetchNextPage]);

  const applyView = (v: SavedView | null) => {
    setViewId(v?.id ?? null);
    setQInput(v?.config.q ?? '');
    setFilters(v?.config.filters ?? []);
    setSort(v?.config.sort);
    if (v && v.config.columns.length) setColumns(v.config.columns);
  };

  const filtered = q !== '' || filters.length > 0 || !!segmentId;
  const emptyWorkspace = !filtered && list.isSuccess && rows.length === 0;

  return (
    // data-shown-q: the search whose rows are on screen ('' while the previous ones stand in), for tests and bench/ui.ts.
    <div className="page-full" data-shown-q={list.isSuccess && !list.isPlaceholderData ? q : undefined}>
      <div className="page-header">
        <h1>{t('contacts.title')}</h1>
        <span className="muted" aria-live="polite" aria-busy={totalStale} data-testid="contact-total" style={totalStale ? { opacity: 0.5 } : undefined}>
          {total !== undefined ? t('contacts.count', { count: total, formatted: fmt.number(total) }) : ''}
        </span>
        <span className="spacer" />
        <Link href="/duplicates" className="btn" data-testid="contacts-duplicates">
          {t('nav.duplicates')}
        </Link>
        {can('contacts.create') && (
          <Link href="/imports/new" className="btn" data-testid="contacts-import">
            <Icon name="upload" /> {t('imports.importButton')}
          </Link>
        )}
        {can('contacts.create') && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('contacts.new')}
          </Button>
        )}
      </div>
      {!emptyWorkspace && (
        <div className="toolbar">
          <ViewsMenu entity="contacts" current={{ q, filters, sort, columns: visible }} activeId={viewId} onApply={applyView} />
          <div className="search-box" style={{ inlineSize: 280 }}>
            <span className="search-icon" aria-hidden="true">
              <Icon name="search" />
            </span>
            <SearchInput key={searchKey} initial={q} label={t('contacts.search')} placeholder={t('contacts.searchPlaceholder')} onSearch={setQ} />
          </div>
          <AddFilter fields={customFields} onAdd={(f) => setFilters((fs) => [...fs, f])} />
          <span className="spacer" />
          {list.isFetching && !list.isFetchingNextPage && <span className="spinner" role="status" aria-label={t('common.loading')} />}
          <ColumnChooser all={allColumns} visible={visible} label={t('contacts.columns')} onChange={setColumns} />
          {can('contacts.export') && <ExportLinks list="contacts" params={{ q: q || undefined, sort, segment: segmentId, ...filterParams(filters) }} />}
        </div>
      )}
      {segmentId && (
        <div className="toolbar" role="group" aria-label={t('segments.title')}>
          <span className="filter-chip" data-testid="segment-chip">
            {t('segments.chip', { name: segment.data?.name ?? '…' })}
            <button
              type="button"
              className="btn btn-ghost btn-sm btn-icon"
              style={{ blockSize: 20, inlineSize: 20 }}
              aria-label={t('segments.clear')}
              onClick={clearSegment}
            >
              <Icon name="close" size={12} />
            </button>
          </span>
        </div>
      )}
      <FilterChips filters={filters} fields={customFields} onChange={setFilters} />
      {selected.size > 0 && <BulkBar selected={selected} rows={rows} onClear={() => setSelected(new Set())} />}
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorText(list.error)}
        </div>
      ) : emptyWorkspace ? (
        <EmptyState
          icon={<Icon name="sparkles" size={36} />}
          title={t('contacts.emptyTitle')}
          actions={
            can('contacts.create') && (
              <>
                <Link href="/imports/new" className="btn">
                  <Icon name="upload" /> {t('imports.importButton')}
                </Link>
                <Button variant="primary" onClick={() => setCreating(true)}>
                  <Icon name="plus" /> {t('contacts.new')}
                </Button>
              </>
            )
          }
        >
          <p>{t('contacts.emptyBody')}</p>
          <p>
            <code className="mono">npx kith demo --customers 1000</code>
          </p>
        </EmptyState>
      ) : list.isPending ? (
        <div className="grid" aria-busy="true">
          <div className="progress" />
        </div>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Icon name="search" size={36} />}
          title={t('contacts.noMatchTitle')}
          actions={<Button onClick={() => (setQInput(''), setFilters([]), clearSegment())}>{t('filters.clearAll')}</Button>}
        >
          {t('contacts.noMatchBody')}
        </EmptyState>
      ) : (
        <ContactGrid
          rows={rows}
          total={total}
          columns={visible}
          fields={customFields}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onToggle={(id) =>
            setSelected((s) => {
              const n = new Set(s);
              if (n.has(id)) n.delete(id);
              else n.add(id);
              return n;
            })
          }
          onToggleAll={(all) => setSelected(all ? new Set(rows.map((r) => r.id)) : new Set())}
          hasMore={!!list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
      <NewContactDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

/** The list's search box: keeps what is typed to itself and reports it, trimmed, once typing pauses for 90 ms (long enough to skip the letters of a name typed at speed, short enough not to be felt). */
function SearchInput({ initial, label, placeholder, onSearch }: { initial: string; label: string; placeholder: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);
  const debounced = useDebounced(text.trim(), 90);
  useEffect(() => onSearch(debounced), [debounced, onSearch]);
  return <input className="input" type="search" aria-label={label} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />;
}
