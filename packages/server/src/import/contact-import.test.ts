import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import { createTestApp, type TestApp } from '../../test/build-test-app.ts';
import { makeWorkspace, snapshotCounts, type TestUser } from '../../test/factories.ts';
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
