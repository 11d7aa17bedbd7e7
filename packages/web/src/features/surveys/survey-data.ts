import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.tsx';
import { surveyApi } from '@kith/domain/surveys/survey.api.ts';
import { call } from '../../lib/api-call.ts';
import { wordingIn, type Survey } from './survey-model.ts';

/** The workspace's surveys (for those who may read them), shared by the list, the dashboard and the invite dialog. */
export function useSurveys() {
  const can = useCan();
  return useQuery({
    queryKey: ['surveys', 'list'],
    queryFn: async ({ signal }) => (await call(surveyApi.list, { signal })).data.data,
    staleTime: 30_000,
    enabled: can('surveys.read'),
  });
}

/** The active surveys the member may send (agents too, who do not read the results). */
export function useSendableSurveys() {
  const can = useCan();
  return useQuery({
    queryKey: ['surveys', 'sendable'],
    queryFn: async ({ signal }) => (await call(surveyApi.sendable, { signal })).data.data,
    staleTime: 30_000,
    enabled: can('surveys.send'),
  });
}

/** A survey's title for its customers, in the user's language (its name when it has none). */
export function useSurveyTitle(): (s: Pick<Survey, 'name' | 'title'>) => string {
  const { i18n } = useTranslation();
  return (s) => wordingIn(s.title, i18n.language) || s.name;
}
