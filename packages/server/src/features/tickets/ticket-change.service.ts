import type { Updateable } from 'kysely';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { AUDITED_TICKET_FIELDS, TICKET_FIELD_LIST } from '@kith/domain/tickets/ticket.fields.ts';
import type { Ticket } from '@kith/domain/tickets/ticket.api.ts';
import type { TicketMessageInput, TicketUpdateInput } from '@kith/domain/tickets/ticket.schema.ts';
import { checkMove, pickPolicy, slaDue, type Priority, type SlaPause, type TicketStatus } from '@kith/domain/tickets/tickets.ts';
import { businessMinutesBetween } from '@kith/domain/time/business-hours.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { t as message } from '../../platform/i18n/messages.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { writeField } from '../../platform/records/field-table.ts';
import { authorize, preconditionFailed } from '../../platform/records/visibility.ts';
import { loadCare, type CareContext } from './care-settings.service.ts';
import { checkAssignee, checkCategory, checkOrder, checkTeam } from './ticket-checks.ts';
import { contactEmails, findTicketRow, insertMessage, updateTicketRow, workspaceName, type Row } from './ticket.repository.ts';
import { pausesOf, rowToTicket } from './ticket.service.ts';
import { effectiveResolutionDue, scheduleSlaJobs } from './ticket-sla.ts';
import type { TicketTable } from './ticket.table.ts';

/** Changing a ticket and adding to its conversation (replies, notes, the customer's messages). */

/** The fields a change writes as given (the status has its own rules: applyStatus). */
const PATCHED = TICKET_FIELD_LIST.filter((f) => f.input && f.name !== 'status');

/** The status a change moves to, the pauses and times that go with it. */
function applyStatus(row: Row, to: TicketStatus, now: string): Updateable<TicketTable> & { pauses: SlaPause[] } {
  const pauses = pausesOf(row);
  const set: Updateable<TicketTable> & { pauses: SlaPause[] } = { status: to, pauses };
  const from = row.status as TicketStatus;
  if (from === 'waiting_on_customer' && to !== 'waiting_on_customer') {
    const open = pauses.findIndex((p) => p.to === null);
    if (open >= 0) pauses[open] = { ...pauses[open]!, to: now };
  }
  if (to === 'waiting_on_customer' && from !== 'waiting_on_customer') pauses.push({ from: now, to: null });
  if (to === 'resolved') set.resolved_at = now;
  if (to === 'closed') {
    set.closed_at = now;
    if (!row.resolved_at) set.resolved_at = now;
  }
  if (to === 'reopened') Object.assign(set, { resolved_at: null, closed_at: null, sla_breached: row.sla_breached, sla_warned: null });
  return set;
}

type Change = { patch: TicketUpdateInput; message?: { kind: 'reply' | 'note' | 'customer'; body: string } };

/**
 * Change a ticket and/or add a message to it, in one transaction: status moves are checked, the SLA
 * clocks follow (a reply is the first response; waiting on the customer pauses the resolution clock; a
 * new priority or category re-targets from the creation time), the conversation gets an event for each
 * change, a reply is queued to the customer's email, and everything is audited.
 */
async function changeTicket(core: Core, actor: Actor, id: string, change: Change, ifVersion: number | null): Promise<Ticket> {
  authorize(actor, 'tickets.write');
  return core.db.transaction().execute(async (trx) => {
    const row = await findTicketRow(trx, actor, 'tickets.write', id);
    if (!row) throw notFound('Ticket');
    if (ifVersion !== null && ifVersion !== row.version) throw preconditionFailed(row.version);
    const nowD = core.now();
    const now = nowD.toISOString();
    const care = await loadCare(trx, actor.workspaceId, nowD);
    const before = rowToTicket(row, care, nowD);
    const p = change.patch;
    const issues: FieldIssue[] = [];
    if (p.category !== row.category) checkCategory(care, p.category, issues);
    if (p.teamId !== undefined && p.teamId !== row.team_id) await checkTeam(trx, actor.workspaceId, p.teamId, issues);
    if (p.assigneeId !== undefined && p.assigneeId !== row.assignee_id) await checkAssignee(trx, actor, actor.workspaceId, p.assigneeId, issues);
    if (p.orderId !== undefined && p.orderId !== row.order_id) await checkOrder(trx, actor.workspaceId, row.contact_id, p.orderId, issues);

    // The status: asked for, or implied by the message (a customer writing back reopens or resumes).
    let to: TicketStatus | undefined = p.status;
    const from = row.status as TicketStatus;
    if (to === undefined && change.message?.kind === 'customer')
      to = from === 'resolved' || from === 'closed' ? 'reopened' : from === 'waiting_on_customer' || from === 'new' ? 'open' : undefined;
    if (to === undefined && change.message?.kind === 'reply' && from === 'new') to = 'open';
    if (to !== undefined && to !== from) {
      const why = checkMove(from, to);
      if (why) issues.push({ path: ['status'], message: why, code: 'invalid_transition', params: { from, to } });
    }
    if (to === 'resolved' || to === 'closed') {
      // A resolution is required to resolve: what was done is what the customer is asked about.
      const resolution = p.resolution !== undefined ? p.resolution : row.resolution;
      if (!resolution && !(to === 'closed' && row.resolved_at))
        issues.push({ path: ['resolution'], message: 'Say how it was resolved before resolving the ticket', code: 'required' });
    }
    if (issues.length) throw invalid(issues, 'The ticket change is invalid');

    const set: Updateable<TicketTable> = {};
    let pauses = pausesOf(row);
    if (to !== undefined && to !== from) {
      const s = applyStatus(row, to, now);
      pauses = s.pauses;
      const { pauses: _, ...rest } = s;
      Object.assign(set, rest);
    }
    for (const f of PATCHED) {
      const v = p[f.name as keyof TicketUpdateInput];
      if (v !== undefined) (set as Record<string, unknown>)[f.column] = writeField(f, v);
    }
    if ((set.assignee_id ?? row.assignee_id) && (set.status ?? row.status) === 'new') set.status = 'open';

    // A new priority or category: the targets are those of its policy, counted from when the ticket came in.
    let retarget: number | null = null;
    if ((p.priority !== undefined && p.priority !== row.priority) || (p.category !== undefined && p.category !== row.category)) {
      const policy = pickPolicy(care.policies, (set.priority ?? row.priority) as Priority, set.category !== undefined ? set.category : row.category);
      const due = slaDue(care.calendar, policy, row.created_at);
      Object.assign(set, {
        sla_policy_id: policy?.id ?? null,
        first_response_due_at: due.firstResponseDueAt,
        resolution_due_at: due.resolutionDueAt,
        sla_warned: null,
        sla_breached: null,
      });
      retarget = policy?.resolutionMinutes ?? null;
    }

    let mailId: string | null = null;
    if (change.message) {
      set.last_message_at = now;
      if (change.message.kind === 'reply' && !row.first_responded_at) set.first_responded_at = now;
      if (change.message.kind === 'reply') mailId = await mailReply(trx, row, change.message.body, care, nowD);
    }
    set.sla_pauses = JSON.stringify(pauses);
    const merged = { ...row, ...set } as Row;
    set.effective_resolution_due_at = effectiveResolutionDue(care, { ...merged, pauses }, nowD);

    const after = rowToTicket(merged, care, nowD);
    const changed = AUDITED_TICKET_FIELDS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0 && !change.message) return before;
    if (!(await updateTicketRow(trx, actor.workspaceId, id, row.version, { ...set, updated_at: now, version: row.version + 1 })))
      throw preconditionFailed(row.version + 1);
    if (after.status !== before.status)
      await emitEvent(trx, {
        type: 'ticket.status_changed',
        workspaceId: actor.workspaceId,
        at: now,
        payload: { ticketId: id, contactId: row.contact_id, from: before.status, to: after.status },
      });

    if (change.message) {
      const messageId = await insertMessage(trx, {
        workspaceId: actor.workspaceId,
        ticketId: id,
        contactId: row.contact_id,
        kind: change.message.kind,
        body: change.message.body,
        authorId: change.message.kind === 'customer' ? null : actor.userId,
        at: now,
        mailId,
        meta: change.message.kind === 'customer' ? { loggedBy: actor.userId } : undefined,
      });
      await recordAudit(
        trx,
        {
          ...by(actor),
          action: 'create',
          entityType: 'ticket_message',
          entityId: messageId,
          after: { kind: change.message.kind, length: change.message.body.length, mailId },
          meta: { contactId: row.contact_id, ticketId: id },
        },
        nowD,
      );
    }
    if (changed.length)
      await insertMessage(trx, {
        workspaceId: actor.workspaceId,
        ticketId: id,
        contactId: row.contact_id,
        kind: 'event',
        body: '',
        authorId: actor.userId,
        at: now,
        meta: { event: 'changed', changes: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])) },
      });
    // Clocks that (re)start get their jobs; the handlers re-check the ticket, so stale jobs do nothing.
    if (retarget !== null || (to !== undefined && to !== from) || set.first_responded_at) {
      await scheduleSlaJobs(
        trx,
        care,
        {
          ...merged,
          resolutionDueAt: set.effective_resolution_due_at ?? null,
          resolutionTarget: retarget ?? (merged.resolution_due_at ? businessMinutesBetween(care.calendar, merged.created_at, merged.resolution_due_at) : null),
        },
        nowD,
      );
    }
    if (changed.length) {
      const action = to === 'resolved' || to === 'closed' ? 'complete' : to === 'reopened' ? 'reopen' : 'update';
      await recordAudit(
        trx,
        {
          ...by(actor),
          action,
          entityType: 'ticket',
          entityId: id,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
          meta: { contactId: row.contact_id, number: Number(row.number) },
        },
        nowD,
      );
    }
    return { ...after, updatedAt: now, version: row.version + 1 };
  });
}

/** Queue a reply to the customer's first email address (a transactional mail: consent is not needed for it). */
async function mailReply(trx: Db, row: Row, body: string, care: CareContext, now: Date): Promise<string | null> {
  const to = readJson<string[]>((await contactEmails(trx, row.contact_id)) as string | null, [])[0];
  if (!to) return null;
  const subject = `[#${row.number}] ${row.subject}`;
  const footer = message(care.locale, 'ticket.reply.footer', { workspace: (await workspaceName(trx, row.workspace_id)) ?? 'Kith', number: row.number });
  return queueMail(
    trx,
    {
      workspaceId: row.workspace_id,
      contactId: row.contact_id,
      to,
      subject,
      text: `${body}\n\n${footer}`,
      purpose: 'transactional',
      relatedType: 'ticket',
      relatedId: row.id,
    },
    now,
  );
}

export function updateTicket(core: Core, actor: Actor, id: string, patch: TicketUpdateInput, ifVersion: number | null): Promise<Ticket> {
  return changeTicket(core, actor, id, { patch }, ifVersion);
}

export async function addMessage(core: Core, actor: Actor, id: string, input: TicketMessageInput): Promise<Ticket> {
  return changeTicket(core, actor, id, { patch: input.status ? { status: input.status } : {}, message: { kind: input.kind, body: input.body } }, null);
}
