import { workspaceApi } from '@kith/domain/workspaces/workspace.api.ts';
import type { Core } from '../../core.ts';
import { actorOf, requestInfo } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { errors, fileResponse } from '../../platform/http/schemas.ts';

const JSON_LINES = 'application/x-ndjson; charset=utf-8';
import type { App } from '../../platform/http/types.ts';
import { workspacesOfUser } from '../../platform/auth/user.repository.ts';
import { createWorkspace, getWorkspace, setup, updateWorkspaceSettings } from './workspace.service.ts';
import type { Workspace } from './workspace.repository.ts';
import { PassThrough } from 'node:stream';
import { exportWorkspace } from '../export/workspace-export.ts';
import { authorize } from '../../platform/records/visibility.ts';

// The workspaces API's shapes live once in @kith/domain workspaces/workspace.api.ts; the web calls the same contracts.

const out = (w: Workspace) => w;

export function workspaceRoutes(core: Core) {
  return async function (app: App) {
    app.get(workspaceApi.setupState.path, { schema: routeSchema(workspaceApi.setupState, []), config: { auth: 'none' } }, async () => {
      const any = await core.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
      return { setUp: any !== undefined };
    });

    app.post(workspaceApi.setup.path, { schema: routeSchema(workspaceApi.setup, [409, 422]), config: { auth: 'none' } }, async (req, reply) => {
      const r = await setup(core, req.body, requestInfo(req));
      return reply.code(201).send({ workspace: out(r.workspace), user: { id: r.user.id, email: r.user.email, name: r.user.name } });
    });

    app.get(workspaceApi.mine.path, { schema: routeSchema(workspaceApi.mine, []) }, async (req) => ({
      data: await workspacesOfUser(core.db, actorOf(req).userId),
    }));

    app.post(workspaceApi.create.path, { schema: routeSchema(workspaceApi.create, [422]) }, async (req, reply) =>
      reply.code(201).send(out(await createWorkspace(core, actorOf(req), req.body.name))),
    );

    app.get(
      '/workspace/export',
      {
        schema: {
          tags: ['workspaces'],
          summary:
            'The whole workspace as JSON Lines ({"type":"contact","data":{…}} per line), streamed: members, custom fields, companies, contacts, products, orders with lines, interactions, tasks — no secrets',
          response: { 200: fileResponse('The workspace, one JSON object per line', [JSON_LINES]), ...errors(403) },
        },
        config: { action: 'workspace.export' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'workspace.export');
        const out = new PassThrough();
        exportWorkspace(core, actor, out)
          .then(() => out.end())
          .catch((err: unknown) => {
            req.log.error({ err }, 'workspace export failed midway');
            out.destroy(err as Error);
          });
        return reply
          .header('content-type', JSON_LINES)
          .header('content-disposition', `attachment; filename="kith-workspace-${core.now().toISOString().slice(0, 10)}.jsonl"`)
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );

    app.get(workspaceApi.current.path, { schema: routeSchema(workspaceApi.current, []), config: { action: 'workspace.read' } }, async (req) =>
      out(await getWorkspace(core, actorOf(req))),
    );

    app.patch(workspaceApi.update.path, { schema: routeSchema(workspaceApi.update, [403, 422]), config: { action: 'workspace.update' } }, async (req) =>
      out(await updateWorkspaceSettings(core, actorOf(req), req.body)),
    );
  };
}
