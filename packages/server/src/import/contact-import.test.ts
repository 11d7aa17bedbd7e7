import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import { createTestApp, type TestApp } from '../../test/build-test-app.ts';
import { makeMember, makeWorkspace, snapshotCounts, type TestUser } from '../../test/factories.ts';
import { importContacts } from './contact-import.ts';

let t: TestApp;
let owner: TestUser;
before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
});
after(() => t.close());

/** Windows-1258 spelling: letters with circumflex, breve or horn precomposed, the five tone marks combining. */
function cp1258(text: string): Buffer {
  const tone = /[\u0300\u0301\u0303\u0309\u0323]/;
  return iconv.encode(
    [...text.normalize('NFC')].map((ch) => {
      const parts = [...ch.normalize('NFD')];
      return parts.filter((c) => !tone.test(c)).join('').normalize('NFC') + parts.filter((c) => tone.test(c)).join('');
    }).join(''),
    'windows1258',
  );
}

test('a legacy Windows-1258, tab-separated file with a mapping override comes in as NFC text', async () => {
  const file = cp1258('Tên khách\tDi động\tGhi chú nội bộ\nĐặng Thị Ưng\t0912 000 222\tkhông nhập\nVõ Văn Đức\t0912 000 333\t\n');
  const r = await importContacts(t.core, owner.actor, file, { dryRun: false, map: { 'Ghi chú nội bộ': '' } });
  assert.equal(r.encoding, 'windows-1258');
  assert.equal(r.delimiter, '\t');
  assert.deepEqual(r.mapping, { 'Tên khách': 'name', 'Di động': 'phones', 'Ghi chú nội bộ': null });
  assert.deepEqual([r.created, r.failed, r.errors], [2, 0, []]);
  const names = (await t.core.db.selectFrom('contacts').select(['name', 'notes']).where('workspace_id', '=', owner.workspaceId).orderBy('name_key').execute());
  assert.deepEqual(names.map((n) => n.name), ['Đặng Thị Ưng', 'Võ Văn Đức']);
  assert.equal(names[0]!.name, 'Đặng Thị Ưng'.normalize('NFC'));
  assert.equal(names[0]!.notes, null, 'a column mapped to nothing is skipped');
});

test('a file that cannot be parsed, or has no name column, is refused whole', async () => {
  const before = await snapshotCounts(t.core);
  await assert.rejects(importContacts(t.core, owner.actor, Buffer.from('Họ và tên,SĐT\n"Nguyễn Văn An,0912345678\n'), { dryRun: false }), /nothing was imported/);
  await assert.rejects(importContacts(t.core, owner.actor, Buffer.from('SĐT,Email\n0912345678,a@b.vn\n'), { dryRun: false }), /No column holds the name/);
  await assert.rejects(importContacts(t.core, owner.actor, Buffer.from('Họ và tên\nAn\n'), { dryRun: false, map: { 'Không có': 'name' } }), /No column "Không có"/);
  assert.deepEqual(await snapshotCounts(t.core), before);
});

test('the same through the API: the file is the body; the report comes back; a viewer may not; JSON is not a file', async () => {
  const agent = await makeMember(t.core, owner.workspaceId, 'agent');
  const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
  const csv = Buffer.from('Họ và tên,SĐT,Ngày sinh\nLý Thị Mai,0933 111 222,01/02/1995\nHồ Văn Nam,12,\n', 'utf8');
  const send = (u: TestUser, query: string, payload: Buffer | string, type = 'text/csv') =>
    t.app.inject({ method: 'POST', url: `/api/v1/contacts/import${query}`, headers: { authorization: `Bearer ${u.token}`, 'content-type': type }, payload });
  const dry = await send(agent, '?dryRun=true', csv);
  assert.equal(dry.statusCode, 200, dry.body);
  const report = dry.json();
  assert.deepEqual([report.created, report.failed, report.errors.map((e: { row: number; column: string }) => [e.row, e.column])], [1, 1, [[3, 'SĐT']]]);
  const run = await send(agent, '', csv);
  assert.equal(run.json().created, 1);
  const mai = await t.core.db.selectFrom('contacts').select(['owner_id', 'birthday']).where('workspace_id', '=', owner.workspaceId).where('name', '=', 'Lý Thị Mai').executeTakeFirstOrThrow();
  assert.deepEqual([mai.owner_id, mai.birthday], [agent.userId, '1995-02-01'], 'an agent’s import is theirs');
  await t.app.inject({ method: 'GET', url: '/api/v1/workspace', headers: { authorization: `Bearer ${viewer.token}` } }); // a token's first use is audited
  const before = await snapshotCounts(t.core);
  assert.equal((await send(viewer, '', csv)).statusCode, 403);
  assert.equal((await send(agent, '', JSON.stringify({ name: 'x' }), 'application/json')).statusCode, 415);
  assert.equal((await send(agent, '?map=notjson', csv)).statusCode, 422);
  assert.deepEqual(await snapshotCounts(t.core), before);
});
