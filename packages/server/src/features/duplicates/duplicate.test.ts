import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Pair = { id: string; score: number; reasons: string[]; a: { id: string; name: string }; b: { id: string; name: string } };

async function setup() {
  const { owner } = await makeWorkspace(t.core);
  const api = client(t.app, owner.token);
  const make = async (body: Record<string, unknown>) => {
    const r = await api.post('/api/v1/contacts', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const hong1 = await make({ name: 'Nguyễn Thị Hồng', phones: ['0912 000 111'], emails: ['hong@x.vn'], birthday: '1990-01-25', tags: ['vip'] });
  const hong2 = await make({ name: 'Hồng Nguyễn', phones: ['+84912000111'], occupation: 'giáo viên', tags: ['newsletter'] });
  const an1 = await make({ name: 'Trần Văn An', birthday: '1985-05-05', province: 'ha-noi' });
  const an2 = await make({ name: 'TRAN VAN AN', birthday: '1985-05-05' });
  const binh1 = await make({ name: 'Lê Bình', province: 'hue' });
  const binh2 = await make({ name: 'Le Binh', province: 'hue' });
  const mother = await make({ name: 'Phạm Thị Mai', phones: ['0903 555 666'], birthday: '1962-03-01' });
  const son = await make({ name: 'Phạm Minh Tuấn', phones: ['0903 555 666'], birthday: '1995-07-07' });
  return { owner, api, ids: { hong1, hong2, an1, an2, binh1, binh2, mother, son } };
}

describe('finding duplicates', () => {
  test('created contacts are checked as they come; a full run finds the same pairs, scored, with their reasons', async () => {
    const { api, ids } = await setup();
    const listed = await api.get('/api/v1/duplicates');
    assert.equal(listed.status, 200);
    const pairs = listed.body.data as Pair[];
    const key = (p: Pair) => [p.a.id, p.b.id].sort().join('|');
    const want = (x: string, y: string) => [x, y].sort().join('|');
    assert.deepEqual(
      pairs.map(key).sort(),
      [want(ids.hong1, ids.hong2), want(ids.an1, ids.an2)].sort(),
      'found on create: the shared phone, the same name and birthday',
    );
    const hong = pairs.find((p) => key(p) === want(ids.hong1, ids.hong2))!;
    assert.deepEqual(hong.reasons, ['same_phone', 'similar_name']);
    assert.ok(pairs[0]!.score >= pairs[1]!.score, 'likeliest first');
    const run = await api.post('/api/v1/duplicates/detect', {});
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.deepEqual([run.body.candidates, run.body.added, run.body.contacts], [2, 0, 8]);
    assert.ok(run.body.pairsCompared >= 4, 'the same name in one province and the family phone were compared, and left out');
    const only = await api.get(`/api/v1/duplicates?contactId=${ids.an2}`);
    assert.deepEqual(
      only.body.data.map((p: Pair) => p.reasons),
      [['same_name', 'same_birthday']],
    );
  });

  test('a pair found by a key and by its name is scored once; a second run rewrites only what changed, and drops what no longer matches', async () => {
    const { api, ids } = await setup();
    const first = (await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data as (Pair & { detectedAt: string })[];
    assert.equal(first.length, 1);
    assert.equal((await api.post('/api/v1/duplicates/detect', {})).body.added, 0);
    const again = (await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data as (Pair & { detectedAt: string })[];
    assert.deepEqual(
      again.map((p) => [p.id, p.score, p.detectedAt]),
      first.map((p) => [p.id, p.score, p.detectedAt]),
      'nothing changed, nothing written',
    );
    // The two An now share a phone as well: the same pair, one candidate, every reason.
    assert.equal((await api.patch(`/api/v1/contacts/${ids.an1}`, { phones: ['0987 111 222'] })).status, 200);
    assert.equal((await api.patch(`/api/v1/contacts/${ids.an2}`, { phones: ['+84987111222'] })).status, 200);
    const run = await api.post('/api/v1/duplicates/detect', {});
    assert.deepEqual([run.body.candidates, run.body.added], [2, 0]);
    const both = (await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data as Pair[];
    assert.equal(both.length, 1);
    assert.equal(both[0]!.id, first[0]!.id);
    assert.deepEqual(both[0]!.reasons, ['same_phone', 'same_name', 'same_birthday']);
    assert.equal(both[0]!.score, 1);
    // A different birthday now: no longer likely, and gone from the review list after a full run.
    assert.equal((await api.patch(`/api/v1/contacts/${ids.an2}`, { birthday: '1986-06-06', phones: [] })).status, 200);
    const last = await api.post('/api/v1/duplicates/detect', {});
    assert.equal(last.body.candidates, 1);
    assert.deepEqual((await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data, []);
  });

  test('a third contact with the name of a known pair: its own pairs are added, the known pair is left as it is', async () => {
    const { api, ids } = await setup();
    const known = (await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data as Pair[];
    const r = await api.post('/api/v1/contacts', { name: 'Trần văn An', birthday: '1985-05-05' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const mine = (await api.get(`/api/v1/duplicates?contactId=${r.body.id}`)).body.data as Pair[];
    assert.deepEqual(mine.map((p) => [p.a.id, p.b.id].filter((x) => x !== r.body.id)[0]).sort(), [ids.an1, ids.an2].sort());
    const after = (await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data as Pair[];
    assert.ok(
      after.some((p) => p.id === known[0]!.id),
      'the pair found before is the same row',
    );
    assert.equal((await api.get('/api/v1/duplicates')).body.data.length, 4, 'the Hồng pair, the An pair, and the new An with each of them');
  });

  test('a dismissed pair is not offered again', async () => {
    const { api, ids } = await setup();
    const pair = ((await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data as Pair[])[0]!;
    assert.equal((await api.post(`/api/v1/duplicates/${pair.id}/dismiss`, {})).status, 204);
    await api.post('/api/v1/duplicates/detect', {});
    assert.deepEqual((await api.get(`/api/v1/duplicates?contactId=${ids.an1}`)).body.data, []);
  });

  test('an import reports the duplicates it brought in', async () => {
    const { owner } = await setup();
    const r = await runImport(
      t.core,
      owner.actor,
      { bytes: Buffer.from('Họ và tên,Ngày sinh,Email\nLê Bình,12/12/1980,binh@x.vn\nLe Binh,12/12/1980,binh2@x.vn\n') },
      { kind: 'contacts', dryRun: false, fileName: 'b.csv' },
    );
    assert.equal(r.created, 2);
    assert.equal(r.duplicates, 3, 'the two new ones: a pair with each other (the old pair stays)');
  });
});

describe('merging', () => {
  test('values chosen field by field, lists joined, orders, interactions and tasks moved, the other soft-deleted; undone exactly', async () => {
    const { api, ids } = await setup();
    const order = await api.post('/api/v1/orders', { contactId: ids.hong2, lines: [{ name: 'Trà', quantity: 1, unitPrice: 100_000 }] });
    assert.equal(order.status, 201);
    const call = await api.post('/api/v1/interactions', { contactId: ids.hong2, kind: 'call', body: 'gọi' });
    const task = await api.post('/api/v1/tasks', { title: 'Gọi lại', contactId: ids.hong2 });
    const before1 = (await api.get(`/api/v1/contacts/${ids.hong1}`)).body;

    const m = await api.post('/api/v1/contacts/merge', { survivorId: ids.hong1, mergedId: ids.hong2, prefer: { name: 'survivor', birthday: 'survivor' } });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    const none = {
      deals: 0,
      tickets: 0,
      ticket_messages: 0,
      survey_invitations: 0,
      survey_responses: 0,
      survey_answers: 0,
      loyalty_accounts: 0,
      points_ledger: 0,
      playbook_runs: 0,
      mail_outbox: 0,
    };
    assert.deepEqual(m.body.moved, { orders: 1, interactions: 1, tasks: 1, ...none }, 'every table a merge moves rows of, with its count');
    const c = m.body.contact;
    assert.equal(c.name, 'Nguyễn Thị Hồng');
    assert.equal(c.occupation, 'giáo viên', 'an empty field filled from the other');
    assert.deepEqual(c.tags, ['vip', 'newsletter']);
    assert.deepEqual(c.phones, ['+84912000111']);
    assert.equal((await api.get(`/api/v1/contacts/${ids.hong2}`)).status, 404);
    assert.equal((await api.get(`/api/v1/orders/${order.body.id}`)).body.contactId, ids.hong1);
    assert.equal((await api.get(`/api/v1/tasks/${task.body.id}`)).body.contactId, ids.hong1);
    const timeline = await api.get(`/api/v1/contacts/${ids.hong1}/timeline?kinds=interaction,order`);
    assert.equal(timeline.body.data.length, 2, 'the other’s call and order are on the survivor’s timeline');
    assert.deepEqual((await api.get(`/api/v1/duplicates?contactId=${ids.hong1}`)).body.data, [], 'the pair is resolved');
    const audit = await t.core.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'merge')
      .where('entity_id', '=', ids.hong1)
      .execute();
    assert.equal(audit.length, 1);
    // The other's phone now finds the survivor (an import matches it).
    const phone = await api.get(`/api/v1/contacts?q=${encodeURIComponent('0912000111')}`);
    assert.deepEqual(
      phone.body.data.map((x: { id: string }) => x.id),
      [ids.hong1],
    );

    const undo = await api.post(`/api/v1/merges/${m.body.id}/undo`, {});
    assert.equal(undo.status, 200, JSON.stringify(undo.body));
    const after1 = (await api.get(`/api/v1/contacts/${ids.hong1}`)).body;
    for (const f of ['name', 'occupation', 'tags', 'phones', 'emails', 'birthday']) assert.deepEqual(after1[f], before1[f], f);
    const back = await api.get(`/api/v1/contacts/${ids.hong2}`);
    assert.equal(back.status, 200);
    assert.deepEqual([back.body.name, back.body.occupation], ['Hồng Nguyễn', 'giáo viên']);
    assert.equal((await api.get(`/api/v1/orders/${order.body.id}`)).body.contactId, ids.hong2);
    const calls = await api.get(`/api/v1/contacts/${ids.hong2}/timeline?kinds=interaction`);
    assert.deepEqual(
      calls.body.data.map((x: { id: string }) => x.id),
      [call.body.id],
      'the call is back on its contact',
    );
    assert.equal((await api.get(`/api/v1/duplicates?contactId=${ids.hong2}`)).body.data.length, 1, 'the pair is open again');
    assert.equal((await api.post(`/api/v1/merges/${m.body.id}/undo`, {})).status, 409, 'not twice');
  });

  test('an undo is refused once the survivor has changed; a merge with itself or across workspaces is refused; roles', async () => {
    const { owner, api, ids } = await setup();
    const m = await api.post('/api/v1/contacts/merge', { survivorId: ids.an1, mergedId: ids.an2 });
    assert.equal(m.status, 200);
    assert.equal((await api.patch(`/api/v1/contacts/${ids.an1}`, { notes: 'sửa sau khi gộp' })).status, 200);
    assert.equal((await api.post(`/api/v1/merges/${m.body.id}/undo`, {})).status, 412);

    assert.equal((await api.post('/api/v1/contacts/merge', { survivorId: ids.binh1, mergedId: ids.binh1 })).status, 422);
    const other = await setup();
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
    await client(t.app, agent.token).get('/api/v1/workspace');
    await client(t.app, viewer.token).get('/api/v1/workspace');
    const snap = await snapshotCounts(t.core);
    assert.equal(
      (await api.post('/api/v1/contacts/merge', { survivorId: ids.binh1, mergedId: other.ids.binh2 })).status,
      404,
      'another workspace’s contact is not found',
    );
    assert.equal((await client(t.app, agent.token).post('/api/v1/contacts/merge', { survivorId: ids.binh1, mergedId: ids.binh2 })).status, 403);
    assert.equal((await client(t.app, viewer.token).post('/api/v1/duplicates/detect', {})).status, 403);
    const pairOfOther = ((await other.api.get('/api/v1/duplicates')).body.data as Pair[])[0]!;
    assert.equal((await api.post(`/api/v1/duplicates/${pairOfOther.id}/dismiss`, {})).status, 404);
    assert.equal((await api.post(`/api/v1/merges/${m.body.id}/undo`, {})).status, 412, 'still refused, nothing written');
    assert.deepEqual(await snapshotCounts(t.core), snap);
  });

  test('an agent sees only the pairs of contacts they may read', async () => {
    const { owner, api } = await setup();
    const agent: TestUser = await makeMember(t.core, owner.workspaceId, 'agent');
    const mine = await client(t.app, agent.token).post('/api/v1/contacts', { name: 'Đỗ Hải', phones: ['0977 111 222'] });
    await api.post('/api/v1/contacts', { name: 'Đỗ Hải', phones: ['0977 111 222'], ownerId: owner.userId });
    assert.equal(mine.status, 201);
    assert.ok((await api.get('/api/v1/duplicates')).body.data.length >= 3);
    assert.deepEqual((await client(t.app, agent.token).get('/api/v1/duplicates')).body.data, [], 'the owner’s contact is not theirs to see');
  });
});
