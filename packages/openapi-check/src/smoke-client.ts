/**
 * A client of Kith written the way an outside developer would: types generated from the served OpenAPI
 * document by openapi-typescript (`./kith-api.ts`, written beside this file by the OpenAPI test), calls made
 * through openapi-fetch. Type-checked with `tsc --noEmit`, then run against a real server:
 *
 *   node smoke-client.ts <base url> <openapi.json>
 *
 * Sets up a workspace, signs in with an API token, creates a contact (ETag, Location), lists with a filter and
 * a sort, reads it back, changes it with If-Match, and gets a 412 problem document for a stale If-Match whose
 * body validates against the document's Problem schema. Exits non-zero on the first thing that is not so.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import createClient from 'openapi-fetch';
import type { components, paths } from './kith-api.ts';

const [baseUrl, documentPath] = process.argv.slice(2);
if (!baseUrl || !documentPath) throw new Error('usage: node smoke-client.ts <base url> <openapi.json>');

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`smoke: ${what}`);
}

const anonymous = createClient<paths>({ baseUrl });
const owner = { workspace: 'Smoke Co', name: 'Smoke Owner', email: 'owner@smoke.example', password: 'a long enough smoke password' };

const setup = await anonymous.POST('/api/v1/setup', { body: owner });
check(setup.response.status === 201 && setup.data, `setup answered ${setup.response.status}`);

const minted = await anonymous.POST('/api/v1/auth/tokens', { body: { email: owner.email, password: owner.password, name: 'smoke' } });
check(minted.data, `token answered ${minted.response.status}`);
const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${minted.data.token}` } });

const created = await api.POST('/api/v1/contacts', {
  body: { name: 'Nguyễn Thị Smoke', emails: ['smoke@example.com'], lifecycleStage: 'prospect', tags: ['smoke'] },
});
check(created.data && created.response.status === 201, `create answered ${created.response.status}`);
const contact: components['schemas']['Contact'] = created.data;
check(created.response.headers.get('etag') === `"${contact.version}"`, 'create sends the ETag');
check(created.response.headers.get('location') === `/api/v1/contacts/${contact.id}`, 'create sends the Location');
await api.POST('/api/v1/contacts', { body: { name: 'Another Lead', lifecycleStage: 'lead' } });

// The declared filter and sort parameters, sent as declared.
const listed = await api.GET('/api/v1/contacts', {
  params: {
    query: {
      'filter[lifecycleStage][in]': 'prospect,new_customer',
      'filter[tags][has]': 'smoke',
      sort: '-createdAt',
      limit: 10,
      filter: { name: 'Nguyễn Thị Smoke' },
    },
  },
});
check(listed.data, `list answered ${listed.response.status}: ${JSON.stringify(listed.error)}`);
check(
  listed.data.data.length === 1 && listed.data.data[0]!.id === contact.id,
  `the filtered list has the prospect only (got ${listed.data.data.map((c) => c.name).join(', ')})`,
);
const refused = await api.GET('/api/v1/contacts', { params: { query: { 'filter[lifecycleStage][eq]': 'prospect', sort: 'noSuchField' } } });
check(refused.response.status === 422 && refused.error, `a bad sort answered ${refused.response.status}`);

const read = await api.GET('/api/v1/contacts/{id}', { params: { path: { id: contact.id } } });
check(read.data, `read answered ${read.response.status}`);
const readTag = read.response.headers.get('etag');
check(readTag === `"${read.data.version}"`, 'read sends the ETag');

const changed = await api.PATCH('/api/v1/contacts/{id}', {
  params: { path: { id: contact.id }, header: { 'If-Match': readTag } },
  body: { jobTitle: 'Buyer' },
});
check(changed.data && changed.data.jobTitle === 'Buyer', `If-Match update answered ${changed.response.status}`);
check(changed.response.headers.get('etag') === `"${changed.data.version}"` && changed.data.version > read.data.version, 'the update sends the new ETag');

const stale = await api.PATCH('/api/v1/contacts/{id}', {
  params: { path: { id: contact.id }, header: { 'If-Match': readTag } },
  body: { jobTitle: 'Too late' },
});
check(stale.response.status === 412 && stale.error, `a stale If-Match answered ${stale.response.status}`);
check(stale.response.headers.get('content-type')?.startsWith('application/problem+json'), 'a problem is application/problem+json');
const problem: components['schemas']['Problem'] = stale.error;
check(problem.currentVersion === changed.data.version, 'the 412 names the current version');

// The body, as served, against the document's own Problem schema.
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as { components: { schemas: Record<string, object> } };
const ajv = new Ajv2020({ strict: false });
const validate = ajv.compile(document.components.schemas.Problem!);
check(validate(problem), `the 412 body fits the Problem schema: ${ajv.errorsText(validate.errors)}`);
const invalid = await api.POST('/api/v1/contacts', { body: { name: '' } });
check(invalid.response.status === 422 && validate(invalid.error), `a 422 body fits the Problem schema: ${ajv.errorsText(validate.errors)}`);

process.stdout.write(`smoke: ok (contact ${contact.id}, version ${changed.data.version})\n`);
