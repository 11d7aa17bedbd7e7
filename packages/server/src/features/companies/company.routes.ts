import { listOptions } from '../../platform/records/list-query.ts';
import { companyApi } from '@kith/domain/companies/company.api.ts';
import type { Core } from '../../core.ts';
import { listContacts } from '../contacts/contact-list.service.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { etag, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { COMPANY_FILTERS, createCompany, deleteCompany, getCompany, listCompanies, purgeCompany, restoreCompany, updateCompany } from './company.service.ts';

// The companies API's shapes live once in @kith/domain companies/company.api.ts; the web calls the same contracts.
export function companyRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      companyApi.list.path,
      { schema: routeSchema(companyApi.list, [422]), config: { action: 'companies.read', filters: COMPANY_FILTERS } },
      async (req) => listCompanies(core, actorOf(req), listOptions(req.query)),
    );
    app.post(companyApi.create.path, { schema: routeSchema(companyApi.create, [403, 422]), config: { action: 'companies.create' } }, async (req, reply) => {
      const c = await createCompany(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(c.version)).header('location', `/api/v1/companies/${c.id}`).send(c);
    });
    app.get(companyApi.get.path, { schema: routeSchema(companyApi.get, [404]), config: { action: 'companies.read' } }, async (req, reply) => {
      const c = await getCompany(core, actorOf(req), req.params.id, req.query.deleted);
      return reply.header('etag', etag(c.version)).send(c);
    });
    app.get(companyApi.people.path, { schema: routeSchema(companyApi.people, [404]), config: { action: 'companies.read' } }, async (req) => {
      const a = actorOf(req);
      await getCompany(core, a, req.params.id);
      return listContacts(core, a, {
        limit: req.query.limit,
        deleted: 'exclude',
        includeTotal: false,
        sort: 'name',
        raw: { 'filter[companyId][eq]': req.params.id },
        ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
      });
    });
    app.patch(
      companyApi.update.path,
      { schema: routeSchema(companyApi.update, [403, 404, 412, 422]), config: { action: 'companies.update' } },
      async (req, reply) => {
        const c = await updateCompany(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(c.version)).send(c);
      },
    );
    app.delete(
      companyApi.remove.path,
      { schema: routeSchema(companyApi.remove, [403, 404, 412]), config: { action: 'companies.delete' } },
      async (req, reply) => {
        await deleteCompany(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.code(204).send(null);
      },
    );
    app.post(companyApi.restore.path, { schema: routeSchema(companyApi.restore, [403, 404]), config: { action: 'companies.delete' } }, async (req, reply) => {
      const c = await restoreCompany(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(c.version)).send(c);
    });
    app.post(companyApi.purge.path, { schema: routeSchema(companyApi.purge, [403, 404]), config: { action: 'companies.purge' } }, async (req, reply) => {
      await purgeCompany(core, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
  };
}
