import { useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { BUILTIN_KPIS, isBuiltinKpi, type KpiUnit } from '@kith/domain/kpis/kpis.ts';
import { rewardApi } from '@kith/domain/rewards/rewards.api.ts';
import { useTranslation } from 'react-i18next';
import { useCan, useRequiredSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import type { Formatters } from '../../lib/format.ts';
import { useMembers } from '../../lib/workspace-data.ts';

/** The reward screens' shapes, all derived from the contracts (@kith/domain rewards/rewards.api.ts). */
export type Reward = ResponseOf<typeof rewardApi.get>;
export type RewardRecord = ResponseOf<typeof rewardApi.record>;
export type RewardRule = ResponseOf<typeof rewardApi.getRule>;
export type RewardFilters = { personId: string; kind: string; status: string; period: string };

export const REWARDS_KEY = ['rewards'] as const;

export function useRewardList(f: RewardFilters) {
  return useQuery({
    queryKey: [...REWARDS_KEY, 'list', f],
    queryFn: async ({ signal }) =>
      (
        await call(rewardApi.list, {
          query: { limit: 200, personId: f.personId || undefined, kind: f.kind || undefined, status: f.status || undefined, period: f.period || undefined },
          signal,
        })
      ).data,
  });
}

export function useRecord(userId: string, enabled = true) {
  return useQuery({
    queryKey: [...REWARDS_KEY, 'record', userId],
    queryFn: async ({ signal }) => (await call(rewardApi.record, { params: { userId }, signal })).data,
    enabled,
  });
}

export function useRules() {
  return useQuery({ queryKey: [...REWARDS_KEY, 'rules'], queryFn: async ({ signal }) => (await call(rewardApi.rules, { signal })).data.data });
}

/**
 * The members the signed-in member may propose for, from the same people scope the server applies
 * (docs/permissions.md): everyone for owners and admins, themselves and their teams' members for a manager.
 */
export function useProposable() {
  const s = useRequiredSession();
  const can = useCan();
  const members = useMembers();
  const all = (members.data ?? []).filter((m) => !m.disabled);
  if (!can('rewards.propose')) return [];
  if (s.role === 'owner' || s.role === 'admin') return all;
  const mine = new Set(all.find((m) => m.userId === s.user.id)?.teamIds ?? []);
  return all.filter((m) => m.userId === s.user.id || m.teamIds.some((t) => mine.has(t)));
}

export const kpiUnit = (key: string | null): KpiUnit | null => (key && isBuiltinKpi(key) ? BUILTIN_KPIS[key].unit : null);

export function useKpiName(): (key: string | null) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (key) => (key && isBuiltinKpi(key) ? BUILTIN_KPIS[key].name[lang] : (key ?? ''));
}

/** A KPI's value as people read it: shares as percentages, money in the workspace's currency. */
export function kpiValue(fmt: Formatters, key: string | null, value: number | null): string {
  if (value === null) return '—';
  switch (kpiUnit(key)) {
    case 'share':
      return `${fmt.number(Math.round(value * 1000) / 10)}%`;
    case 'money':
      return fmt.money(value);
    case 'score':
      return fmt.number(Math.round(value * 100) / 100);
    default:
      return fmt.number(Math.round(value * 10) / 10);
  }
}

/** Points as a signed figure: +5, −3. */
export const signedPoints = (fmt: Formatters, n: number) => (n > 0 ? `+${fmt.number(n)}` : n < 0 ? `−${fmt.number(-n)}` : fmt.number(0));

/** What an entry carries: its money and its points, signed by its kind. */
export function carries(fmt: Formatters, r: Pick<Reward, 'kind' | 'amount' | 'currency' | 'points'>): string {
  const neg = r.kind === 'warning' || r.kind === 'penalty';
  const parts: string[] = [];
  if (r.amount !== null) parts.push(`${neg ? '−' : '+'}${fmt.money(r.amount, r.currency ?? undefined)}`);
  if (r.points !== null) parts.push(signedPoints(fmt, neg ? -r.points : r.points));
  return parts.join(' · ');
}

export const KIND_BADGE: Record<Reward['kind'], string> = {
  recognition: 'badge-success',
  bonus: 'badge-success',
  warning: 'badge-warning',
  penalty: 'badge-danger',
};
export const STATUS_BADGE: Record<Reward['status'], string> = {
  proposed: 'badge-warning',
  approved: 'badge-success',
  rejected: 'badge-danger',
  withdrawn: 'badge-neutral',
};
