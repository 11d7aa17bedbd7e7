import { addBusinessMinutes, businessMinutesBetween } from '@kith/domain/time/business-hours.ts';
import { slaState, type SlaPause } from '@kith/domain/tickets/tickets.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { loadCare, type CareContext } from './care-settings.service.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import type { TicketTable } from './ticket.table.ts';
import { t } from '../../platform/i18n/messages.ts';
import { emitEvent } from '../../platform/events/emit.ts';

/**
 * A ticket's SLA clocks in the background: each running target gets a warning and a breach check as jobs
 * (scheduled in the transaction that starts the clock), run by the job runner in whichever server process
 * claims them. The check re-reads what it acts on and is idempotent (a flag says it was done), so a job that
 * runs again after a crash, or a stale job for a target that moved, does nothing twice.
 */

export const SLA_JOB = 'ticket.sla';
export type SlaJobPayload = { ticketId: string; workspaceId: string; target: 'first_response' | 'resolution'; stage: 'warn' | 'breach' };

/**
 * Schedule the warning and the breach check of each running target. Keys carry the due time, so a
 * rescheduled target (a new priority, a pause) gets new jobs and the old ones find nothing to do.
 */
export async function scheduleSlaJobs(
  db: Db,
  care: CareContext,
  t: Pick<TicketTable, 'id' | 'workspace_id' | 'created_at' | 'first_response_due_at' | 'first_responded_at' | 'resolved_at'> & {
    resolutionDueAt: string | null;
    resolutionTarget: number | null;
  },
  now: Date,
): Promise<void> {
  const targets: [SlaJobPayload['target'], string | null, number | null][] = [];
  if (t.first_response_due_at && !t.first_responded_at)
    targets.push(['first_response', t.first_response_due_at, businessMinutesBetween(care.calendar, t.created_at, t.first_response_due_at)]);
  if (t.resolutionDueAt && !t.resolved_at) targets.push(['resolution', t.resolutionDueAt, t.resolutionTarget]);
  for (const [target, dueAt, minutes] of targets) {
    if (!dueAt || !minutes) continue;
    const warnBefore = Math.floor(minutes * care.settings.warnFraction);
    // The warning: when only the warning fraction of the target is left, in business minutes.
    const warnAt = warnBefore > 0 ? addBusinessMinutes(care.calendar, t.created_at, Math.max(0, minutes - warnBefore)) : null;
    const base = { ticketId: t.id, workspaceId: t.workspace_id, target };
    if (warnAt)
      await enqueue(
        db,
        { kind: SLA_JOB, workspaceId: t.workspace_id, runAt: warnAt, key: `sla:${t.id}:${target}:warn:${dueAt}`, payload: { ...base, stage: 'warn' } },
        now,
      );
    await enqueue(
      db,
      { kind: SLA_JOB, workspaceId: t.workspace_id, runAt: dueAt, key: `sla:${t.id}:${target}:breach:${dueAt}`, payload: { ...base, stage: 'breach' } },
      now,
    );
  }
}

export function effectiveResolutionDue(
  care: CareContext,
  r: Pick<TicketTable, 'created_at' | 'first_response_due_at' | 'resolution_due_at' | 'first_responded_at' | 'resolved_at'> & { pauses: SlaPause[] },
  now: Date,
): string | null {
  if (!r.resolution_due_at) return null;
  const s = slaState(
    care.calendar,
    {
      createdAt: r.created_at,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
      firstRespondedAt: r.first_responded_at,
      resolvedAt: r.resolved_at,
      pauses: r.pauses,
    },
    now,
    { warnFraction: care.settings.warnFraction },
  );
  return s.resolution?.dueAt ?? r.resolution_due_at;
}

async function managersOf(db: Db, workspaceId: string, teamId: string | null): Promise<{ id: string; email: string; name: string }[]> {
  let q = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name'])
    .where('memberships.workspace_id', '=', workspaceId);
  // A team's managers; without a team (or a team with no manager), the workspace's admins and owners.
  if (teamId) {
    const team = await q
      .innerJoin('team_members', (j) => j.onRef('team_members.user_id', '=', 'memberships.user_id').on('team_members.team_id', '=', teamId))
      .where('memberships.role', '=', 'manager')
      .orderBy('users.id')
      .execute();
    if (team.length) return team;
  }
  q = q.where('memberships.role', 'in', ['owner', 'admin']);
  return q.orderBy('users.id').execute();
}

function minutesText(m: number, locale: string): string {
  const h = Math.floor(Math.abs(m) / 60);
  const min = Math.round(Math.abs(m) % 60);
  return t(locale, 'sla.duration', { hours: h, minutes: min });
}

/** Warn before a target is missed (the assignee), escalate once it is (a manager takes it, managers are told). */
export async function runSlaCheck(core: Core, p: SlaJobPayload): Promise<{ outcome: string }> {
  return core.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tickets').selectAll().where('workspace_id', '=', p.workspaceId).where('id', '=', p.ticketId).executeTakeFirst();
    if (!row || row.deleted_at) return { outcome: 'gone' };
    const now = core.now();
    const care = await loadCare(trx, p.workspaceId, now);
    const state = slaState(
      care.calendar,
      {
        createdAt: row.created_at,
        firstResponseDueAt: row.first_response_due_at,
        resolutionDueAt: row.resolution_due_at,
        firstRespondedAt: row.first_responded_at,
        resolvedAt: row.resolved_at,
        pauses: readJson(row.sla_pauses, []),
      },
      now,
      { warnFraction: care.settings.warnFraction },
    );
    const s = p.target === 'first_response' ? state.firstResponse : state.resolution;
    if (!s || s.met !== null) return { outcome: 'stopped' };
    if (p.target === 'resolution' && row.status === 'waiting_on_customer') return { outcome: 'paused' };
    const column = p.stage === 'warn' ? 'sla_warned' : 'sla_breached';
    const flags = new Set((row[column] ?? '').split(',').filter(Boolean));
    if (flags.has(p.target)) return { outcome: 'already' };
    if (p.stage === 'warn' ? !s.warn : !s.breached) return { outcome: 'not yet' };
    flags.add(p.target);
    const at = now.toISOString();
    const set: Record<string, unknown> = { [column]: [...flags].join(','), updated_at: at, version: row.version + 1 };
    const locale = care.locale;
    const what = t(locale, p.target === 'first_response' ? 'sla.target.firstResponse' : 'sla.target.resolution');
    let reassignedTo: string | null = null;
    const managers = p.stage === 'breach' ? await managersOf(trx, p.workspaceId, row.team_id) : [];
    if (p.stage === 'breach' && care.settings.escalation.reassignToManager) {
      const manager = managers.find((m) => m.id !== row.assignee_id);
      if (manager) {
        reassignedTo = manager.id;
        set.assignee_id = manager.id;
      }
    }
    await trx.updateTable('tickets').set(set).where('id', '=', row.id).where('version', '=', row.version).execute();
    if (p.stage === 'breach')
      await emitEvent(trx, {
        type: 'ticket.breached',
        workspaceId: p.workspaceId,
        at,
        payload: { ticketId: row.id, contactId: row.contact_id, target: p.target },
      });
    await trx
      .insertInto('ticket_messages')
      .values({
        id: uuidv7(),
        workspace_id: p.workspaceId,
        ticket_id: row.id,
        contact_id: row.contact_id,
        kind: 'event',
        body: '',
        meta: JSON.stringify({
          event: p.stage === 'warn' ? 'sla_warning' : 'sla_breach',
          target: p.target,
          dueAt: s.dueAt,
          remainingMinutes: s.remainingMinutes,
          ...(reassignedTo ? { reassignedTo, from: row.assignee_id } : {}),
        }),
        author_id: null,
        mail_id: null,
        created_at: at,
      })
      .execute();
    if (reassignedTo)
      await recordAudit(
        trx,
        {
          workspaceId: p.workspaceId,
          actorUserId: null,
          action: 'update',
          entityType: 'ticket',
          entityId: row.id,
          before: { assigneeId: row.assignee_id },
          after: { assigneeId: reassignedTo },
          meta: { contactId: row.contact_id, reason: 'sla_breach', target: p.target },
        },
        now,
      );

    // Who is told: on a warning the assignee; on a breach the managers (and the assignee).
    const link = `${core.config.publicUrl}/tickets/${row.id}`;
    const recipients = new Map<string, string>();
    if (row.assignee_id) {
      const a = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', row.assignee_id).executeTakeFirst();
      if (a) recipients.set(a.id, a.email);
    }
    if (p.stage === 'breach' && care.settings.escalation.notifyManagers) for (const m of managers) recipients.set(m.id, m.email);
    const subject =
      p.stage === 'warn'
        ? t(locale, 'sla.warning.subject', { number: row.number, subject: row.subject, target: what, remaining: minutesText(s.remainingMinutes, locale) })
        : t(locale, 'sla.breach.subject', { number: row.number, subject: row.subject, target: what, due: s.dueAt });
    const text = `${subject}\n\n${link}${reassignedTo ? `\n\n${t(locale, 'sla.reassigned')}` : ''}`;
    for (const to of recipients.values())
      await queueMail(
        trx,
        {
          workspaceId: p.workspaceId,
          contactId: null,
          to,
          subject: subject.slice(0, 250),
          text,
          purpose: 'transactional',
          relatedType: 'ticket_sla',
          relatedId: row.id,
        },
        now,
      );
    return { outcome: p.stage === 'warn' ? 'warned' : reassignedTo ? 'escalated' : 'breached', notified: recipients.size } as { outcome: string };
  });
}
