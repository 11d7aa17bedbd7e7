import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let mate: TestUser;
let outsider: TestUser;

before(async () => {
  // 22:00 in Hồ Chí Minh City on 23 November 2026.
  t = await createTestApp({ now: () => new Date('2026-11-23T15:00:00Z') });
  ({ owner } = await makeWorkspace(t.core));
  const team = await makeTeam(t.core, owner.workspaceId, 'CSKH');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [team] });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  mate = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  outsider = await makeMember(t.core, owner.workspaceId, 'agent');
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);

describe('tasks', () => {
  test('my tasks: open ones by due time, the reminder counts follow the workspace’s calendar day, done ones apart', async () => {
    const c = await api(agent).post('/api/v1/contacts', { name: 'Khách cần gọi' });
    const mk = async (title: string, dueAt: string | null) => {
      const r = await api(agent).post('/api/v1/tasks', { title, dueAt, contactId: c.body.id, priority: 'high' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.assigneeId, agent.userId, 'yours unless said otherwise');
      return r.body;
    };
    const late = await mk('Gọi lại báo giá', '2026-11-23T09:00:00+07:00');
    await mk('Gửi mẫu trước 23:30', '2026-11-23T23:30:00+07:00');
    await mk('Chúc mừng sinh nhật', '2026-11-24T00:30:00+07:00');
    await mk('Khi nào rảnh', null);
    const mine = await api(agent).get('/api/v1/tasks');
    assert.deepEqual(
      mine.body.data.map((x: { title: string }) => x.title),
      ['Gọi lại báo giá', 'Gửi mẫu trước 23:30', 'Chúc mừng sinh nhật', 'Khi nào rảnh'],
    );
    assert.equal(mine.body.data[0].contactName, 'Khách cần gọi');
    assert.deepEqual((await api(agent).get('/api/v1/tasks/summary')).body, { overdue: 1, today: 1, upcoming: 1, someday: 1 });

    const done = await api(agent).patch(`/api/v1/tasks/${late.id}`, { done: true }, { 'if-match': '"1"' });
    assert.equal(done.status, 200);
    assert.equal(done.body.doneBy, agent.userId);
    assert.equal((await api(agent).get('/api/v1/tasks/summary')).body.overdue, 0);
    assert.deepEqual(
      (await api(agent).get('/api/v1/tasks?done=true')).body.data.map((x: { id: string }) => x.id),
      [late.id],
    );
    const audit = await api(owner).get(`/api/v1/audit?entityType=task&entityId=${late.id}`);
    assert.deepEqual(
      audit.body.data.map((a: { action: string }) => a.action),
      ['complete', 'create'],
    );
    assert.equal((await api(agent).patch(`/api/v1/tasks/${late.id}`, { done: false }, { 'if-match': '"1"' })).status, 412);
  });

  test('who may give tasks to whom, and who sees them', async () => {
    const before = await snapshotCounts(t.core);
    const toMate = await api(agent).post('/api/v1/tasks', { title: 'Việc cho bạn', assigneeId: mate.userId });
    assert.equal(toMate.status, 422);
    assert.equal(toMate.body.errors[0].pointer, '/assigneeId');
    const bad = await api(agent).post('/api/v1/tasks', { title: '', dueAt: 'mai', priority: 'gấp' });
    assert.deepEqual(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/dueAt', '/priority', '/title']);
    assert.deepEqual(await snapshotCounts(t.core), before);

    const fromManager = await api(manager).post('/api/v1/tasks', { title: 'Quản lý giao', assigneeId: mate.userId });
    assert.equal(fromManager.status, 201, 'a manager assigns within their team');
    assert.equal((await api(manager).post('/api/v1/tasks', { title: 'Ngoài đội', assigneeId: outsider.userId })).status, 422);
    assert.equal((await api(owner).post('/api/v1/tasks', { title: 'Chủ giao', assigneeId: outsider.userId })).status, 201);

    const theirs = await api(outsider).post('/api/v1/tasks', { title: 'Việc riêng' });
    assert.equal((await api(agent).get(`/api/v1/tasks/${theirs.body.id}`)).status, 404, 'another agent’s task does not exist for you');
    assert.equal((await api(agent).patch(`/api/v1/tasks/${theirs.body.id}`, { done: true })).status, 404);
    assert.equal((await api(manager).get(`/api/v1/tasks/${theirs.body.id}`)).status, 404, 'not one of the manager’s team');
    assert.equal((await api(manager).get(`/api/v1/tasks/${fromManager.body.id}`)).status, 200);
    const all = await api(manager).get('/api/v1/tasks?assignee=any');
    assert.ok(all.body.data.some((x: { id: string }) => x.id === fromManager.body.id));
    assert.ok(!all.body.data.some((x: { id: string }) => x.id === theirs.body.id));
    assert.equal((await api(mate).patch(`/api/v1/tasks/${fromManager.body.id}`, { done: true })).status, 200, 'the assignee completes it');

    const hidden = await api(owner).post('/api/v1/contacts', { name: 'Khách của người khác', ownerId: outsider.userId });
    const about = await api(agent).post('/api/v1/tasks', { title: 'Về khách lạ', contactId: hidden.body.id });
    assert.equal(about.status, 422);
    assert.equal(about.body.errors[0].pointer, '/contactId');
  });
});
