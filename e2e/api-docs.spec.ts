import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, SCREENSHOTS, startTestServer } from './browser.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

test('the API documentation renders every contacts operation, offline, from the server alone', async () => {
  const page = await browser.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && u.hostname !== '127.0.0.1') foreign.push(r.url());
  });
  const doc = (await (await fetch(`${server.url}/api/docs/json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
  const res = await page.goto(`${server.url}/api/docs`, { waitUntil: 'networkidle' });
  assert.equal(res?.status(), 200);
  await page.getByText('Kith API').first().waitFor({ timeout: 15_000 });
  // The operations are listed under their tags, folded (Swagger UI stops rendering a fully expanded list of
  // this many OpenAPI 3.1 operations): every tag is there; open those of the paths checked.
  const tags = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((o) => o.tags ?? [])));
  assert.equal(await page.locator('.opblock-tag').count(), tags.size, 'every tag is listed');
  const paths = [
    '/api/v1/contacts',
    '/api/v1/contacts/{id}',
    '/api/v1/contacts/bulk',
    '/api/v1/auth/tokens',
    '/api/v1/setup',
    '/api/v1/audit',
    '/api/v1/segments/preview',
  ];
  for (const tag of new Set(paths.map((p) => Object.values(doc.paths[p]!)[0]!.tags![0]!))) {
    await page.locator(`.opblock-tag[data-tag="${tag}"]`).click();
  }
  for (const path of paths) await page.locator(`.opblock-summary-path[data-path="${path}"]`).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'api-docs.png'), fullPage: false });
  assert.deepEqual(foreign, [], 'the page loads nothing from outside this server');
});

test('the OpenAPI document is 3.1 and every operation declares its responses', async () => {
  const r = await fetch(`${server.url}/api/v1/openapi.json`);
  assert.equal(r.status, 200);
  const doc = (await r.json()) as { openapi: string; paths: Record<string, Record<string, { responses?: Record<string, unknown>; summary?: string }>> };
  assert.equal(doc.openapi, '3.1.0');
  let ops = 0;
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops++;
      assert.ok(op.summary, `${method} ${path} has a summary`);
      assert.ok(op.responses && Object.keys(op.responses).length > 0, `${method} ${path} documents its responses`);
    }
  }
  assert.ok(ops >= 40, `${ops} operations`);
  const contact = doc.paths['/api/v1/contacts']!.post as {
    requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
  };
  const schema = contact.requestBody!.content['application/json']!.schema;
  assert.ok(schema.properties && 'phones' in schema.properties && 'emails' in schema.properties);
  assert.deepEqual(schema.required, ['name']);
});
