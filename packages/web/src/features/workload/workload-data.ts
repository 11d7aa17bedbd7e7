import { useQuery } from '@tanstack/react-query';
import { workloadApi } from '@kith/domain/workload/workload.api.ts';
import { call } from '../../lib/api-call.ts';
import './workload.css';

/** The workload page's reads (GET /workload, /workload/peak), shared by the page and the summary on the home pages. */

export const workloadKey = ['workload'] as const;

export function useWorkload(teamId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...workloadKey, 'people', teamId ?? ''],
    queryFn: async () => (await call(workloadApi.get, { query: teamId ? { teamId } : {} })).data,
    enabled,
  });
}

export function usePeak(weeks: number, teamId: string | undefined) {
  return useQuery({
    queryKey: [...workloadKey, 'peak', weeks, teamId ?? ''],
    queryFn: async () => (await call(workloadApi.peak, { query: { weeks, ...(teamId ? { teamId } : {}) } })).data,
  });
}
