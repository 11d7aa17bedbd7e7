import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let viewer: TestUser;
let manager: TestUser;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  agent = await makeMember(t.core, owner.workspaceId, 'agent');
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
  manager = await makeMember(t.core, owner.workspaceId, 'manager');
});
after(() => t.close());

const VIP = {
  q: 'nguyen',
  filters: [
    { field: 'tags', op: 'has', value: 'vip' },
    { field: 'lifecycleStage', op: 'in', value: 'lead,prospect' },
  ],
  sort: '-createdAt',
  columns: ['name', 'phones', 'custom.tier'],
};

describe('saved views', () => {
  test('a personal view is seen by its author only; a shared one by everyone', async () => {
    const mine = await client(t.app, agent.token).post('/api/v1/views', { entity: 'contacts', name: 'Khách VIP của tôi', config: VIP });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    assert.equal(mine.body.shared, false);
    assert.equal(mine.body.mine, true);
    assert.deepEqual(mine.body.config, VIP);
    const shared = await client(t.app, manager.token).post('/api/v1/views', { entity: 'contacts', name: 'Cả đội', shared: true, config: { filters: [] } });
    assert.equal(shared.status, 201);
    assert.deepEqual(shared.body.config, { filters: [], columns: [] });

    const seenBy = async (u: TestUser) =>
      ((await client(t.app, u.token).get('/api/v1/views?entity=contacts')).body.data as { id: string }[]).map((v) => v.id).sort();
    assert.deepEqual(await seenBy(agent), [mine.body.id, shared.body.id].sort());
    assert.deepEqual(await seenBy(viewer), [shared.body.id]);
    assert.deepEqual(await seenBy(owner), [shared.body.id], 'not even the owner sees someone’s personal view');
    assert.deepEqual((await client(t.app, agent.token).get('/api/v1/views?entity=companies')).body.data, []);
  });

  test('sharing needs views.share; changing someone else’s shared view needs views.manage; a personal one of someone else does not exist', async () => {
    const agentApi = client(t.app, agent.token);
    const before = await snapshotCounts(t.core);
    const refused = await agentApi.post('/api/v1/views', { entity: 'contacts', name: 'Chia sẻ', shared: true, config: { filters: [] } });
    assert.equal(refused.status, 403);
    assert.deepEqual(await snapshotCounts(t.core), before);
    const own = await agentApi.post('/api/v1/views', { entity: 'contacts', name: 'Riêng', config: { filters: [] } });
    assert.equal((await agentApi.patch(`/api/v1/views/${own.body.id}`, { shared: true })).status, 403);
    assert.equal((await agentApi.patch(`/api/v1/views/${own.body.id}`, { name: 'Riêng 2' })).body.name, 'Riêng 2');

    const teamView = await client(t.app, manager.token).post('/api/v1/views', {
      entity: 'contacts',
      name: 'Của quản lý',
      shared: true,
      config: { filters: [] },
    });
    assert.equal((await agentApi.patch(`/api/v1/views/${teamView.body.id}`, { name: 'Chiếm' })).status, 403);
    assert.equal((await agentApi.delete(`/api/v1/views/${teamView.body.id}`)).status, 403);
    assert.equal((await client(t.app, owner.token).patch(`/api/v1/views/${teamView.body.id}`, { name: 'Đổi tên' })).body.name, 'Đổi tên');
    assert.equal((await client(t.app, owner.token).patch(`/api/v1/views/${own.body.id}`, { name: 'X' })).status, 404);
    assert.equal((await client(t.app, owner.token).delete(`/api/v1/views/${own.body.id}`)).status, 404);
    assert.equal((await agentApi.delete(`/api/v1/views/${own.body.id}`)).status, 204);
    assert.equal((await agentApi.patch(`/api/v1/views/${own.body.id}`, { name: 'gone' })).status, 404);
  });

  test('a view’s configuration is validated field by field', async () => {
    const before = await snapshotCounts(t.core);
    const r = await client(t.app, owner.token).post('/api/v1/views', {
      entity: 'contacts',
      name: '',
      config: { filters: [{ field: 'name; drop table', op: 'eq', value: 'x' }], sort: 'name desc', columns: ['ok', '1bad'], extra: 1 },
    });
    assert.equal(r.status, 422);
    const pointers = (r.body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    for (const p of ['/name', '/config/filters/0/field', '/config/sort', '/config/columns/1'])
      assert.ok(pointers.includes(p), `${p} in ${pointers.join(', ')}`);
    assert.deepEqual(await snapshotCounts(t.core), before);
    const other = await client(t.app, owner.token).post('/api/v1/views', { entity: 'deals', name: 'x', config: {} });
    assert.equal(other.status, 422);
    assert.equal(other.body.errors[0].pointer, '/entity');
  });
});
