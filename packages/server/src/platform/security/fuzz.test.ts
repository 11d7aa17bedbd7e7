/**
 * Hostile input, generated: whatever arrives at the write and list endpoints, the answer is a 4xx
 * problem document (or, for input that happens to be valid, a 2xx whose record reads back as sent), never
 * a 5xx, and a refused request leaves every table exactly as it was.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { client, createTestApp, type Client, type Res, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let api: Client;
let existing: string;
const SEED = 20261122;
const RUNS = Number(process.env.KITH_FUZZ_RUNS ?? 150);

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  api = client(t.app, owner.token);
  await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'tier', label: 'Hạng', type: 'select', options: [{ value: 'gold', label: 'Vàng' }] });
  await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'spend', label: 'Chi', type: 'currency' });
  existing = (await api.post('/api/v1/contacts', { name: 'Đã Có', emails: ['co@example.com'] })).body.id;
});
after(() => t.close());

async function raw(method: 'POST' | 'PATCH' | 'GET', url: string, payload: string | undefined, contentType = 'application/json'): Promise<Res> {
  const r = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${owner.token}`, ...(payload !== undefined ? { 'content-type': contentType } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });
  let body: unknown;
  try {
    body = JSON.parse(r.body);
  } catch {
    body = r.body;
  }
  return { status: r.statusCode, body, headers: r.headers as Res['headers'], raw: r };
}

/** A refused request: a 4xx problem document, and not one row of any table changed. */
async function assertRefusedCleanly(send: () => Promise<Res>, label: string): Promise<Res> {
  const before = await snapshotCounts(t.core);
  const r = await send();
  assert.ok(r.status >= 400 && r.status < 500, `${label}: expected a 4xx, got ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/, label);
  assert.deepEqual(await snapshotCounts(t.core), before, `${label}: a refused request changed nothing`);
  return r;
}

/** Either refused cleanly, or accepted and stored as sent. */
async function assertHandled(send: () => Promise<Res>, label: string, accepted?: (r: Res) => Promise<void>): Promise<void> {
  const before = await snapshotCounts(t.core);
  const r = await send();
  assert.ok(r.status < 500, `${label}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  if (r.status >= 400) {
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/, label);
    assert.deepEqual(await snapshotCounts(t.core), before, `${label}: a refused request changed nothing`);
  } else if (accepted) await accepted(r);
}

const evil = fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\u0000', 'x\u0000y', '\ud83d');
const sqlish = fc.constantFrom(
  "' or '1'='1",
  '"; drop table contacts; --',
  '1) or (1=1',
  '%',
  '_',
  '\\',
  "'; select * from users; --",
  '*',
  'NEAR(a b)',
  'ws:w1',
  '"unbalanced',
  'a AND',
  ')(',
  '$1',
  '?',
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), sqlish);
const CONTACT_FIELDS = [
  'name',
  'givenName',
  'familyName',
  'emails',
  'phones',
  'gender',
  'birthday',
  'addressLine',
  'province',
  'country',
  'householdSize',
  'interests',
  'tags',
  'source',
  'lifecycleStage',
  'ownerId',
  'teamId',
  'companyId',
  'consents',
  'notes',
  'custom',
  'incomeBand',
];
const wrongValue = fc.oneof(
  fc.jsonValue(),
  fc.constant(null),
  text,
  fc.integer(),
  fc.double(),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
);
const contactish = fc.dictionary(
  fc.constantFrom(...CONTACT_FIELDS, 'workspaceId', 'createdAt', 'deletedAt', 'version', 'id', '__proto__', 'constructor'),
  wrongValue,
  { maxKeys: 6 },
);

/**
 * Percent-encodes a string as a hostile client would send it: lone surrogates as their (invalid)
 * three-byte UTF-8 form, which encodeURIComponent refuses to produce.
 */
function percentEncodeWtf8(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff)
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

async function readsBack(r: Res, sent: Record<string, unknown>): Promise<void> {
  const g = await api.get(`/api/v1/contacts/${r.body.id}`);
  assert.equal(g.status, 200);
  assert.deepEqual(g.body, r.body, 'what was stored reads back as answered');
  if (typeof sent.name === 'string') assert.equal(g.body.name, sent.name.normalize('NFC').replace(/\s+/gu, ' ').trim());
}

describe('fuzz: contacts', () => {
  test('arbitrary JSON as the body of POST /contacts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => {
        await assertHandled(
          () => raw('POST', '/api/v1/contacts', JSON.stringify(v)),
          'POST jsonValue',
          (r) => readsBack(r, v as Record<string, unknown>),
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('known fields with values of the wrong (or right) type', async () => {
    await fc.assert(
      fc.asyncProperty(contactish, async (body) => {
        await assertHandled(
          () => raw('POST', '/api/v1/contacts', JSON.stringify(body)),
          'POST contactish',
          (r) => readsBack(r, body),
        );
        await assertHandled(() => raw('PATCH', `/api/v1/contacts/${existing}`, JSON.stringify(body)), 'PATCH contactish');
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  });

  test('lone surrogates and NUL anywhere a string goes are refused, never stored mangled', async () => {
    const placements = fc.constantFrom('name', 'notes', 'tags', 'emails', 'source', 'customKey', 'customValue', 'consentSource', 'q');
    await fc.assert(
      fc.asyncProperty(placements, evil, fc.string({ maxLength: 10 }), async (where, bad, pad) => {
        const s = `${pad}${bad}${pad}`;
        const bodies: Record<string, unknown> = {
          name: { name: s },
          notes: { name: 'Ok', notes: s },
          tags: { name: 'Ok', tags: [s] },
          emails: { name: 'Ok', emails: [s] },
          source: { name: 'Ok', source: s },
          customKey: { name: 'Ok', custom: { [s]: 'x' } },
          customValue: { name: 'Ok', custom: { tier: s } },
          consentSource: { name: 'Ok', consents: { email: { status: 'granted', source: s } } },
        };
        if (where === 'q') {
          const r = await raw('GET', `/api/v1/contacts?q=${percentEncodeWtf8(s)}`, undefined);
          assert.ok(r.status === 200 || r.status === 422, `q=${JSON.stringify(s)}: ${r.status}`);
          return;
        }
        await assertRefusedCleanly(() => raw('POST', '/api/v1/contacts', JSON.stringify(bodies[where])), `${where} with ${JSON.stringify(bad)}`);
        await assertRefusedCleanly(() => raw('PATCH', `/api/v1/contacts/${existing}`, JSON.stringify(bodies[where])), `PATCH ${where}`);
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    );
  });

  test('huge strings and huge bodies', async () => {
    await fc.assert(
      // Each field one character past its documented limit, up to far beyond it.
      fc.asyncProperty(fc.integer({ min: 1, max: 400_000 }), fc.constantFrom('name', 'notes', 'addressLine', 'tags'), async (over, field) => {
        const limit = { name: 200, notes: 10_000, addressLine: 300, tags: 60 }[field];
        const len = limit + over;
        const s = 'ắ'.repeat(len);
        const body = field === 'tags' ? { name: 'Ok', tags: [s] } : field === 'name' ? { name: s } : { name: 'Ok', [field]: s };
        const r = await assertRefusedCleanly(() => raw('POST', '/api/v1/contacts', JSON.stringify(body)), `${field} of ${len}`);
        assert.ok(r.status === 422 || r.status === 413, String(r.status));
      }),
      { numRuns: 40, seed: SEED + 3 },
    );
    const big = await assertRefusedCleanly(() => raw('POST', '/api/v1/contacts', JSON.stringify({ name: 'x', notes: 'a'.repeat(2_000_000) })), '2 MB body');
    assert.equal(big.status, 413);
    const bulkBig = await assertRefusedCleanly(
      () => raw('POST', '/api/v1/contacts/bulk', JSON.stringify({ items: Array.from({ length: 1001 }, (_, i) => ({ name: `n${i}` })) })),
      '1001 items',
    );
    assert.equal(bulkBig.status, 422);
  });

  test('deep nesting, broken JSON, odd numbers and wrong content types', async () => {
    const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const deepInField = `{"name":"x","custom":{"tier":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`;
    for (const body of [
      deepArray,
      deepObject,
      deepInField,
      '{"name":"x","householdSize":1e309}',
      '{"name":"x","householdSize":-0.5}',
      '{"name":"x","householdSize":"3"}',
      '{"name":"x","custom":{"spend":1e400}}',
      '{"name":"x","custom":{"spend":12.5}}',
      '{"name":"x"',
      '\u0000',
      '',
      'null',
      '"string"',
      '{"name":"x",}',
      '{"name":"\\ud800"}',
    ]) {
      await assertRefusedCleanly(() => raw('POST', '/api/v1/contacts', body), `body ${body.slice(0, 40)}`);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (s) => {
        let isJson = true;
        try {
          JSON.parse(s);
        } catch {
          isJson = false;
        }
        if (isJson) return;
        await assertRefusedCleanly(() => raw('POST', '/api/v1/contacts', s), 'not JSON');
      }),
      { numRuns: RUNS, seed: SEED + 4 },
    );
    for (const ct of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=latin1',
    ]) {
      const r = await raw('POST', '/api/v1/contacts', '{"name":"Content Type"}', ct);
      assert.ok(r.status === 415 || r.status === 400 || r.status === 201, `${ct}: ${r.status}`);
      if (r.status !== 201) assert.match(String(r.headers['content-type']), /problem\+json/);
      else assert.equal(r.body.name, 'Content Type');
    }
  });

  test('bulk create and update with arbitrary rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(contactish, fc.jsonValue()), { minLength: 1, maxLength: 8 }), async (items) => {
        await assertHandled(
          () => raw('POST', '/api/v1/contacts/bulk', JSON.stringify({ items })),
          'bulk create',
          async (r) => assert.equal(r.body.data.length, items.length),
        );
        const patches = items.map((x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? { ...x, id: existing } : x));
        await assertHandled(() => raw('PATCH', '/api/v1/contacts/bulk', JSON.stringify({ items: patches })), 'bulk update');
      }),
      { numRuns: RUNS, seed: SEED + 5 },
    );
  });

  test('any query string on the list: 200 or 422, never a 5xx, never a change', async () => {
    const key = fc.oneof(
      fc.constantFrom(
        'q',
        'sort',
        'cursor',
        'limit',
        'deleted',
        'includeTotal',
        'filter[name][eq]',
        'filter[name][contains]',
        'filter[tags][has]',
        'filter[custom.tier][eq]',
        'filter[custom.spend][gt]',
        'filter[birthday][lt]',
        'filter[createdAt][gte]',
        'filter[phones][has]',
        'filter[emails][has]',
        'filter[lifecycleStage][in]',
        'filter[companyId][eq]',
      ),
      fc.string({ maxLength: 30 }).map((s) => `filter[${s}]`),
      fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 8 })).map(([f, o]) => `filter[${f}][${o}]`),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(key, fc.oneof(text, fc.integer().map(String), fc.constantFrom('-name', 'name', 'custom.spend', '-custom.tier', 'password_hash', 'x;drop'))),
          { maxLength: 4 },
        ),
        async (pairs) => {
          const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const before = await snapshotCounts(t.core);
          const r = await raw('GET', `/api/v1/contacts?${qs}`, undefined);
          assert.ok(
            r.status === 200 || r.status === 422 || r.status === 400 || r.status === 404,
            `?${qs}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`,
          );
          if (r.status === 200) assert.ok(Array.isArray(r.body.data));
          assert.deepEqual(await snapshotCounts(t.core), before);
        },
      ),
      { numRuns: RUNS * 2, seed: SEED + 6 },
    );
  });
});

describe('fuzz: companies and custom fields', () => {
  test('arbitrary bodies at POST /companies and POST /custom-fields', async () => {
    const companyish = fc.dictionary(
      fc.constantFrom(
        'name',
        'domain',
        'website',
        'email',
        'phone',
        'taxCode',
        'sizeBand',
        'province',
        'tags',
        'custom',
        'ownerId',
        'workspaceId',
        'deletedAt',
      ),
      wrongValue,
      { maxKeys: 5 },
    );
    const fieldish = fc.dictionary(
      fc.constantFrom('entity', 'key', 'label', 'type', 'options', 'currency', 'required', 'position', 'workspaceId', 'id'),
      wrongValue,
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(companyish, fieldish, async (c, f) => {
        await assertHandled(
          () => raw('POST', '/api/v1/companies', JSON.stringify(c)),
          'POST company',
          async (r) => {
            const g = await api.get(`/api/v1/companies/${r.body.id}`);
            assert.deepEqual(g.body, r.body);
          },
        );
        await assertHandled(() => raw('POST', '/api/v1/custom-fields', JSON.stringify(f)), 'POST custom field');
      }),
      { numRuns: RUNS, seed: SEED + 7 },
    );
  });
});

describe('fuzz: deals and imports', () => {
  test('arbitrary bodies at POST /deals and PATCH /deals/{id}', async () => {
    const deal = (await api.post('/api/v1/deals', { title: 'Cơ hội gốc', amount: 1_000 })).body;
    const dealish = fc.dictionary(
      fc.constantFrom(
        'title',
        'amount',
        'currency',
        'stageId',
        'pipelineId',
        'contactId',
        'expectedClose',
        'ownerId',
        'position',
        'status',
        'orderId',
        'workspaceId',
        'lostReason',
      ),
      wrongValue,
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(dealish, dealish, async (a, b) => {
        await assertHandled(
          () => raw('POST', '/api/v1/deals', JSON.stringify(a)),
          'POST deal',
          async (r) => {
            const g = await api.get(`/api/v1/deals/${r.body.id}`);
            assert.equal(g.body.title, r.body.title);
          },
        );
        await assertHandled(() => raw('PATCH', `/api/v1/deals/${deal.id}`, JSON.stringify(b)), 'PATCH deal');
      }),
      { numRuns: RUNS, seed: SEED + 11 },
    );
  });

  test('arbitrary files at POST /imports: read or refused with a 4xx, never a 500', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', '""', '"a,b"', '\r\n', ';', '\t', '=1+1', '\u0000', '\ud800', 'Họ và tên', 'SĐT'));
    const file = fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 }).map((rows) => rows.map((r) => r.join(',')).join('\n'));
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const r = await raw('POST', '/api/v1/imports?fileName=f.csv', text, 'text/csv');
        assert.ok(r.status < 500, `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        if (r.status < 300) {
          const d = await raw('POST', `/api/v1/imports/${r.body.import.id}/dry-run`, '{}');
          assert.ok(d.status < 500, `dry run: ${d.status} ${JSON.stringify(d.body).slice(0, 200)}`);
        }
      }),
      { numRuns: Math.min(RUNS, 100), seed: SEED + 12 },
    );
  });
});
