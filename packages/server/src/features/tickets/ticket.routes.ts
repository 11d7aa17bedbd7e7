import { z } from 'zod';
import { ASSIGNMENT_MODES, CalendarSchema, CareSettingsPatchSchema } from '@kith/domain/tickets/care-settings.ts';
import { CannedReplySchema, SlaPoliciesSchema, TicketCreateSchema, TicketMessageSchema, TicketUpdateSchema } from '@kith/domain/tickets/ticket.schema.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '@kith/domain/tickets/tickets.ts';
import { isoDateTime, text, uuid } from '@kith/domain/schema/fields.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errors, etag, IdParams, parseIfMatch, Timestamp } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { defaultHolidays, getCareSettings, listSlaPolicies, replaceSlaPolicies, updateCareSettings } from './care-settings.service.ts';
import { deleteCannedReply, listCannedReplies, saveCannedReply } from './canned-reply.service.ts';
import { addMessage, createTicket, getTicket, listMessages, listTickets, QUEUES, ticketCounts, updateTicket } from './ticket.service.ts';
import { getTeamAssignment, setTeamAssignment } from './ticket-assignment.service.ts';
import { slaReport } from './sla-report.service.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';

const SlaTarget = z
  .object({
    dueAt: Timestamp,
    remainingMinutes: z.number().describe('Business minutes left (negative once past due)'),
    breached: z.boolean(),
    met: z.boolean().nullable(),
    warn: z.boolean(),
  })
  .nullable();

export const TicketOut = z
  .object({
    id: z.string(),
    number: z.number().int(),
    contactId: z.string(),
    contactName: z.string().nullable(),
    orderId: z.string().nullable(),
    category: z.string().nullable(),
    priority: z.enum(TICKET_PRIORITIES),
    channel: z.string(),
    subject: z.string(),
    status: z.enum(TICKET_STATUSES),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    tags: z.array(z.string()),
    rootCause: z.string().nullable(),
    resolution: z.string().nullable(),
    sla: z.object({
      policyId: z.string().nullable(),
      firstResponseDueAt: Timestamp.nullable().describe('When the first reply is due (business hours); null when no policy applies'),
      resolutionDueAt: Timestamp.nullable().describe(
        'When resolution is due, as set at creation (or on a change of priority/category); null when no policy applies',
      ),
      firstResponse: SlaTarget,
      resolution: SlaTarget.describe('The resolution clock now: its due time moves back by the business time spent waiting on the customer'),
    }),
    firstRespondedAt: Timestamp.nullable(),
    resolvedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    source: z.string().nullable(),
    sourceId: z.string().nullable(),
    lastMessageAt: Timestamp,
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Ticket' });

const MessageOut = z
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

const SettingsOut = z.object({
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
const PolicyOut = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  priority: z.enum(TICKET_PRIORITIES).nullable(),
  category: z.string().nullable(),
  firstResponseMinutes: z.number().int().nullable(),
  resolutionMinutes: z.number().int().nullable(),
});
const CannedOut = z.object({ id: z.string(), title: z.string(), body: z.string(), createdBy: z.string().nullable(), updatedAt: Timestamp });
const Counts = z.object(Object.fromEntries(QUEUES.map((q) => [q, z.number().int()])) as Record<(typeof QUEUES)[number], z.ZodNumber>);

export function ticketRoutes(core: Core) {
  return async function (app: App) {
    // ---- settings
    app.get(
      '/care/settings',
      {
        schema: {
          tags: ['care'],
          summary: 'The working calendar SLA clocks count in, ticket categories, warning and escalation rules',
          response: { 200: SettingsOut },
        },
        config: { action: 'tickets.read' },
      },
      async (req) => getCareSettings(core, actorOf(req)),
    );
    app.patch(
      '/care/settings',
      {
        schema: {
          tags: ['care'],
          summary: 'Change the care settings (each part given replaces that part; audited)',
          body: CareSettingsPatchSchema,
          response: { 200: SettingsOut, ...errors(403, 422) },
        },
        config: { action: 'care.configure' },
      },
      async (req) => updateCareSettings(core, actorOf(req), req.body),
    );
    app.get(
      '/care/holidays',
      {
        schema: {
          tags: ['care'],
          summary: 'Vietnam’s public holidays for a year and the next (Tết and Hùng Kings’ day from the lunar calendar), to add to the working calendar',
          querystring: z.strictObject({ year: z.coerce.number().int().min(1900).max(2199) }),
          response: { 200: z.object({ data: CalendarSchema.shape.holidays }) },
        },
        config: { action: 'tickets.read' },
      },
      async (req) => {
        const ws = await findWorkspace(core.db, actorOf(req).workspaceId);
        return { data: defaultHolidays(req.query.year, ws?.locale ?? 'vi') };
      },
    );
    app.get(
      '/care/sla-policies',
      {
        schema: {
          tags: ['care'],
          summary: 'SLA policies in order: the most specific matching row sets a ticket’s targets (business minutes)',
          response: { 200: z.object({ data: z.array(PolicyOut) }) },
        },
        config: { action: 'tickets.read' },
      },
      async (req) => ({ data: await listSlaPolicies(core, actorOf(req)) }),
    );
    app.put(
      '/care/sla-policies',
      {
        schema: {
          tags: ['care'],
          summary: 'Replace the SLA policies (new tickets and re-prioritised ones follow them; audited)',
          body: SlaPoliciesSchema,
          response: { 200: z.object({ data: z.array(PolicyOut) }), ...errors(403, 422) },
        },
        config: { action: 'care.configure' },
      },
      async (req) => ({ data: await replaceSlaPolicies(core, actorOf(req), req.body.policies) }),
    );
    app.get(
      '/teams/:id/assignment',
      {
        schema: {
          tags: ['care'],
          summary: 'How a team’s new tickets are assigned',
          params: IdParams,
          response: { 200: z.object({ teamId: z.string(), mode: z.enum(ASSIGNMENT_MODES) }), ...errors(404) },
        },
        config: { action: 'tickets.read' },
      },
      async (req) => getTeamAssignment(core, actorOf(req), req.params.id),
    );
    app.put(
      '/teams/:id/assignment',
      {
        schema: {
          tags: ['care'],
          summary: 'Set a team’s assignment rule: manual, round_robin or least_open (open tickets)',
          params: IdParams,
          body: z.strictObject({ mode: z.enum(ASSIGNMENT_MODES) }),
          response: { 200: z.object({ teamId: z.string(), mode: z.enum(ASSIGNMENT_MODES) }), ...errors(403, 404, 422) },
        },
        config: { action: 'care.configure' },
      },
      async (req) => setTeamAssignment(core, actorOf(req), req.params.id, req.body.mode),
    );
    app.get(
      '/care/sla-report',
      {
        schema: {
          tags: ['care'],
          summary: 'SLA attainment of the tickets created in a period, per team, agent or category',
          querystring: z.strictObject({ by: z.enum(['team', 'agent', 'category']).default('team'), from: isoDateTime(), to: isoDateTime() }),
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  key: z.string().nullable(),
                  tickets: z.number().int(),
                  firstResponse: z.object({ met: z.number(), missed: z.number(), running: z.number() }),
                  resolution: z.object({ met: z.number(), missed: z.number(), running: z.number() }),
                  attainment: z.number().nullable(),
                }),
              ),
            }),
            ...errors(403, 422),
          },
        },
        config: { action: 'surveys.read' },
      },
      async (req) => slaReport(core, actorOf(req), req.query),
    );

    // ---- canned replies
    app.get(
      '/canned-replies',
      {
        schema: { tags: ['care'], summary: 'Canned replies, by title', response: { 200: z.object({ data: z.array(CannedOut) }) } },
        config: { action: 'tickets.read' },
      },
      async (req) => listCannedReplies(core, actorOf(req)),
    );
    app.post(
      '/canned-replies',
      {
        schema: { tags: ['care'], summary: 'Add a canned reply', body: CannedReplySchema, response: { 201: CannedOut, ...errors(403, 422) } },
        config: { action: 'canned_replies.manage' },
      },
      async (req, reply) => reply.code(201).send(await saveCannedReply(core, actorOf(req), null, req.body)),
    );
    app.put(
      '/canned-replies/:id',
      {
        schema: {
          tags: ['care'],
          summary: 'Change a canned reply',
          params: IdParams,
          body: CannedReplySchema,
          response: { 200: CannedOut, ...errors(403, 404, 422) },
        },
        config: { action: 'canned_replies.manage' },
      },
      async (req) => saveCannedReply(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      '/canned-replies/:id',
      {
        schema: { tags: ['care'], summary: 'Delete a canned reply', params: IdParams, response: { 204: z.null(), ...errors(403, 404) } },
        config: { action: 'canned_replies.manage' },
      },
      async (req, reply) => {
        await deleteCannedReply(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    // ---- tickets
    app.get(
      '/tickets',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Tickets in your scope, the next SLA target first: a queue (mine, team, unassigned, breaching soon, all) and filters',
          querystring: z.strictObject({
            queue: z.enum(QUEUES).default('all'),
            status: z.enum(['open', 'resolved', 'closed', 'any']).default('any'),
            contactId: uuid().optional(),
            priority: z.enum(TICKET_PRIORITIES).optional(),
            category: z.string().max(40).optional(),
            q: text(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(100_000).default(0),
          }),
          response: { 200: z.object({ data: z.array(TicketOut), total: z.number().int() }), ...errors(403, 422) },
        },
        config: { action: 'tickets.read' },
      },
      async (req) => {
        const { q, contactId, priority, category, ...rest } = req.query;
        return listTickets(core, actorOf(req), {
          ...rest,
          ...(q ? { q } : {}),
          ...(contactId ? { contactId } : {}),
          ...(priority ? { priority } : {}),
          ...(category ? { category } : {}),
        });
      },
    );
    app.get(
      '/tickets/counts',
      {
        schema: { tags: ['tickets'], summary: 'Open tickets in each inbox queue (within your scope)', response: { 200: Counts } },
        config: { action: 'tickets.read' },
      },
      async (req) => ticketCounts(core, actorOf(req)),
    );
    app.post(
      '/tickets',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Open a ticket for a customer; its SLA due times come from the most specific policy, counted in business hours',
          body: TicketCreateSchema,
          response: { 201: TicketOut, ...errors(403, 422) },
        },
        config: { action: 'tickets.write' },
      },
      async (req, reply) => {
        const t = await createTicket(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(t.version)).header('location', `/api/v1/tickets/${t.id}`).send(t);
      },
    );
    app.get(
      '/tickets/:id',
      {
        schema: { tags: ['tickets'], summary: 'One ticket with its SLA clocks', params: IdParams, response: { 200: TicketOut, ...errors(404) } },
        config: { action: 'tickets.read' },
      },
      async (req, reply) => {
        const t = await getTicket(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(t.version)).send(t);
      },
    );
    app.patch(
      '/tickets/:id',
      {
        schema: {
          tags: ['tickets'],
          summary:
            'Change a ticket: status (moves are checked; resolving needs a resolution), priority, category, assignee, team, tags, root cause (If-Match honoured)',
          params: IdParams,
          body: TicketUpdateSchema,
          response: { 200: TicketOut, ...errors(403, 404, 412, 422) },
        },
        config: { action: 'tickets.write' },
      },
      async (req, reply) => {
        const t = await updateTicket(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(t.version)).send(t);
      },
    );
    app.get(
      '/tickets/:id/messages',
      {
        schema: {
          tags: ['tickets'],
          summary: 'The conversation: customer messages, replies, internal notes and events, oldest first',
          params: IdParams,
          response: { 200: z.object({ data: z.array(MessageOut) }), ...errors(404) },
        },
        config: { action: 'tickets.read' },
      },
      async (req) => listMessages(core, actorOf(req), req.params.id),
    );
    app.post(
      '/tickets/:id/messages',
      {
        schema: {
          tags: ['tickets'],
          summary:
            'Reply to the customer (emailed when they have an address and SMTP is set up; the first reply stops the first-response clock), add an internal note, or log the customer’s message',
          params: IdParams,
          body: TicketMessageSchema,
          response: { 201: TicketOut, ...errors(403, 404, 422) },
        },
        config: { action: 'tickets.write' },
      },
      async (req, reply) => reply.code(201).send(await addMessage(core, actorOf(req), req.params.id, req.body)),
    );
  };
}
