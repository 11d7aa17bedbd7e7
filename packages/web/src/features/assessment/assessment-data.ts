import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { useCan } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import './assessment.css';

/** The assessment screens' shapes, all derived from the contracts (@kith/domain assessment/assessment.api.ts). */
export type Framework = ResponseOf<typeof assessmentApi.framework>;
export type Assessment = ResponseOf<typeof assessmentApi.get>;
export type Report = ResponseOf<typeof assessmentApi.report>;
export type ReportArea = Report['areas'][number];
export type Evidence = ReportArea['evidence'][number];
export type Consolidation = ResponseOf<typeof assessmentApi.consolidation>;
export type Respondent = ResponseOf<typeof assessmentApi.respondents>['data'][number];
export type MyScores = ResponseOf<typeof assessmentApi.myScores>;
export type Score = MyScores['scores'][number];
export type EvidenceLink = Score['evidence'][number];
export type History = ResponseOf<typeof assessmentApi.history>['data'];

export const LEVELS = [0, 1, 2, 3, 4] as const;

type Lang = 'vi' | 'en';
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

/**
 * Whether the signed-in member runs assessments (starts them, invites respondents, edits frameworks), from the
 * permission table the server enforces (docs/permissions.md); everyone else answers the ones they are invited to.
 */
export function useIsAssessor(): boolean {
  return useCan()('assessments.manage');
}

export function useFrameworks() {
  const lang = useLang();
  return useQuery({
    queryKey: ['assessment', 'frameworks', lang],
    queryFn: async ({ signal }) => (await call(assessmentApi.frameworks, { query: { lang }, signal })).data,
    staleTime: 60_000,
  });
}

export function useFramework(key: string | undefined, lang?: Lang) {
  const current = useLang();
  const l = lang ?? current;
  return useQuery({
    queryKey: ['assessment', 'framework', key, l],
    queryFn: async ({ signal }) => (await call(assessmentApi.framework, { params: { key: key ?? '' }, query: { lang: l }, signal })).data,
    enabled: !!key,
    staleTime: 60_000,
  });
}

/** The framework as an assessment uses it: the version it started with (a copy edited since does not change it). */
export function useAssessmentFramework(id: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['assessments', id, 'framework', lang],
    queryFn: async ({ signal }) => (await call(assessmentApi.assessmentFramework, { params: { id }, query: { lang }, signal })).data,
    staleTime: 60_000,
  });
}

export function useAssessments() {
  const lang = useLang();
  return useQuery({
    queryKey: ['assessments', 'list', lang],
    queryFn: async ({ signal }) => (await call(assessmentApi.list, { query: { lang }, signal })).data.data,
  });
}

export function useAssessment(id: string) {
  const lang = useLang();
  return useQuery({
    queryKey: ['assessments', id, 'get', lang],
    queryFn: async ({ signal }) => (await call(assessmentApi.get, { params: { id }, query: { lang }, signal })).data,
  });
}

export function useReport(id: string, enabled = true) {
  const lang = useLang();
  return useQuery({
    queryKey: ['assessments', id, 'report', lang],
    queryFn: async ({ signal }) => (await call(assessmentApi.report, { params: { id }, query: { lang }, signal })).data,
    enabled,
  });
}

/** The colours of the report's series: this assessment, the previous one, the benchmark median, the quartile bands. */
export const COLORS = {
  current: '#0f766e',
  previous: '#7c3aed',
  benchmark: '#d97706',
  intention: '#2563eb',
  reality: '#0f766e',
  gap: '#b42318',
  bands: ['rgba(180,35,24,0.12)', 'rgba(217,119,6,0.12)', 'rgba(37,99,235,0.12)', 'rgba(6,118,71,0.14)'],
} as const;

export const QUARTILE_BADGE: Record<number, string> = { 1: 'badge-danger', 2: 'badge-warning', 3: 'badge-info', 4: 'badge-success' };
