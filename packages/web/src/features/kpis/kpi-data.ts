import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { kpiApi } from '@kith/domain/kpis/kpi.api.ts';
import { type Period, type PeriodKind, parsePeriod, periodOf, previousPeriod } from '@kith/domain/kpis/kpis.ts';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import { useRequiredSession } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { useTeams } from '../../lib/workspace-data.ts';
import './kpis.css';

/** The KPI screens' shapes, all derived from the contracts (@kith/domain kpis/kpi.api.ts). */
export type Kpi = ResponseOf<typeof kpiApi.list>[number];
export type Report = ResponseOf<typeof kpiApi.report>;
export type ReportRow = Report['rows'][number];
export type PeriodInfo = Report['period'];
export type History = ResponseOf<typeof kpiApi.history>;
export type Target = ResponseOf<typeof kpiApi.targets>['data'][number];
export type ClosedPeriod = ResponseOf<typeof kpiApi.periods>['data'][number];
export type PlanRow = ResponseOf<typeof kpiApi.plans>['data'][number];

/** Whom a scorecard is about: a person or a team. */
export type Subject = { by: 'user' | 'team'; id: string };

type Lang = 'vi' | 'en';
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

export const kpiName = (k: Pick<Kpi, 'name'> | undefined, lang: Lang): string => (k ? k.name[lang] || k.name.vi : '');

// ------------------------------------------------------------------------------------------------ periods

/** The period of this kind holding today, in the workspace's time zone. */
export function useCurrentPeriod(kind: PeriodKind = 'month'): string {
  const s = useRequiredSession();
  return periodOf(kind, new Date(), s.workspace.timezone).key;
}

export function nextPeriod(p: Period): Period {
  if (p.kind === 'year') return parsePeriod(String(p.year + 1))!;
  if (p.kind === 'quarter') return p.month === 9 ? parsePeriod(`${p.year + 1}-Q1`)! : parsePeriod(`${p.year}-Q${p.month / 3 + 2}`)!;
  return p.month === 11 ? parsePeriod(`${p.year + 1}-01`)! : parsePeriod(`${p.year}-${String(p.month + 2).padStart(2, '0')}`)!;
}

/** `count` periods of one kind ending with `last` (oldest first). */
export function periodsUpTo(last: string, count: number): string[] {
  let p = parsePeriod(last);
  const out: string[] = [];
  for (let i = 0; p && i < count; i++, p = previousPeriod(p)) out.unshift(p.key);
  return out;
}

/** "Tháng 11/2026" / "November 2026", "Quý 4/2026" / "Q4 2026", "Năm 2026" / "2026". */
export function periodLabel(t: TFunction, lang: string, key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  if (p.kind === 'year') return t('kpis.period.yearLabel', { year: p.year });
  if (p.kind === 'quarter') return t('kpis.period.quarterLabel', { q: p.month / 3 + 1, year: p.year });
  const month =
    lang === 'en' ? new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(p.year, p.month, 1))) : String(p.month + 1);
  return t('kpis.period.monthLabel', { month, year: p.year });
}

export function usePeriodLabel(): (key: string) => string {
  const { t, i18n } = useTranslation();
  return (key) => periodLabel(t, i18n.language, key);
}

// ------------------------------------------------------------------------------------------------ who sees whom

/**
 * Whose figures the signed-in member sees (the people scope, docs/permissions.md): owners and admins everyone and
 * every team; a manager their teams' members and those teams; anyone else only themselves. The server enforces it;
 * the screens use it to offer only what will answer.
 */
export function usePeopleReach(): { all: boolean; teams: boolean; others: boolean } {
  const s = useRequiredSession();
  const all = grantOf(s.role, 'kpis.read') === true;
  const manager = s.role === 'manager';
  return { all, teams: all || manager, others: all || manager };
}

/** The teams in the signed-in member's reach: all of them for owners and admins, a manager's own teams. */
export function useReachableTeams() {
  const s = useRequiredSession();
  const reach = usePeopleReach();
  const teams = useTeams();
  const list = (teams.data ?? []).filter((t) => reach.all || (reach.teams && t.memberIds.includes(s.user.id)));
  return { ...teams, data: teams.data ? list : undefined };
}

// ------------------------------------------------------------------------------------------------ queries

export function useKpis() {
  return useQuery({ queryKey: ['kpis', 'list'], queryFn: async ({ signal }) => (await call(kpiApi.list, { signal })).data, staleTime: 60_000 });
}

/** A period's figures per person (everyone in reach, or one team's members) or per team. */
export function useKpiReport(period: string, by: 'user' | 'team', o: { teamId?: string | undefined; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['kpis', 'report', period, by, o.teamId ?? null],
    queryFn: async ({ signal }) => (await call(kpiApi.report, { query: { period, by, teamId: o.teamId }, signal })).data,
    enabled: o.enabled ?? true,
    staleTime: 30_000,
  });
}

export function useKpiHistory(period: string, subject: Subject | null, kpi: string | null, count = 6) {
  return useQuery({
    queryKey: ['kpis', 'history', period, subject?.by, subject?.id, kpi, count],
    queryFn: async ({ signal }) =>
      (
        await call(kpiApi.history, {
          query: { period, count, kpi: kpi ?? undefined, ...(subject?.by === 'team' ? { teamId: subject.id } : { userId: subject?.id }) },
          signal,
        })
      ).data,
    enabled: !!subject && !!kpi,
    staleTime: 30_000,
  });
}

export function useKpiTargets(period: string, teamId: string | undefined) {
  return useQuery({
    queryKey: ['kpis', 'targets', period, teamId ?? null],
    queryFn: async ({ signal }) => (await call(kpiApi.targets, { query: { period, teamId }, signal })).data.data,
    enabled: !!teamId,
  });
}

export function useClosedPeriods() {
  return useQuery({ queryKey: ['kpis', 'periods'], queryFn: async ({ signal }) => (await call(kpiApi.periods, { signal })).data.data });
}

export function useSegmentPlans(period: string, enabled = true) {
  return useQuery({
    queryKey: ['kpis', 'plans', period],
    queryFn: async ({ signal }) => (await call(kpiApi.plans, { query: { period }, signal })).data,
    enabled,
  });
}

/** A subject's row of one KPI in a report. */
export function rowOf(report: Report | undefined, subject: Subject, kpi: string): ReportRow | undefined {
  return report?.rows.find((r) => r.kpi === kpi && (subject.by === 'user' ? r.userId === subject.id : r.teamId === subject.id));
}

export function scoreOf(report: Report | undefined, id: string): number | null {
  return report?.scores.find((s) => s.id === id)?.score ?? null;
}

/** The colours of the KPI screens' charts: the figure, its target, the pace. */
export const COLORS = { value: '#0f766e', target: '#d97706', behind: '#b42318', team: '#2563eb' } as const;
