import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { computeTotals } from '@kith/domain/orders/order.schema.ts';
import { parseAmount } from '@kith/domain/money/money.ts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { Lookup } from '../../components/ui/lookup.tsx';
import { useSession } from '../../app/session.tsx';
import { contactApi } from '@kith/domain/contacts/contact.api.ts';
import { orderApi } from '@kith/domain/orders/order.api.ts';
import { useFormat } from '../../lib/format.ts';
import { localNow } from '../../lib/local-time.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { amountInput, contactSource, ORDER_CHANNELS, ORDER_STATUSES, productSource, type OrderChannel, type OrderStatus } from './order-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { productApi } from '@kith/domain/orders/product.api.ts';
import { call } from '../../lib/api-call.ts';

type Line = { key: number; productId: string | null; label: string; name: string; quantity: string; unitPrice: string; discount: string };

let nextKey = 1;
const blankLine = (): Line => ({ key: nextKey++, productId: null, label: '', name: '', quantity: '1', unitPrice: '', discount: '' });

/** A customer picker: the chosen name with a button to change it, or the lookup while choosing. */
export function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: { id: string; name: string } | null;
  onChange: (v: { id: string; name: string } | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [picking, setPicking] = useState(value === null);
  return (
    <div className="field">
      <label htmlFor={id}>{t('orders.customer')}</label>
      {picking || !value ? (
        <Lookup
          id={id}
          source={contactSource}
          currentLabel=""
          allowEmpty={false}
          invalid={!!error}
          testId="order-customer"
          onPick={async (cid) => {
            const label = (await contactSource.search('')).find((o) => o.value === cid)?.label;
            onChange({ id: cid, name: label ?? (await call(contactApi.get, { params: { id: cid } })).data.name });
            setPicking(false);
          }}
          onCancel={() => value && setPicking(false)}
        />
      ) : (
        <div className="row">
          <strong id={id}>{value.name}</strong>
          <Button size="sm" variant="ghost" onClick={() => setPicking(true)}>
            {t('orders.change')}
          </Button>
        </div>
      )}
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/**
 * Record an order: the customer, the lines (a product from the catalogue, or any item typed by hand), the
 * discounts and shipping; the totals are worked out as you type with the very function the server uses.
 */
export function NewOrderDialog({ open, onClose, customer }: { open: boolean; onClose: () => void; customer?: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const session = useSession();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  const currency = session?.workspace.currency ?? 'VND';
  const decimal = i18n.language === 'vi' ? ',' : '.';
  const [contact, setContact] = useState<{ id: string; name: string } | null>(customer ?? null);
  const [orderedAt, setOrderedAt] = useState(localNow);
  const [status, setStatus] = useState<OrderStatus>('placed');
  const [channel, setChannel] = useState<OrderChannel | ''>('');
  const [lines, setLines] = useState<Line[]>(() => [blankLine()]);
  const [discount, setDiscount] = useState('');
  const [shipping, setShipping] = useState('');
  const [choosing, setChoosing] = useState<number | null>(null);

  const amount = (s: string) => (s.trim() === '' ? 0 : parseAmount(s, currency, decimal));
  const priced = lines.map((l) => ({
    productId: l.productId,
    sku: null,
    name: l.name,
    quantity: Number(l.quantity) || 0,
    unitPrice: amount(l.unitPrice) ?? 0,
    discount: amount(l.discount) ?? 0,
  }));
  const totals = computeTotals(priced, amount(discount) ?? 0, amount(shipping) ?? 0);
  const setLine = (key: number, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const reset = () => {
    setContact(customer ?? null);
    setOrderedAt(localNow());
    setStatus('placed');
    setChannel('');
    setLines([blankLine()]);
    setDiscount('');
    setShipping('');
  };

  const create = useMutation({
    mutationFn: async () =>
      (
        await call(orderApi.create, {
          body: {
            contactId: contact?.id ?? '',
            orderedAt: new Date(orderedAt).toISOString(),
            status,
            ...(channel ? { channel } : {}),
            lines: lines.map((l) => ({
              ...(l.productId ? { productId: l.productId } : { name: l.name }),
              quantity: Number(l.quantity),
              ...(l.unitPrice.trim() ? { unitPrice: amount(l.unitPrice) ?? Number.NaN } : {}),
              ...(l.discount.trim() ? { discount: amount(l.discount) ?? Number.NaN } : {}),
            })),
            ...(discount.trim() ? { discount: amount(discount) ?? Number.NaN } : {}),
            ...(shipping.trim() ? { shipping: amount(shipping) ?? Number.NaN } : {}),
          },
        })
      ).data,
    onSuccess: (o) => {
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['contacts'] });
      reset();
      onClose();
      navigate(`/orders/${o.id}`);
    },
  });
  const err = (p: string) => fieldError(create.error, p);
  const lineErr = (i: number, f: string) => err(`/lines/${i}/${f}`);
  const known = ['/contactId', '/orderedAt', '/status', '/channel', '/discount', '/shipping'];
  const otherError =
    create.isError &&
    !known.some((p) => err(p)) &&
    !lines.some((_, i) => ['productId', 'name', 'quantity', 'unitPrice', 'discount'].some((f) => lineErr(i, f)));

  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title={t('orders.new')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form="new-order" busy={create.isPending}>
            {t('orders.record')}
          </Button>
        </>
      }
    >
      <form
        id="new-order"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        {customer ? (
          <div className="field">
            <span className="muted">{t('orders.customer')}</span> <strong>{customer.name}</strong>
          </div>
        ) : (
          <CustomerPicker value={contact} onChange={setContact} error={err('/contactId')} />
        )}
        <div className="row" style={{ gap: 'var(--s3)', alignItems: 'flex-start' }}>
          <TextField
            label={t('orders.orderedAt')}
            type="datetime-local"
            value={orderedAt}
            onChange={(e) => setOrderedAt(e.target.value)}
            error={err('/orderedAt')}
          />
          <SelectField
            label={t('orders.statusLabel')}
            value={status}
            onChange={(e) => setStatus(e.target.value as OrderStatus)}
            options={ORDER_STATUSES.filter((s) => s !== 'returned').map((s) => ({ value: s, label: enumLabel('orderStatus', s) }))}
          />
          <SelectField
            label={t('orders.channel')}
            value={channel}
            onChange={(e) => setChannel(e.target.value as OrderChannel | '')}
            placeholder={t('orders.noChannel')}
            options={ORDER_CHANNELS.map((c) => ({ value: c, label: enumLabel('orderChannel', c) }))}
          />
        </div>

        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="section-title">{t('orders.lines')}</legend>
          {lines.map((l, i) => (
            <div key={l.key} className="line-editor" data-testid="order-line">
              <div className="field">
                <label htmlFor={`line-${l.key}`}>{t('orders.item')}</label>
                {choosing === l.key ? (
                  <Lookup
                    id={`line-${l.key}`}
                    source={productSource}
                    currentLabel={l.label}
                    allowEmpty
                    onPick={async (pid) => {
                      setChoosing(null);
                      if (!pid) return setLine(l.key, { productId: null, label: '' });
                      const p = (await call(productApi.get, { params: { id: pid } })).data;
                      setLine(l.key, {
                        productId: p.id,
                        label: `${p.name} · ${p.sku}`,
                        name: p.name,
                        unitPrice: p.currency === currency ? amountInput(p.price, currency, i18n.language) : l.unitPrice,
                      });
                    }}
                    onCancel={() => setChoosing(null)}
                  />
                ) : l.productId ? (
                  <div className="row">
                    <span id={`line-${l.key}`}>{l.label}</span>
                    <Button size="sm" variant="ghost" onClick={() => setChoosing(l.key)}>
                      {t('orders.change')}
                    </Button>
                  </div>
                ) : (
                  <div className="row" style={{ gap: 'var(--s1)' }}>
                    <input
                      id={`line-${l.key}`}
                      className="input"
                      value={l.name}
                      placeholder={t('orders.itemPlaceholder')}
                      aria-invalid={lineErr(i, 'name') ? true : undefined}
                      onChange={(e) => setLine(l.key, { name: e.target.value })}
                    />
                    <Button
                      size="sm"
                      variant="ghost"
                      icon
                      aria-label={t('orders.pickProduct')}
                      title={t('orders.pickProduct')}
                      onClick={() => setChoosing(l.key)}
                    >
                      <Icon name="search" />
                    </Button>
                  </div>
                )}
                {(lineErr(i, 'name') ?? lineErr(i, 'productId')) && <div className="field-error">{lineErr(i, 'name') ?? lineErr(i, 'productId')}</div>}
              </div>
              <TextField
                label={t('orders.quantity')}
                inputMode="numeric"
                value={l.quantity}
                onChange={(e) => setLine(l.key, { quantity: e.target.value })}
                error={lineErr(i, 'quantity')}
              />
              <TextField
                label={t('orders.unitPrice')}
                inputMode="decimal"
                value={l.unitPrice}
                onChange={(e) => setLine(l.key, { unitPrice: e.target.value })}
                error={lineErr(i, 'unitPrice') ?? (amount(l.unitPrice) === null ? t('orders.notAnAmount') : undefined)}
              />
              <TextField
                label={t('orders.lineDiscount')}
                inputMode="decimal"
                value={l.discount}
                onChange={(e) => setLine(l.key, { discount: e.target.value })}
                error={lineErr(i, 'discount') ?? (amount(l.discount) === null ? t('orders.notAnAmount') : undefined)}
              />
              <div className="field">
                <span className="muted">{t('orders.lineTotal')}</span>
                <div className="num" data-testid="line-total" style={{ paddingBlock: 'var(--s2)' }}>
                  {fmt.money(totals.lines[i]?.lineTotal ?? 0, currency)}
                </div>
              </div>
              <Button
                size="sm"
                variant="ghost"
                icon
                aria-label={t('orders.removeLine')}
                disabled={lines.length === 1}
                onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
              >
                <Icon name="close" />
              </Button>
            </div>
          ))}
          <div>
            <Button size="sm" onClick={() => setLines((ls) => [...ls, blankLine()])}>
              <Icon name="plus" /> {t('orders.addLine')}
            </Button>
          </div>
        </fieldset>

        <div className="row" style={{ gap: 'var(--s3)', alignItems: 'flex-start', justifyContent: 'space-between' }}>
          <div className="row" style={{ gap: 'var(--s3)', alignItems: 'flex-start' }}>
            <TextField
              label={t('orders.orderDiscount')}
              inputMode="decimal"
              value={discount}
              onChange={(e) => setDiscount(e.target.value)}
              error={err('/discount') ?? (amount(discount) === null ? t('orders.notAnAmount') : undefined)}
            />
            <TextField
              label={t('orders.shipping')}
              inputMode="decimal"
              value={shipping}
              onChange={(e) => setShipping(e.target.value)}
              error={err('/shipping') ?? (amount(shipping) === null ? t('orders.notAnAmount') : undefined)}
            />
          </div>
          <dl className="totals" data-testid="order-totals">
            <dt>{t('orders.subtotal')}</dt>
            <dd>{fmt.money(totals.subtotal, currency)}</dd>
            <dt className="grand">{t('orders.total')}</dt>
            <dd className="grand">{fmt.money(totals.total, currency)}</dd>
          </dl>
        </div>
        {otherError && (
          <div className="alert alert-error" role="alert">
            {errorText(create.error)}
          </div>
        )}
      </form>
    </Dialog>
  );
}
