import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { TimelineEntry, TimelineKind } from '@kith/domain/timeline/timeline.api.ts';
import type { Db } from '../db/create-db.ts';

/**
 * The customer's timeline is read from every feature that records something about a customer: each declares a
 * source in its module (`timeline`), and features/timeline merges their pages. A source reads at most `limit`
 * entries of `kind` for one contact, newest first (by `at`, then by `id`), strictly older than `after`.
 */
export type TimelineCursor = { at: string; id: string };
export type TimelineRead = { workspaceId: string; contactId: string; after: TimelineCursor | null; limit: number };
export type TimelineSource = { readonly kind: TimelineKind; readonly read: (db: Db, q: TimelineRead) => Promise<TimelineEntry[]> };

/**
 * The condition "older than the cursor" on a source's time and id columns: `at < cursor.at`, or the same time and
 * a smaller id. The same order in every source, so their pages merge.
 */
export function olderThan<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  at: Expression<unknown> | string,
  id: string,
  cur: TimelineCursor,
): Expression<SqlBool> {
  // biome-ignore lint/suspicious/noExplicitAny: the column names are the source's own, checked by its query
  const e = eb as ExpressionBuilder<any, any>;
  return e.or([e(at as never, '<', cur.at as never), e.and([e(at as never, '=', cur.at as never), e(id, '<', cur.id as never)])]);
}
