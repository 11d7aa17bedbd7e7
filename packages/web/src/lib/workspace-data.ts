import { useQuery } from '@tanstack/react-query';
import { customFieldApi, type CustomFieldOut } from '@kith/domain/custom-fields/custom-field.api.ts';
import type { CustomFieldEntity } from '@kith/domain/custom-fields/custom-field.ts';
import { memberApi } from '@kith/domain/members/member.api.ts';
import { teamApi } from '@kith/domain/teams/team.api.ts';
import { call } from './api-call.ts';

/** A custom field's definition: the contract's response (@kith/domain custom-fields/custom-field.api.ts). */
export type CustomField = CustomFieldOut;

/** Reference data every screen needs; cached for a minute and shared across screens. */
export function useMembers() {
  return useQuery({ queryKey: ['members'], queryFn: async () => (await call(memberApi.list)).data.data, staleTime: 60_000 });
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: async () => (await call(teamApi.list)).data.data, staleTime: 60_000 });
}

export function useCustomFields(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: ['custom-fields', entity],
    queryFn: async () => (await call(customFieldApi.list, { query: { entity } })).data.data,
    staleTime: 60_000,
  });
}

export function useMemberNames(): (id: string | null | undefined) => string {
  const members = useMembers();
  return (id) => (id ? (members.data?.find((m) => m.userId === id)?.name ?? '…') : '');
}
