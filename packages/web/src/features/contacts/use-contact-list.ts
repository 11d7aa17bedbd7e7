import { useMemo } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';
import type { Contact } from './contact-model.ts';
import { filterParams, type ListFilter } from './list-state.ts';

export const PAGE_SIZE = 100;

type Page = { data: Contact[]; nextCursor: string | null; total?: number };

export function contactListKey(q: string, filters: ListFilter[], sort: string | undefined) {
  return ['contacts', 'list', { q, filters, sort }] as const;
}

/**
 * Pages of 100 contacts, fetched as the grid scrolls (cursor pagination: page N+1 never repeats or
 * skips a row of page N, however the data changes in between). The total comes from its own request
 * so counting a million rows never holds back the first page.
 */
export function useContactList(q: string, filters: ListFilter[], sort: string | undefined) {
  const params = { ...(q ? { q } : {}), ...(sort ? { sort } : {}), ...filterParams(filters) };
  const list = useInfiniteQuery({
    queryKey: contactListKey(q, filters, sort),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api.get<Page>('/contacts', { query: { ...params, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const total = useQuery({
    queryKey: ['contacts', 'total', { q, filters }],
    queryFn: async ({ signal }) => (await api.get<Page>('/contacts', { query: { ...params, limit: 1, includeTotal: true }, signal })).total ?? 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const pages = list.data?.pages;
  const rows = useMemo(() => pages?.flatMap((p) => p.data) ?? [], [pages]);
  return { list, rows, total: total.data, totalPending: total.isFetching };
}
