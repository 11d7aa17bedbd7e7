import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type Client, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let api: Client;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  api = client(t.app, owner.token);
});
after(() => t.close());

async function contacts(n: number, extra: Record<string, unknown> = {}, as: Client = api): Promise<string[]> {
  const r = await as.post('/api/v1/contacts/bulk', {
    items: Array.from({ length: n }, (_, i) => ({ name: `Khách ${i} ${Math.random().toString(36).slice(2, 6)}`, ...extra })),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return (r.body.data as { id: string }[]).map((c) => c.id);
}

describe('POST /api/v1/contacts/bulk-actions', () => {
  test('tags, untags, changes the stage and assigns each record, one audit entry per change', async () => {
    const ids = await contacts(3, { tags: ['cũ'] });
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const auditBefore = (await snapshotCounts(t.core)).audit_log!;
    let r = await api.post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'addTags', tags: ['VIP', 'cũ'] } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { succeeded: ids, failed: [] });
    r = await api.post('/api/v1/contacts/bulk-actions', { ids: [ids[0]], action: { type: 'removeTags', tags: ['CŨ'] } });
    assert.deepEqual(r.body.failed, []);
    r = await api.post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'setStage', lifecycleStage: 'prospect' } });
    r = await api.post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'assign', ownerId: agent.userId } });
    assert.deepEqual(r.body.failed, []);
    const read = await Promise.all(ids.map(async (id) => (await api.get(`/api/v1/contacts/${id}`)).body));
    assert.deepEqual(read[0].tags, ['VIP']);
    assert.deepEqual(read[1].tags, ['cũ', 'VIP']);
    for (const c of read) {
      assert.equal(c.lifecycleStage, 'prospect');
      assert.equal(c.ownerId, agent.userId);
    }
    assert.equal((await snapshotCounts(t.core)).audit_log, auditBefore + 3 + 1 + 3 + 3, 'one audit entry per changed record');
    const again = await api.post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'setStage', lifecycleStage: 'prospect' } });
    assert.deepEqual(again.body, { succeeded: ids, failed: [] });
    assert.equal((await snapshotCounts(t.core)).audit_log, auditBefore + 10, 'a no-op writes nothing');
  });

  test('records outside the caller’s scope fail one by one, with the reason; the others are done', async () => {
    const teamA = await makeTeam(t.core, owner.workspaceId);
    const teamB = await makeTeam(t.core, owner.workspaceId);
    const manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [teamA] });
    const inScope = await contacts(2, { teamId: teamA, ownerId: null });
    const outOfScope = await contacts(1, { teamId: teamB, ownerId: null });
    const { owner: other } = await makeWorkspace(t.core);
    const foreign = await contacts(1, {}, client(t.app, other.token));
    const missing = '01900000-0000-7000-8000-000000000000';
    const r = await client(t.app, manager.token).post('/api/v1/contacts/bulk-actions', {
      ids: [...inScope, ...outOfScope, ...foreign, missing],
      action: { type: 'delete' },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.succeeded, inScope);
    assert.deepEqual(
      (r.body.failed as { id: string; code: string }[]).map((f) => [f.id, f.code]),
      [...outOfScope, ...foreign, missing].map((id) => [id, 'not_found']),
    );
    assert.equal((await api.get(`/api/v1/contacts/${outOfScope[0]}`)).status, 200, 'out of scope: untouched');
    assert.equal((await client(t.app, other.token).get(`/api/v1/contacts/${foreign[0]}`)).status, 200, 'another workspace: untouched');
    assert.equal((await api.get(`/api/v1/contacts/${inScope[0]}`)).status, 404, 'in scope: in the trash');
  });

  test('a role that may not do the action gets 403 and nothing changes; a bad body is a 422 naming the field', async () => {
    const ids = await contacts(2);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
    // A token's first use is audited; use both once so the snapshot below isolates the refused calls.
    for (const u of [agent, viewer]) assert.equal((await client(t.app, u.token).get('/api/v1/me')).status, 200);
    const before = await snapshotCounts(t.core);
    assert.equal((await client(t.app, agent.token).post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'delete' } })).status, 403);
    assert.equal((await client(t.app, agent.token).post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'assign', ownerId: null } })).status, 403);
    assert.equal((await client(t.app, viewer.token).post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'addTags', tags: ['x'] } })).status, 403);
    const bad = await api.post('/api/v1/contacts/bulk-actions', { ids: ['nope'], action: { type: 'setStage', lifecycleStage: 'champion' } });
    assert.equal(bad.status, 422);
    const pointers = (bad.body.errors as { pointer: string }[]).map((e) => e.pointer);
    assert.ok(pointers.includes('/ids/0') && pointers.includes('/action/lifecycleStage'), pointers.join(', '));
    assert.equal((await api.post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'addTags', tags: [] } })).status, 422);
    assert.equal((await api.post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'merge' } })).status, 422);
    assert.equal(
      (await api.post('/api/v1/contacts/bulk-actions', { ids: Array.from({ length: 1001 }, () => ids[0]), action: { type: 'delete' } })).status,
      422,
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
  });

  test('an invalid owner fails per record with the field named', async () => {
    const ids = await contacts(1);
    const { owner: stranger } = await makeWorkspace(t.core);
    const r = await api.post('/api/v1/contacts/bulk-actions', { ids, action: { type: 'assign', ownerId: stranger.userId } });
    assert.equal(r.status, 200);
    assert.equal(r.body.failed[0].code, 'validation');
    assert.match(r.body.failed[0].detail, /ownerId/);
  });
});

describe('GET /api/v1/contacts/{id}/timeline', () => {
  test('newest first: created, each change with before and after, deleted and restored; paged', async () => {
    const c = (await api.post('/api/v1/contacts', { name: 'Trần Thị Bích', tags: ['mới'] })).body;
    await api.patch(`/api/v1/contacts/${c.id}`, { lifecycleStage: 'prospect' });
    await api.patch(`/api/v1/contacts/${c.id}`, { notes: 'Gọi lại thứ hai' });
    const r = await api.get(`/api/v1/contacts/${c.id}/timeline`);
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.data.map((e: { action: string }) => e.action),
      ['update', 'update', 'create'],
    );
    assert.deepEqual(r.body.data[1].before, { lifecycleStage: 'lead' });
    assert.deepEqual(r.body.data[1].after, { lifecycleStage: 'prospect' });
    assert.equal(r.body.data[0].actorUserId, owner.userId);
    assert.equal(r.body.data[0].viaToken, true);
    const p1 = await api.get(`/api/v1/contacts/${c.id}/timeline?limit=2`);
    assert.equal(p1.body.data.length, 2);
    const p2 = await api.get(`/api/v1/contacts/${c.id}/timeline?limit=2&cursor=${p1.body.nextCursor}`);
    assert.deepEqual(
      p2.body.data.map((e: { action: string }) => e.action),
      ['create'],
    );
    assert.equal(p2.body.nextCursor, null);
  });

  test('only for whoever may read the contact', async () => {
    const teamB = await makeTeam(t.core, owner.workspaceId);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const hidden = (await api.post('/api/v1/contacts', { name: 'Ngoài phạm vi', teamId: teamB, ownerId: null })).body.id;
    assert.equal((await client(t.app, agent.token).get(`/api/v1/contacts/${hidden}/timeline`)).status, 404);
    const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
    assert.equal((await client(t.app, viewer.token).get(`/api/v1/contacts/${hidden}/timeline`)).status, 200);
  });
});
