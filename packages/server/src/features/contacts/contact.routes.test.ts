import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type Client, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let api: Client;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  api = client(t.app, owner.token);
});
after(() => t.close());

/** Every contact's name, following nextCursor page by page (`limit` per page). */
async function walkPages(c: Client, qs: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const r: { body: { data: { name: string }[]; nextCursor: string | null } } = await c.get(
      `/api/v1/contacts?${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    seen.push(...r.body.data.map((x) => x.name));
    cursor = r.body.nextCursor;
  } while (cursor);
  return seen;
}

const AN = { name: 'Nguyễn Văn An', emails: [' AN@Example.com '], phones: ['0912 345 678'] };

describe('POST /api/v1/contacts', () => {
  test('stores phones in E.164 and emails trimmed and lower-cased, answers 201 with the id, an ETag and a Location', async () => {
    const r = await api.post('/api/v1/contacts', AN);
    assert.equal(r.status, 201);
    assert.match(r.body.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(r.body.phones, ['+84912345678']);
    assert.deepEqual(r.body.emails, ['an@example.com']);
    assert.equal(r.body.name, 'Nguyễn Văn An');
    assert.equal(r.body.lifecycleStage, 'lead');
    assert.equal(r.body.ownerId, owner.userId, 'the creator owns what they create unless they say otherwise');
    assert.equal(r.headers.etag, '"1"');
    assert.equal(r.headers.location, `/api/v1/contacts/${r.body.id}`);
    const g = await api.get(`/api/v1/contacts/${r.body.id}`);
    assert.equal(g.status, 200);
    assert.deepEqual(g.body, r.body);
  });

  test('uses the workspace’s phone region for national numbers', async () => {
    const { owner: us } = await makeWorkspace(t.core, { phoneRegion: 'US' });
    const r = await client(t.app, us.token).post('/api/v1/contacts', { name: 'Jane Roe', phones: ['(201) 555-0123', '+84 912 345 679'] });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.phones, ['+12015550123', '+84912345679']);
  });

  test('names every offending field in a problem document, and writes nothing', async () => {
    const before = await snapshotCounts(t.core);
    const r = await api.post('/api/v1/contacts', {
      name: '',
      emails: ['not-an-email'],
      phones: ['0912', 'abc'],
      birthday: '2021-02-30',
      province: 'Atlantis',
      lifecycleStage: 'vip',
    });
    assert.equal(r.status, 422);
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
    assert.equal(r.body.status, 422);
    const pointers = r.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    assert.deepEqual(pointers, ['/birthday', '/emails/0', '/lifecycleStage', '/name', '/province'].sort());
    assert.deepEqual(await snapshotCounts(t.core), before);
    const p = await api.post('/api/v1/contacts', { name: 'X', phones: ['0912', 'abc'] });
    assert.equal(p.status, 422);
    assert.deepEqual(
      p.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/phones/0', '/phones/1'],
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
  });

  test('refuses fields a caller may not set (mass assignment), by name', async () => {
    const before = await snapshotCounts(t.core);
    for (const extra of [
      { workspaceId: owner.workspaceId },
      { createdAt: '2020-01-01T00:00:00Z' },
      { deletedAt: '2020-01-01T00:00:00Z' },
      { version: 7 },
      { id: '01a20393-72e7-74e6-be16-08c0532b09a2' },
      { role: 'owner' },
      { createdBy: owner.userId },
    ]) {
      const r = await api.post('/api/v1/contacts', { name: 'Mass Assign', ...extra });
      assert.equal(r.status, 422, JSON.stringify(extra));
      assert.match(r.body.errors[0].detail, new RegExp(Object.keys(extra)[0]!));
    }
    assert.deepEqual(await snapshotCounts(t.core), before);
  });

  test('a malformed or non-JSON body is a 4xx problem, never a 500', async () => {
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assert.equal(raw.statusCode, 400);
    assert.match(String(raw.headers['content-type']), /problem\+json/);
    const txt = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(txt.statusCode, 415);
    const arr = await api.post('/api/v1/contacts', [1, 2]);
    assert.equal(arr.status, 422);
    const proto = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
      payload: '{"name":"x","__proto__":{"admin":true}}',
    });
    assert.equal(proto.statusCode, 400);
  });
});

describe('GET /api/v1/contacts?q=', () => {
  let anId: string;
  before(async () => {
    const c = await api.post('/api/v1/companies', { name: 'Công ty TNHH Hoa Sen' });
    assert.equal(c.status, 201);
    const r = await api.post('/api/v1/contacts', { name: 'Nguyễn Văn An', emails: ['an.search@example.com'], phones: ['0987 654 321'], companyId: c.body.id });
    anId = r.body.id;
    await api.post('/api/v1/contacts', { name: 'Trần Thị Bình', emails: ['binh@example.com'], phones: ['0903 111 222'] });
    await api.post('/api/v1/contacts', { name: 'Đặng Đức Đạt', phones: ['0933 444 555'] });
  });

  const ids = async (q: string) => {
    const r = await api.get(`/api/v1/contacts?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(Array.isArray(r.body.data));
    assert.ok('nextCursor' in r.body);
    return r.body.data.map((c: { id: string }) => c.id) as string[];
  };

  test('ignores case and Vietnamese diacritics, including đ', async () => {
    assert.ok((await ids('nguyen van an')).includes(anId));
    assert.ok((await ids('NGUYỄN VĂN AN')).includes(anId));
    assert.equal((await ids('dang duc dat')).length, 1);
    assert.equal((await ids('Đạt')).length, 1);
  });

  test('matches phone numbers however they are typed', async () => {
    for (const q of ['0987654321', '0987 654 321', '+84 987 654 321', '84987654321', '987654321', '0987']) assert.ok((await ids(q)).includes(anId), q);
    assert.ok(!(await ids('0903111222')).includes(anId));
  });

  test('matches emails, and the company name', async () => {
    assert.deepEqual(await ids('an.search@example.com'), [anId]);
    assert.ok((await ids('an.search@ex')).includes(anId));
    assert.ok((await ids('hoa sen')).includes(anId));
  });

  test('matches word prefixes as the user types', async () => {
    assert.ok((await ids('ngu')).includes(anId));
    assert.ok((await ids('nguyen va')).includes(anId));
    assert.equal((await ids('zzzz')).length, 0);
  });

  test('a renamed company is found under its new name', async () => {
    const c = await api.get(`/api/v1/contacts/${anId}`);
    const r = await api.patch(`/api/v1/companies/${c.body.companyId}`, { name: 'Công ty Cổ phần Mai Vàng' });
    assert.equal(r.status, 200);
    assert.ok((await ids('mai vang')).includes(anId));
    assert.ok(!(await ids('hoa sen')).includes(anId));
  });

  test('pages through search results with the cursor, newest first, without repeats', async () => {
    for (let i = 0; i < 5; i++) await api.post('/api/v1/contacts', { name: `Lê Văn Trang ${i}` });
    const seen: string[] = [];
    let url = '/api/v1/contacts?q=trang&limit=2';
    for (;;) {
      const r = await api.get(url);
      assert.equal(r.status, 200);
      seen.push(...r.body.data.map((c: { name: string }) => c.name));
      if (!r.body.nextCursor) break;
      url = `/api/v1/contacts?q=trang&limit=2&cursor=${r.body.nextCursor}`;
    }
    assert.deepEqual(seen, ['Lê Văn Trang 4', 'Lê Văn Trang 3', 'Lê Văn Trang 2', 'Lê Văn Trang 1', 'Lê Văn Trang 0']);
  });
});

describe('GET|PATCH|DELETE /api/v1/contacts/{id}', () => {
  test('PATCH with the current ETag applies and returns a new one; a stale one is a 412 that changes nothing', async () => {
    const c = (await api.post('/api/v1/contacts', { name: 'Phạm Thu Hà' })).body;
    const ok = await api.patch(`/api/v1/contacts/${c.id}`, { occupation: 'Kế toán' }, { 'if-match': '"1"' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.occupation, 'Kế toán');
    assert.equal(ok.headers.etag, '"2"');
    const stale = await api.patch(`/api/v1/contacts/${c.id}`, { occupation: 'Giáo viên' }, { 'if-match': '"1"' });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.currentVersion, 2);
    assert.equal((await api.get(`/api/v1/contacts/${c.id}`)).body.occupation, 'Kế toán');
    const free = await api.patch(`/api/v1/contacts/${c.id}`, { occupation: 'Giáo viên' });
    assert.equal(free.status, 200, 'without If-Match the change applies');
    assert.equal(free.body.version, 3);
  });

  test('two PATCHes with the same ETag: exactly one 200 and one 412', async () => {
    const c = (await api.post('/api/v1/contacts', { name: 'Đua Tranh' })).body;
    const [a, b] = await Promise.all([
      api.patch(`/api/v1/contacts/${c.id}`, { jobTitle: 'A' }, { 'if-match': '"1"' }),
      api.patch(`/api/v1/contacts/${c.id}`, { jobTitle: 'B' }, { 'if-match': '"1"' }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 412]);
    const winner = a.status === 200 ? 'A' : 'B';
    const now = await api.get(`/api/v1/contacts/${c.id}`);
    assert.equal(now.body.jobTitle, winner);
    assert.equal(now.body.version, 2);
  });

  test('null clears a field; an empty PATCH changes nothing and keeps the version', async () => {
    const c = (await api.post('/api/v1/contacts', { name: 'Xóa Trường', occupation: 'Kỹ sư', tags: ['VIP', 'vip', 'Khách sỉ'] })).body;
    assert.deepEqual(c.tags, ['VIP', 'Khách sỉ'], 'tags are de-duplicated ignoring case');
    const r = await api.patch(`/api/v1/contacts/${c.id}`, { occupation: null });
    assert.equal(r.body.occupation, null);
    const same = await api.patch(`/api/v1/contacts/${c.id}`, {});
    assert.equal(same.status, 200);
    assert.equal(same.body.version, r.body.version);
  });

  test('soft delete hides the contact (404), the trash lists it, restore brings it back, purge removes it', async () => {
    const c = (await api.post('/api/v1/contacts', { name: 'Tạm Xóa', phones: ['0977 000 111'] })).body;
    assert.equal((await api.delete(`/api/v1/contacts/${c.id}`)).status, 204);
    assert.equal((await api.get(`/api/v1/contacts/${c.id}`)).status, 404);
    assert.ok(!(await api.get('/api/v1/contacts?q=0977000111')).body.data.length);
    const trash = await api.get('/api/v1/contacts?deleted=only&limit=200');
    assert.ok(trash.body.data.some((x: { id: string }) => x.id === c.id));
    const restored = await api.post(`/api/v1/contacts/${c.id}/restore`);
    assert.equal(restored.status, 200);
    assert.equal(restored.body.deletedAt, null);
    assert.equal((await api.get('/api/v1/contacts?q=0977000111')).body.data.length, 1);
    assert.equal((await api.post(`/api/v1/contacts/${c.id}/purge`)).status, 204);
    assert.equal((await api.get(`/api/v1/contacts/${c.id}?deleted=include`)).status, 404);
    const keys = await t.core.db.selectFrom('contact_keys').select('value').where('contact_id', '=', c.id).execute();
    assert.equal(keys.length, 0);
  });

  test('an unknown or malformed id is the same 404 as any missing one', async () => {
    const a = await api.get('/api/v1/contacts/01a20393-72e7-74e6-be16-08c0532b09a2');
    const b = await api.get('/api/v1/contacts/not-an-id');
    assert.equal(a.status, 404);
    assert.equal(b.status, 404);
    assert.equal(a.body.title, b.body.title);
  });
});

describe('listing: filters, sort, cursors', () => {
  let ws: TestUser;
  let wapi: Client;
  before(async () => {
    ({ owner: ws } = await makeWorkspace(t.core));
    wapi = client(t.app, ws.token);
    const f = await wapi.post('/api/v1/custom-fields', {
      entity: 'contact',
      key: 'tier',
      label: 'Hạng',
      type: 'select',
      options: [
        { value: 'gold', label: 'Vàng' },
        { value: 'silver', label: 'Bạc' },
      ],
    });
    assert.equal(f.status, 201);
    await wapi.post('/api/v1/custom-fields', { entity: 'contact', key: 'spend', label: 'Chi tiêu', type: 'currency' });
    const people = [
      { name: 'An Nhiên', lifecycleStage: 'lead', province: 'Hà Nội', tags: ['vip'], custom: { tier: 'gold', spend: 5_000_000 }, birthday: '1990-05-01' },
      { name: 'Bảo Ngọc', lifecycleStage: 'prospect', province: 'tp hcm', tags: ['vip', 'b2b'], custom: { tier: 'silver', spend: 150_000 } },
      { name: 'Cẩm Tú', lifecycleStage: 'loyal', province: 'Bình Dương', custom: { spend: 90_000_000 }, birthday: '1985-01-01' },
      { name: 'Dũng Trí', lifecycleStage: 'lead', province: 'Nam Định' },
      { name: 'Ánh Dương', lifecycleStage: 'repeat' },
    ];
    const r = await wapi.post('/api/v1/contacts/bulk', { items: people });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  });
  const names = async (qs: string) => {
    const r = await wapi.get(`/api/v1/contacts?${qs}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.data.map((c: { name: string }) => c.name) as string[];
  };

  test('provinces resolve old names to the merged province', async () => {
    assert.deepEqual(await names('filter[province][eq]=ho-chi-minh&sort=name'), ['Bảo Ngọc', 'Cẩm Tú']);
    assert.deepEqual(await names('filter[province][eq]=ninh-binh'), ['Dũng Trí']);
  });

  test('filters combine with AND; operators from an allow-list', async () => {
    assert.deepEqual(await names('filter[lifecycleStage][eq]=lead&sort=name'), ['An Nhiên', 'Dũng Trí']);
    assert.deepEqual(await names('filter[lifecycleStage][in]=lead,prospect&filter[tags][has]=vip&sort=name'), ['An Nhiên', 'Bảo Ngọc']);
    assert.deepEqual(await names('filter[tags][has]=VIP&filter[tags][has]=b2b'), ['Bảo Ngọc']);
    assert.deepEqual(await names('filter[birthday][lt]=1989-01-01'), ['Cẩm Tú']);
    assert.deepEqual(await names('filter[birthday][empty]=true&sort=name'), ['Ánh Dương', 'Bảo Ngọc', 'Dũng Trí']);
    assert.deepEqual(await names('filter[name][contains]=ngoc'), ['Bảo Ngọc']);
  });

  test('custom fields filter by their type', async () => {
    assert.deepEqual(await names('filter[custom.tier][eq]=gold'), ['An Nhiên']);
    assert.deepEqual(await names('filter[custom.spend][gte]=1000000&sort=-custom.spend'), ['Cẩm Tú', 'An Nhiên']);
    assert.deepEqual(await names('filter[custom.spend][empty]=true&sort=name'), ['Ánh Dương', 'Dũng Trí']);
  });

  test('unknown fields, operators and bad values are 422s naming the parameter; injection is just a value', async () => {
    for (const qs of [
      'filter[bogus][eq]=1',
      'filter[name][gt]=a',
      'filter[birthday][lt]=yesterday',
      'filter[lifecycleStage][eq]=vip',
      'filter[custom.nope][eq]=1',
      'sort=password_hash',
      'sort=name;drop table contacts',
      'cursor=xyz',
      'nonsense=1',
    ]) {
      const r = await wapi.get(`/api/v1/contacts?${qs}`);
      assert.equal(r.status, 422, qs);
      assert.ok(r.body.errors?.length || r.body.detail, qs);
    }
    assert.deepEqual(await names(`filter[name][eq]=${encodeURIComponent("x' or '1'='1")}`), []);
    assert.equal((await wapi.get('/api/v1/contacts?limit=200')).body.data.length, 5);
  });

  test('sorts by name ignoring diacritics, and the cursor walks every row once in both directions', async () => {
    const all = await names('sort=name&limit=200');
    assert.deepEqual(all, ['An Nhiên', 'Ánh Dương', 'Bảo Ngọc', 'Cẩm Tú', 'Dũng Trí']);
    for (const sort of ['name', '-name', 'birthday', '-birthday', '-createdAt', 'custom.spend', '-custom.tier']) {
      const seen = await walkPages(wapi, `sort=${sort}`, 2);
      assert.equal(seen.length, 5, sort);
      assert.equal(new Set(seen).size, 5, sort);
      const full = await names(`sort=${sort}&limit=200`);
      assert.deepEqual(seen, full, sort);
    }
    const r = await wapi.get('/api/v1/contacts?sort=name&limit=2');
    assert.equal((await wapi.get(`/api/v1/contacts?sort=-name&cursor=${r.body.nextCursor}`)).status, 422, 'a cursor is bound to its sort');
  });

  test('includeTotal counts every match, not just the page', async () => {
    const r = await wapi.get('/api/v1/contacts?limit=1&includeTotal=true&filter[lifecycleStage][eq]=lead');
    assert.equal(r.body.total, 2);
    assert.equal(r.body.data.length, 1);
  });
});

describe('sorting by the columns a list shows: primary email and phone, company, owner', () => {
  let wapi: Client;
  const names = async (qs: string) => {
    const r = await wapi.get(`/api/v1/contacts?${qs}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.data.map((c: { name: string }) => c.name) as string[];
  };
  before(async () => {
    const { owner: o, workspaceId } = await makeWorkspace(t.core);
    wapi = client(t.app, o.token);
    const bich = await makeMember(t.core, workspaceId, 'agent', { name: 'Bùi Thị Bích' });
    const an = await makeMember(t.core, workspaceId, 'agent', { name: 'An Khánh' });
    const viet = (await wapi.post('/api/v1/companies', { name: 'Công ty Việt Á' })).body.id as string;
    const anPhat = (await wapi.post('/api/v1/companies', { name: 'An Phát' })).body.id as string;
    const people = [
      { name: 'P1', emails: ['zed@example.com', 'a@example.com'], phones: ['0912 000 003'], companyId: viet, ownerId: bich.userId },
      { name: 'P2', emails: ['bao@example.com'], phones: ['0912 000 001', '0912 000 009'], companyId: anPhat, ownerId: an.userId },
      { name: 'P3', emails: [], phones: ['0912 000 002'], ownerId: o.userId },
      { name: 'P4', emails: ['cam@example.com'], phones: [], companyId: viet, ownerId: an.userId },
    ];
    const r = await wapi.post('/api/v1/contacts/bulk', { items: people });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  });

  test('emails and phones sort by the first one; a contact without any comes last either way', async () => {
    assert.deepEqual(await names('sort=emails'), ['P2', 'P4', 'P1', 'P3']);
    assert.deepEqual(await names('sort=-emails'), ['P1', 'P4', 'P2', 'P3']);
    assert.deepEqual(await names('sort=phones'), ['P2', 'P3', 'P1', 'P4']);
  });

  test('company sorts by its name ignoring diacritics, owner by the owner’s name; cursors walk them', async () => {
    const byCompany = await names('sort=company');
    assert.equal(byCompany[0], 'P2', 'An Phát before Công ty Việt Á');
    assert.deepEqual(new Set(byCompany.slice(1, 3)), new Set(['P1', 'P4']));
    assert.equal(byCompany[3], 'P3', 'no company comes last');
    const byOwner = await names('sort=owner');
    assert.deepEqual(new Set(byOwner.slice(0, 2)), new Set(['P2', 'P4']), 'An Khánh first');
    assert.equal(byOwner[2], 'P1', 'then Bùi Thị Bích');
    assert.equal(byOwner[3], 'P3', 'then Test owner');
    for (const sort of ['emails', '-phones', 'company', '-company', 'owner', '-owner']) {
      const seen = await walkPages(wapi, `sort=${sort}`, 1);
      assert.deepEqual(seen, await names(`sort=${sort}`), sort);
    }
  });

  test('company and owner are sort names only; tags have no order to sort by', async () => {
    for (const qs of ['filter[company][eq]=x', 'filter[owner][eq]=x', 'sort=tags']) {
      const r = await wapi.get(`/api/v1/contacts?${qs}`);
      assert.equal(r.status, 422, qs);
    }
  });
});

describe('bulk', () => {
  test('bulk create is all or none: one bad row means a 422 naming /items/<i>/<field> and no row written', async () => {
    const before = await snapshotCounts(t.core);
    const r = await api.post('/api/v1/contacts/bulk', {
      items: [{ name: 'Tốt Một' }, { name: 'Xấu', emails: ['@'] }, { name: 'Tốt Hai' }, { name: 'Xấu Hai', phones: ['123'] }],
    });
    assert.equal(r.status, 422);
    assert.deepEqual(
      r.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/items/1/emails/0', '/items/3/phones/0'],
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
    const ok = await api.post('/api/v1/contacts/bulk', { items: [{ name: 'Tốt Một' }, { name: 'Tốt Hai' }] });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.data.length, 2);
  });

  test('bulk update is all or none, and a stale version in one row refuses the whole batch', async () => {
    const made = (await api.post('/api/v1/contacts/bulk', { items: [{ name: 'Bulk A' }, { name: 'Bulk B' }] })).body.data;
    const before = await snapshotCounts(t.core);
    const bad = await api.patch('/api/v1/contacts/bulk', {
      items: [
        { id: made[0].id, version: 1, jobTitle: 'x' },
        { id: made[1].id, version: 9, jobTitle: 'y' },
      ],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/items/1/version'],
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
    const ok = await api.patch('/api/v1/contacts/bulk', {
      items: [
        { id: made[0].id, version: 1, jobTitle: 'x' },
        { id: made[1].id, jobTitle: 'y' },
      ],
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(
      ok.body.data.map((c: { jobTitle: string }) => c.jobTitle),
      ['x', 'y'],
    );
  });
});

describe('audit', () => {
  test('every change to a contact is in the audit log with before and after', async () => {
    const c = (await api.post('/api/v1/contacts', { name: 'Kiểm Toán', occupation: 'A' })).body;
    await api.patch(`/api/v1/contacts/${c.id}`, { occupation: 'B' });
    await api.delete(`/api/v1/contacts/${c.id}`);
    await api.post(`/api/v1/contacts/${c.id}/restore`);
    const r = await api.get(`/api/v1/audit?entityType=contact&entityId=${c.id}`);
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.data.map((e: { action: string }) => e.action),
      ['restore', 'delete', 'update', 'create'],
    );
    const upd = r.body.data.find((e: { action: string }) => e.action === 'update');
    assert.deepEqual(upd.before, { occupation: 'A' });
    assert.deepEqual(upd.after, { occupation: 'B' });
    assert.equal(upd.actorUserId, owner.userId);
    assert.equal(upd.actorTokenId !== null, true);
  });

  test('the audit log is append-only in the database itself', async () => {
    await assert.rejects(t.core.db.updateTable('audit_log').set({ action: 'x' }).execute(), /append-only/);
    await assert.rejects(t.core.db.deleteFrom('audit_log').execute(), /append-only/);
  });

  test('only owners and admins read it', async () => {
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    assert.equal((await client(t.app, agent.token).get('/api/v1/audit')).status, 403);
  });
});

describe('field issues carry a stable code, so a client can word them in its own language', () => {
  test('codes and params for the common mistakes, in single and bulk writes', async () => {
    const r = await api.post('/api/v1/contacts', {
      name: 'x'.repeat(201),
      emails: ['not-an-email'],
      phones: ['0912 34'],
      birthday: '1850-01-01',
      province: 'Atlantis',
      lifecycleStage: 'champion',
      workspaceId: 'x',
    });
    assert.equal(r.status, 422);
    const byPointer = Object.fromEntries((r.body.errors as { pointer: string; code: string; params?: unknown }[]).map((e) => [e.pointer, e]));
    assert.deepEqual(byPointer['/name'], { pointer: '/name', detail: 'Must be at most 200 characters', code: 'too_long', params: { maximum: 200 } });
    assert.equal(byPointer['/emails/0']!.code, 'invalid_email');
    assert.equal(byPointer['/birthday']!.code, 'date_out_of_range');
    assert.equal(byPointer['/province']!.code, 'unknown_province');
    assert.equal(byPointer['/lifecycleStage']!.code, 'invalid_choice');
    assert.equal(byPointer['']!.code, 'unknown_field');
    const phone = await api.post('/api/v1/contacts', { name: 'Số Sai', phones: ['0912 34'] });
    assert.deepEqual(phone.body.errors, [{ pointer: '/phones/0', detail: 'Not a valid phone number', code: 'invalid_phone' }]);
    const bulk = await api.post('/api/v1/contacts/bulk', { items: [{ name: 'Ổn' }, { name: '' }] });
    assert.equal(bulk.status, 422);
    assert.deepEqual(bulk.body.errors, [{ pointer: '/items/1/name', detail: 'Must not be empty', code: 'required' }]);
  });
});
