import type { Audience } from '@kith/domain/playbooks/playbook.schema.ts';
import type { Core } from '../../core.ts';
import { recordAudit, type AuditEntry } from '../../platform/audit/audit.repository.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { EventListener } from '../../platform/events/delivery.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import type { FilterGroups } from '../../platform/records/list-query.ts';
import { compileSegment } from '../segments/segment.service.ts';
import { scheduleSteps } from './playbook-run.service.ts';
import { autoEnrollPlaybooks, hasAutoEnrollPlaybook, insertRunsOnce, segmentDefinition, unenrolledContacts } from './playbook.repository.ts';
import { type EnrollPayload, PLAYBOOK_ENROLL_JOB } from './playbook.service.ts';

/**
 * Playbook auto-enrolment: the customers in an auto-enrol playbook's audience get a run, hourly and soon after a
 * change to a customer (runs themselves are in playbook-run.service.ts).
 */

const hourKey = (d: Date) => d.toISOString().slice(0, 13);
const enrollKey = (workspaceId: string, hour: string) => `playbook-enroll:${workspaceId}:${hour}`;

/** Run the workspace's auto-enrolment now (a playbook was switched on or changed), apart from the hourly chain. */
export async function scheduleEnrollNow(trx: Db, workspaceId: string, reason: string, now: Date): Promise<void> {
  await enqueue(
    trx,
    { kind: PLAYBOOK_ENROLL_JOB, workspaceId, key: `playbook-enroll:${workspaceId}:now:${reason}`, payload: { workspaceId } satisfies EnrollPayload },
    now,
  );
}

/** The next hourly run of a workspace's auto-enrolment (one job per workspace and hour, whoever schedules it). */
async function scheduleNextHour(db: Db, workspaceId: string, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  await enqueue(
    db,
    { kind: PLAYBOOK_ENROLL_JOB, workspaceId, key: enrollKey(workspaceId, hourKey(next)), runAt: next, payload: { workspaceId } satisfies EnrollPayload },
    now,
  );
}

/** A customer changed: the workspace's auto-enrolment runs at the end of this minute (one job per workspace and minute). */
export async function scheduleEnrollSoon(trx: Db, workspaceId: string, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000);
  await enqueue(
    trx,
    {
      kind: PLAYBOOK_ENROLL_JOB,
      workspaceId,
      key: `playbook-enroll:${workspaceId}:soon:${next.toISOString().slice(0, 16)}`,
      runAt: next,
      payload: { workspaceId } satisfies EnrollPayload,
    },
    now,
  );
}

/**
 * Customers who enter an auto-enrol playbook's audience are enrolled within about a minute, not at the next hour:
 * a change to a customer (created, changed, their orders, a merge) delivered after its commit schedules the
 * workspace's auto-enrolment at the end of the minute, when it has such a playbook. The hourly run stays, for
 * audiences that change without a change to the customer (a segment on recency, on scores).
 */
export const playbookEnrollTrigger: EventListener = {
  id: 'playbooks.enroll-trigger',
  on: ['contact.created', 'contact.updated', 'contact.orders_changed', 'contact.merged'],
  async handle(core, e, trx) {
    if (await hasAutoEnrollPlaybook(trx, e.workspaceId)) await scheduleEnrollSoon(trx, e.workspaceId, core.now());
  },
};

/** At most this many customers enrolled per playbook in one run of the job; the rest follow in a continuation job. */
export const ENROLL_BATCH = 200;
export const ENROLL_PER_RUN = 5_000;

/**
 * Enrol everyone in the audience of the workspace's active auto-enrol playbooks who was never enrolled in it.
 * The next hour's run is scheduled first, so a failure here never ends the chain; with no auto-enrol playbook
 * left the chain ends (switching one on starts it again). Idempotent: a customer with a run (of any status) is
 * never enrolled again, and the unique index settles two processes enrolling the same customer at once.
 */
export async function runAutoEnroll(core: Core, p: EnrollPayload, signal?: AbortSignal): Promise<{ enrolled: Record<string, number>; more: boolean }> {
  const playbooks = await autoEnrollPlaybooks(core.db, p.workspaceId);
  const enrolled: Record<string, number> = {};
  if (!playbooks.length) return { enrolled, more: false };
  await scheduleNextHour(core.db, p.workspaceId, core.now());
  let more = false;
  for (const pb of playbooks) {
    const audience = readJson<Audience>(pb.audience, { kind: 'lifecycle', stages: [] });
    let groups: FilterGroups | null = null;
    if (audience.kind === 'segment') {
      const seg = await segmentDefinition(core.db, p.workspaceId, audience.segmentId);
      if (!seg) {
        core.log.warn({ playbookId: pb.id, segmentId: audience.segmentId }, 'playbook auto-enrolment: the audience’s segment is gone; skipped');
        continue;
      }
      try {
        groups = await compileSegment(core, p.workspaceId, readJson(seg.definition, { match: 'all', groups: [] }));
      } catch (err) {
        core.log.warn({ err, playbookId: pb.id, segmentId: audience.segmentId }, 'playbook auto-enrolment: the audience’s segment no longer compiles; skipped');
        continue;
      }
    } else if (audience.stages.length === 0) continue;
    let n = 0;
    while (n < ENROLL_PER_RUN && !signal?.aborted) {
      const added = await core.db.transaction().execute(async (trx) => {
        const ids = await unenrolledContacts(trx, {
          workspaceId: p.workspaceId,
          playbookId: pb.id,
          audience: audience.kind === 'lifecycle' ? { stages: audience.stages } : { groups: groups!, dialect: core.dialect },
          limit: ENROLL_BATCH,
        });
        if (!ids.length) return 0;
        const now = core.now();
        const startedAt = now.toISOString();
        const inserted = await insertRunsOnce(
          trx,
          ids.map((contactId) => ({
            id: uuidv7(),
            workspace_id: p.workspaceId,
            playbook_id: pb.id,
            contact_id: contactId,
            status: 'running',
            started_at: startedAt,
            finished_at: null,
            stopped_by: null,
            enrolled_by: null,
          })),
        );
        await scheduleSteps(
          trx,
          pb,
          inserted.map((r) => ({ runId: r.id, startedAt })),
          now,
        );
        await recordAudit(
          trx,
          inserted.map(
            (r): AuditEntry => ({
              workspaceId: p.workspaceId,
              actorUserId: null,
              action: 'create',
              entityType: 'playbook_run',
              entityId: r.id,
              after: { playbookId: pb.id, status: 'running', startedAt },
              meta: { contactId: r.contact_id, playbook: pb.name, via: 'auto-enrolment' },
            }),
          ),
          now,
        );
        // Ids another process enrolled meanwhile count as handled: the next query does not find them again.
        return ids.length;
      });
      if (added === 0) break;
      n += added;
      enrolled[pb.id] = (enrolled[pb.id] ?? 0) + added;
    }
    if (n >= ENROLL_PER_RUN) more = true;
  }
  // A large audience: carry on at once in a new job rather than hold this one's lease for long.
  if (more)
    await enqueue(
      core.db,
      { kind: PLAYBOOK_ENROLL_JOB, workspaceId: p.workspaceId, key: `playbook-enroll:${p.workspaceId}:more:${uuidv7()}`, payload: p },
      core.now(),
    );
  return { enrolled, more };
}
