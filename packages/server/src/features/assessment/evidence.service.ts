import { INDICATOR_KEYS, type EvidenceValue } from '@kith/domain/assessment/indicators.ts';
import type { Core } from '../../core.ts';

// Being written (issue 19): the indicators computed from the workspace's data replace this.
export async function computeEvidence(_core: Core, _workspaceId: string, opts: { from: string; to: string; teamId?: string | null }): Promise<EvidenceValue[]> {
  return INDICATOR_KEYS.map((key) => ({
    key,
    value: null,
    reason: 'not_built',
    n: 0,
    from: opts.from,
    to: opts.to,
    suggestedReality: null,
    interval: null,
    trend: null,
    link: '/assessments',
  }));
}
