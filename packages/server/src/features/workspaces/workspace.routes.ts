import { z } from 'zod';
import { accountEmail } from '@kith/domain/contacts/contact.schema.ts';
import { text } from '@kith/domain/schema/fields.ts';
import type { Core } from '../../core.ts';
import { actorOf, requestInfo } from '../../platform/http/auth-hook.ts';
import { errors, fileResponse, Timestamp } from '../../platform/http/schemas.ts';

const JSON_LINES = 'application/x-ndjson; charset=utf-8';
import type { App } from '../../platform/http/types.ts';
import { workspacesOfUser } from '../../platform/auth/user.repository.ts';
import { ROLES } from '@kith/domain/permissions/permissions.ts';
import { createWorkspace, getWorkspace, LOCALES, setup, updateWorkspaceSettings } from './workspace.service.ts';
import type { Workspace } from './workspace.repository.ts';
import { PassThrough } from 'node:stream';
import { exportWorkspace } from '../export/workspace-export.ts';
import { authorize } from '../../platform/records/visibility.ts';

export const WorkspaceOut = z
  .object({
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    timezone: z.string(),
    phoneRegion: z.string(),
    locale: z.string(),
    lifecycleAuto: z
      .boolean()
      .meta({ description: 'Whether purchases move contacts’ lifecycle stage (first → new customer, second → repeat, loyalAfter → loyal)' }),
    loyalAfter: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Workspace' });

const out = (w: Workspace) => w;

export function workspaceRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/setup',
      { schema: { tags: ['setup'], summary: 'Has this Kith been set up?', response: { 200: z.object({ setUp: z.boolean() }) } }, config: { auth: 'none' } },
      async () => {
        const any = await core.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
        return { setUp: any !== undefined };
      },
    );

    app.post(
      '/setup',
      {
        schema: {
          tags: ['setup'],
          summary: 'First run: create the first workspace and its owner. 409 once any workspace exists.',
          body: z.strictObject({
            workspace: text(120, 1),
            name: text(200, 1),
            email: accountEmail(),
            password: z.string().max(1024),
          }),
          response: {
            201: z.object({ workspace: WorkspaceOut, user: z.object({ id: z.string(), email: z.string(), name: z.string() }) }),
            ...errors(409, 422),
          },
        },
        config: { auth: 'none' },
      },
      async (req, reply) => {
        const r = await setup(core, req.body, requestInfo(req));
        return reply.code(201).send({ workspace: out(r.workspace), user: { id: r.user.id, email: r.user.email, name: r.user.name } });
      },
    );

    app.get(
      '/workspaces',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'The workspaces I belong to',
          response: { 200: z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })) }) },
        },
      },
      async (req) => ({ data: await workspacesOfUser(core.db, actorOf(req).userId) }),
    );

    app.post(
      '/workspaces',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Create another workspace; I become its owner',
          body: z.strictObject({ name: text(120, 1) }),
          response: { 201: WorkspaceOut, ...errors(422) },
        },
      },
      async (req, reply) => reply.code(201).send(out(await createWorkspace(core, actorOf(req), req.body.name))),
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

    app.get(
      '/workspace',
      {
        schema: { tags: ['workspaces'], summary: 'The current workspace and its settings', response: { 200: WorkspaceOut } },
        config: { action: 'workspace.read' },
      },
      async (req) => out(await getWorkspace(core, actorOf(req))),
    );

    app.patch(
      '/workspace',
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Change the workspace’s name, currency, time zone, default phone region, language or lifecycle rules',
          body: z.strictObject({
            name: text(120, 1).optional(),
            currency: z
              .string()
              .regex(/^[A-Z]{3}$/, { message: 'Must be an ISO 4217 code such as VND' })
              .optional(),
            timezone: z.string().max(64).optional(),
            phoneRegion: z
              .string()
              .regex(/^[A-Z]{2}$/, { message: 'Must be a two-letter region code such as VN' })
              .optional(),
            locale: z.enum(LOCALES).optional(),
            lifecycleAuto: z.boolean().optional(),
            loyalAfter: z.number().int().min(2, { message: 'Must be at least 2' }).max(1000, { message: 'Must be at most 1000' }).optional(),
          }),
          response: { 200: WorkspaceOut, ...errors(403, 422) },
        },
        config: { action: 'workspace.update' },
      },
      async (req) => out(await updateWorkspaceSettings(core, actorOf(req), req.body)),
    );
  };
}
