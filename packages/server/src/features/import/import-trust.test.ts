import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { runImport, type RunOptions } from './engine.ts';

/**
 * An import never damages data silently (issue 18): a guess is used only once confirmed, a shared email or phone
 * does not make two people one, a matched contact keeps its name, and every change is counted and audited.
 */

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const file = (s: string) => ({ bytes: Buffer.from(s, 'utf8') });
const run = (u: TestUser, csv: string, o: Partial<RunOptions> = {}) =>
  runImport(t.core, u.actor, file(csv), { kind: 'contacts', dryRun: false, fileName: 'people.csv', ...o });
const people = (ws: string) =>
  t.core.db
    .selectFrom('contacts')
    .select(['id', 'name', 'emails', 'phones', 'tags', 'created_at', 'company_id'])
    .where('workspace_id', '=', ws)
    .where('deleted_at', 'is', null)
    .orderBy('name_key')
    .execute();
const list = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : v) as string[];

describe('guesses are confirmed, not used', () => {
  test('a partial header match is reported as unconfirmed and left out; named in map, it is used', async () => {
    const { owner } = await makeWorkspace(t.core);
    const csv = 'Họ và tên,Số điện thoại nhà riêng của khách\nLê Văn Tám,0912 345 678\n';
    const dry = await run(owner, csv, { dryRun: true });
    assert.deepEqual(dry.unconfirmed, [{ header: 'Số điện thoại nhà riêng của khách', field: 'phones' }]);
    assert.equal(dry.mapping['Số điện thoại nhà riêng của khách'], null);
    assert.equal(dry.columns[1]!.confidence, 'partial');
    const r = await run(owner, csv, { map: { 'Số điện thoại nhà riêng của khách': 'phones' } });
    assert.equal(r.created, 1);
    assert.deepEqual(list((await people(owner.actor.workspaceId))[0]!.phones), ['+84912345678']);
  });

  test('the one-call API reports the guesses and the preset in its dry run', async () => {
    const { owner } = await makeWorkspace(t.core);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import?dryRun=true',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
      payload: Buffer.from('Họ và tên,Email liên hệ công việc chính\nAn,an@x.vn\n'),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { unconfirmed: { header: string; field: string }[]; preset: unknown; columns: { confidence: string }[] };
    assert.deepEqual(body.unconfirmed, [{ header: 'Email liên hệ công việc chính', field: 'emails' }]);
    assert.equal(body.preset, null);
    assert.deepEqual(
      body.columns.map((c) => c.confidence),
      ['exact', 'partial'],
    );
  });
});

describe('people are not merged silently', () => {
  test('rows that share a company email but name different people become different contacts, flagged as duplicates', async () => {
    const { owner } = await makeWorkspace(t.core);
    const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em'];
    const csv = `Họ và tên,Email\n${names.map((n) => `${n},info@anhduong.vn`).join('\n')}\n`;
    const r = await run(owner, csv);
    assert.equal(r.created, 5, JSON.stringify(r.errors));
    const rows = await people(owner.actor.workspaceId);
    assert.deepEqual(rows.map((c) => c.name).sort(), [...names].sort());
    assert.ok((r.duplicates ?? 0) >= 4, `the shared address makes them duplicate candidates (${r.duplicates})`);
    // The same file again: each row finds its own person, nothing changes.
    const again = await run(owner, csv);
    assert.deepEqual([again.created, again.updated], [0, 0]);
  });

  test('a row whose email belongs to a contact of another name is another person; the same person is updated, keeping the name', async () => {
    const { owner } = await makeWorkspace(t.core);
    await run(owner, 'Họ và tên,Email,SĐT\nNguyễn Thị Ánh Tuyết,tuyet@anhduong.vn,0903 111 222\n');
    const r = await run(owner, 'Họ và tên,Email,Ghi chú\nCông ty TNHH Ánh Dương,tuyet@anhduong.vn,khách sỉ\nÁnh Tuyết,tuyet@anhduong.vn,gọi sáng\n');
    assert.deepEqual([r.created, r.updated], [1, 1], JSON.stringify(r));
    const rows = await people(owner.actor.workspaceId);
    assert.deepEqual(rows.map((c) => c.name).sort(), ['Công ty TNHH Ánh Dương', 'Nguyễn Thị Ánh Tuyết']);
    assert.deepEqual(r.fieldsChanged, { notes: 1 }, 'the name stays; only the note changed');
  });
});

describe('values as other systems write them', () => {
  test('middle names go between family and given names; Google’s " ::: " lists and several phone columns all go in', async () => {
    const { owner } = await makeWorkspace(t.core);
    const r = await run(
      owner,
      'First Name,Middle Name,Last Name,Mobile Phone,Home Phone,E-mail Address,E-mail Type\nÁnh Tuyết,Thị,Nguyễn,0903 111 222,0912 000 333 ::: 0987 654 321,tuyet@x.vn,SMTP\n',
    );
    assert.equal(r.created, 1, JSON.stringify(r.errors));
    assert.equal(r.mapping['E-mail Type'], null, 'a type column is no value');
    const [c] = await people(owner.actor.workspaceId);
    assert.equal(c!.name, 'Nguyễn Thị Ánh Tuyết');
    assert.deepEqual(list(c!.phones), ['+84903111222', '+84912000333', '+84987654321']);
    assert.deepEqual(list(c!.emails), ['tuyet@x.vn']);
  });

  test('headers that differ only in case are two columns; the same header twice is refused', async () => {
    const { owner } = await makeWorkspace(t.core);
    const r = await run(owner, 'Họ và tên,Email,EMAIL\nAn,an@x.vn,an2@x.vn\n');
    assert.equal(r.created, 1);
    assert.deepEqual(list((await people(owner.actor.workspaceId))[0]!.emails), ['an@x.vn', 'an2@x.vn']);
    await assert.rejects(run(owner, 'Họ và tên,Email,Email\nAn,an@x.vn,an2@x.vn\n'), /appears twice/);
  });

  test('the source system’s creation date becomes a new contact’s, never an existing one’s', async () => {
    const { owner } = await makeWorkspace(t.core);
    const r = await run(owner, 'Họ và tên,Email,Create Date\nAn,an@x.vn,2021-03-04 09:15\n');
    assert.equal(r.created, 1);
    const [c] = await people(owner.actor.workspaceId);
    assert.equal(new Date(c!.created_at as string).toISOString(), '2021-03-04T02:15:00.000Z');
    const again = await run(owner, 'Họ và tên,Email,Create Date\nAn,an@x.vn,2023-01-01\n');
    assert.equal(again.updated, 0);
    assert.equal(new Date((await people(owner.actor.workspaceId))[0]!.created_at as string).toISOString(), '2021-03-04T02:15:00.000Z');
  });
});

describe('dates in the file’s own order', () => {
  const birthdays = async (ws: string) =>
    Object.fromEntries(
      (await t.core.db.selectFrom('contacts').select(['name', 'birthday']).where('workspace_id', '=', ws).execute()).map((c) => [c.name, c.birthday]),
    );

  test('a day above 12 decides the order: 5/17/1990 makes 3/4/1992 the 4th of March; empty and year-less dates are kept as such', async () => {
    const { owner } = await makeWorkspace(t.core);
    const r = await run(owner, 'Họ và tên,Ngày sinh\nAn,5/17/1990\nBình,3/4/1992\nCường,0/0/00\nDung,--12-03\n');
    assert.equal(r.created, 4, JSON.stringify(r.errors));
    assert.deepEqual(r.dateOrder, { order: 'mdy', from: 'file', ambiguous: false, example: null });
    assert.deepEqual(await birthdays(owner.actor.workspaceId), { An: '1990-05-17', Bình: '1992-03-04', Cường: null, Dung: '--12-03' });
  });

  test('dates that read both ways are a question: the dry run says so, the run refuses until the order is given', async () => {
    const { owner } = await makeWorkspace(t.core);
    const csv = 'Name,Birthday\nAn,3/4/1992\nBình,5/6/1980\n';
    const dry = await run(owner, csv, { dryRun: true });
    assert.deepEqual(dry.dateOrder, { order: 'dmy', from: 'default', ambiguous: true, example: '3/4/1992' });
    await assert.rejects(run(owner, csv), (e: Error & { issues?: { code?: string }[] }) => {
      assert.match(e.message, /read both ways \(3\/4\/1992: day first or month first\?\)/);
      assert.equal(e.issues?.[0]?.code, 'date_order_ambiguous');
      return true;
    });
    assert.equal((await people(owner.actor.workspaceId)).length, 0, 'nothing written');
    const r = await run(owner, csv, { dateOrder: 'mdy' });
    assert.equal(r.created, 2);
    assert.deepEqual(await birthdays(owner.actor.workspaceId), { An: '1992-03-04', Bình: '1980-05-06' });
  });

  test('ambiguous dates under a Vietnamese header are read day first', async () => {
    const { owner } = await makeWorkspace(t.core);
    const r = await run(owner, 'Họ và tên,Ngày sinh\nAn,3/4/1992\n');
    assert.deepEqual(r.dateOrder, { order: 'dmy', from: 'language', ambiguous: false, example: null });
    assert.deepEqual(await birthdays(owner.actor.workspaceId), { An: '1992-04-03' });
  });

  test('date columns in two orders are refused by name', async () => {
    const { owner } = await makeWorkspace(t.core);
    await assert.rejects(run(owner, 'Họ và tên,Ngày sinh\nAn,25/01/1990\nBình,01/25/1990\n'), /"Ngày sinh" are written in two orders/);
  });
});

describe('numbers and places as shops write them', () => {
  test('an 11-digit mobile gets its 2018 prefix, an extension is kept, a "Province - District" area fills both', async () => {
    const { owner } = await makeWorkspace(t.core);
    const r = await run(
      owner,
      'Tên khách hàng,Điện thoại,Khu vực giao hàng\nHà Thị Lan,01689 123 456,Hà Nội - Quận Hai Bà Trưng\nJohn Nguyen,+1 415-555-2671 ext. 123,TP. Hồ Chí Minh - Quận 1\n',
    );
    assert.equal(r.created, 2, JSON.stringify(r.errors));
    const rows = await t.core.db
      .selectFrom('contacts')
      .select(['name', 'phones', 'province', 'district'])
      .where('workspace_id', '=', owner.actor.workspaceId)
      .orderBy('name')
      .execute();
    assert.deepEqual(
      rows.map((c) => [c.name, list(c.phones), c.province, c.district]),
      [
        ['Hà Thị Lan', ['+84389123456'], 'ha-noi', 'Quận Hai Bà Trưng'],
        ['John Nguyen', ['+14155552671;ext=123'], 'ho-chi-minh', 'Quận 1'],
      ],
    );
  });
});
