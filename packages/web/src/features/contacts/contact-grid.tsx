import { minorDigits } from '@kith/domain/money/money.ts';
import { useRequiredSession } from '../../app/session.tsx';
import { useEffect, useMemo, useRef } from 'react';
import { tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { useMemberNames, type CustomField } from '../../lib/workspace-data.ts';
import { renderContactCell } from './contact-cells.tsx';
import { BUILTIN_COLUMNS, type Contact } from './contact-model.ts';

const features = tableFeatures({});
const ROW_HEIGHT = 40;
const SELECT_WIDTH = 44;

export type GridProps = {
  rows: Contact[];
  total: number | undefined;
  columns: string[];
  fields: CustomField[];
  sort: string | undefined;
  onSort: (sort: string | undefined) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (all: boolean) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

const widthOf = (d: unknown): number => (d as { size?: number }).size ?? 160;

export function columnLabel(id: string, t: (k: string) => string, fields: CustomField[]): string {
  if (id.startsWith('custom.')) return fields.find((f) => `custom.${f.key}` === id)?.label ?? id;
  return t(`contactFields.${id}`);
}

/**
 * The contacts grid: only the rows on screen are in the DOM (TanStack Virtual), pages load as the
 * end comes near, the header stays put. An ARIA table: row and column counts are announced, each
 * row's checkbox is labelled with the contact's name, headers sort by click or Enter.
 */
export function ContactGrid(p: GridProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const ownerName = useMemberNames();
  const scrollRef = useRef<HTMLDivElement>(null);
  const currency = useRequiredSession().workspace.currency;

  const defs = useMemo<ColumnDef<typeof features, Contact>[]>(() => {
    const money = (major: number) => fmt.money(Math.round(major * 10 ** (minorDigits(currency) ?? 0)), currency);
    const ctx = { t, fmt, lang: i18n.language, ownerName, fields: p.fields, money };
    return p.columns.map((id) => {
      const builtin = BUILTIN_COLUMNS.find((c) => c.id === id);
      const custom = id.startsWith('custom.') ? p.fields.find((f) => `custom.${f.key}` === id) : undefined;
      return {
        id,
        header: columnLabel(id, t, p.fields),
        size: builtin?.width ?? 160,
        meta: { sort: builtin?.sort ?? (custom && custom.type !== 'multi_select' ? id : undefined) },
        cell: (info: { row: { original: Contact } }) => renderContactCell(id, info.row.original, ctx),
      } as ColumnDef<typeof features, Contact>;
    });
  }, [p.columns, p.fields, t, fmt, i18n.language, ownerName, currency]);

  const table = useTable({ features, columns: defs, data: p.rows, getRowId: (r: Contact) => r.id });
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length + (p.hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the next page is asked for when the last visible row index changes, not on every new virtual-item object
  useEffect(() => {
    if (last && last.index >= rows.length - 30 && p.hasMore && !p.loadingMore) p.onLoadMore();
  }, [last?.index, rows.length, p.hasMore, p.loadingMore, p.onLoadMore]);

  const width = SELECT_WIDTH + defs.reduce((s, d) => s + widthOf(d), 0);
  const allSelected = p.rows.length > 0 && p.rows.every((r) => p.selected.has(r.id));
  const someSelected = !allSelected && p.rows.some((r) => p.selected.has(r.id));

  return (
    <div
      className="grid"
      ref={scrollRef}
      role="table"
      aria-label={t('contacts.title')}
      aria-rowcount={(p.total ?? rows.length) + 1}
      aria-colcount={defs.length + 1}
    >
      <div className="grid-head" role="rowgroup" style={{ inlineSize: width, minInlineSize: '100%' }}>
        <div role="row" aria-rowindex={1} style={{ display: 'flex' }}>
          <div className="grid-th" role="columnheader" style={{ inlineSize: SELECT_WIDTH }}>
            <input
              type="checkbox"
              className="checkbox"
              aria-label={t('contacts.selectAllLoaded')}
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = someSelected;
              }}
              onChange={(e) => p.onToggleAll(e.target.checked)}
            />
          </div>
          {table.getHeaderGroups()[0]?.headers.map((h) => {
            const sortKey = (h.column.columnDef.meta as { sort?: string } | undefined)?.sort;
            const dir = p.sort === sortKey ? 'ascending' : p.sort === `-${sortKey}` ? 'descending' : undefined;
            return (
              <div
                key={h.id}
                className="grid-th"
                role="columnheader"
                aria-sort={sortKey ? (dir ?? 'none') : undefined}
                style={{ inlineSize: widthOf(h.column.columnDef) }}
              >
                {sortKey ? (
                  <button
                    type="button"
                    onClick={() => p.onSort(dir === 'ascending' ? `-${sortKey}` : dir === 'descending' ? undefined : sortKey)}
                    title={t('contacts.sortBy', { column: String(h.column.columnDef.header) })}
                  >
                    {String(h.column.columnDef.header)}
                    <span aria-hidden="true">{dir === 'ascending' ? '↑' : dir === 'descending' ? '↓' : ''}</span>
                  </button>
                ) : (
                  String(h.column.columnDef.header)
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" style={{ blockSize: virtualizer.getTotalSize(), position: 'relative', inlineSize: width, minInlineSize: '100%' }}>
        {items.map((vi) => {
          const row = rows[vi.index];
          if (!row) {
            return (
              <div key="loader" role="row" className="grid-row" style={{ transform: `translateY(${vi.start}px)` }}>
                <div role="cell" className="grid-cell muted">
                  <span className="spinner" aria-hidden="true" /> {t('common.loadingMore')}
                </div>
              </div>
            );
          }
          const c = row.original;
          const isSel = p.selected.has(c.id);
          return (
            <div
              key={row.id}
              role="row"
              aria-rowindex={vi.index + 2}
              aria-selected={isSel}
              className="grid-row"
              style={{ transform: `translateY(${vi.start}px)` }}
              data-testid="contact-row"
            >
              <div role="cell" className="grid-cell" style={{ inlineSize: SELECT_WIDTH }}>
                <input
                  type="checkbox"
                  className="checkbox"
                  aria-label={t('contacts.select', { name: c.name })}
                  checked={isSel}
                  onChange={() => p.onToggle(c.id)}
                />
              </div>
              {row.getAllCells().map((cell) => (
                <div key={cell.id} role="cell" className="grid-cell" style={{ inlineSize: widthOf(cell.column.columnDef) }}>
                  <table.FlexRender cell={cell} />
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
