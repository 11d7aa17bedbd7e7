import { duplicateApi } from '@kith/domain/duplicates/duplicate.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/types.ts';
import { detectDuplicates } from './duplicate-detect.service.ts';
import { mergeContacts, undoMerge } from './duplicate-merge.service.ts';
import { dismissCandidate, listCandidates } from './duplicate.service.ts';

// The duplicates API's shapes live once in @kith/domain duplicates/duplicate.api.ts; the web calls the same contracts.

export function duplicateRoutes(core: Core) {
  return async function (app: App) {
    app.post(duplicateApi.detect.path, { schema: routeSchema(duplicateApi.detect, [403]), config: { action: 'contacts.delete' } }, async (req) =>
      detectDuplicates(core, actorOf(req)),
    );
    app.get(duplicateApi.list.path, { schema: routeSchema(duplicateApi.list, [403, 422]), config: { action: 'contacts.read' } }, async (req) =>
      listCandidates(core, actorOf(req), req.query),
    );
    app.post(
      duplicateApi.dismiss.path,
      { schema: routeSchema(duplicateApi.dismiss, [403, 404]), config: { action: 'contacts.update' } },
      async (req, reply) => {
        await dismissCandidate(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(duplicateApi.merge.path, { schema: routeSchema(duplicateApi.merge, [403, 404, 409, 422]), config: { action: 'contacts.delete' } }, async (req) =>
      mergeContacts(core, actorOf(req), req.body),
    );
    app.post(
      duplicateApi.undoMerge.path,
      { schema: routeSchema(duplicateApi.undoMerge, [403, 404, 409, 412]), config: { action: 'contacts.delete' } },
      async (req) => undoMerge(core, actorOf(req), req.params.id),
    );
  };
}
