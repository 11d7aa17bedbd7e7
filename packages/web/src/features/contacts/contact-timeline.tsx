import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';
import { api } from '../../lib/api-client.ts';
import { useFormat } from '../../lib/format.ts';
import { useMemberNames } from '../../lib/workspace-data.ts';

type Entry = { id: string; kind: 'change'; action: string; at: string; actorUserId: string | null; viaToken: boolean; before: unknown; after: unknown };

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(short).join(', ') : '—';
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${short(x && typeof x === 'object' && 'status' in x ? (x as { status: string }).status : x)}`).join('; ');
  const s = String(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** What happened to the contact, newest first (its changes for now; orders and interactions join later). */
export function ContactTimeline({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const who = useMemberNames();
  const q = useInfiniteQuery({
    queryKey: ['timeline', contactId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<{ data: Entry[]; nextCursor: string | null }>(`/contacts/${contactId}/timeline`, { query: { limit: 30, cursor: pageParam } }),
    getNextPageParam: (p) => p.nextCursor,
  });
  if (q.isPending) return <div className="progress" />;
  if (q.isError) return <p className="muted">{t('errors.unexpected')}</p>;
  const entries = q.data.pages.flatMap((p) => p.data);
  if (entries.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <>
      <ol className="timeline" data-testid="timeline">
        {entries.map((e) => {
          const after = (e.after ?? {}) as Record<string, unknown>;
          const before = (e.before ?? {}) as Record<string, unknown>;
          const changed = e.action === 'update' ? Object.keys(after) : [];
          return (
            <li key={e.id}>
              <div>
                <strong>{t(`timeline.actions.${e.action}`, { defaultValue: e.action })}</strong>
                <span className="muted">
                  {' · '}
                  {who(e.actorUserId) || t('timeline.system')}
                  {e.viaToken ? ` (${t('timeline.api')})` : ''}
                </span>
              </div>
              <time className="muted" dateTime={e.at} title={fmt.dateTime(e.at)} style={{ fontSize: 'var(--text-sm)' }}>
                {fmt.relative(e.at)}
              </time>
              {changed.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 'var(--s4)', fontSize: 'var(--text-sm)' }}>
                  {changed.map((k) => (
                    <li key={k} style={{ border: 0, padding: 0 }}>
                      {t(`contactFields.${k}`, { defaultValue: k })}: <s className="muted">{short(before[k])}</s> → {short(after[k])}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {q.hasNextPage && (
        <Button size="sm" onClick={() => void q.fetchNextPage()} busy={q.isFetchingNextPage}>
          {t('common.showMore')}
        </Button>
      )}
    </>
  );
}
