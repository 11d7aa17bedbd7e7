import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace } from '../../../test/factories.ts';
import { onPostgres } from '../../../test/test-db.ts';
import { TAG_DESCRIPTIONS } from './openapi.ts';

/**
 * The served OpenAPI document, checked the way client authors use it: redocly (recommended rules) and
 * spectral (spectral:oas) report no errors; openapi-typescript generates a client that type-checks with a
 * smoke script written with openapi-fetch; the script runs against this server on a loopback port.
 * Every tool comes from node_modules (packages/openapi-check); nothing is fetched, nothing phones home.
 */
const ROOT = resolve(import.meta.dirname, '../../../../..');
const CHECK = join(ROOT, 'packages/openapi-check');
/** A tool's script: the check workspace's own first (openapi-typescript with its TypeScript 5), else the root's. */
const bin = (name: string) => realpathSync([CHECK, ROOT].map((d) => join(d, 'node_modules/.bin', name)).find((p) => existsSync(p)) ?? name);
/** No telemetry, no update checks, no analytics: these tools run offline. */
const QUIET = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1', NO_COLOR: '1' };

/** A Node script in a child process (never blocking this one: the server under test answers meanwhile). */
function run(script: string, args: string[], cwd: string, timeout = 180_000): Promise<{ status: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, timeout, env: { ...process.env, ...QUIET }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', (e) => (out += String(e)));
    child.on('close', (status) => ok({ status, out }));
  });
}

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const operations = (doc: Json) =>
  Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Json })),
  );

// One run is enough: the document does not depend on the database.
describe('the OpenAPI document', { skip: onPostgres() ? 'one run is enough' : false }, () => {
  let t: TestApp;
  let dir: string;
  let doc: Json;
  let baseUrl: string;

  before(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
    assert.equal(res.status, 200);
    doc = (await res.json()) as Json;
    dir = mkdtempSync(join(tmpdir(), 'kith-openapi-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc, null, 2));
  });
  after(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every operation has a unique camelCase operationId and a described tag; servers and license are set', () => {
    const ops = operations(doc);
    assert.ok(ops.length > 150, `${ops.length} operations`);
    const ids = ops.map((o) => o.op.operationId as string);
    assert.deepEqual(
      ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id)),
      [],
    );
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.deepEqual(
      ops.filter((o) => !o.op.tags?.length).map((o) => `${o.method} ${o.path}`),
      [],
    );
    const listed = new Set((doc.tags as { name: string; description: string }[]).map((x) => x.name));
    const used = new Set(ops.flatMap((o) => o.op.tags as string[]));
    assert.deepEqual(
      [...used].filter((x) => !listed.has(x) || !TAG_DESCRIPTIONS[x]),
      [],
      'every tag in use is described in TAG_DESCRIPTIONS',
    );
    assert.deepEqual(doc.servers, [{ url: '/', description: 'This Kith server (paths begin with /api/v1)' }]);
    assert.equal(doc.info.license.identifier, 'AGPL-3.0-or-later');
  });

  test('problems are application/problem+json, 401 is on every credentialed operation, and the headers are declared', () => {
    const ops = operations(doc);
    const secured = ops.filter((o) => !(Array.isArray(o.op.security) && o.op.security.length === 0));
    assert.ok(secured.length > 150, `${secured.length} secured operations`);
    assert.deepEqual(
      secured.filter((o) => !o.op.responses['401']).map((o) => `${o.method} ${o.path}`),
      [],
    );
    for (const { op, path, method } of ops) {
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) >= 400 && path.startsWith('/api/v1/'))
          assert.deepEqual(Object.keys(r.content ?? {}), ['application/problem+json'], `${method} ${path} ${status}`);
      }
    }
    const patch = doc.paths['/api/v1/contacts/{id}'].patch;
    assert.ok(patch.parameters.some((p: Json) => p.name === 'If-Match' && p.in === 'header'));
    assert.ok(patch.responses['200'].headers.ETag && patch.responses['412']);
    assert.ok(doc.paths['/api/v1/contacts'].post.responses['201'].headers.Location);
    const list = doc.paths['/api/v1/contacts'].get.parameters.map((p: Json) => p.name);
    for (const name of ['cursor', 'sort', 'filter', 'filter[lifecycleStage][in]', 'filter[tags][has]', 'filter[createdAt][gte]'])
      assert.ok(list.includes(name), name);
    assert.deepEqual(Object.keys(doc.paths['/api/v1/contacts/export'].get.responses['200'].content).sort(), [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    const problem = doc.components.schemas.Problem;
    for (const member of ['currentVersion', 'in', 'errors', 'retryAfter', 'requestId']) assert.ok(problem.properties[member], member);
    assert.notEqual(problem.additionalProperties, false, 'extension members are admitted');
  });

  test('every ETag and Location the document promises on a record is sent', async () => {
    // Its own app: the smoke script sets up the first workspace of the served one.
    const own = await createTestApp();
    try {
      await promisesKept(own);
    } finally {
      await own.close();
    }
  });

  async function promisesKept(t: TestApp): Promise<void> {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const customer = await api.post('/api/v1/contacts', { name: 'Khách Header' });
    assert.equal(customer.status, 201);
    const contactId = customer.body.id as string;
    // How to make and change one record of each kind (test data); a kind the document promises headers for must be here.
    const RECORDS: Record<string, { create: Json; change: Json }> = {
      assessments: { create: { framework: 'idic', name: 'Đánh giá Header' }, change: { name: 'Đánh giá Header 2' } },
      companies: { create: { name: 'Công ty Header' }, change: { name: 'Công ty Header 2' } },
      contacts: { create: { name: 'Chị Header' }, change: { name: 'Chị Header 2' } },
      deals: { create: { title: 'Cơ hội Header', amount: 1_000 }, change: { title: 'Cơ hội Header 2' } },
      interactions: { create: { contactId, kind: 'call', durationSeconds: 60 }, change: { durationSeconds: 90 } },
      orders: { create: { contactId, lines: [{ name: 'Hàng', quantity: 1, unitPrice: 10_000 }] }, change: { shipping: 5_000 } },
      playbooks: {
        create: { name: 'Quy trình Header', audience: { kind: 'lifecycle', stages: ['lead'] }, steps: [{ delayDays: 1, action: 'task', title: 'Gọi' }] },
        change: { name: 'Quy trình Header 2' },
      },
      products: { create: { sku: 'SP-HEADER', name: 'Sản phẩm Header', price: 10_000 }, change: { name: 'Sản phẩm Header 2' } },
      segments: {
        create: { name: 'Nhóm Header', definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'vip' }] }] } },
        change: { name: 'Nhóm Header 2' },
      },
      surveys: { create: { name: 'Khảo sát Header', questions: [{ type: 'csat', text: 'Hài lòng không?' }] }, change: { name: 'Khảo sát Header 2' } },
      tasks: { create: { title: 'Việc Header' }, change: { title: 'Việc Header 2' } },
      tickets: { create: { contactId, subject: 'Yêu cầu Header' }, change: { subject: 'Yêu cầu Header 2' } },
      rewards: { create: { personId: owner.userId, kind: 'recognition', reason: 'Ghi nhận Header' }, change: { reason: 'Ghi nhận Header 2' } },
      'reward-rules': {
        create: { name: 'Quy tắc Header', kpi: 'csat', comparator: 'gte', threshold: 4.5, kind: 'recognition', reasonTemplate: 'CSAT {{value}}' },
        change: { name: 'Quy tắc Header 2' },
      },
    };
    const promised = (op: Json | undefined, status: string) => Object.keys((op?.responses?.[status]?.headers ?? {}) as Json);
    const checked: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const kind = /^\/api\/v1\/([a-z-]+)$/.exec(path)?.[1];
      const headers = promised(item.post, '201');
      if (!kind || headers.length === 0) continue;
      const record = RECORDS[kind];
      assert.ok(record, `add ${kind} to RECORDS`);
      const made = await api.post(path, record.create);
      assert.equal(made.status, 201, `POST ${path}: ${JSON.stringify(made.body)}`);
      const id = made.body.id as string;
      if (headers.includes('ETag')) assert.equal(made.headers.etag, `"${made.body.version}"`, `POST ${path} sends its ETag`);
      if (headers.includes('Location')) assert.equal(made.headers.location, `${path}/${id}`, `POST ${path} sends its Location`);
      checked.push(`POST ${path}`);
      const one = doc.paths[`${path}/{id}`] as Json | undefined;
      const expectTag = (r: { headers: Json; body: Json }, what: string) => {
        assert.equal(r.headers.etag, `"${r.body.version}"`, `${what} sends its ETag`);
        checked.push(what);
      };
      if (promised(one?.get, '200').includes('ETag')) expectTag(await api.get(`${path}/${id}`), `GET ${path}/{id}`);
      if (promised(one?.patch, '200').includes('ETag')) {
        const changed = await api.patch(`${path}/${id}`, record.change);
        assert.equal(changed.status, 200, `PATCH ${path}/{id}: ${JSON.stringify(changed.body)}`);
        expectTag(changed, `PATCH ${path}/{id}`);
      }
      if (promised(doc.paths[`${path}/{id}/restore`]?.post, '200').includes('ETag')) {
        assert.equal((await api.delete(`${path}/${id}`)).status, 204);
        expectTag(await api.post(`${path}/${id}/restore`), `POST ${path}/{id}/restore`);
      }
    }
    assert.ok(checked.length >= 30, `${checked.length} promises checked: ${checked.join(', ')}`);
  }

  test('redocly lint (recommended) reports no errors', async () => {
    writeFileSync(join(dir, 'redocly.yaml'), 'extends:\n  - recommended\n');
    const r = await run(bin('redocly'), ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format', 'summary'], dir);
    assert.equal(r.status, 0, r.out);
    assert.doesNotMatch(r.out, /\berror\b/, r.out);
  });

  test('spectral lint (spectral:oas) reports no errors', async () => {
    writeFileSync(join(dir, '.spectral.json'), JSON.stringify({ extends: ['spectral:oas'] }));
    const r = await run(bin('spectral'), ['lint', 'openapi.json', '--ruleset', '.spectral.json', '--fail-severity', 'error', '--format', 'text'], dir);
    assert.equal(r.status, 0, r.out);
    assert.doesNotMatch(r.out, / error /, r.out);
  });

  test('a client generated with openapi-typescript type-checks and, through openapi-fetch, works against the server', async () => {
    const gen = await run(bin('openapi-typescript'), ['openapi.json', '-o', 'kith-api.ts'], dir);
    assert.equal(gen.status, 0, gen.out);
    copyFileSync(join(CHECK, 'src/smoke-client.ts'), join(dir, 'smoke-client.ts'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2024',
          lib: ['es2024', 'dom'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          erasableSyntaxOnly: true,
          allowImportingTsExtensions: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['smoke-client.ts'],
      }),
    );
    const tsc = await run(join(ROOT, 'node_modules/typescript/bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], dir);
    assert.equal(tsc.status, 0, tsc.out);
    const smoke = await run(join(dir, 'smoke-client.ts'), [baseUrl, join(dir, 'openapi.json')], dir, 60_000);
    assert.equal(smoke.status, 0, smoke.out);
    assert.match(smoke.out, /^smoke: ok \(contact [0-9a-f-]{36}, version 2\)$/m);
  });
});
