import { segmentApi } from '@kith/domain/segments/segment.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { describeFields } from '../../platform/records/list-query.ts';
import { contactRegistryFor } from '../contacts/contact.fields.ts';
import { countContactRows, listContactRows } from '../contacts/contact.repository.ts';
import { scopeFor } from '../../platform/records/visibility.ts';
import { compileSegment, createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segment.service.ts';

// The segments API's shapes live once in @kith/domain segments/segment.api.ts; the web calls the same contracts.

export function segmentRoutes(core: Core) {
  return async function (app: App) {
    app.get(segmentApi.list.path, { schema: routeSchema(segmentApi.list, [403]), config: { action: 'contacts.read' } }, async (req) => ({
      data: await listSegments(core, actorOf(req)),
    }));
    app.get(segmentApi.fields.path, { schema: routeSchema(segmentApi.fields, [403]), config: { action: 'contacts.read' } }, async (req) => {
      const { registry, fields } = await contactRegistryFor(core, actorOf(req).workspaceId);
      return {
        data: describeFields(registry, fields, core.dialect, 'contacts').map(({ values, ...f }) => ({
          ...f,
          ops: [...f.ops],
          ...(values ? { values: [...values] } : {}),
        })),
      };
    });
    app.post(segmentApi.preview.path, { schema: routeSchema(segmentApi.preview, [403, 422]), config: { action: 'contacts.read' } }, async (req) => {
      const actor = actorOf(req);
      const groups = [await compileSegment(core, actor.workspaceId, req.body.definition)];
      const scope = scopeFor(actor, 'contacts.read');
      const common = { filters: [], groups, searchTokens: [], deleted: 'exclude' as const };
      const [count, page] = await Promise.all([
        countContactRows(core.db, core.dialect, scope, common),
        listContactRows(core.db, core.dialect, scope, { ...common, sort: null, cursor: null, searchAfterSeq: null, limit: 5 }),
      ]);
      return { count, sample: page.rows.map((c) => ({ id: c.id, name: c.name })) };
    });
    app.get(segmentApi.get.path, { schema: routeSchema(segmentApi.get, [404]), config: { action: 'contacts.read' } }, async (req) =>
      getSegment(core, actorOf(req), req.params.id),
    );
    app.post(segmentApi.create.path, { schema: routeSchema(segmentApi.create, [403, 422]), config: { action: 'contacts.read' } }, async (req, reply) => {
      const s = await createSegment(core, actorOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/segments/${s.id}`).send(s);
    });
    app.patch(segmentApi.update.path, { schema: routeSchema(segmentApi.update, [403, 404, 422]), config: { action: 'contacts.read' } }, async (req) =>
      updateSegment(core, actorOf(req), req.params.id, req.body),
    );
    app.delete(segmentApi.remove.path, { schema: routeSchema(segmentApi.remove, [403, 404]), config: { action: 'contacts.read' } }, async (req, reply) => {
      await deleteSegment(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
  };
}
