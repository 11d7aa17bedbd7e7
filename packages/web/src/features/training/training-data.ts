import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@kith/domain/api/contract.ts';
import { trainingApi } from '@kith/domain/training/training.api.ts';
import { call } from '../../lib/api-call.ts';
import './training.css';

/** The training screens' shapes, derived from the contracts (@kith/domain training/training.api.ts). */
export type Catalogue = ResponseOf<typeof trainingApi.catalogue>;
export type Matrix = ResponseOf<typeof trainingApi.matrix>;
export type TrainingRecord = ResponseOf<typeof trainingApi.personRecords>['data'][number];

export function useCatalogue() {
  return useQuery({
    queryKey: ['training', 'catalogue'],
    queryFn: async ({ signal }) => (await call(trainingApi.catalogue, { signal })).data,
    staleTime: 30_000,
  });
}

export function useMatrix(withinDays: number, teamId: string) {
  return useQuery({
    queryKey: ['training', 'matrix', withinDays, teamId],
    queryFn: async ({ signal }) => (await call(trainingApi.matrix, { query: { withinDays, ...(teamId ? { teamId } : {}) }, signal })).data,
    retry: false,
  });
}

export function usePersonRecords(userId: string) {
  return useQuery({
    queryKey: ['training', 'records', userId],
    queryFn: async ({ signal }) => (await call(trainingApi.personRecords, { params: { userId }, signal })).data.data,
    enabled: !!userId,
    retry: false,
  });
}

/** After a change: the catalogue, the matrix and the records are read again. */
export function useTrainingRefresh(): () => void {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ['training'] });
}

/** A file's link with its query (the browser downloads it with the session's cookie). */
export function fileHref(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api/v1/training/${path}${s ? `?${s}` : ''}`;
}
