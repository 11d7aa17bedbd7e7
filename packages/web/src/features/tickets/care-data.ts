import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api-client.ts';
import type { CannedReply, CareSettings, SlaPolicy } from './ticket-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/** The workspace's care settings (calendar, categories…), shared by the inbox, the ticket and the settings. */
export function useCareSettings() {
  return useQuery({ queryKey: ['care', 'settings'], queryFn: () => api.get<CareSettings>('/care/settings'), staleTime: 60_000 });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: ['care', 'sla-policies'],
    queryFn: async () => (await api.get<{ data: (SlaPolicy & { id: string })[] }>('/care/sla-policies')).data,
    staleTime: 60_000,
  });
}

export function useCannedReplies() {
  return useQuery({ queryKey: ['care', 'canned'], queryFn: async () => (await api.get<{ data: CannedReply[] }>('/canned-replies')).data, staleTime: 60_000 });
}

/** A category's name: the built-in ones in the user's language, a workspace's own as it was typed. */
export function useCategoryLabel(): (category: string | null | undefined) => string {
  useTranslation(); // re-render when the language changes
  return (c) => enumLabel('ticketCategory', c);
}
