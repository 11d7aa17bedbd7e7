import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.tsx';
import { segmentApi } from '@kith/domain/segments/segment.api.ts';
import { playbookApi } from '@kith/domain/playbooks/playbook.api.ts';
import { call } from '../../lib/api-call.ts';
import type { Audience } from './playbook-model.ts';
import { enumLabel } from '../../lib/enum-label.ts';

/** The workspace's playbooks (the built-in ones are made on the first read), shared by the list, the editor and the customer page. */
export function usePlaybooks() {
  const can = useCan();
  return useQuery({
    queryKey: ['playbooks', 'list'],
    queryFn: async ({ signal }) => (await call(playbookApi.list, { signal })).data.data,
    staleTime: 30_000,
    enabled: can('playbooks.read'),
  });
}

/** The saved segments (for a playbook's audience), the member's own and the shared ones. */
export function useSegments(enabled = true) {
  return useQuery({ queryKey: ['segments'], queryFn: async () => (await call(segmentApi.list)).data.data, staleTime: 30_000, enabled });
}

/** Who a playbook is for, in words: the lifecycle stages ("Khách mới, Trung thành") or the segment's name. */
export function useAudienceText(): (a: Audience) => string {
  const { t } = useTranslation();
  const segments = useSegments();
  return (a) =>
    a.kind === 'lifecycle'
      ? a.stages.map((s) => enumLabel('lifecycleStage', s)).join(', ')
      : t('playbooks.audienceSegment', { name: segments.data?.find((s) => s.id === a.segmentId)?.name ?? t('playbooks.unknownSegment') });
}
