import { sql, type ExpressionBuilder, type Selectable, type Updateable } from 'kysely';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import { businessMinutesBetween } from '@kith/domain/time/business-hours.ts';
import { checkMove, pickPolicy, slaDue, slaState, type Priority, type SlaPause, type TicketStatus } from '@kith/domain/tickets/tickets.ts';
import type { Ticket, TicketCreateInput, TicketMessage, TicketMessageInput, TicketUpdateInput } from '@kith/domain/tickets/ticket.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, preconditionFailed, readableContacts } from '../../platform/records/visibility.ts';
import { loadCare, type CareContext } from './care-settings.service.ts';
import type { TicketTable } from './ticket.table.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { autoAssign } from './ticket-assignment.service.ts';
import { effectiveResolutionDue, scheduleSlaJobs } from './ticket-sla.ts';
import { t as message } from '../../platform/i18n/messages.ts';

/**
 * Tickets (issue 6): a customer's complaint, question, request or incident, worked to resolution under an
 * SLA counted in the workspace's business hours. Scope (docs/permissions.md): owners, admins and viewers
 * see every ticket; an agent the tickets assigned to them, those of their teams and the unassigned pool
 * (no assignee, no team); a manager also those assigned to members of their teams.
 */

export const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'waiting_on_customer', 'reopened'];
const AUDITED = ['subject', 'priority', 'category', 'status', 'assigneeId', 'teamId', 'tags', 'rootCause', 'resolution', 'orderId'] as const;

export type Row = Selectable<TicketTable> & { contact_name: string | null };

export function ticketScope(actor: Actor, action: 'tickets.read' | 'tickets.write') {
  const grant = grantOf(actor.role, action);
  return (eb: ExpressionBuilder<Database, 'tickets'>) => {
    const ws = eb('tickets.workspace_id', '=', actor.workspaceId);
    if (grant === true) return ws;
    const mine = [eb('tickets.assignee_id', '=', actor.userId), eb.and([eb('tickets.assignee_id', 'is', null), eb('tickets.team_id', 'is', null)])];
    if (actor.teamIds.length) {
      mine.push(eb('tickets.team_id', 'in', actor.teamIds));
      if (actor.role === 'manager')
        mine.push(
          sql<boolean>`tickets.assignee_id in (select tm.user_id from team_members tm where tm.workspace_id = ${actor.workspaceId} and tm.team_id in (${sql.join(actor.teamIds)}))` as never,
        );
    }
    return eb.and([ws, eb.or(mine)]);
  };
}

export function selectTickets(db: Db) {
  return db
    .selectFrom('tickets')
    .innerJoin('contacts', 'contacts.id', 'tickets.contact_id')
    .selectAll('tickets')
    .select('contacts.name as contact_name')
    .where('tickets.deleted_at', 'is', null);
}

function pausesOf(r: { sla_pauses: unknown }): SlaPause[] {
  return readJson<SlaPause[]>(r.sla_pauses, []);
}

export function rowToTicket(r: Row, care: CareContext, now: Date): Ticket {
  const state = slaState(
    care.calendar,
    {
      createdAt: r.created_at,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
      firstRespondedAt: r.first_responded_at,
      resolvedAt: r.resolved_at,
      pauses: pausesOf(r),
    },
    now,
    { warnFraction: care.settings.warnFraction },
  );
  return {
    id: r.id,
    number: Number(r.number),
    contactId: r.contact_id,
    contactName: r.contact_name,
    orderId: r.order_id,
    category: r.category,
    priority: r.priority as Priority,
    channel: r.channel,
    subject: r.subject,
    status: r.status as TicketStatus,
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    tags: readJson<string[]>(r.tags, []),
    rootCause: r.root_cause,
    resolution: r.resolution,
    sla: {
      policyId: r.sla_policy_id,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
      firstResponse: state.firstResponse,
      resolution: state.resolution,
    },
    firstRespondedAt: r.first_responded_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    source: r.source,
    sourceId: r.source_id,
    lastMessageAt: r.last_message_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const audited = (t: Ticket) => Object.fromEntries(AUDITED.map((k) => [k, t[k]]));

// ------------------------------------------------------------------------------------------- checks

async function checkTeam(db: Db, workspaceId: string, teamId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!teamId) return;
  const team = await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst();
  if (!team) issues.push({ path: ['teamId'], message: 'No such team in this workspace', code: 'not_found' });
}

/** Themselves always; others with tickets.assign (a manager: members of their teams). A null actor is the system. */
async function checkAssignee(db: Db, actor: Actor | null, workspaceId: string, assigneeId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!assigneeId || assigneeId === actor?.userId) return;
  const member = await db
    .selectFrom('memberships')
    .select(['user_id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', assigneeId)
    .executeTakeFirst();
  if (!member) return void issues.push({ path: ['assigneeId'], message: 'Not a member of this workspace', code: 'not_found' });
  if (member.role === 'viewer') return void issues.push({ path: ['assigneeId'], message: 'A viewer cannot work tickets', code: 'invalid' });
  if (!actor) return;
  const grant = grantOf(actor.role, 'tickets.assign');
  if (grant === true) return;
  if (grant === 'scoped' && actor.teamIds.length) {
    const mate = await db
      .selectFrom('team_members')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('team_id', 'in', actor.teamIds)
      .where('user_id', '=', assigneeId)
      .executeTakeFirst();
    if (mate) return;
  }
  issues.push({ path: ['assigneeId'], message: 'You may take tickets yourself only (or, as a manager, give them to members of your teams)', code: 'invalid' });
}

async function checkOrder(db: Db, workspaceId: string, contactId: string, orderId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!orderId) return;
  const o = await db
    .selectFrom('orders')
    .select(['contact_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', orderId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!o) issues.push({ path: ['orderId'], message: 'No such order', code: 'not_found' });
  else if (o.contact_id !== contactId) issues.push({ path: ['orderId'], message: 'The order is another customer’s', code: 'invalid' });
}

// --------------------------------------------------------------------------------------------- create

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
  } else {
    const c = await trx
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.contactId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!c) issues.push({ path: ['contactId'], message: 'No such customer', code: 'not_found' });
  }
  const category = input.category ?? null;
  if (category !== null && !care.settings.categories.includes(category))
    issues.push({ path: ['category'], message: `Not one of the workspace's categories (${care.settings.categories.join(', ')})`, code: 'invalid_choice' });
  await checkTeam(trx, workspaceId, input.teamId, issues);
  await checkAssignee(trx, actor, workspaceId, input.assigneeId, issues);
  await checkOrder(trx, workspaceId, input.contactId, input.orderId, issues);
  if (issues.length) throw invalid(issues, 'The ticket has invalid fields');

  const nowD = core.now();
  const now = nowD.toISOString();
  let assigneeId = input.assigneeId ?? null;
  const teamId = input.teamId ?? null;
  if (!assigneeId && teamId) assigneeId = await autoAssign(trx, workspaceId, teamId, now);
  const policy = pickPolicy(care.policies, input.priority, category);
  const due = slaDue(care.calendar, policy, now);
  const seq = await trx
    .updateTable('care_settings')
    .set((eb) => ({ ticket_seq: eb('ticket_seq', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .returning('ticket_seq')
    .executeTakeFirstOrThrow();
  const id = uuidv7();
  const row = {
    id,
    workspace_id: workspaceId,
    number: Number(seq.ticket_seq),
    contact_id: input.contactId,
    order_id: input.orderId ?? null,
    category,
    priority: input.priority,
    channel: input.channel,
    subject: input.subject,
    status: assigneeId ? 'open' : 'new',
    assignee_id: assigneeId,
    team_id: teamId,
    tags: JSON.stringify(input.tags ?? []),
    root_cause: null,
    resolution: null,
    sla_policy_id: policy?.id ?? null,
    first_response_due_at: due.firstResponseDueAt,
    resolution_due_at: due.resolutionDueAt,
    first_responded_at: null,
    resolved_at: null,
    closed_at: null,
    sla_pauses: '[]',
    effective_resolution_due_at: due.resolutionDueAt,
    sla_warned: null,
    sla_breached: null,
    source: origin.source ?? null,
    source_id: origin.sourceId ?? null,
    last_message_at: now,
    created_by: origin.createdBy !== undefined ? origin.createdBy : (actor?.userId ?? null),
    created_at: now,
    updated_at: now,
    deleted_at: null,
    version: 1,
  };
  await trx.insertInto('tickets').values(row).execute();
  await emitEvent(trx, {
    type: 'ticket.opened',
    workspaceId,
    at: now,
    payload: { ticketId: id, contactId: row.contact_id, status: row.status as TicketStatus },
  });
  if (input.message)
    await insertMessage(trx, { workspaceId, ticketId: id, contactId: input.contactId, kind: 'customer', body: input.message, authorId: null, at: now });
  await insertMessage(trx, {
    workspaceId,
    ticketId: id,
    contactId: input.contactId,
    kind: 'event',
    body: '',
    meta: { event: 'created', status: row.status, assigneeId, teamId, priority: input.priority, category, source: origin.source ?? null },
    authorId: actor?.userId ?? null,
    at: now,
  });
  await scheduleSlaJobs(trx, care, { ...row, resolutionDueAt: due.resolutionDueAt, resolutionTarget: policy?.resolutionMinutes ?? null }, nowD);
  const t = rowToTicket({ ...row, tags: row.tags, sla_pauses: row.sla_pauses, contact_name: null } as Row, care, nowD);
  await recordAudit(
    trx,
    {
      workspaceId,
      actorUserId: actor?.userId ?? null,
      actorTokenId: actor?.tokenId ?? null,
      action: 'create',
      entityType: 'ticket',
      entityId: id,
      after: audited(t),
      meta: { contactId: t.contactId, number: t.number, ...(origin.source ? { source: origin.source } : {}) },
    },
    nowD,
  );
  return t;
}

export async function createTicket(core: Core, actor: Actor, input: TicketCreateInput): Promise<Ticket> {
  authorize(actor, 'tickets.write');
  const t = await core.db.transaction().execute((trx) => insertTicket(trx, core, actor, actor.workspaceId, input));
  return getTicket(core, actor, t.id).catch(() => t);
}

// ---------------------------------------------------------------------------------------------- read

async function findTicketRow(db: Db, actor: Actor, action: 'tickets.read' | 'tickets.write', id: string): Promise<Row | undefined> {
  return (await selectTickets(db).where(ticketScope(actor, action)).where('tickets.id', '=', id).executeTakeFirst()) as Row | undefined;
}

export async function getTicket(core: Core, actor: Actor, id: string): Promise<Ticket> {
  authorize(actor, 'tickets.read');
  const r = await findTicketRow(core.db, actor, 'tickets.read', id);
  if (!r) throw notFound('Ticket');
  return rowToTicket(r, await loadCare(core.db, actor.workspaceId, core.now()), core.now());
}

export async function listMessages(core: Core, actor: Actor, ticketId: string): Promise<{ data: TicketMessage[] }> {
  await getTicket(core, actor, ticketId);
  const rows = await core.db
    .selectFrom('ticket_messages')
    .leftJoin('mail_outbox', 'mail_outbox.id', 'ticket_messages.mail_id')
    .selectAll('ticket_messages')
    .select('mail_outbox.status as mail_status')
    .where('ticket_messages.workspace_id', '=', actor.workspaceId)
    .where('ticket_messages.ticket_id', '=', ticketId)
    .orderBy('ticket_messages.created_at')
    .orderBy('ticket_messages.id')
    .execute();
  return {
    data: rows.map((r) => ({
      id: r.id,
      kind: r.kind as TicketMessage['kind'],
      body: r.body,
      meta: readJson(r.meta, null),
      authorId: r.author_id,
      mailId: r.mail_id,
      mailStatus: r.mail_status,
      createdAt: r.created_at,
    })),
  };
}

export const QUEUES = ['mine', 'team', 'unassigned', 'breaching', 'all'] as const;
export type Queue = (typeof QUEUES)[number];
export type TicketListQuery = {
  queue: Queue;
  status: 'open' | 'resolved' | 'closed' | 'any';
  contactId?: string;
  priority?: Priority;
  category?: string;
  q?: string;
  limit: number;
  offset: number;
};

/** When a ticket's next target falls: the first response until answered, then the resolution. */
const nextDue = sql<
  string | null
>`case when tickets.first_responded_at is null and tickets.first_response_due_at is not null then tickets.first_response_due_at else tickets.effective_resolution_due_at end`;

/** "Breaching soon": the next target is within this many hours, or past. */
export const BREACHING_HOURS = 2;

export async function listTickets(core: Core, actor: Actor, q: TicketListQuery): Promise<{ data: Ticket[]; total: number }> {
  authorize(actor, 'tickets.read');
  const now = core.now();
  let query = selectTickets(core.db).where(ticketScope(actor, 'tickets.read'));
  if (q.status === 'open') query = query.where('tickets.status', 'in', OPEN_STATUSES);
  else if (q.status !== 'any') query = query.where('tickets.status', '=', q.status);
  if (q.queue === 'mine') query = query.where('tickets.assignee_id', '=', actor.userId);
  if (q.queue === 'team') query = actor.teamIds.length ? query.where('tickets.team_id', 'in', actor.teamIds) : query.where(sql<boolean>`1 = 0`);
  if (q.queue === 'unassigned') query = query.where('tickets.assignee_id', 'is', null);
  if (q.queue === 'breaching')
    query = query
      .where('tickets.status', 'in', ['new', 'open', 'reopened'])
      .where(nextDue, '<=', new Date(now.getTime() + BREACHING_HOURS * 3_600_000).toISOString());
  if (q.contactId) query = query.where('tickets.contact_id', '=', q.contactId);
  if (q.priority) query = query.where('tickets.priority', '=', q.priority);
  if (q.category) query = query.where('tickets.category', '=', q.category);
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const n = Number(q.q.replace(/^#/, ''));
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(tickets.subject)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(contacts.name)`, 'like', sql`${like} escape '\\'`),
        ...(Number.isInteger(n) && n > 0 && n < 2 ** 31 ? [eb('tickets.number', '=', n)] : []),
      ]),
    );
  }
  const total = Number(
    (
      await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await query
    .orderBy(sql`case when ${nextDue} is null then 1 else 0 end`)
    .orderBy(nextDue)
    .orderBy('tickets.created_at', 'desc')
    .orderBy('tickets.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const care = await loadCare(core.db, actor.workspaceId, now);
  return { data: rows.map((r) => rowToTicket(r as Row, care, now)), total };
}

/** Counts for the inbox's queues, each within the caller's scope, open tickets only. */
export async function ticketCounts(core: Core, actor: Actor): Promise<Record<Queue, number>> {
  authorize(actor, 'tickets.read');
  const out = {} as Record<Queue, number>;
  for (const queue of QUEUES) out[queue] = (await listTickets(core, actor, { queue, status: 'open', limit: 1, offset: 0 })).total;
  return out;
}

// --------------------------------------------------------------------------------------------- write

export type NewMessage = {
  workspaceId: string;
  ticketId: string;
  contactId: string;
  kind: TicketMessage['kind'];
  body: string;
  meta?: unknown;
  authorId: string | null;
  at: string;
  mailId?: string | null;
};

async function insertMessage(db: Db, m: NewMessage): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('ticket_messages')
    .values({
      id,
      workspace_id: m.workspaceId,
      ticket_id: m.ticketId,
      contact_id: m.contactId,
      kind: m.kind,
      body: m.body,
      meta: m.meta === undefined ? null : JSON.stringify(m.meta),
      author_id: m.authorId,
      mail_id: m.mailId ?? null,
      created_at: m.at,
    })
    .execute();
  return id;
}

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
    if (p.category !== undefined && p.category !== null && p.category !== row.category && !care.settings.categories.includes(p.category))
      issues.push({ path: ['category'], message: `Not one of the workspace's categories (${care.settings.categories.join(', ')})`, code: 'invalid_choice' });
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
    if (p.subject !== undefined) set.subject = p.subject;
    if (p.tags !== undefined) set.tags = JSON.stringify(p.tags);
    if (p.rootCause !== undefined) set.root_cause = p.rootCause;
    if (p.resolution !== undefined) set.resolution = p.resolution;
    if (p.orderId !== undefined) set.order_id = p.orderId;
    if (p.teamId !== undefined) set.team_id = p.teamId;
    if (p.assigneeId !== undefined) set.assignee_id = p.assigneeId;
    if ((set.assignee_id ?? row.assignee_id) && (set.status ?? row.status) === 'new') set.status = 'open';
    if (p.priority !== undefined) set.priority = p.priority;
    if (p.category !== undefined) set.category = p.category;

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
      if (change.message.kind === 'reply') mailId = await mailReply(trx, core, row, change.message.body, care, nowD);
    }
    set.sla_pauses = JSON.stringify(pauses);
    const merged = { ...row, ...set } as Row;
    set.effective_resolution_due_at = effectiveResolutionDue(care, { ...merged, pauses }, nowD);

    const after = rowToTicket(merged, care, nowD);
    const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0 && !change.message) return before;
    const r = await trx
      .updateTable('tickets')
      .set({ ...set, updated_at: now, version: row.version + 1 })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw preconditionFailed(row.version + 1);
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
async function mailReply(trx: Db, core: Core, row: Row, body: string, care: CareContext, now: Date): Promise<string | null> {
  const contact = await trx.selectFrom('contacts').select(['emails', 'name']).where('id', '=', row.contact_id).executeTakeFirst();
  const to = readJson<string[]>(contact?.emails ?? null, [])[0];
  if (!to) return null;
  const ws = await trx.selectFrom('workspaces').select(['name']).where('id', '=', row.workspace_id).executeTakeFirst();
  const subject = `[#${row.number}] ${row.subject}`;
  const footer = message(care.locale, 'ticket.reply.footer', { workspace: ws?.name ?? 'Kith', number: row.number });
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
