import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { deliverEvents, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { runImport } from '../import/engine.ts';
import { undoImport } from '../import/undo.ts';
import { refName, type ContactRef } from '../../platform/records/contact-refs.ts';
import { MODULES } from '../../modules.ts';
import { contactRefsOf } from '../../kith-module.ts';

/** The contact refs every process merges with: the composition root's modules'. */
const ALL_CONTACT_REFS = contactRefsOf({ modules: MODULES });
import { mergeContacts } from './duplicate-merge.service.ts';

/**
 * A merge that forgets nothing (issue 17), on a real database (SQLite, and PostgreSQL with
 * KITH_TEST_DATABASE_URL): a customer with a deal, a ticket, survey invitations and an answer, loyalty points,
 * a referral and playbook runs merged into one who has points and a run of the same playbook. The survivor's
 * pages show all of it; the unmerge puts every row back where it was.
 */

let t: TestApp;
let owner: TestUser;
const clock = new Date('2026-12-01T03:00:00.000Z');

before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core));
});
after(() => t.close());

const api = () => client(t.app, owner.token);
async function post(url: string, body: unknown, status = 201) {
  const r = await api().post(url, body);
  assert.equal(r.status, status, `${url}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function get(url: string) {
  const r = await api().get(url);
  assert.equal(r.status, 200, `${url}: ${JSON.stringify(r.body)}`);
  return r.body;
}
const contact = async (name: string, extra: Record<string, unknown> = {}) => (await post('/api/v1/contacts', { name, ownerId: null, ...extra })).id as string;
const order = async (contactId: string, total: number) =>
  (await post('/api/v1/orders', { contactId, status: 'paid', lines: [{ name: 'Trà', quantity: 1, unitPrice: total }] })).id as string;
/** A customer's points once the events so far are delivered (points follow orders, and merges, after the commit). */
const loyalty = async (id: string) => {
  await deliverEvents(t.core);
  return get(`/api/v1/contacts/${id}/loyalty`);
};
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

/** Where every row that a merge may move points, by column: what an unmerge must give back exactly. */
async function whereRowsPoint(ws: string): Promise<Record<string, Record<string, unknown>>> {
  const db = t.core.db as unknown as Kysely<any>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of ALL_CONTACT_REFS) {
    if (r.kind === 'keep') continue;
    const id = r.kind === 'combine' ? r.column : (r.id ?? 'id');
    const cols = r.kind === 'dedupe' && r.onMatch !== 'stay' ? [id, r.column, ...Object.keys(r.onMatch.close(''))] : [id, r.column];
    const rows = await db.selectFrom(r.table).select(cols).where('workspace_id', '=', ws).orderBy(id).execute();
    out[refName(r)] = Object.fromEntries(rows.map((x) => [String(x[id]), cols.length > 2 ? cols.slice(1).map((c) => x[c]) : x[r.column]]));
  }
  return out;
}

async function customers() {
  const survivor = await contact('Nguyễn Thị Hồng', { phones: ['0912 000 111'] });
  const merged = await contact('Hồng Nguyễn', { phones: ['0912 000 222'] });
  const friend = await contact('Bạn của Hồng');
  return { survivor, merged, friend };
}

describe('a merge that forgets nothing', () => {
  test('deals, tickets, surveys, points, referrals and playbook runs follow the survivor; the unmerge gives each back', async () => {
    const { survivor: s, merged: m, friend } = await customers();
    // Points: 100 for the survivor; 250 for the other, plus 200 for bringing a friend who bought.
    await order(s, 1_000_000);
    await order(m, 2_500_000);
    const code = (await loyalty(m)).referralCode;
    await post(`/api/v1/contacts/${friend}/referral`, { code }, 200);
    await order(friend, 500_000);
    assert.equal((await loyalty(m)).balance, 450);
    assert.equal((await loyalty(s)).balance, 100);
    assert.equal((await loyalty(s)).tier.key, 'member');

    const deal = (await post('/api/v1/deals', { title: 'Quà Tết 20 hộp', contactId: m, amount: 8_000_000 })).id as string;
    const ticket = (await post('/api/v1/tickets', { contactId: m, subject: 'Giao hàng trễ', priority: 'normal' })).id as string;
    const survey = await post('/api/v1/surveys', { name: 'Sau mua hàng', questions: [{ type: 'nps', text: 'Giới thiệu cho bạn bè?' }] });
    const later = await post('/api/v1/surveys', { name: 'Sau Tết', questions: [{ type: 'csat', text: 'Hài lòng?' }] });
    const asked = await post(`/api/v1/surveys/${survey.id}/invitations`, { contactId: m, channel: 'link' });
    const response = await client(t.app).post(`/api/v1/public/surveys/${asked.token}/responses`, {
      answers: [{ questionId: survey.questions[0].id, value: 9 }],
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    // Both were sent the later survey and neither answered yet: one open invitation per customer and survey.
    const theirs = await post(`/api/v1/surveys/${later.id}/invitations`, { contactId: m, channel: 'link' });
    const mine = await post(`/api/v1/surveys/${later.id}/invitations`, { contactId: s, channel: 'link' });
    // Both go through the same playbook; the other also through a second one.
    const playbooks = (await get('/api/v1/playbooks')).data as { id: string; key: string }[];
    const newcomer = playbooks.find((p) => p.key === 'new_customer')!.id;
    const loyal = playbooks.find((p) => p.key === 'loyal_customer')!.id;
    const myRun = (await post(`/api/v1/playbooks/${newcomer}/runs`, { contactId: s })).id as string;
    const theirRun = (await post(`/api/v1/playbooks/${newcomer}/runs`, { contactId: m })).id as string;
    const loyalRun = (await post(`/api/v1/playbooks/${loyal}/runs`, { contactId: m })).id as string;
    const before = await whereRowsPoint(owner.workspaceId);
    const counts = await snapshotCounts(t.core);

    const merge = await post('/api/v1/contacts/merge', { survivorId: s, mergedId: m }, 200);
    assert.equal(merge.moved.deals, 1);
    assert.equal(merge.moved.tickets, 1);
    assert.equal(merge.moved.orders, 1);
    assert.equal(merge.moved.survey_responses, 1);
    assert.equal(merge.moved.survey_invitations, 2);
    assert.equal(merge.moved.playbook_runs, 1, 'the second playbook’s run; not the first one’s');
    assert.equal(merge.moved.loyalty_accounts, 1, 'the friend is now the survivor’s referral');
    assert.ok(merge.moved.points_ledger >= 2, JSON.stringify(merge.moved));

    // The survivor's page shows all of it.
    assert.deepEqual(ids((await get(`/api/v1/deals?contactId=${s}`)).data), [deal]);
    assert.deepEqual(ids((await get(`/api/v1/tickets?contactId=${s}`)).data), [ticket]);
    const answered = (await get(`/api/v1/contacts/${s}/timeline?kinds=survey`)).data as { survey: { responseId: string } }[];
    assert.deepEqual(
      answered.map((e) => e.survey.responseId),
      [response.body.id],
    );
    const points = await loyalty(s);
    assert.equal(points.balance, 100 + 450, 'the balances add up');
    assert.equal(points.tier.key, 'silver', '550 points in twelve months: the survivor moves up a tier');
    assert.deepEqual(
      points.referrals.map((x: { id: string; rewarded: boolean }) => [x.id, x.rewarded]),
      [[friend, true]],
      'the referral is kept, rewarded',
    );
    assert.equal((await loyalty(friend)).referredBy.id, s);
    assert.equal((await loyalty(friend)).balance, 50 + 100, 'the friend’s own points are untouched');
    const runs = (await get(`/api/v1/contacts/${s}/playbook-runs`)).data as { id: string; playbookId: string; status: string }[];
    assert.deepEqual(runs.map((r) => r.id).sort(), [myRun, loyalRun].sort(), 'one run per playbook');
    assert.equal(runs.filter((r) => r.playbookId === newcomer && r.status === 'running').length, 1, 'one open run of the shared playbook');
    // One open invitation per survey: the other's second one is expired, the answered one moved.
    const invitations = await t.core.db
      .selectFrom('survey_invitations')
      .select(['id', 'contact_id', 'expires_at', 'responded_at'])
      .where('workspace_id', '=', owner.workspaceId)
      .execute();
    assert.ok(invitations.every((i) => i.contact_id === s));
    const open = invitations.filter((i) => !i.responded_at && i.expires_at > clock.toISOString());
    assert.deepEqual(
      open.map((i) => i.id),
      [mine.id],
    );
    assert.ok(invitations.some((i) => i.id === theirs.id));
    // Nothing points at the merged contact any more, but what must stay with it.
    const left = await whereRowsPoint(owner.workspaceId);
    for (const [name, rows] of Object.entries(left)) {
      const still = Object.entries(rows)
        .filter(([, v]) => (Array.isArray(v) ? v[0] : v) === m)
        .map(([k]) => k);
      if (name === 'playbook_runs.contact_id') assert.deepEqual(still, [theirRun], 'the duplicate run stays with the merged contact');
      else if (name === 'loyalty_accounts.contact_id') assert.deepEqual(still, [m], 'the merged contact’s account (its referral code) stays, emptied');
      else assert.deepEqual(still, [], `${name} still points at the merged contact`);
    }
    const audit = await t.core.db.selectFrom('audit_log').select('meta').where('action', '=', 'merge').where('entity_id', '=', s).executeTakeFirstOrThrow();
    const meta = readJson<{ refs: Record<string, Record<string, number | boolean>> }>(audit.meta, { refs: {} });
    assert.deepEqual(meta.refs['playbook_runs.contact_id'], { moved: 1, stayed: 1 });
    assert.deepEqual(meta.refs['survey_invitations.contact_id'], { moved: 2, closed: 1 });
    assert.deepEqual(meta.refs['loyalty_accounts.contact_id'], { combined: true });

    const undo = await api().post(`/api/v1/merges/${merge.id}/undo`, {});
    assert.equal(undo.status, 200, JSON.stringify(undo.body));
    // The points re-synced after the commit (contact.orders_changed for both).
    await deliverEvents(t.core);
    const back = await whereRowsPoint(owner.workspaceId);
    // The survivor's tier went up with the merge and down with the undo: two tier entries (no points) record it.
    const ledger = 'points_ledger.contact_id';
    const added = Object.keys(back[ledger]!).filter((id) => !(id in before[ledger]!));
    const tiers = await t.core.db.selectFrom('points_ledger').select(['contact_id', 'kind', 'points']).where('id', 'in', added).execute();
    assert.deepEqual(tiers, [
      { contact_id: s, kind: 'tier', points: 0 },
      { contact_id: s, kind: 'tier', points: 0 },
    ]);
    for (const name of [ledger, 'points_ledger.related_contact_id']) for (const id of added) delete back[name]![id];
    assert.deepEqual(back, before, 'every row points where it pointed before the merge, the expired invitation open again');
    const restore = await t.core.db.selectFrom('audit_log').select('meta').where('action', '=', 'restore').where('entity_id', '=', m).executeTakeFirstOrThrow();
    assert.deepEqual(readJson<{ refs: unknown }>(restore.meta, { refs: null }).refs, meta.refs, 'the undo is audited with what it put back');
    assert.deepEqual(ids((await get(`/api/v1/deals?contactId=${m}`)).data), [deal]);
    assert.deepEqual((await get(`/api/v1/deals?contactId=${s}`)).data, []);
    assert.deepEqual(ids((await get(`/api/v1/tickets?contactId=${m}`)).data), [ticket]);
    assert.deepEqual(
      ((await get(`/api/v1/contacts/${m}/timeline?kinds=survey`)).data as { survey: { responseId: string } }[]).map((e) => e.survey.responseId),
      [response.body.id],
    );
    assert.deepEqual((await get(`/api/v1/contacts/${s}/timeline?kinds=survey`)).data, []);
    const [pm, ps] = [await loyalty(m), await loyalty(s)];
    assert.deepEqual([pm.balance, ps.balance], [450, 100], 'balances back to each');
    assert.deepEqual([pm.tier.key, ps.tier.key], ['member', 'member']);
    assert.equal(pm.referralCode, code);
    assert.deepEqual(
      pm.referrals.map((x: { id: string }) => x.id),
      [friend],
    );
    assert.equal((await loyalty(friend)).referredBy.id, m);
    assert.deepEqual(ids((await get(`/api/v1/contacts/${m}/playbook-runs`)).data), [theirRun, loyalRun].sort());
    assert.deepEqual(ids((await get(`/api/v1/contacts/${s}/playbook-runs`)).data), [myRun]);
    const after = await snapshotCounts(t.core);
    // The audit log and the domain events (the outbox) are histories: the merge and the unmerge each add to them.
    assert.deepEqual(
      { ...after, audit_log: 0, contact_versions: 0, events: 0 },
      { ...counts, audit_log: 0, contact_versions: 0, events: 0, merges: counts.merges! + 1 },
      'no row made or lost on the way but the merge’s own record',
    );
    assert.ok(after.events! > counts.events!, 'the merge and its undo emitted their events');
  });

  test('a merge that fails part-way changes nothing', async () => {
    const { survivor: s, merged: m } = await customers();
    await order(s, 1_000_000);
    await order(m, 3_000_000);
    await post('/api/v1/deals', { title: 'Biếu Tết', contactId: m, amount: 1_000_000 });
    await post('/api/v1/tickets', { contactId: m, subject: 'Đổi hàng', priority: 'normal' });
    const before = await whereRowsPoint(owner.workspaceId);
    const counts = await snapshotCounts(t.core);
    // The last declaration names a table that does not exist: everything before it has moved when it fails.
    const broken: ContactRef[] = [...ALL_CONTACT_REFS, { table: 'no_such_table' as ContactRef['table'], column: 'contact_id', kind: 'repoint' }];
    await assert.rejects(mergeContacts(t.core, owner.actor, { survivorId: s, mergedId: m }, broken));
    assert.deepEqual(await whereRowsPoint(owner.workspaceId), before);
    assert.deepEqual(await snapshotCounts(t.core), counts);
    assert.deepEqual([(await loyalty(s)).balance, (await loyalty(m)).balance], [100, 300]);
    assert.equal((await api().get(`/api/v1/contacts/${m}`)).status, 200, 'the other contact is not deleted');
  });

  test('a merge recorded before the contact references (orders, interactions and tasks by table) is still undone', async () => {
    const { survivor: s, merged: m } = await customers();
    const o = await order(m, 2_000_000);
    const merge = await post('/api/v1/contacts/merge', { survivorId: s, mergedId: m }, 200);
    assert.equal((await loyalty(s)).balance, 200);
    // As a merge before issue 17 left it: only the order moved, its points stayed with the merged contact.
    await t.core.db
      .updateTable('merges')
      .set({ moved: JSON.stringify({ orders: [o], interactions: [], tasks: [] }) })
      .where('id', '=', merge.id)
      .execute();
    await t.core.db.updateTable('points_ledger').set({ contact_id: m }).where('order_id', '=', o).execute();
    assert.equal((await api().post(`/api/v1/merges/${merge.id}/undo`, {})).status, 200);
    assert.equal((await get(`/api/v1/orders/${o}`)).contactId, m);
    assert.equal((await loyalty(m)).balance, 200, 'the points follow the order back (re-synced)');
    assert.equal((await loyalty(s)).balance, 0);
  });
});

describe('import undo', () => {
  test('undoing an import of orders takes their points back', async () => {
    const c = await contact('Khách nhập đơn', { phones: ['0903 777 111'] });
    const csv = 'Mã đơn,Số điện thoại,Ngày,Trạng thái,Sản phẩm,Số lượng,Đơn giá\nMG-1,0903777111,2026-11-01,paid,Áo,1,6000000\n';
    const imp = await runImport(t.core, owner.actor, { bytes: Buffer.from(csv) }, { kind: 'orders', dryRun: false, fileName: 'don.csv' });
    assert.equal(imp.created, 1, JSON.stringify(imp));
    assert.equal((await loyalty(c)).balance, 600);
    await undoImport(t.core, owner.actor, imp.id!);
    const l = await loyalty(c);
    assert.equal(l.balance, 0, 'the deleted orders’ points are reversed');
    assert.deepEqual(
      l.ledger.filter((e: { kind: string }) => e.kind !== 'tier').map((e: { kind: string; points: number }) => [e.kind, e.points]),
      [
        ['reverse', -600],
        ['earn', 600],
      ],
    );
  });
});
