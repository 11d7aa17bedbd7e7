import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { isoDateTime, text, uuid } from '../schema/fields.ts';
import { ASSIGNMENT_MODES, CalendarSchema, CareSettingsPatchSchema } from './care-settings.ts';
import { ticketOutputShape } from './ticket.fields.ts';
import { CannedReplySchema, SlaPoliciesSchema, TicketCreateSchema, TicketMessageSchema, TicketUpdateSchema } from './ticket.schema.ts';
import { TICKET_PRIORITIES } from './tickets.ts';

/**
 * The tickets API's shapes and operations (api/contract.ts): tickets and their conversations, canned replies,
 * the care settings, SLA policies and report, and how a team's tickets are assigned. The server's routes
 * (features/tickets/ticket.routes.ts) and the web's calls both use these.
 */

/** The inbox's queues: assigned to me, to my teams, to no one, near or past an SLA target, everything in scope. */
export const QUEUES = ['mine', 'team', 'unassigned', 'breaching', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

const SlaTarget = z
  .object({
    dueAt: Timestamp,
    remainingMinutes: z.number().describe('Business minutes left (negative once past due)'),
    breached: z.boolean(),
    met: z.boolean().nullable(),
    warn: z.boolean(),
  })
  .nullable();
export type SlaTargetView = NonNullable<z.output<typeof SlaTarget>>;

export const TicketOut = z
  .object({
    id: z.string(),
    number: z.number().int(),
    // Each field as the field table says it is returned (ticket.fields.ts).
    ...ticketOutputShape,
    contactName: z.string().nullable(),
    sla: z.object({
      policyId: z.string().nullable(),
      firstResponseDueAt: Timestamp.nullable().describe('When the first reply is due (business hours); null when no policy applies'),
      resolutionDueAt: Timestamp.nullable().describe(
        'When resolution is due, as set at creation (or on a change of priority/category); null when no policy applies',
      ),
      firstResponse: SlaTarget,
      resolution: SlaTarget.describe('The resolution clock now: its due time moves back by the business time spent waiting on the customer'),
    }),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Ticket' });
/** A ticket as the API returns it. */
export type Ticket = z.output<typeof TicketOut>;

export const TicketMessageOut = z
  .object({
    id: z.string(),
    kind: z.enum(['customer', 'reply', 'note', 'event']),
    body: z.string(),
    meta: z.unknown(),
    authorId: z.string().nullable(),
    mailId: z.string().nullable(),
    mailStatus: z.string().nullable().describe('queued, sending, sent, failed or suppressed, for a reply emailed to the customer'),
    createdAt: Timestamp,
  })
  .meta({ id: 'TicketMessage' });
/** One entry of a ticket's conversation. */
export type TicketMessage = z.output<typeof TicketMessageOut>;

export const CareSettingsOut = z.object({
  calendar: z.object({
    timeZone: z.string(),
    week: z.array(z.array(z.object({ from: z.string(), to: z.string() }))),
    holidays: z.array(z.object({ date: z.string(), name: z.string() })),
    extraWorkingDays: z.array(z.string()),
  }),
  categories: z.array(z.string()),
  warnFraction: z.number(),
  escalation: z.object({ reassignToManager: z.boolean(), notifyManagers: z.boolean() }),
});
export type CareSettingsOut = z.output<typeof CareSettingsOut>;

export const SlaPolicyOut = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  priority: z.enum(TICKET_PRIORITIES).nullable(),
  category: z.string().nullable(),
  firstResponseMinutes: z.number().int().nullable(),
  resolutionMinutes: z.number().int().nullable(),
});
export type SlaPolicyOut = z.output<typeof SlaPolicyOut>;

export const CannedReplyOut = z.object({ id: z.string(), title: z.string(), body: z.string(), createdBy: z.string().nullable(), updatedAt: Timestamp });
export type CannedReplyOut = z.output<typeof CannedReplyOut>;

const TeamAssignmentOut = z.object({ teamId: z.string(), mode: z.enum(ASSIGNMENT_MODES) });
const Counts = z.object(Object.fromEntries(QUEUES.map((q) => [q, z.number().int()])) as Record<Queue, z.ZodNumber>);
const SlaOutcome = z.object({ met: z.number(), missed: z.number(), running: z.number() });
export const SlaReportRow = z.object({
  key: z.string().nullable(),
  tickets: z.number().int(),
  firstResponse: SlaOutcome,
  resolution: SlaOutcome,
  attainment: z.number().nullable(),
});

export const TicketListQuery = z
  .strictObject({
    queue: z.enum(QUEUES).default('all'),
    status: z.enum(['open', 'resolved', 'closed', 'any']).default('any'),
    contactId: uuid().optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    category: z.string().max(40).optional(),
    q: text(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    sort: z.string().max(80).optional().describe('A field of the list to sort by (-field: descending); the next SLA target first by default'),
  })
  .catchall(z.union([z.string(), z.array(z.string())]));

const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const ticketApi = {
  // ---- tickets
  list: contract({
    method: 'GET',
    path: '/tickets',
    tags: ['tickets'],
    summary: 'Tickets in your scope, the next SLA target first: a queue (mine, team, unassigned, breaching soon, all) and filters',
    query: TicketListQuery,
    status: 200,
    response: z.object({ data: z.array(TicketOut), total: z.number().int() }),
  }),
  counts: contract({
    method: 'GET',
    path: '/tickets/counts',
    tags: ['tickets'],
    summary: 'Open tickets in each inbox queue (within your scope)',
    status: 200,
    response: Counts,
  }),
  create: contract({
    method: 'POST',
    path: '/tickets',
    tags: ['tickets'],
    summary: 'Open a ticket for a customer; its SLA due times come from the most specific policy, counted in business hours',
    body: TicketCreateSchema,
    status: 201,
    response: TicketOut,
  }),
  get: contract({
    method: 'GET',
    path: '/tickets/:id',
    tags: ['tickets'],
    summary: 'One ticket with its SLA clocks',
    params: IdParams,
    status: 200,
    response: TicketOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/tickets/:id',
    tags: ['tickets'],
    summary:
      'Change a ticket: status (moves are checked; resolving needs a resolution), priority, category, assignee, team, tags, root cause (If-Match honoured)',
    params: IdParams,
    body: TicketUpdateSchema,
    status: 200,
    response: TicketOut,
  }),
  messages: contract({
    method: 'GET',
    path: '/tickets/:id/messages',
    tags: ['tickets'],
    summary: 'The conversation: customer messages, replies, internal notes and events, oldest first',
    params: IdParams,
    status: 200,
    response: listOf(TicketMessageOut),
  }),
  addMessage: contract({
    method: 'POST',
    path: '/tickets/:id/messages',
    tags: ['tickets'],
    summary:
      'Reply to the customer (emailed when they have an address and SMTP is set up; the first reply stops the first-response clock), add an internal note, or log the customer’s message',
    params: IdParams,
    body: TicketMessageSchema,
    status: 201,
    response: TicketOut,
  }),

  // ---- canned replies
  cannedReplies: contract({
    method: 'GET',
    path: '/canned-replies',
    tags: ['care'],
    summary: 'Canned replies, by title',
    status: 200,
    response: listOf(CannedReplyOut),
  }),
  createCannedReply: contract({
    method: 'POST',
    path: '/canned-replies',
    tags: ['care'],
    summary: 'Add a canned reply',
    body: CannedReplySchema,
    status: 201,
    response: CannedReplyOut,
  }),
  updateCannedReply: contract({
    method: 'PUT',
    path: '/canned-replies/:id',
    tags: ['care'],
    summary: 'Change a canned reply',
    params: IdParams,
    body: CannedReplySchema,
    status: 200,
    response: CannedReplyOut,
  }),
  removeCannedReply: contract({
    method: 'DELETE',
    path: '/canned-replies/:id',
    tags: ['care'],
    summary: 'Delete a canned reply',
    params: IdParams,
    status: 204,
    response: null,
  }),

  // ---- care settings, SLA policies and report, team assignment
  settings: contract({
    method: 'GET',
    path: '/care/settings',
    tags: ['care'],
    summary: 'The working calendar SLA clocks count in, ticket categories, warning and escalation rules',
    status: 200,
    response: CareSettingsOut,
  }),
  updateSettings: contract({
    method: 'PATCH',
    path: '/care/settings',
    tags: ['care'],
    summary: 'Change the care settings (each part given replaces that part; audited)',
    body: CareSettingsPatchSchema,
    status: 200,
    response: CareSettingsOut,
  }),
  holidays: contract({
    method: 'GET',
    path: '/care/holidays',
    tags: ['care'],
    summary:
      'Vietnam’s public holidays for a year and the next by the law of each year (Tết and Hùng Kings’ day from the lunar calendar, days in lieu by the workspace’s week), to add to the working calendar',
    query: z.strictObject({ year: z.coerce.number().int().min(1995).max(2198) }),
    status: 200,
    response: z.object({ data: CalendarSchema.shape.holidays }),
  }),
  slaPolicies: contract({
    method: 'GET',
    path: '/care/sla-policies',
    tags: ['care'],
    summary: 'SLA policies in order: the most specific matching row sets a ticket’s targets (business minutes)',
    status: 200,
    response: listOf(SlaPolicyOut),
  }),
  replaceSlaPolicies: contract({
    method: 'PUT',
    path: '/care/sla-policies',
    tags: ['care'],
    summary: 'Replace the SLA policies (new tickets and re-prioritised ones follow them; audited)',
    body: SlaPoliciesSchema,
    status: 200,
    response: listOf(SlaPolicyOut),
  }),
  teamAssignment: contract({
    method: 'GET',
    path: '/teams/:id/assignment',
    tags: ['care'],
    summary: 'How a team’s new tickets are assigned',
    params: IdParams,
    status: 200,
    response: TeamAssignmentOut,
  }),
  setTeamAssignment: contract({
    method: 'PUT',
    path: '/teams/:id/assignment',
    tags: ['care'],
    summary: 'Set a team’s assignment rule: manual, round_robin or least_open (open tickets)',
    params: IdParams,
    body: z.strictObject({ mode: z.enum(ASSIGNMENT_MODES) }),
    status: 200,
    response: TeamAssignmentOut,
  }),
  slaReport: contract({
    method: 'GET',
    path: '/care/sla-report',
    tags: ['care'],
    summary: 'SLA attainment of the tickets created in a period, per team, agent or category',
    query: z.strictObject({ by: z.enum(['team', 'agent', 'category']).default('team'), from: isoDateTime(), to: isoDateTime() }),
    status: 200,
    response: listOf(SlaReportRow),
  }),
};
