import { ticketApi } from '@kith/domain/tickets/ticket.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { etag, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { getCareSettings, suggestedHolidays, listSlaPolicies, replaceSlaPolicies, updateCareSettings } from './care-settings.service.ts';
import { deleteCannedReply, listCannedReplies, saveCannedReply } from './canned-reply.service.ts';
import { getTicket, listMessages, listTickets, TICKET_FILTERS, ticketCounts } from './ticket.service.ts';
import { createTicket } from './ticket-create.service.ts';
import { addMessage, updateTicket } from './ticket-change.service.ts';
import { getTeamAssignment, setTeamAssignment } from './ticket-assignment.service.ts';
import { slaReport } from './sla-report.service.ts';

// The tickets API's shapes live once in @kith/domain tickets/ticket.api.ts; the web calls the same contracts.
export function ticketRoutes(core: Core) {
  return async function (app: App) {
    // ---- settings
    app.get(ticketApi.settings.path, { schema: routeSchema(ticketApi.settings, []), config: { action: 'tickets.read' } }, async (req) =>
      getCareSettings(core, actorOf(req)),
    );
    app.patch(ticketApi.updateSettings.path, { schema: routeSchema(ticketApi.updateSettings, [403, 422]), config: { action: 'care.configure' } }, async (req) =>
      updateCareSettings(core, actorOf(req), req.body),
    );
    app.get(ticketApi.holidays.path, { schema: routeSchema(ticketApi.holidays, []), config: { action: 'tickets.read' } }, async (req) => ({
      data: await suggestedHolidays(core, actorOf(req), req.query.year),
    }));
    app.get(ticketApi.slaPolicies.path, { schema: routeSchema(ticketApi.slaPolicies, []), config: { action: 'tickets.read' } }, async (req) => ({
      data: await listSlaPolicies(core, actorOf(req)),
    }));
    app.put(
      ticketApi.replaceSlaPolicies.path,
      { schema: routeSchema(ticketApi.replaceSlaPolicies, [403, 422]), config: { action: 'care.configure' } },
      async (req) => ({ data: await replaceSlaPolicies(core, actorOf(req), req.body.policies) }),
    );
    app.get(ticketApi.teamAssignment.path, { schema: routeSchema(ticketApi.teamAssignment, [404]), config: { action: 'tickets.read' } }, async (req) =>
      getTeamAssignment(core, actorOf(req), req.params.id),
    );
    app.put(
      ticketApi.setTeamAssignment.path,
      { schema: routeSchema(ticketApi.setTeamAssignment, [403, 404, 422]), config: { action: 'care.configure' } },
      async (req) => setTeamAssignment(core, actorOf(req), req.params.id, req.body.mode),
    );
    app.get(ticketApi.slaReport.path, { schema: routeSchema(ticketApi.slaReport, [403, 422]), config: { action: 'surveys.read' } }, async (req) =>
      slaReport(core, actorOf(req), req.query),
    );

    // ---- canned replies
    app.get(ticketApi.cannedReplies.path, { schema: routeSchema(ticketApi.cannedReplies, []), config: { action: 'tickets.read' } }, async (req) =>
      listCannedReplies(core, actorOf(req)),
    );
    app.post(
      ticketApi.createCannedReply.path,
      { schema: routeSchema(ticketApi.createCannedReply, [403, 422]), config: { action: 'canned_replies.manage' } },
      async (req, reply) => reply.code(201).send(await saveCannedReply(core, actorOf(req), null, req.body)),
    );
    app.put(
      ticketApi.updateCannedReply.path,
      { schema: routeSchema(ticketApi.updateCannedReply, [403, 404, 422]), config: { action: 'canned_replies.manage' } },
      async (req) => saveCannedReply(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      ticketApi.removeCannedReply.path,
      { schema: routeSchema(ticketApi.removeCannedReply, [403, 404]), config: { action: 'canned_replies.manage' } },
      async (req, reply) => {
        await deleteCannedReply(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    // ---- tickets
    app.get(
      ticketApi.list.path,
      { schema: routeSchema(ticketApi.list, [403, 422]), config: { action: 'tickets.read', filters: TICKET_FILTERS } },
      async (req) => {
        const { queue, status, limit, offset, q, contactId, priority, category, sort } = req.query;
        return listTickets(core, actorOf(req), {
          queue,
          status,
          limit,
          offset,
          raw: req.query as Record<string, unknown>,
          ...(q ? { q } : {}),
          ...(contactId ? { contactId } : {}),
          ...(priority ? { priority } : {}),
          ...(category ? { category } : {}),
          ...(sort ? { sort } : {}),
        });
      },
    );
    app.get(ticketApi.counts.path, { schema: routeSchema(ticketApi.counts, []), config: { action: 'tickets.read' } }, async (req) =>
      ticketCounts(core, actorOf(req)),
    );
    app.post(ticketApi.create.path, { schema: routeSchema(ticketApi.create, [403, 422]), config: { action: 'tickets.write' } }, async (req, reply) => {
      const t = await createTicket(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(t.version)).header('location', `/api/v1/tickets/${t.id}`).send(t);
    });
    app.get(ticketApi.get.path, { schema: routeSchema(ticketApi.get, [404]), config: { action: 'tickets.read' } }, async (req, reply) => {
      const t = await getTicket(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(t.version)).send(t);
    });
    app.patch(
      ticketApi.update.path,
      { schema: routeSchema(ticketApi.update, [403, 404, 412, 422]), config: { action: 'tickets.write' } },
      async (req, reply) => {
        const t = await updateTicket(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(t.version)).send(t);
      },
    );
    app.get(ticketApi.messages.path, { schema: routeSchema(ticketApi.messages, [404]), config: { action: 'tickets.read' } }, async (req) =>
      listMessages(core, actorOf(req), req.params.id),
    );
    app.post(
      ticketApi.addMessage.path,
      { schema: routeSchema(ticketApi.addMessage, [403, 404, 422]), config: { action: 'tickets.write' } },
      async (req, reply) => reply.code(201).send(await addMessage(core, actorOf(req), req.params.id, req.body)),
    );
  };
}
