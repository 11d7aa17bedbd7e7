import { customFieldApi } from '@kith/domain/custom-fields/custom-field.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { createCustomField, customFieldsOf, deleteCustomField, updateCustomFieldDef } from './custom-field.service.ts';

// The custom fields API's shapes live once in @kith/domain custom-fields/custom-field.api.ts; the web calls the same contracts.

export function customFieldRoutes(core: Core) {
  return async function (app: App) {
    app.get(customFieldApi.list.path, { schema: routeSchema(customFieldApi.list, []), config: { action: 'custom_fields.read' } }, async (req) => ({
      data: await customFieldsOf(core, actorOf(req), req.query.entity),
    }));
    app.post(
      customFieldApi.create.path,
      { schema: routeSchema(customFieldApi.create, [403, 409, 422]), config: { action: 'custom_fields.manage' } },
      async (req, reply) => reply.code(201).send(await createCustomField(core, actorOf(req), req.body)),
    );
    app.patch(
      customFieldApi.update.path,
      { schema: routeSchema(customFieldApi.update, [403, 404, 422]), config: { action: 'custom_fields.manage' } },
      async (req) => updateCustomFieldDef(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(
      customFieldApi.remove.path,
      { schema: routeSchema(customFieldApi.remove, [403, 404]), config: { action: 'custom_fields.manage' } },
      async (req, reply) => {
        await deleteCustomField(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
