import { useState } from 'react';
import { ExportLinks } from '../../components/ui/export-links.tsx';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { parseAmount } from '@kith/domain/money/money.ts';
import { Button } from '../../components/ui/button.tsx';
import { SearchInput } from '../../components/ui/search-input.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useCan, useSession } from '../../app/session.tsx';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { amountInput, useCategories, type Product } from '../orders/order-model.ts';
import { productApi } from '@kith/domain/orders/product.api.ts';
import { call } from '../../lib/api-call.ts';

export default function ProductsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const fmt = useFormat();
  const errorText = useErrorText();
  const [qInput, setQInput] = useState('');
  const q = useDebounced(qInput.trim(), 150);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [categoriesOpen, setCategoriesOpen] = useState(false);
  const list = useInfiniteQuery({
    queryKey: ['products', 'list', { q }],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => call(productApi.list, { query: { q: q || undefined, limit: 100, cursor: pageParam }, signal }).then((r) => r.data),
    getNextPageParam: (p) => p.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const empty = !q && list.isSuccess && rows.length === 0;
  const manage = can('products.manage');
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('products.title')}</h1>
        <span className="spacer" />
        {can('records.export') && !empty && <ExportLinks list="products" params={{ q: q || undefined }} />}
        {manage && <Button onClick={() => setCategoriesOpen(true)}>{t('products.categories')}</Button>}
        {manage && (
          <Button variant="primary" onClick={() => setEditing('new')}>
            <Icon name="plus" /> {t('products.new')}
          </Button>
        )}
      </div>
      {!empty && (
        <div className="toolbar">
          <SearchInput
            width={320}
            label={t('products.search')}
            placeholder={t('products.searchPlaceholder')}
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
          icon={<Icon name="box" size={36} />}
          title={t('products.emptyTitle')}
          actions={
            manage && (
              <Button variant="primary" onClick={() => setEditing('new')}>
                <Icon name="plus" /> {t('products.new')}
              </Button>
            )
          }
        >
          {t('products.emptyBody')}
        </EmptyState>
      ) : list.isPending ? (
        <div className="progress" />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Icon name="search" size={36} />} title={t('contacts.noMatchTitle')}>
          {t('contacts.noMatchBody')}
        </EmptyState>
      ) : (
        <div className="card" style={{ overflow: 'auto' }}>
          <table className="table" data-testid="products-table">
            <thead>
              <tr>
                <th>{t('productFields.sku')}</th>
                <th>{t('productFields.name')}</th>
                <th>{t('productFields.categoryId')}</th>
                <th className="num">{t('productFields.price')}</th>
                <th>{t('products.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="mono">{p.sku}</td>
                  <td>
                    {manage ? (
                      <button type="button" className="link-button" onClick={() => setEditing(p)}>
                        {p.name}
                      </button>
                    ) : (
                      p.name
                    )}
                  </td>
                  <td>{p.categoryName}</td>
                  <td className="num">{fmt.money(p.price, p.currency)}</td>
                  <td>
                    {p.active ? (
                      <span className="badge badge-success">{t('products.active')}</span>
                    ) : (
                      <span className="badge badge-neutral">{t('products.inactive')}</span>
                    )}
                  </td>
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
      {editing && <ProductDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <CategoriesDialog open={categoriesOpen} onClose={() => setCategoriesOpen(false)} />
    </div>
  );
}

function ProductDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const session = useSession();
  const errorText = useErrorText();
  const categories = useCategories();
  const currency = product?.currency ?? session?.workspace.currency ?? 'VND';
  const decimal = i18n.language === 'vi' ? ',' : '.';
  const [sku, setSku] = useState(product?.sku ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [price, setPrice] = useState(product ? amountInput(product.price, currency, i18n.language) : '');
  const [categoryId, setCategoryId] = useState(product?.categoryId ?? '');
  const [active, setActive] = useState(product?.active ?? true);
  const parsed = price.trim() === '' ? undefined : parseAmount(price, currency, decimal);
  const save = useMutation({
    mutationFn: () => {
      const body = { sku, name, price: parsed ?? Number.NaN, categoryId: categoryId || null, active };
      return product
        ? call(productApi.update, { params: { id: product.id }, body, ifMatch: `"${product.version}"` }).then((r) => r.data)
        : call(productApi.create, { body }).then((r) => r.data);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['products'] });
      void qc.invalidateQueries({ queryKey: ['product-categories'] });
      onClose();
    },
  });
  const err = (p: string) => fieldError(save.error, p);
  return (
    <Dialog
      open
      onClose={onClose}
      title={product ? product.name : t('products.new')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form="product-form" busy={save.isPending}>
            {product ? t('common.save') : t('common.create')}
          </Button>
        </>
      }
    >
      <form
        id="product-form"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextField label={t('productFields.sku')} value={sku} onChange={(e) => setSku(e.target.value)} error={err('/sku')} autoFocus={!product} />
        <TextField label={t('productFields.name')} value={name} onChange={(e) => setName(e.target.value)} error={err('/name')} />
        <TextField
          label={`${t('productFields.price')} (${currency})`}
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          error={err('/price') ?? (parsed === null ? t('orders.notAnAmount') : undefined)}
        />
        <SelectField
          label={t('productFields.categoryId')}
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          placeholder={t('products.noCategory')}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          error={err('/categoryId')}
        />
        <label className="row">
          <input type="checkbox" className="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('products.activeHint')}
        </label>
        {save.isError && !['/sku', '/name', '/price', '/categoryId'].some((p) => err(p)) && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
      </form>
    </Dialog>
  );
}

function CategoriesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const categories = useCategories();
  const [name, setName] = useState('');
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['product-categories'] });
    void qc.invalidateQueries({ queryKey: ['products'] });
  };
  const add = useMutation({ mutationFn: () => call(productApi.createCategory, { body: { name } }), onSuccess: () => (setName(''), done()) });
  const remove = useMutation({ mutationFn: (id: string) => call(productApi.removeCategory, { params: { id } }), onSuccess: done });
  return (
    <Dialog open={open} onClose={onClose} title={t('products.categories')} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      <div className="stack">
        {(categories.data ?? []).length === 0 ? (
          <p className="muted">{t('products.noCategories')}</p>
        ) : (
          <table className="table">
            <tbody>
              {(categories.data ?? []).map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td className="num muted">{t('products.productCount', { count: c.productCount, formatted: fmt.number(c.productCount) })}</td>
                  <td className="num">
                    <Button size="sm" variant="ghost" icon aria-label={t('products.removeCategory', { name: c.name })} onClick={() => remove.mutate(c.id)}>
                      <Icon name="close" />
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form
          className="row"
          style={{ alignItems: 'flex-end' }}
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <TextField label={t('products.newCategory')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(add.error, '/name')} />
          <Button type="submit" busy={add.isPending}>
            {t('common.add')}
          </Button>
        </form>
      </div>
    </Dialog>
  );
}
