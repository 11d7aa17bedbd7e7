import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { duplicateApi, type DuplicateCandidate } from '@kith/domain/duplicates/duplicate.api.ts';
import type { BodyOf, ResponseOf } from '@kith/domain/api/contract.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { provinceName } from '../../lib/provinces.ts';
import { displayPhone } from '../contacts/contact-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/**
 * The review of duplicate contacts: each pair side by side, what they share (the reasons) and where they
 * differ; the person picks the contact that stays and, for each differing field, whose value to keep, then
 * merges — or says they are two people. A merge can be undone from here.
 */

type Pair = DuplicateCandidate;
/** One side of a pair. */
type Brief = Pair['a'];
type Merged = ResponseOf<typeof duplicateApi.merge>;

/** Fields shown side by side; the single-valued ones that differ get a choice. */
const ROWS = [
  'name',
  'phones',
  'emails',
  'birthday',
  'gender',
  'province',
  'company',
  'externalId',
  'occupation',
  'jobTitle',
  'addressLine',
  'tags',
  'notes',
  'createdAt',
] as const;
/** The fields a merge lets the person choose between (each one the merge's `prefer` names). */
const CHOOSABLE_FIELDS = [
  'name',
  'birthday',
  'gender',
  'province',
  'externalId',
  'occupation',
  'jobTitle',
  'addressLine',
  'notes',
] as const satisfies readonly (keyof Prefer)[];
type Prefer = NonNullable<BodyOf<typeof duplicateApi.merge>['prefer']>;
const CHOOSABLE = new Set<string>(CHOOSABLE_FIELDS);
const isChoosable = (f: string): f is (typeof CHOOSABLE_FIELDS)[number] => CHOOSABLE.has(f);

export default function DuplicatesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const fmt = useFormat();
  const notify = useToast();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: ['duplicates'],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await call(duplicateApi.list, { query: { limit: 20, cursor: pageParam } })).data,
    getNextPageParam: (p) => p.nextCursor,
  });
  const detect = useMutation({
    mutationFn: async () => (await call(duplicateApi.detect)).data,
    onSuccess: (r) => {
      notify(
        t('duplicates.detected', {
          count: r.candidates,
          n: fmt.number(r.candidates),
          compared: fmt.number(r.pairsCompared),
          contacts: fmt.number(r.contacts),
          seconds: fmt.number(Math.round(r.seconds * 10) / 10),
        }),
      );
      void qc.invalidateQueries({ queryKey: ['duplicates'] });
    },
  });
  const pairs = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('duplicates.title')}</h1>
        <span className="spacer" />
        {can('contacts.delete') && (
          <Button variant="primary" onClick={() => detect.mutate()} busy={detect.isPending} data-testid="detect-duplicates">
            <Icon name="search" /> {t('duplicates.detect')}
          </Button>
        )}
      </div>
      <p className="muted">{t('duplicates.intro')}</p>
      {detect.isPending && <div className="progress" role="status" aria-label={t('duplicates.detecting')} />}
      {(list.isError || detect.isError) && (
        <div className="alert alert-error" role="alert">
          {errorText(list.error ?? detect.error)}
        </div>
      )}
      {list.isSuccess && pairs.length === 0 ? (
        <EmptyState icon={<Icon name="contacts" size={36} />} title={t('duplicates.emptyTitle')}>
          {t('duplicates.emptyBody')}
        </EmptyState>
      ) : (
        <div className="stack" style={{ gap: 16 }}>
          {pairs.map((p) => (
            <PairCard key={p.id} pair={p} />
          ))}
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
              {t('duplicates.more')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function show(c: Brief, f: (typeof ROWS)[number], fmt: ReturnType<typeof useFormat>, lang: string): string {
  switch (f) {
    case 'phones':
      return c.phones.map(displayPhone).join(', ');
    case 'emails':
    case 'tags':
      return c[f].join(', ');
    case 'birthday':
      return fmt.date(c.birthday);
    case 'createdAt':
      return fmt.dateTime(c.createdAt);
    case 'gender':
      return c.gender ? enumLabel('gender', c.gender) : '';
    case 'province':
      return c.province ? provinceName(c.province, lang) : '';
    case 'company':
      return c.company?.name ?? '';
    default:
      return c[f] ?? '';
  }
}

export function PairCard({ pair }: { pair: Pair }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const notify = useToast();
  const errorText = useErrorText();
  const qc = useQueryClient();
  // The older contact stays by default.
  const [survivor, setSurvivor] = useState<'a' | 'b'>(pair.a.createdAt <= pair.b.createdAt ? 'a' : 'b');
  const [choice, setChoice] = useState<Record<string, 'a' | 'b'>>({});
  const [merged, setMerged] = useState<Merged | null>(null);
  const s = survivor === 'a' ? pair.a : pair.b;
  const o = survivor === 'a' ? pair.b : pair.a;
  const differs = (f: (typeof ROWS)[number]): f is (typeof CHOOSABLE_FIELDS)[number] =>
    isChoosable(f) &&
    show(pair.a, f, fmt, i18n.language) !== '' &&
    show(pair.b, f, fmt, i18n.language) !== '' &&
    show(pair.a, f, fmt, i18n.language) !== show(pair.b, f, fmt, i18n.language);
  const pick = (f: string) => choice[f] ?? survivor;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['duplicates'] });
    void qc.invalidateQueries({ queryKey: ['contacts'] });
  };
  const merge = useMutation({
    mutationFn: async () => {
      const prefer: Prefer = {};
      for (const f of ROWS) if (differs(f)) prefer[f] = pick(f) === survivor ? 'survivor' : 'merged';
      return (await call(duplicateApi.merge, { body: { survivorId: s.id, mergedId: o.id, prefer } })).data;
    },
    onSuccess: (m) => setMerged(m),
  });
  const undo = useMutation({
    mutationFn: () => call(duplicateApi.undoMerge, { params: { id: merged!.id } }),
    onSuccess: () => {
      setMerged(null);
      notify(t('duplicates.unmerged'));
      refresh();
    },
  });
  const dismiss = useMutation({ mutationFn: () => call(duplicateApi.dismiss, { params: { id: pair.id } }), onSuccess: refresh });
  if (merged) {
    return (
      <div className="card" data-testid="pair-merged">
        <div className="card-body row" style={{ flexWrap: 'wrap' }}>
          <span className="badge badge-success">{t('duplicates.mergedBadge')}</span>
          <span>
            {t('duplicates.mergedInto', {
              name: merged.contact.name,
              orders: merged.moved.orders,
              interactions: merged.moved.interactions,
              tasks: merged.moved.tasks,
            })}
          </span>
          <span className="spacer" />
          <Link href={`/contacts/${merged.survivorId}`}>{t('duplicates.open')}</Link>
          <Button onClick={() => undo.mutate()} busy={undo.isPending} data-testid="undo-merge">
            {t('duplicates.undo')}
          </Button>
          <Button variant="ghost" onClick={refresh}>
            {t('duplicates.next')}
          </Button>
        </div>
        {undo.isError && (
          <div className="alert alert-error" role="alert">
            {errorText(undo.error)}
          </div>
        )}
      </div>
    );
  }
  return (
    <section className="card" aria-label={t('duplicates.pairLabel', { a: pair.a.name, b: pair.b.name })} data-testid="duplicate-pair">
      <div className="card-header" style={{ flexWrap: 'wrap', gap: 8 }}>
        <span className={`badge ${pair.score >= 0.8 ? 'badge-danger' : 'badge-warning'}`} title={t('duplicates.scoreHint')}>
          {t('duplicates.score', { pct: Math.round(pair.score * 100) })}
        </span>
        {pair.reasons.map((r) => (
          <span key={r} className={`badge ${r.startsWith('different') ? 'badge-neutral' : 'badge-info'}`}>
            {enumLabel('duplicateReason', r)}
          </span>
        ))}
      </div>
      <div className="card-body" style={{ overflow: 'auto' }}>
        <table className="table pair-table">
          <thead>
            <tr>
              <th>
                <span className="visually-hidden">{t('duplicates.field')}</span>
              </th>
              {(['a', 'b'] as const).map((k) => (
                <th key={k}>
                  <label className="row" style={{ gap: 6 }}>
                    <input type="radio" name={`survivor-${pair.id}`} checked={survivor === k} onChange={() => setSurvivor(k)} />
                    <span>{survivor === k ? t('duplicates.keeps') : t('duplicates.goes')}</span>
                  </label>
                  <Link href={`/contacts/${pair[k].id}`}>{pair[k].name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((f) => {
              const va = show(pair.a, f, fmt, i18n.language);
              const vb = show(pair.b, f, fmt, i18n.language);
              if (!va && !vb) return null;
              const choose = differs(f);
              const label = f === 'createdAt' ? t('contactFields.createdAt') : t(`contactFields.${f}`);
              return (
                <tr key={f} className={choose ? 'pair-differs' : undefined}>
                  <th scope="row">{label}</th>
                  {(['a', 'b'] as const).map((k) => (
                    <td key={k}>
                      {choose ? (
                        <label className="row" style={{ gap: 6 }}>
                          <input
                            type="radio"
                            name={`${pair.id}-${f}`}
                            checked={pick(f) === k}
                            onChange={() => setChoice((c) => ({ ...c, [f]: k }))}
                            aria-label={t('duplicates.keepValue', { field: label, value: k === 'a' ? va : vb })}
                          />
                          <span>{k === 'a' ? va : vb}</span>
                        </label>
                      ) : (
                        <span className={(k === 'a' ? va : vb) ? undefined : 'muted'}>{(k === 'a' ? va : vb) || '—'}</span>
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {(merge.isError || dismiss.isError) && (
          <div className="alert alert-error" role="alert">
            {errorText(merge.error ?? dismiss.error)}
          </div>
        )}
        <div className="row" style={{ marginBlockStart: 12 }}>
          {can('contacts.delete') && (
            <Button variant="primary" onClick={() => merge.mutate()} busy={merge.isPending} data-testid="merge-pair">
              {t('duplicates.merge', { name: s.name })}
            </Button>
          )}
          {can('contacts.update') && (
            <Button onClick={() => dismiss.mutate()} busy={dismiss.isPending} data-testid="dismiss-pair">
              {t('duplicates.dismiss')}
            </Button>
          )}
          <span className="muted">{t('duplicates.listsJoined')}</span>
        </div>
      </div>
    </section>
  );
}
