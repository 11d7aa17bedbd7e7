import { useQuery } from '@tanstack/react-query';
import { api } from './api-client.ts';

export type Member = { userId: string; email: string; name: string; role: string; teamIds: string[]; joinedAt: string; disabled: boolean };
export type Team = { id: string; name: string; memberIds: string[] };
export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'multi_select' | 'boolean' | 'currency';
export type CustomField = { id: string; entity: 'contact' | 'company'; key: string; label: string; type: CustomFieldType; options: { value: string; label: string }[]; currency: string | null; required: boolean; position: number };

/** Reference data every screen needs; cached for a minute and shared across screens. */
export function useMembers() {
  return useQuery({ queryKey: ['members'], queryFn: async () => (await api.get<{ data: Member[] }>('/members')).data, staleTime: 60_000 });
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: async () => (await api.get<{ data: Team[] }>('/teams')).data, staleTime: 60_000 });
}

export function useCustomFields(entity: 'contact' | 'company') {
  return useQuery({ queryKey: ['custom-fields', entity], queryFn: async () => (await api.get<{ data: CustomField[] }>('/custom-fields', { query: { entity } })).data, staleTime: 60_000 });
}

export function useMemberNames(): (id: string | null | undefined) => string {
  const members = useMembers();
  return (id) => (id ? (members.data?.find((m) => m.userId === id)?.name ?? '…') : '');
}
