import { notFound } from '@kith/domain/errors.ts';
import { TICKET_FIELD_LIST, type TicketFieldValues } from '@kith/domain/tickets/ticket.fields.ts';
import type { Queue, Ticket, TicketMessage } from '@kith/domain/tickets/ticket.api.ts';
import { QUEUES } from '@kith/domain/tickets/ticket.api.ts';
import { slaState, type Priority, type SlaPause } from '@kith/domain/tickets/tickets.ts';
import type { Core } from '../../core.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { fieldsReader, registryOf, TIMES_REGISTRY } from '../../platform/records/field-table.ts';
import { parseFilters, parseSort, type Registry } from '../../platform/records/list-query.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { loadCare, type CareContext } from './care-settings.service.ts';
import { findTicketRow, listTicketRows, selectMessages, type Row } from './ticket.repository.ts';

/**
 * Tickets (issue 6): a customer's complaint, question, request or incident, worked to resolution under an
 * SLA counted in the workspace's business hours. This file reads them (one, a list, the inbox's counts, a
 * conversation); ticket-create.service.ts opens one, ticket-change.service.ts changes one and adds messages.
 * Who sees which ticket: ticketScope (ticket.repository.ts).
 */

/** Made once: every ticket read goes through it (records/field-table.ts). */
const readTicketFields = fieldsReader<TicketFieldValues>(TICKET_FIELD_LIST);

/** The list's filters and sorts: each filterable field of the table (@kith/domain tickets/ticket.fields.ts), and the record's times. */
export const TICKET_FILTERS: Registry = { ...registryOf(TICKET_FIELD_LIST), ...TIMES_REGISTRY };

export function pausesOf(r: { sla_pauses: unknown }): SlaPause[] {
  return readJson<SlaPause[]>(r.sla_pauses, []);
}

/** A ticket from its row: each field of the table, then the record's own and its SLA clocks as they stand `now`. */
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
    ...readTicketFields(r as unknown as Record<string, unknown>),
    contactName: r.contact_name,
    sla: {
      policyId: r.sla_policy_id,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
      firstResponse: state.firstResponse,
      resolution: state.resolution,
    },
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export async function getTicket(core: Core, actor: Actor, id: string): Promise<Ticket> {
  authorize(actor, 'tickets.read');
  const r = await findTicketRow(core.db, actor, 'tickets.read', id);
  if (!r) throw notFound('Ticket');
  return rowToTicket(r, await loadCare(core.db, actor.workspaceId, core.now()), core.now());
}

export async function listMessages(core: Core, actor: Actor, ticketId: string): Promise<{ data: TicketMessage[] }> {
  await getTicket(core, actor, ticketId);
  const rows = await selectMessages(core.db, actor.workspaceId, ticketId);
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

export type TicketListQuery = {
  queue: Queue;
  status: 'open' | 'resolved' | 'closed' | 'any';
  contactId?: string;
  priority?: Priority;
  category?: string;
  q?: string;
  limit: number;
  offset: number;
  /** A field to sort by (`-field`: descending); the next SLA target first when none. */
  sort?: string;
  /** The query string, for its `filter[field][op]` parameters. */
  raw?: Record<string, unknown>;
};

/** The parameters of GET /tickets that are not filters. */
const KNOWN = ['queue', 'status', 'contactId', 'priority', 'category', 'q', 'limit', 'offset', 'sort'];

/** "Breaching soon": the next target is within this many hours, or past. */
export const BREACHING_HOURS = 2;

export async function listTickets(core: Core, actor: Actor, q: TicketListQuery): Promise<{ data: Ticket[]; total: number }> {
  authorize(actor, 'tickets.read');
  const now = core.now();
  const filters = q.raw ? parseFilters(q.raw, TICKET_FILTERS, [], core.dialect, 'tickets', KNOWN) : [];
  const sort = q.sort ? parseSort(q.sort, TICKET_FILTERS, [], core.dialect, 'tickets', q.sort) : null;
  const { rows, total } = await listTicketRows(core.db, actor, {
    workspaceId: actor.workspaceId,
    dialect: core.dialect,
    status: q.status,
    ...(q.queue === 'mine' ? { assigneeId: actor.userId } : {}),
    ...(q.queue === 'team' ? { teamIds: actor.teamIds } : {}),
    ...(q.queue === 'unassigned' ? { unassigned: true } : {}),
    ...(q.queue === 'breaching' ? { breachingBefore: new Date(now.getTime() + BREACHING_HOURS * 3_600_000).toISOString() } : {}),
    ...(q.contactId ? { contactId: q.contactId } : {}),
    ...(q.priority ? { priority: q.priority } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.q ? { q: q.q } : {}),
    filters,
    sort,
    limit: q.limit,
    offset: q.offset,
  });
  const care = await loadCare(core.db, actor.workspaceId, now);
  return { data: rows.map((r) => rowToTicket(r, care, now)), total };
}

/** Counts for the inbox's queues, each within the caller's scope, open tickets only. */
export async function ticketCounts(core: Core, actor: Actor): Promise<Record<Queue, number>> {
  authorize(actor, 'tickets.read');
  const out = {} as Record<Queue, number>;
  for (const queue of QUEUES) out[queue] = (await listTickets(core, actor, { queue, status: 'open', limit: 1, offset: 0 })).total;
  return out;
}
