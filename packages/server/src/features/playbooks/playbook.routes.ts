import { playbookApi } from '@kith/domain/playbooks/playbook.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { etag, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { contactRuns, enrollContact, stopRun } from './playbook-run.service.ts';
import { createPlaybook, deletePlaybook, getPlaybook, listPlaybooks, updatePlaybook } from './playbook.service.ts';

// The playbooks API's shapes live once in @kith/domain playbooks/playbook.api.ts; the web calls the same contracts.

export function playbookRoutes(core: Core) {
  return async function (app: App) {
    app.get(playbookApi.list.path, { schema: routeSchema(playbookApi.list, []), config: { action: 'playbooks.read' } }, async (req) =>
      listPlaybooks(core, actorOf(req)),
    );
    app.post(playbookApi.create.path, { schema: routeSchema(playbookApi.create, [403, 422]), config: { action: 'playbooks.manage' } }, async (req, reply) => {
      const p = await createPlaybook(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(p.version)).header('location', `/api/v1/playbooks/${p.id}`).send(p);
    });
    app.get(playbookApi.get.path, { schema: routeSchema(playbookApi.get, [404]), config: { action: 'playbooks.read' } }, async (req, reply) => {
      const p = await getPlaybook(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(p.version)).send(p);
    });
    app.patch(
      playbookApi.update.path,
      { schema: routeSchema(playbookApi.update, [403, 404, 412, 422]), config: { action: 'playbooks.manage' } },
      async (req, reply) => {
        const p = await updatePlaybook(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(p.version)).send(p);
      },
    );
    app.delete(playbookApi.remove.path, { schema: routeSchema(playbookApi.remove, [403, 404]), config: { action: 'playbooks.manage' } }, async (req, reply) => {
      await deletePlaybook(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
    app.post(
      playbookApi.enroll.path,
      { schema: routeSchema(playbookApi.enroll, [403, 404, 409, 422]), config: { action: 'playbooks.enroll' } },
      async (req, reply) => reply.code(201).send(await enrollContact(core, actorOf(req), req.params.id, req.body.contactId)),
    );
    app.post(playbookApi.stopRun.path, { schema: routeSchema(playbookApi.stopRun, [403, 404, 409]), config: { action: 'playbooks.enroll' } }, async (req) =>
      stopRun(core, actorOf(req), req.params.id),
    );
    app.get(playbookApi.contactRuns.path, { schema: routeSchema(playbookApi.contactRuns, [404]), config: { action: 'contacts.read' } }, async (req) =>
      contactRuns(core, actorOf(req), req.params.id),
    );
  };
}
