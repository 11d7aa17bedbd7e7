import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, snapshotCounts } from '../../../test/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Stage = { id: string; name: string; probability: number; kind: string };

async function setup() {
  const { owner } = await makeWorkspace(t.core, { phoneRegion: 'VN' });
  const api = client(t.app, owner.token);
  const pipes = await api.get('/api/v1/pipelines');
  assert.equal(pipes.status, 200);
  const stages = pipes.body.data[0].stages as Stage[];
  const customer = (await api.post('/api/v1/contacts', { name: 'Công ty Bình An', phones: ['0912 777 000'] })).body.id as string;
  return { owner, api, pipeline: pipes.body.data[0].id as string, stages, customer };
}

describe('deals', () => {
  test('a workspace starts with a Vietnamese pipeline; a deal is created in its first stage and moved across the board; the weighted value follows the stage', async () => {
    const { api, stages, customer, pipeline } = await setup();
    assert.deepEqual(
      stages.map((s) => [s.name, s.probability, s.kind]),
      [
        ['Mới', 10, 'open'],
        ['Đã liên hệ', 25, 'open'],
        ['Đã báo giá', 50, 'open'],
        ['Đàm phán', 75, 'open'],
        ['Thắng', 100, 'won'],
        ['Thua', 0, 'lost'],
      ],
    );
    const a = await api.post('/api/v1/deals', { title: 'Quà Tết 200 hộp', contactId: customer, amount: 60_000_000, expectedClose: '2027-01-20' });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.deepEqual([a.body.stageId, a.body.status, a.body.currency, a.body.contactName], [stages[0]!.id, 'open', 'VND', 'Công ty Bình An']);
    const b = await api.post('/api/v1/deals', { title: 'Trà biếu 50 hộp', contactId: customer, amount: 10_000_000, stageId: stages[2]!.id });
    assert.ok(b.body.position > 0);

    const moved = await api.patch(`/api/v1/deals/${a.body.id}`, { stageId: stages[3]!.id, position: 0.5 }, { 'if-match': `"${a.body.version}"` });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(
      (await api.patch(`/api/v1/deals/${a.body.id}`, { title: 'cũ' }, { 'if-match': `"${a.body.version}"` })).status,
      412,
      'a stale move is refused',
    );
    const board = await api.get(`/api/v1/deals/board?pipelineId=${pipeline}`);
    const col = (i: number) => board.body.columns[i];
    assert.deepEqual([col(0).count, col(2).count, col(3).count], [0, 1, 1]);
    assert.equal(col(3).weighted, 45_000_000, '75% of 60 million');
    assert.equal(col(2).weighted, 5_000_000);

    const lost = await api.patch(`/api/v1/deals/${b.body.id}`, { stageId: stages[5]!.id, lostReason: 'Giá cao' });
    assert.deepEqual([lost.body.status, lost.body.lostReason, Boolean(lost.body.closedAt)], ['lost', 'Giá cao', true]);
    const reopened = await api.patch(`/api/v1/deals/${b.body.id}`, { stageId: stages[1]!.id });
    assert.deepEqual([reopened.body.status, reopened.body.closedAt, reopened.body.lostReason], ['open', null, null]);

    const list = await api.get('/api/v1/deals?sort=-amount&status=open');
    assert.deepEqual(
      list.body.data.map((d: { title: string }) => d.title),
      ['Quà Tết 200 hộp', 'Trà biếu 50 hộp'],
    );
  });

  test('won becomes an order for the customer; the deal’s moves are on the customer’s timeline', async () => {
    const { api, stages, customer } = await setup();
    const d = (await api.post('/api/v1/deals', { title: 'Bánh trung thu 100 hộp', contactId: customer, amount: 25_000_000 })).body;
    assert.equal((await api.post(`/api/v1/deals/${d.id}/order`, {})).status, 409, 'not before it is won');
    await api.patch(`/api/v1/deals/${d.id}`, { stageId: stages[4]!.id });
    const made = await api.post(`/api/v1/deals/${d.id}/order`, {});
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.order.total, made.body.order.contactId, made.body.deal.orderId], [25_000_000, customer, made.body.order.id]);
    assert.equal((await api.post(`/api/v1/deals/${d.id}/order`, {})).status, 409, 'one order per deal');
    const tl = await api.get(`/api/v1/contacts/${customer}/timeline?kinds=deal,order`);
    const deals = tl.body.data.filter((e: { kind: string }) => e.kind === 'deal');
    assert.ok(
      deals.some((e: { deal: { fromStage: string | null; toStage: string | null } }) => e.deal.fromStage === 'Mới' && e.deal.toStage === 'Thắng'),
      JSON.stringify(deals),
    );
    assert.ok(tl.body.data.some((e: { kind: string }) => e.kind === 'order'));
  });

  test('bad references are named; scope, roles and other workspaces are refused and write nothing', async () => {
    const { owner, api, stages, customer } = await setup();
    const other = await setup();
    const bad = await api.post('/api/v1/deals', { title: 'x', contactId: other.customer, stageId: other.stages[0]!.id, amount: -5 });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/amount']);
    const otherStage = await api.post('/api/v1/deals', { title: 'x', stageId: other.stages[0]!.id });
    assert.deepEqual(
      [otherStage.status, otherStage.body.errors.map((e: { pointer: string }) => e.pointer)],
      [422, ['/pipelineId']],
      'another workspace’s stage is no pipeline of ours',
    );
    const otherCustomer = await api.post('/api/v1/deals', { title: 'x', contactId: other.customer });
    assert.deepEqual([otherCustomer.status, otherCustomer.body.errors.map((e: { pointer: string }) => e.pointer)], [422, ['/contactId']]);
    const d = (await api.post('/api/v1/deals', { title: 'Của chủ', contactId: customer, amount: 1_000 })).body;
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
    await client(t.app, agent.token).get('/api/v1/workspace');
    await client(t.app, viewer.token).get('/api/v1/workspace');
    const snap = await snapshotCounts(t.core);
    assert.equal((await client(t.app, agent.token).get(`/api/v1/deals/${d.id}`)).status, 404, 'the owner’s deal is out of an agent’s scope');
    assert.equal((await client(t.app, agent.token).patch(`/api/v1/deals/${d.id}`, { stageId: stages[1]!.id })).status, 404);
    assert.equal((await client(t.app, viewer.token).post('/api/v1/deals', { title: 'x' })).status, 403);
    assert.equal((await client(t.app, agent.token).delete(`/api/v1/deals/${d.id}`)).status, 403);
    assert.equal((await client(t.app, agent.token).put(`/api/v1/pipelines/${other.pipeline}`, { name: 'x', stages: [] })).status, 403);
    assert.equal((await other.api.get(`/api/v1/deals/${d.id}`)).status, 404);
    assert.equal((await other.api.patch(`/api/v1/deals/${d.id}`, { title: 'lấy' })).status, 404);
    assert.deepEqual(
      (await client(t.app, agent.token).get('/api/v1/deals/board')).body.columns.map((c: { count: number }) => c.count),
      [0, 0, 0, 0, 0, 0],
    );
    assert.deepEqual(await snapshotCounts(t.core), snap);
  });

  test('pipelines: stages renamed and added keep their deals; a stage holding deals cannot be removed', async () => {
    const { api, stages, pipeline } = await setup();
    const d = (await api.post('/api/v1/deals', { title: 'Đơn sỉ', stageId: stages[1]!.id, amount: 5 })).body;
    const keep = stages.map((s) => ({ id: s.id, name: s.name, probability: s.probability, kind: s.kind }));
    const renamed = await api.put(`/api/v1/pipelines/${pipeline}`, {
      name: 'Bán sỉ',
      stages: [{ ...keep[0], name: 'Khách hỏi' }, keep[1], { name: 'Gửi mẫu', probability: 40, kind: 'open' }, ...keep.slice(2)],
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual(renamed.body.stages.map((s: Stage) => s.name).slice(0, 3), ['Khách hỏi', 'Đã liên hệ', 'Gửi mẫu']);
    assert.equal((await api.get(`/api/v1/deals/${d.id}`)).body.stageId, stages[1]!.id);
    const removing = await api.put(`/api/v1/pipelines/${pipeline}`, { name: 'Bán sỉ', stages: keep.filter((s) => s.id !== stages[1]!.id) });
    assert.equal(removing.status, 409);
    assert.equal(
      (
        await api.put(`/api/v1/pipelines/${pipeline}`, {
          name: 'x',
          stages: [
            { name: 'Một', probability: 10, kind: 'open' },
            { name: 'Hai', probability: 20, kind: 'open' },
          ],
        })
      ).status,
      422,
      'a won and a lost stage are needed',
    );
  });
});
