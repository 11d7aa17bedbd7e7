import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import { call } from '../../lib/api-call.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/** The workspace's care settings (calendar, categories…), shared by the inbox, the ticket and the settings. */
export function useCareSettings() {
  return useQuery({ queryKey: ['care', 'settings'], queryFn: async ({ signal }) => (await call(ticketApi.settings, { signal })).data, staleTime: 60_000 });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: ['care', 'sla-policies'],
    queryFn: async ({ signal }) => (await call(ticketApi.slaPolicies, { signal })).data.data,
    staleTime: 60_000,
  });
}

export function useCannedReplies() {
  return useQuery({
    queryKey: ['care', 'canned'],
    queryFn: async ({ signal }) => (await call(ticketApi.cannedReplies, { signal })).data.data,
    staleTime: 60_000,
  });
}

/** A category's name: the built-in ones in the user's language, a workspace's own as it was typed. */
export function useCategoryLabel(): (category: string | null | undefined) => string {
  useTranslation(); // re-render when the language changes
  return (c) => enumLabel('ticketCategory', c);
}
