import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isSkip, type FieldDef } from '@kith/domain/schema/field-table.ts';
import { AUDITED_TICKET_FIELDS, TICKET_FIELD_LIST } from '@kith/domain/tickets/ticket.fields.ts';
import { TicketCreateSchema, TicketUpdateSchema } from '@kith/domain/tickets/ticket.schema.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { assertAspectsDecided, assertColumnsAreFields, assertFiltersFind } from '../../../test/field-table-checks.ts';

/**
 * The ticket field table (@kith/domain tickets/ticket.fields.ts) is the one place a ticket field is declared.
 * These tests fill every field a caller may set and follow each field through the places derived from it —
 * the database, the API's requests and responses, the list filters and sorts and the audit log — so a field
 * that one of them leaves out fails here, whatever its name. Tickets are not exported, imported or merged.
 */

let t: TestApp;
let owner: TestUser;
let team: string;
let contactId: string;
let orderId: string;
const api = () => client(t.app, owner.token);

/** The columns a ticket keeps for itself besides the fields': its number, the SLA clocks' bookkeeping, the record's times. */
const RECORD_COLUMNS = new Set([
  'id',
  'workspace_id',
  'number',
  'sla_policy_id',
  'first_response_due_at',
  'resolution_due_at',
  'effective_resolution_due_at',
  'sla_pauses',
  'sla_warned',
  'sla_breached',
  'created_by',
  'created_at',
  'updated_at',
  'deleted_at',
  'version',
]);

type Field = FieldDef & { name: string };

/** A value for a settable field that its schema accepts (and that differs from a plain new ticket's), and what the API returns. */
function sampleOf(f: Field): { input: unknown; output: unknown } {
  const special: Record<string, unknown> = {
    contactId,
    orderId,
    teamId: team,
    assigneeId: owner.userId,
    category: 'question',
    status: 'open',
    priority: 'high',
    channel: 'phone',
    subject: 'Yêu cầu Đầy Đủ',
  };
  if (f.name in special) return { input: special[f.name], output: special[f.name] };
  if (f.kind === 'list') return { input: [`${f.name} một`, `${f.name} hai`], output: [`${f.name} một`, `${f.name} hai`] };
  return { input: `Mẫu ${f.name}`, output: `Mẫu ${f.name}` };
}

const settable = TICKET_FIELD_LIST.filter((f) => f.input);
let full: Record<string, unknown>;
let fullId: string;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  team = await makeTeam(t.core, owner.workspaceId, 'Đội mẫu');
  const c = await api().post('/api/v1/contacts', { name: 'Chị Đầy Đủ', ownerId: null });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  contactId = c.body.id;
  const o = await api().post('/api/v1/orders', { contactId, lines: [{ name: 'Hàng mẫu', quantity: 1, unitPrice: 10_000 }] });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  orderId = o.body.id;
  // What opening a ticket takes, then what only a change sets (the status moves, the root cause, the resolution).
  const creatable = Object.keys(TicketCreateSchema.shape);
  const open = Object.fromEntries(settable.filter((f) => creatable.includes(f.name)).map((f) => [f.name, sampleOf(f).input]));
  const r = await api().post('/api/v1/tickets', open);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const rest = Object.fromEntries(settable.filter((f) => !creatable.includes(f.name)).map((f) => [f.name, sampleOf(f).input]));
  const u = await api().patch(`/api/v1/tickets/${r.body.id}`, rest);
  assert.equal(u.status, 200, JSON.stringify(u.body));
  full = u.body;
  fullId = u.body.id;
});
after(() => t.close());

describe('the ticket field table', () => {
  test('every field has its column, and every column of tickets is a field or the record’s own', async () => {
    await assertColumnsAreFields(t.core, 'tickets', TICKET_FIELD_LIST, RECORD_COLUMNS, 'tickets/ticket.fields.ts');
  });

  test('every aspect is given or refused with a reason; tickets are not merged, exported or imported', () => {
    assertAspectsDecided(TICKET_FIELD_LIST);
    for (const f of TICKET_FIELD_LIST) {
      assert.ok(isSkip(f.merge), `${f.name}: tickets have no merge`);
      assert.ok(isSkip(f.export) && isSkip(f.import), `${f.name}: tickets have no export or import`);
    }
  });

  test('a settable field is taken by opening a ticket or by a change, and every other one by neither', () => {
    const taken = new Set([...Object.keys(TicketCreateSchema.shape), ...Object.keys(TicketUpdateSchema.shape)]);
    for (const f of TICKET_FIELD_LIST) assert.equal(taken.has(f.name), f.input !== null, `${f.name}: input and the request schemas disagree`);
  });

  test('the API takes and returns every field, and reads it back from the database', async () => {
    for (const f of settable) assert.deepEqual(full[f.name], sampleOf(f).output, `${f.name} did not round-trip through the API`);
    const again = await api().get(`/api/v1/tickets/${fullId}`);
    assert.equal(again.status, 200);
    for (const f of TICKET_FIELD_LIST) {
      assert.ok(f.name in again.body, `the API does not return ${f.name}`);
      assert.deepEqual(again.body[f.name], full[f.name], `${f.name} was not read back`);
    }
  });

  test('every filterable field filters, and every sortable one sorts', async () => {
    const other = await api().post('/api/v1/tickets', {
      contactId: (await api().post('/api/v1/contacts', { name: 'Anh Khác', ownerId: null })).body.id,
      subject: 'Khác',
    });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    // The one stored value a caller cannot set: what opened a ticket by itself.
    await t.core.db.updateTable('tickets').set({ source: 'survey_response' }).where('id', '=', fullId).execute();
    const valueOf = (f: Field) => (f.name === 'source' ? 'survey_response' : sampleOf(f).output);
    await assertFiltersFind(api(), '/api/v1/tickets', TICKET_FIELD_LIST, valueOf, fullId);
    const bad = await api().get('/api/v1/tickets?filter[nosuch][eq]=1');
    assert.equal(bad.status, 422, 'an unknown filter is refused');
  });

  test('a change of every audited field is in the audit log', async () => {
    const c = await api().post('/api/v1/tickets', { contactId, subject: 'Đổi hết' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const patch = Object.fromEntries(settable.filter((f) => f.audited).map((f) => [f.name, sampleOf(f).input]));
    const u = await api().patch(`/api/v1/tickets/${c.body.id}`, patch);
    assert.equal(u.status, 200, JSON.stringify(u.body));
    const entry = await t.core.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('entity_id', '=', c.body.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    for (const name of AUDITED_TICKET_FIELDS) assert.ok(name in after, `the audit entry has no ${name}`);
  });
});
