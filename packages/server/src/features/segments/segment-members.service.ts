import type { SegmentDefinition } from '@kith/domain/segments/segment.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { EventListener } from '../../platform/events/delivery.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import type { FilterGroups } from '../../platform/records/list-query.ts';
import { hasSegments, lockSegment, recomputePending, segmentsForMembers, type SegmentForMembers } from './segment-members.repository.ts';
import { compileSegment, syncSegmentMembers } from './segment.service.ts';

/**
 * Saved segments' stored membership (issue 17). A segment is a query, evaluated when read; to tell that a customer
 * entered or left one (`segment.entered` / `segment.left`, what automation triggers on) its members as of the last
 * recompute are kept in `segment_members`, and a recompute compares the query's answer with them: who is new
 * enters, who is gone leaves, one event each, in one transaction per segment with the membership's change.
 *
 * When: every 15 minutes for every segment (`segments.recompute`, recurring: conditions on time and scores change
 * without any change to the customer), and within about a minute of a change to a customer of the workspace
 * (`segments.recompute-trigger` schedules `segments.recompute-workspace`, at most one waiting per workspace).
 */
export const SEGMENTS_RECOMPUTE_JOB = 'segments.recompute';
export const SEGMENTS_RECOMPUTE_SCHEDULE = { everyMs: 15 * 60_000, firstAfterMs: 2 * 60_000 };
export const SEGMENTS_RECOMPUTE_WORKSPACE_JOB = 'segments.recompute-workspace';
export type RecomputeWorkspacePayload = { workspaceId: string };
export type RecomputeResult = { entered: number; left: number; baseline: boolean } | null;

/**
 * Recompute one saved segment: compare its conditions' answer with its stored members and write the difference
 * with its events, in one transaction. A segment never computed (saved before membership was stored) gets its
 * baseline instead, without events. Null when the segment is gone or its conditions no longer compile (a custom
 * field removed): it is skipped, with a warning, until it is fixed.
 */
export async function recomputeSegment(core: Core, s: SegmentForMembers): Promise<RecomputeResult> {
  // Compiled before the transaction (it reads the workspace's fields, outside it: on SQLite a read through
  // core.db inside a transaction would wait for the transaction's own connection).
  let groups: FilterGroups;
  try {
    groups = await compileSegment(core, s.workspace_id, readJson<SegmentDefinition>(s.definition, { match: 'all', groups: [] }), ['segment']);
  } catch (err) {
    core.log.warn({ err, segmentId: s.id, workspaceId: s.workspace_id }, 'segment membership: the segment’s conditions no longer compile; skipped');
    return null;
  }
  const definition = JSON.stringify(readJson(s.definition, null));
  return core.db.transaction().execute(async (trx) => {
    const current = await lockSegment(trx, core.dialect, s.workspace_id, s.id);
    // Gone, or redefined since it was read: its redefinition recorded a new baseline; the next recompute goes on from it.
    if (!current || JSON.stringify(readJson(current.definition, null)) !== definition) return null;
    const baseline = current.members_computed_at === null;
    const r = await syncSegmentMembers(core, trx, { workspaceId: s.workspace_id, segmentId: s.id, groups }, !baseline);
    return { ...r, baseline };
  });
}

/** Recompute the saved segments of one workspace, or of all (`null`); what changed, by segment id. */
export async function recomputeSegments(core: Core, workspaceId: string | null, signal?: AbortSignal): Promise<Record<string, RecomputeResult>> {
  const out: Record<string, RecomputeResult> = {};
  for (const s of await segmentsForMembers(core.db, workspaceId)) {
    if (signal?.aborted) break;
    out[s.id] = await recomputeSegment(core, s);
  }
  return out;
}

/**
 * A change to a customer: the workspace's segments are recomputed at the end of the minute, unless a recompute is
 * already waiting (it will see this change too) — so a burst of changes (an import) makes one job, not one per
 * contact. The job's key (workspace and minute) keeps two deliveries racing from adding two.
 */
export async function scheduleWorkspaceRecompute(trx: Db, workspaceId: string, now: Date): Promise<void> {
  if (await recomputePending(trx, workspaceId, SEGMENTS_RECOMPUTE_WORKSPACE_JOB)) return;
  const next = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000);
  await enqueue(
    trx,
    {
      kind: SEGMENTS_RECOMPUTE_WORKSPACE_JOB,
      workspaceId,
      key: `segments-recompute:${workspaceId}:${next.toISOString().slice(0, 16)}`,
      runAt: next,
      payload: { workspaceId } satisfies RecomputeWorkspacePayload,
    },
    now,
  );
}

/** Customers who enter or leave a segment are told within about a minute of their change, not at the next quarter hour. */
export const segmentRecomputeTrigger: EventListener = {
  id: 'segments.recompute-trigger',
  on: ['contact.created', 'contact.updated', 'contact.deleted', 'contact.merged', 'contact.orders_changed'],
  async handle(core, e, trx) {
    if (await hasSegments(trx, e.workspaceId)) await scheduleWorkspaceRecompute(trx, e.workspaceId, core.now());
  },
};
