import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { DEAL_FIELD_LIST } from '@kith/domain/deals/deal.fields.ts';
import { isSkip, type FieldDef } from '@kith/domain/schema/field-table.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { assertAspectsDecided, assertColumnsAreFields } from '../../../test/field-table-checks.ts';

/**
 * The deal field table (@kith/domain deals/deal.fields.ts) is the one place a deal field is declared. These
 * tests fill every field of the table and follow it through each place derived from it — the database, the
 * API, the list's parameters and sorts, the export and the audit log — so a field that one of them leaves out
 * fails here, whatever its name. Deals are not imported: every entry says so.
 */

let t: TestApp;
let owner: TestUser;
let team: string;
let contact: string;
let company: string;
/** A second pipeline, and its won stage: the sample deal is won there. */
let pipeline: { id: string; won: string; open: string };
const api = () => client(t.app, owner.token);

/** The columns a deal keeps for itself besides the fields'. */
const RECORD_COLUMNS = new Set(['id', 'workspace_id', 'created_at', 'updated_at', 'deleted_at', 'created_by', 'updated_by', 'version']);

/** A value for a field that its schema accepts (none of them its empty value), and the value the API then returns (undefined: Kith sets it). */
function sampleOf(f: FieldDef & { name: string }): { input: unknown; output: unknown } {
  const special: Record<string, { input: unknown; output: unknown }> = {
    pipelineId: { input: pipeline.id, output: pipeline.id },
    stageId: { input: pipeline.won, output: pipeline.won },
    status: { input: undefined, output: 'won' },
    contactId: { input: contact, output: contact },
    companyId: { input: company, output: company },
    amount: { input: 12_345, output: 12_345 },
    currency: { input: 'USD', output: 'USD' },
    expectedClose: { input: '2026-05-06', output: '2026-05-06' },
    ownerId: { input: owner.userId, output: owner.userId },
    teamId: { input: team, output: team },
    source: { input: 'Hội chợ', output: 'Hội chợ' },
    position: { input: 7.5, output: 7.5 },
    orderId: { input: undefined, output: undefined },
    closedAt: { input: undefined, output: undefined },
  };
  return special[f.name] ?? { input: `Mẫu ${f.name}`, output: `Mẫu ${f.name}` };
}

const settable = () => Object.fromEntries(DEAL_FIELD_LIST.filter((f) => f.input).map((f) => [f.name, sampleOf(f).input]));

let full: Record<string, unknown>;
let fullId: string;

before(async () => {
  t = await createTestApp();
  let workspaceId: string;
  ({ owner, workspaceId } = await makeWorkspace(t.core));
  team = await makeTeam(t.core, workspaceId);
  const c = await api().post('/api/v1/contacts', { name: 'Phạm Văn Mẫu' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  contact = c.body.id;
  const co = await api().post('/api/v1/companies', { name: 'Công ty Mẫu' });
  company = co.body.id;
  // The workspace's first pipeline is made on first use; this one comes second.
  assert.equal((await api().get('/api/v1/pipelines')).status, 200);
  const p = await api().post('/api/v1/pipelines', {
    name: 'Dự án',
    stages: [
      { name: 'Mở', probability: 20, kind: 'open' },
      { name: 'Thắng', probability: 100, kind: 'won' },
      { name: 'Thua', probability: 0, kind: 'lost' },
    ],
  });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  pipeline = { id: p.body.id, open: p.body.stages[0].id, won: p.body.stages[1].id };
  const r = await api().post('/api/v1/deals', settable());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  fullId = r.body.id;
  // A won deal's order: the one field only Kith sets.
  const o = await api().post(`/api/v1/deals/${fullId}/order`, {});
  assert.equal(o.status, 201, JSON.stringify(o.body));
  full = (await api().get(`/api/v1/deals/${fullId}`)).body;
});
after(() => t.close());

describe('the deal field table', () => {
  test('every field has its column, and every column of deals is a field or the record’s own', async () => {
    await assertColumnsAreFields(t.core, 'deals', DEAL_FIELD_LIST, RECORD_COLUMNS, 'deals/deal.fields.ts');
  });

  test('every aspect is given or refused with a reason', () => {
    assertAspectsDecided(DEAL_FIELD_LIST);
  });

  test('the API takes and returns every field, and reads it back from the database', async () => {
    for (const f of DEAL_FIELD_LIST) {
      assert.notDeepEqual(full[f.name], f.empty, `${f.name}: the sample must not be the empty value`);
      const out = sampleOf(f).output;
      if (out !== undefined) assert.deepEqual(full[f.name], out, `${f.name} did not round-trip through the API`);
    }
    const listed = (await api().get(`/api/v1/deals?pipelineId=${pipeline.id}`)).body.data[0];
    for (const f of DEAL_FIELD_LIST) assert.deepEqual(listed[f.name], full[f.name], `${f.name} is not in the list`);
    assert.equal(full.contactName, 'Phạm Văn Mẫu');
  });

  test('every field the list takes finds its deal, and every sortable one sorts', async () => {
    const o = await api().post('/api/v1/contacts', { name: 'Khách khác' });
    const r = await api().post('/api/v1/deals', { title: 'Khác', contactId: o.body.id, amount: 1 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    for (const f of DEAL_FIELD_LIST) {
      if (isSkip(f.filter)) continue;
      if (!f.filter.sortOnly) {
        const found = await api().get(`/api/v1/deals?${f.name}=${encodeURIComponent(String(full[f.name]))}`);
        assert.equal(found.status, 200, `${f.name}: ${JSON.stringify(found.body)}`);
        assert.deepEqual(
          found.body.data.map((d: { id: string }) => d.id),
          [fullId],
          `?${f.name}= did not find the deal`,
        );
      }
      const s = await api().get(`/api/v1/deals?sort=-${f.name}`);
      assert.equal(s.status, f.filter.sortable ? 200 : 422, `sort by ${f.name}: ${JSON.stringify(s.body)}`);
    }
  });

  test('the export has a column for every exported field', async () => {
    const r = await api().get(`/api/v1/deals/export?format=csv&raw=true&pipelineId=${pipeline.id}`);
    assert.equal(r.status, 200);
    const row = (parse(r.raw.body, { columns: true, bom: true }) as Record<string, string>[]).find((x) => x.id === fullId)!;
    for (const f of DEAL_FIELD_LIST) {
      if (isSkip(f.export)) continue;
      const header = f.export.header ?? f.name;
      assert.ok(header in row, `the export has no ${header} column`);
      assert.notEqual(row[header], '', `the export left ${header} empty`);
    }
    assert.deepEqual([row.pipeline, row.stage, row.probability, row.customer], ['Dự án', 'Thắng', '100', 'Phạm Văn Mẫu']);
    assert.equal(row.amount, '123.45', 'money as an amount in its currency');
    assert.equal(row.owner, owner.email, 'the owner, by email');
  });

  test('a change of every audited field is in the audit log', async () => {
    const c = await api().post('/api/v1/deals', { title: 'Đổi hết', amount: 5, currency: 'VND', ownerId: null });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const u = await api().patch(`/api/v1/deals/${c.body.id}`, { ...settable(), title: 'Đổi rồi' });
    assert.equal(u.status, 200, JSON.stringify(u.body));
    const entry = await t.core.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity_id', '=', c.body.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    for (const f of DEAL_FIELD_LIST) if (f.audited && (f.input || f.name === 'status')) assert.ok(f.name in after, `the audit entry has no ${f.name}`);
  });
});
