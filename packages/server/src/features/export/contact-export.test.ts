import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';
import { contactFileKeys } from '../../../test/contact-file.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let mine: string;
let theirs: string;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  const team = await makeTeam(t.core, owner.workspaceId, 'Bán lẻ');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [team] });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  const api = client(t.app, owner.token);
  const f = await api.post('/api/v1/custom-fields', {
    entity: 'contact',
    key: 'tier',
    label: 'Hạng',
    type: 'select',
    options: [
      { value: 'vang', label: 'Vàng' },
      { value: 'bac', label: 'Bạc' },
    ],
  });
  assert.equal(f.status, 201, JSON.stringify(f.body));
  const a = await api.post('/api/v1/contacts', {
    name: 'Nguyễn Thị Hồng',
    emails: ['hong@example.vn'],
    phones: ['0912 345 678'],
    tags: ['vip', 'hà nội'],
    custom: { tier: 'vang' },
    teamId: team,
    ownerId: agent.userId,
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  mine = a.body.id;
  const b = await api.post('/api/v1/contacts', {
    name: '=HYPERLINK("http://evil.example","bấm vào")',
    notes: '@SUM(1+1)\nvà dòng hai, có "ngoặc"',
    tags: ['vip'],
    ownerId: null,
  });
  theirs = b.body.id;
  await api.post('/api/v1/contacts', { name: 'Trần Văn Ba', tags: ['thường'] });
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
/** A file read by its columns' keys (a file for people has its headers in `lang`; the custom field tier is "Hạng"). */
const rows = (text: string, lang = 'vi') => parse(text, { columns: contactFileKeys(lang, { Hạng: 'custom.tier' }), bom: true }) as Record<string, string>[];

describe('contact export', () => {
  test('CSV: UTF-8 with a BOM, a header, every field, Vietnamese intact, and formula cells neutralised', async () => {
    const r = await api(owner).get('/api/v1/contacts/export?format=csv');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(r.headers['content-disposition']), /attachment; filename="kith-contacts-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = r.raw.body;
    assert.equal(text.charCodeAt(0), 0xfeff, 'a BOM, so Excel reads UTF-8');
    const out = rows(text);
    assert.equal(out.length, 3);
    const hong = out.find((x) => x.id === mine)!;
    assert.equal(hong.name, 'Nguyễn Thị Hồng');
    assert.equal(hong.phones, '+84912345678', 'a phone number runs nothing in a spreadsheet: kept as it is');
    assert.equal(hong.tags, 'vip; hà nội');
    assert.equal(hong['custom.tier'], 'Vàng', 'the option as people read it');
    assert.equal(hong.team, 'Bán lẻ', 'the team by name');
    assert.equal(hong.owner, agent.email);
    const evil = out.find((x) => x.id === theirs)!;
    assert.equal(evil.name, `'=HYPERLINK("http://evil.example","bấm vào")`);
    assert.equal(evil.notes, `'@SUM(1+1)\nvà dòng hai, có "ngoặc"`, 'quotes and line breaks survive the round trip');
    const raw = rows((await api(owner).get('/api/v1/contacts/export?format=csv&raw=true')).raw.body);
    assert.equal(raw.find((x) => x.id === theirs)!.name, '=HYPERLINK("http://evil.example","bấm vào")', 'raw: exactly as stored');
  });

  test('the file for people names stored values in the workspace’s language; the raw file keeps the codes', async () => {
    const { owner: o } = await makeWorkspace(t.core);
    const c = await api(o).post('/api/v1/contacts', {
      name: 'Phạm Văn Tư',
      gender: 'male',
      source: 'walk_in',
      province: 'ho-chi-minh',
      country: 'VN',
      lifecycleStage: 'new_customer',
      incomeBand: '10m_20m',
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    await api(o).post('/api/v1/contacts', { name: 'Nguồn riêng', source: 'Hội chợ Tết' });
    const named = rows((await api(o).get('/api/v1/contacts/export?sort=name')).raw.body);
    const tu = named.find((x) => x.id === c.body.id)!;
    assert.deepEqual(
      [tu.gender, tu.source, tu.province, tu.country, tu.lifecycleStage, tu.incomeBand],
      ['Nam', 'Khách đến cửa hàng', 'TP. Hồ Chí Minh', 'Việt Nam', 'Khách mới', '10–20 triệu/tháng'],
    );
    assert.equal(named.find((x) => x.name === 'Nguồn riêng')!.source, 'Hội chợ Tết', 'a source the workspace typed itself, as written');
    const raw = rows((await api(o).get('/api/v1/contacts/export?raw=true')).raw.body).find((x) => x.id === c.body.id)!;
    assert.deepEqual(
      [raw.gender, raw.source, raw.province, raw.country, raw.lifecycleStage, raw.incomeBand],
      ['male', 'walk_in', 'ho-chi-minh', 'VN', 'new_customer', '10m_20m'],
    );
    // The file for people goes back in: the import reads the names as the values they stand for.
    const { owner: other } = await makeWorkspace(t.core);
    const text = (await api(o).get('/api/v1/contacts/export')).raw.body;
    const report = await runImport(t.core, other.actor, { bytes: Buffer.from(text) }, { kind: 'contacts', dryRun: false, fileName: 'named.csv' });
    // The other workspace does not have the owner: each contact is the importer's, with a warning.
    assert.equal(report.failed, 0, JSON.stringify(report.errors));
    assert.deepEqual(new Set(report.errors.map((e) => [e.code, e.warning].join())), new Set(['unknown_owner,true']));
    assert.equal(report.preset?.id, 'kith-contacts-vi', 'recognised as Kith’s own file, in Vietnamese');
    const back = rows((await api(other).get('/api/v1/contacts/export?raw=true')).raw.body).find((x) => x.name === 'Phạm Văn Tư')!;
    assert.deepEqual(
      [back.gender, back.source, back.province, back.country, back.lifecycleStage, back.incomeBand],
      ['male', 'walk_in', 'ho-chi-minh', 'VN', 'new_customer', '10m_20m'],
    );
    const ws = await api(o).patch('/api/v1/workspace', { locale: 'en' });
    assert.equal(ws.status, 200, JSON.stringify(ws.body));
    const english = rows((await api(o).get('/api/v1/contacts/export')).raw.body, 'en').find((x) => x.id === c.body.id)!;
    assert.deepEqual(
      [english.gender, english.source, english.province, english.country, english.lifecycleStage],
      ['Male', 'Walk-in', 'Ho Chi Minh City', 'Vietnam', 'New customer'],
    );
  });

  test('the list’s search and filters apply; a bad filter is a 422 before any byte of the file', async () => {
    const vip = rows((await api(owner).get('/api/v1/contacts/export?filter[tags][has]=vip')).raw.body);
    assert.deepEqual(vip.map((x) => x.id).sort(), [mine, theirs].sort());
    const found = rows((await api(owner).get(`/api/v1/contacts/export?q=${encodeURIComponent('nguyen thi')}`)).raw.body);
    assert.deepEqual(
      found.map((x) => x.id),
      [mine],
    );
    const bad = await api(owner).get('/api/v1/contacts/export?filter[nope][eq]=1');
    assert.equal(bad.status, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
  });

  test('XLSX: one sheet, a header row, the same neutralised values', async () => {
    const r = await api(owner).get('/api/v1/contacts/export?format=xlsx&sort=name');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, 4);
    const header = contactFileKeys('vi')((ws.getRow(1).values as unknown[]).slice(1) as string[]);
    const col = (name: string) => header.indexOf(name) + 1;
    const names = [2, 3, 4].map((i) => String(ws.getRow(i).getCell(col('name')).value));
    assert.ok(names.includes('Nguyễn Thị Hồng'));
    assert.ok(names.includes(`'=HYPERLINK("http://evil.example","bấm vào")`));
  });

  test('a manager’s file holds only the contacts in their scope; an agent may not export', async () => {
    const m = rows((await api(manager).get('/api/v1/contacts/export')).raw.body);
    const ids = m.map((x) => x.id);
    assert.ok(ids.includes(mine), 'their team’s contact');
    assert.ok(ids.includes(theirs), 'the unassigned pool is in scope');
    const ownerOnly = await api(owner).post('/api/v1/contacts', { name: 'Riêng của chủ', ownerId: owner.userId });
    assert.ok(!rows((await api(manager).get('/api/v1/contacts/export')).raw.body).some((x) => x.id === ownerOnly.body.id));
    const r = await api(agent).get('/api/v1/contacts/export');
    assert.equal(r.status, 403);
    assert.equal(r.body.reason, 'role_cannot');
  });
});
