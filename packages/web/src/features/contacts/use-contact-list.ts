import { useMemo } from 'react';
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { contactApi } from '@kith/domain/contacts/contact.api.ts';
import { call } from '../../lib/api-call.ts';
import { filterParams, type ListFilter } from './list-state.ts';

export const PAGE_SIZE = 100;
export const SEARCH_PAGE_SIZE = 50;

type Page = ResponseOf<typeof contactApi.list>;

export function contactListKey(q: string, filters: ListFilter[], sort: string | undefined, segment?: string) {
  return ['contacts', 'list', { q, filters, sort, ...(segment ? { segment } : {}) }] as const;
}

/**
 * Pages of 100 contacts, fetched as the grid scrolls (cursor pagination: page N+1 never repeats or
 * skips a row of page N, however the data changes in between). The total comes from its own request
 * so counting a million rows never holds back the first page.
 */
const paramsOf = (q: string, filters: ListFilter[], sort: string | undefined, segment?: string) => ({
  ...(q ? { q } : {}),
  ...(sort ? { sort } : {}),
  ...(segment ? { segment } : {}),
  ...filterParams(filters),
});

/** The list's pages, as a query (also prefetched at start-up for the unfiltered list: see app.tsx). */
export const contactListQuery = (q: string, filters: ListFilter[], sort: string | undefined, segment?: string) =>
  infiniteQueryOptions({
    queryKey: contactListKey(q, filters, sort, segment),
    initialPageParam: null as string | null,
    // A search asks for half a page: the screen shows ~20 rows, and on PostgreSQL a rare name is found
    // sooner when fewer matches are needed (bench/ui.ts); scrolling fetches the rest.
    queryFn: async ({ pageParam, signal }) =>
      (await call(contactApi.list, { query: { ...paramsOf(q, filters, sort, segment), limit: q ? SEARCH_PAGE_SIZE : PAGE_SIZE, cursor: pageParam }, signal }))
        .data,
    getNextPageParam: (last: Page) => last.nextCursor,
    staleTime: 30_000,
  });

export const contactTotalQuery = (q: string, filters: ListFilter[], sort: string | undefined, segment?: string) =>
  queryOptions({
    queryKey: ['contacts', 'total', { q, filters, ...(segment ? { segment } : {}) }],
    queryFn: async ({ signal }) =>
      (await call(contactApi.list, { query: { ...paramsOf(q, filters, sort, segment), limit: 1, includeTotal: true }, signal })).data.total ?? 0,
    staleTime: 30_000,
  });

export function useContactList(q: string, filters: ListFilter[], sort: string | undefined, segment?: string) {
  const list = useInfiniteQuery({ ...contactListQuery(q, filters, sort, segment), placeholderData: keepPreviousData });
  // The count starts once this query's first page is in: on a 2-core server, counting a common word over a
  // million rows would otherwise compete with the page the user is waiting for (measured in bench/ui.ts).
  const listReady = list.isFetched && !list.isPlaceholderData;
  const total = useQuery({ ...contactTotalQuery(q, filters, sort, segment), placeholderData: keepPreviousData, enabled: listReady });
  const pages = list.data?.pages;
  const rows = useMemo(() => pages?.flatMap((p) => p.data) ?? [], [pages]);
  return { list, rows, total: total.data, totalStale: total.isPlaceholderData || !listReady };
}
