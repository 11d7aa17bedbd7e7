import { invalid, notFound } from '@kith/domain/errors.ts';
import { parseSearchQuery } from '@kith/domain/search/contact-search.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { decodeCursor, encodeCursor, parseFilters, parseSort } from '../../platform/records/list-query.ts';
import { contactRegistryFor } from './contact.fields.ts';
import { segmentFilter } from '../segments/segment.service.ts';
import { scoreSummaries, type ScoreSummary } from '../analytics/score-summary.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import { countContactRows, findContact, listContactRows, type ContactWithCompany, type Deleted } from './contact.repository.ts';

/** Reading contacts: one, and the list (filters, a saved segment, search, sort, cursor paging, scores). */

export async function getContact(core: Core, actor: Actor, id: string, deleted: Deleted = 'exclude'): Promise<ContactWithCompany> {
  const scope = scopeFor(actor, 'contacts.read');
  const c = await findContact(core.db, scope, id, deleted);
  if (!c) throw notFound('Contact');
  return c;
}

export type ListQuery = { q?: string; sort?: string; cursor?: string; limit: number; deleted: Deleted; includeTotal: boolean; raw: Record<string, unknown> };

export const LIST_PARAMS = ['q', 'sort', 'cursor', 'limit', 'deleted', 'includeTotal', 'segment'] as const;

export async function listContacts(
  core: Core,
  actor: Actor,
  query: ListQuery,
): Promise<{ data: (ContactWithCompany & { scores: ScoreSummary | null })[]; nextCursor: string | null; total?: number }> {
  const scope = scopeFor(actor, 'contacts.read');
  if (query.deleted !== 'exclude') authorize(actor, 'contacts.delete');
  const { registry, fields } = await contactRegistryFor(core, actor.workspaceId);
  const filters = parseFilters(query.raw, registry, fields, core.dialect, 'contacts', LIST_PARAMS);
  // A saved segment's conditions apply on top of the list's own filters.
  const segmentId = query.raw.segment;
  if (segmentId !== undefined && typeof segmentId !== 'string') throw invalid([{ path: ['segment'], message: 'Must be one segment id' }]);
  const groups = segmentId ? [await segmentFilter(core, actor, segmentId)] : [];
  const tokens = query.q ? parseSearchQuery(query.q) : [];
  const searchFirst = tokens.length > 0 && !query.sort;
  const sort = searchFirst ? null : parseSort(query.sort, registry, fields, core.dialect, 'contacts', '-createdAt');
  const sortKey = sort ? `${sort.dir === 'desc' ? '-' : ''}${sort.name}` : 'search';
  const cursor = query.cursor ? decodeCursor(query.cursor, sortKey) : null;
  let searchAfterSeq: number | null = null;
  if (cursor && !sort) {
    if (typeof cursor.v !== 'number') throw invalid([{ path: ['cursor'], message: 'Not a valid cursor' }]);
    searchAfterSeq = cursor.v;
  }
  const { rows, sortValues, seqs } = await listContactRows(core.db, core.dialect, scope, {
    filters,
    sort,
    cursor: sort ? cursor : null,
    searchAfterSeq,
    limit: query.limit + 1,
    searchTokens: tokens,
    deleted: query.deleted,
    groups,
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const scores = await scoreSummaries(
    core.db,
    actor.workspaceId,
    page.map((c) => c.id),
  );
  const data = page.map((c) => ({ ...c, scores: scores.get(c.id) ?? null }));
  const i = data.length - 1;
  const nextCursor = more ? encodeCursor({ s: sortKey, v: sort ? ((sortValues[i] as string | number | null) ?? null) : seqs[i]!, id: data[i]!.id }) : null;
  const total = query.includeTotal
    ? await countContactRows(core.db, core.dialect, scope, { filters, groups, searchTokens: tokens, deleted: query.deleted })
    : undefined;
  return total === undefined ? { data, nextCursor } : { data, nextCursor, total };
}
