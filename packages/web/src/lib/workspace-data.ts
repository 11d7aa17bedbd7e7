import { useQuery } from '@tanstack/react-query';
import { memberApi } from '@kith/domain/members/member.api.ts';
import { teamApi } from '@kith/domain/teams/team.api.ts';
import { api } from './api-client.ts';
import { call } from './api-call.ts';

export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'multi_select' | 'boolean' | 'currency';
export type CustomField = {
  id: string;
  entity: 'contact' | 'company';
  key: string;
  label: string;
  type: CustomFieldType;
  options: { value: string; label: string }[];
  currency: string | null;
  required: boolean;
  position: number;
};

/** Reference data every screen needs; cached for a minute and shared across screens. */
export function useMembers() {
  return useQuery({ queryKey: ['members'], queryFn: async () => (await call(memberApi.list)).data.data, staleTime: 60_000 });
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: async () => (await call(teamApi.list)).data.data, staleTime: 60_000 });
}

export function useCustomFields(entity: 'contact' | 'company') {
  return useQuery({
    queryKey: ['custom-fields', entity],
    queryFn: async () => (await api.get<{ data: CustomField[] }>('/custom-fields', { query: { entity } })).data,
    staleTime: 60_000,
  });
}

export function useMemberNames(): (id: string | null | undefined) => string {
  const members = useMembers();
  return (id) => (id ? (members.data?.find((m) => m.userId === id)?.name ?? '…') : '');
}
