import type { Insertable } from 'kysely';
import { invalid, type FieldIssue } from '@kith/domain/errors.ts';
import { AUDITED_TICKET_FIELDS, TICKET_FIELD_LIST, type TicketFieldValues } from '@kith/domain/tickets/ticket.fields.ts';
import type { Ticket } from '@kith/domain/tickets/ticket.api.ts';
import type { TicketCreateInput } from '@kith/domain/tickets/ticket.schema.ts';
import { pickPolicy, slaDue, type TicketStatus } from '@kith/domain/tickets/tickets.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { fieldsWriter } from '../../platform/records/field-table.ts';
import { authorize, readableContacts } from '../../platform/records/visibility.ts';
import { loadCare } from './care-settings.service.ts';
import { autoAssignTicket, type HeldReason } from './ticket-assignment.service.ts';
import { shiftsFromWeek } from '@kith/domain/workload/workload.ts';
import { checkAssignee, checkCategory, checkOrder, checkTeam } from './ticket-checks.ts';
import { insertMessage, insertTicketRow, liveContactExists, nextTicketNumber, type Row } from './ticket.repository.ts';
import { getTicket, rowToTicket } from './ticket.service.ts';
import { scheduleSlaJobs } from './ticket-sla.ts';
import type { TicketTable } from './ticket.table.ts';

/** Opening a ticket: by a person (createTicket) or by the system (insertTicket, e.g. a survey's follow-up). */

/** Made once: each field's stored value, by its column (records/field-table.ts). */
const writeTicketFields = fieldsWriter(TICKET_FIELD_LIST);

/** The audited fields of a ticket, as the audit log keeps them. */
export const auditedOf = (t: Ticket) => Object.fromEntries(AUDITED_TICKET_FIELDS.map((k) => [k, t[k]]));

export type TicketOrigin = { source?: string; sourceId?: string; createdBy?: string | null };

/**
 * Create a ticket inside a transaction. `actor` null is the system (a survey's follow-up): no scope checks,
 * audited without a user. The SLA due times are fixed now from the most specific policy.
 */
export async function insertTicket(
  trx: Db,
  core: Core,
  actor: Actor | null,
  workspaceId: string,
  input: TicketCreateInput,
  origin: TicketOrigin = {},
): Promise<Ticket> {
  const issues: FieldIssue[] = [];
  const care = await loadCare(trx, workspaceId, core.now());
  if (actor) {
    if (!(await readableContacts(trx, actor, [input.contactId])).has(input.contactId))
      issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
  } else if (!(await liveContactExists(trx, workspaceId, input.contactId)))
    issues.push({ path: ['contactId'], message: 'No such customer', code: 'not_found' });
  const category = input.category ?? null;
  checkCategory(care, category, issues);
  await checkTeam(trx, workspaceId, input.teamId, issues);
  await checkAssignee(trx, actor, workspaceId, input.assigneeId, issues);
  await checkOrder(trx, workspaceId, input.contactId, input.orderId, issues);
  if (issues.length) throw invalid(issues, 'The ticket has invalid fields');

  const nowD = core.now();
  const now = nowD.toISOString();
  let assigneeId = input.assigneeId ?? null;
  const teamId = input.teamId ?? null;
  let held: HeldReason | null = null;
  if (!assigneeId && teamId) {
    const ctx = { dialect: core.dialect, timeZone: care.calendar.timeZone, careShifts: shiftsFromWeek(care.settings.calendar.week) };
    ({ assigneeId, held } = await autoAssignTicket(trx, ctx, workspaceId, teamId, nowD));
  }
  const policy = pickPolicy(care.policies, input.priority, category);
  const due = slaDue(care.calendar, policy, now);
  const number = await nextTicketNumber(trx, workspaceId);
  const id = uuidv7();
  const status: TicketStatus = assigneeId ? 'open' : 'new';
  const fields: TicketFieldValues = {
    subject: input.subject,
    priority: input.priority,
    category,
    status,
    assigneeId,
    teamId,
    tags: input.tags ?? [],
    rootCause: null,
    resolution: null,
    orderId: input.orderId ?? null,
    contactId: input.contactId,
    channel: input.channel,
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    source: origin.source ?? null,
    sourceId: origin.sourceId ?? null,
    lastMessageAt: now,
  };
  const row = {
    id,
    workspace_id: workspaceId,
    number,
    ...(writeTicketFields(fields) as Pick<TicketTable, 'first_responded_at' | 'resolved_at'>),
    sla_policy_id: policy?.id ?? null,
    first_response_due_at: due.firstResponseDueAt,
    resolution_due_at: due.resolutionDueAt,
    sla_pauses: '[]',
    effective_resolution_due_at: due.resolutionDueAt,
    sla_warned: null,
    sla_breached: null,
    created_by: origin.createdBy !== undefined ? origin.createdBy : (actor?.userId ?? null),
    created_at: now,
    updated_at: now,
    deleted_at: null,
    version: 1,
  };
  await insertTicketRow(trx, row as Insertable<TicketTable>);
  await emitEvent(trx, { type: 'ticket.opened', workspaceId, at: now, payload: { ticketId: id, contactId: input.contactId, status } });
  if (input.message)
    await insertMessage(trx, { workspaceId, ticketId: id, contactId: input.contactId, kind: 'customer', body: input.message, authorId: null, at: now });
  await insertMessage(trx, {
    workspaceId,
    ticketId: id,
    contactId: input.contactId,
    kind: 'event',
    body: '',
    meta: { event: 'created', status, assigneeId, teamId, priority: input.priority, category, source: origin.source ?? null },
    authorId: actor?.userId ?? null,
    at: now,
  });
  await scheduleSlaJobs(trx, care, { ...row, resolutionDueAt: due.resolutionDueAt, resolutionTarget: policy?.resolutionMinutes ?? null }, nowD);
  const t = rowToTicket({ ...row, contact_name: null } as unknown as Row, care, nowD);
  await recordAudit(
    trx,
    {
      workspaceId,
      actorUserId: actor?.userId ?? null,
      actorTokenId: actor?.tokenId ?? null,
      action: 'create',
      entityType: 'ticket',
      entityId: id,
      after: auditedOf(t),
      meta: { contactId: t.contactId, number: t.number, ...(origin.source ? { source: origin.source } : {}) },
    },
    nowD,
  );
  // Everyone of the team was at capacity (or off duty): the ticket waits in the team's queue, and the log says why.
  if (held)
    await recordAudit(
      trx,
      { workspaceId, actorUserId: null, action: 'assignment.held', entityType: 'ticket', entityId: id, meta: { teamId, reason: held, number: t.number } },
      nowD,
    );
  return t;
}

export async function createTicket(core: Core, actor: Actor, input: TicketCreateInput): Promise<Ticket> {
  authorize(actor, 'tickets.write');
  const t = await core.db.transaction().execute((trx) => insertTicket(trx, core, actor, actor.workspaceId, input));
  return getTicket(core, actor, t.id).catch(() => t);
}
