import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let outsider: TestUser;
let viewer: TestUser;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const team = await makeTeam(t.core, owner.workspaceId, 'Chăm sóc');
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  outsider = await makeMember(t.core, owner.workspaceId, 'agent');
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
let n = 0;
async function customer(ownerId: string): Promise<string> {
  const r = await api(owner).post('/api/v1/contacts', { name: `Khách ${++n}`, ownerId });
  assert.equal(r.status, 201);
  return r.body.id;
}

describe('interactions and the one timeline', () => {
  test('a logged call joins the customer’s timeline with their orders and record changes, newest first by when each happened', async () => {
    const c = await customer(agent.userId);
    const call = await api(agent).post('/api/v1/interactions', {
      contactId: c,
      kind: 'call',
      direction: 'outbound',
      occurredAt: '2026-03-02T09:00:00+07:00',
      durationSeconds: 320,
      outcome: 'Hẹn gặp',
      body: 'Khách muốn xem mẫu mới',
    });
    assert.equal(call.status, 201, JSON.stringify(call.body));
    assert.equal(call.body.channel, 'phone', 'a call is on the phone unless said otherwise');
    assert.equal(call.body.authorId, agent.userId);
    const order = await api(agent).post('/api/v1/orders', {
      contactId: c,
      orderedAt: '2026-03-05T10:00:00+07:00',
      lines: [{ name: 'Mẫu mới', quantity: 1, unitPrice: 500_000 }],
    });
    assert.equal(order.status, 201);
    await api(agent).post('/api/v1/interactions', {
      contactId: c,
      kind: 'message',
      channel: 'zalo',
      direction: 'inbound',
      occurredAt: '2026-03-01T20:00:00+07:00',
      body: 'Chào shop',
    });
    await api(agent).patch(`/api/v1/contacts/${c}`, { occupation: 'Giáo viên' });

    const tl = await api(agent).get(`/api/v1/contacts/${c}/timeline`);
    assert.equal(tl.status, 200, JSON.stringify(tl.body));
    const kinds = tl.body.data.map((e: { kind: string }) => e.kind);
    // The changes happened now (2026-11 in real time); the order and the interactions at their own dates.
    assert.deepEqual(
      kinds.filter((k: string) => k !== 'change'),
      ['order', 'interaction', 'interaction'],
    );
    const ats = tl.body.data.map((e: { at: string }) => e.at);
    assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first');
    const o = tl.body.data.find((e: { kind: string }) => e.kind === 'order');
    assert.deepEqual([o.order.total, o.order.lineCount, o.order.status], [500_000, 1, 'placed']);
    const changes = tl.body.data.filter((e: { kind: string }) => e.kind === 'change');
    assert.ok(changes.some((e: { after: Record<string, unknown> }) => e.after?.occupation === 'Giáo viên'));
    assert.ok(
      changes.some(
        (e: { after: Record<string, unknown>; meta: { cause?: string } }) => e.after?.lifecycleStage === 'new_customer' && e.meta?.cause === 'order',
      ),
      'the purchase moved the stage, on the timeline',
    );

    const task = await api(agent).post('/api/v1/tasks', { title: 'Gửi mẫu mới', contactId: c, dueAt: '2026-12-01T09:00:00+07:00' });
    assert.equal((await api(agent).patch(`/api/v1/tasks/${task.body.id}`, { done: true })).status, 200);
    const tasks = await api(agent).get(`/api/v1/contacts/${c}/timeline?kinds=task`);
    assert.deepEqual(
      tasks.body.data.map((e: { kind: string; task: { title: string; doneAt: string | null } }) => [e.kind, e.task.title, e.task.doneAt !== null]),
      [['task', 'Gửi mẫu mới', true]],
    );
    const only = await api(agent).get(`/api/v1/contacts/${c}/timeline?kinds=interaction`);
    assert.deepEqual(
      only.body.data.map((e: { interaction: { kind: string } }) => e.interaction.kind),
      ['call', 'message'],
    );
    const bad = await api(agent).get(`/api/v1/contacts/${c}/timeline?kinds=tweet`);
    assert.equal(bad.status, 422);
  });

  test('pages of the merged timeline neither repeat nor skip an entry', async () => {
    const c = await customer(owner.userId);
    for (let d = 1; d <= 7; d++) {
      await api(owner).post('/api/v1/interactions', { contactId: c, kind: 'note', occurredAt: `2026-01-0${d}T08:00:00Z`, body: `Ghi chú ${d}` });
      if (d % 2)
        await api(owner).post('/api/v1/orders', {
          contactId: c,
          orderedAt: `2026-01-0${d}T08:00:00Z`,
          lines: [{ name: `Hàng ${d}`, quantity: 1, unitPrice: 1_000 }],
        });
    }
    const all = (await api(owner).get(`/api/v1/contacts/${c}/timeline?limit=200`)).body.data.map((e: { id: string }) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await api(owner).get(
        `/api/v1/contacts/${c}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(r.status, 200);
      seen.push(...r.body.data.map((e) => e.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, all);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(all.length >= 7 + 4 + 1);
    assert.equal((await api(owner).get(`/api/v1/contacts/${c}/timeline?cursor=not-a-cursor`)).status, 422);
  });

  test('bad input names the field and writes nothing; a customer out of scope is not one you can log for', async () => {
    const mine = await customer(agent.userId);
    const theirs = await customer(outsider.userId);
    await api(viewer).get('/api/v1/workspace'); // a token's first use is audited (token.use): not part of what is checked
    const before = await snapshotCounts(t.core);
    const bad = await api(agent).post('/api/v1/interactions', { contactId: mine, kind: 'tweet', durationSeconds: -1, occurredAt: 'hôm qua' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/durationSeconds', '/kind', '/occurredAt']);
    const hidden = await api(agent).post('/api/v1/interactions', { contactId: theirs, kind: 'note', body: 'x' });
    assert.equal(hidden.status, 422);
    assert.equal(hidden.body.errors[0].pointer, '/contactId');
    assert.equal((await api(viewer).post('/api/v1/interactions', { contactId: mine, kind: 'note' })).status, 403);
    assert.deepEqual(await snapshotCounts(t.core), before);

    const theirNote = await api(outsider).post('/api/v1/interactions', { contactId: theirs, kind: 'note', body: 'riêng' });
    assert.equal((await api(agent).get(`/api/v1/interactions/${theirNote.body.id}`)).status, 404);
    assert.equal((await api(agent).patch(`/api/v1/interactions/${theirNote.body.id}`, { body: 'sửa' })).status, 404);
    assert.equal((await api(agent).get(`/api/v1/contacts/${theirs}/timeline`)).status, 404);
  });

  test('a correction honours If-Match and is audited; a deleted interaction leaves the timeline', async () => {
    const c = await customer(agent.userId);
    const i = (await api(agent).post('/api/v1/interactions', { contactId: c, kind: 'meeting', subject: 'Gặp tại cửa hàng' })).body;
    assert.equal((await api(agent).patch(`/api/v1/interactions/${i.id}`, { outcome: 'Đã chốt' }, { 'if-match': '"9"' })).status, 412);
    const ok = await api(agent).patch(`/api/v1/interactions/${i.id}`, { outcome: 'Đã chốt' }, { 'if-match': '"1"' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.version, 2);
    const audit = await api(owner).get(`/api/v1/audit?entityType=interaction&entityId=${i.id}`);
    assert.deepEqual(
      audit.body.data.map((a: { action: string }) => a.action),
      ['update', 'create'],
    );
    assert.equal((await api(agent).delete(`/api/v1/interactions/${i.id}`)).status, 204);
    const tl = await api(agent).get(`/api/v1/contacts/${c}/timeline?kinds=interaction`);
    assert.deepEqual(tl.body.data, []);
  });
});
