import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { deliverEvents, makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';
import { runImport } from '../import/engine.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let clock = new Date('2026-11-30T03:00:00Z');

before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core));
  const team = await makeTeam(t.core, owner.workspaceId, 'Bán hàng');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [team] });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
async function contact(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await api(owner).post('/api/v1/contacts', { name, ownerId: null, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}
async function order(contactId: string, total: number, status = 'paid'): Promise<string> {
  const r = await api(agent).post('/api/v1/orders', { contactId, status, lines: [{ name: 'Hàng', quantity: 1, unitPrice: total }] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  // Its events delivered, as a server's delivery loop does moments after the commit: the points are dated then.
  await deliverEvents(t.core);
  return r.body.id;
}
/** The customer's points once the events written so far are delivered (loyalty follows orders after the commit). */
const loyalty = async (id: string) => {
  await deliverEvents(t.core);
  return loyaltyNow(id);
};
/** The customer's points as they are now, before any delivery. */
/** The customer's points earned, as stored in the ledger (a read of the account would bring it in line first). */
const ledgerRows = async (id: string) =>
  Number(
    (
      await t.core.db
        .selectFrom('points_ledger')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('contact_id', '=', id)
        .where('kind', '=', 'earn')
        .executeTakeFirstOrThrow()
    ).n,
  );
const loyaltyNow = async (id: string) => {
  const r = await api(agent).get(`/api/v1/contacts/${id}/loyalty`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};

describe('loyalty points and tiers', () => {
  test('orders earn a point per 10,000 ₫ once paid; a return takes them back; tiers follow every order and show on the timeline', async () => {
    const c = await contact('Chị Thu');
    const placed = await order(c, 1_234_567, 'placed');
    assert.equal((await loyalty(c)).balance, 0, 'a placed order earns nothing yet');
    assert.equal((await api(agent).patch(`/api/v1/orders/${placed}`, { status: 'paid' })).status, 200);
    assert.equal((await loyaltyNow(c)).balance, 123, 'a read counts what the orders say, before the order’s event is delivered');
    let l = await loyalty(c);
    assert.equal(l.balance, 123, '1,234,567 ₫ earns 123 points, once: the late delivery adds none');
    assert.equal(l.ledger.filter((e: { kind: string }) => e.kind === 'earn').length, 1);
    assert.equal(l.tier.key, 'member');
    assert.deepEqual(l.next, { tier: { key: 'silver', name: { vi: 'Bạc', en: 'Silver' }, threshold: 500 }, missing: 377 });
    await order(c, 4_000_000);
    l = await loyalty(c);
    assert.equal(l.balance, 523);
    assert.equal(l.tier.key, 'silver', 'crossing 500 points moves the customer to Bạc');
    assert.equal(l.tier.name.vi, 'Bạc');
    const tl = await api(agent).get(`/api/v1/contacts/${c}/timeline?kinds=loyalty`);
    assert.ok(
      tl.body.data.some((e: { loyalty: { kind: string; meta: { to?: string } } }) => e.loyalty.kind === 'tier' && e.loyalty.meta.to === 'silver'),
      JSON.stringify(tl.body.data),
    );
    // Delivered, then returned: the points go back and the tier with them.
    const big = (await api(agent).get(`/api/v1/orders?filter[contactId][eq]=${c}&limit=10`)).body.data.find((o: { total: number }) => o.total === 4_000_000).id;
    assert.equal((await api(agent).patch(`/api/v1/orders/${big}`, { status: 'delivered' })).status, 200);
    assert.equal((await loyalty(c)).balance, 523, 'delivered after paid earns nothing more');
    assert.equal((await api(agent).patch(`/api/v1/orders/${big}`, { status: 'returned' })).status, 200);
    l = await loyalty(c);
    assert.equal(l.balance, 123);
    assert.equal(l.tier.key, 'member');
    assert.deepEqual(
      l.ledger.filter((e: { kind: string }) => e.kind !== 'tier').map((e: { kind: string; points: number }) => [e.kind, e.points]),
      [
        ['reverse', -400],
        ['earn', 400],
        ['earn', 123],
      ],
    );
  });

  test('redeeming never takes more than the balance; adjustments need a reason; both audited and scoped', async () => {
    const c = await contact('Anh Phúc');
    await order(c, 1_000_000);
    await api(manager).get(`/api/v1/contacts/${c}/loyalty`); // the token's first use is audited; not part of what follows
    const before = await snapshotCounts(t.core);
    const tooMuch = await api(manager).post(`/api/v1/contacts/${c}/loyalty/redeem`, { points: 101, reason: 'Đổi quà' });
    assert.equal(tooMuch.status, 422);
    assert.equal(tooMuch.body.errors[0].pointer, '/points');
    assert.equal((await api(manager).post(`/api/v1/contacts/${c}/loyalty/adjust`, { points: 10 })).status, 422);
    assert.equal(
      (await api(agent).post(`/api/v1/contacts/${c}/loyalty/redeem`, { points: 10, reason: 'Đổi quà' })).status,
      403,
      'agents do not hand out rewards',
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
    const ok = await api(manager).post(`/api/v1/contacts/${c}/loyalty/redeem`, { points: 60, reason: 'Đổi voucher 50.000 ₫' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.balance, 40);
    const adj = await api(owner).post(`/api/v1/contacts/${c}/loyalty/adjust`, { points: 25, reason: 'Xin lỗi vì giao chậm' });
    assert.equal(adj.body.balance, 65);
    const audit = await api(owner).get(`/api/v1/audit?entityType=loyalty&entityId=${c}`);
    assert.deepEqual(
      audit.body.data.map((a: { meta: { redeemed?: number; adjusted?: number } }) => a.meta.redeemed ?? a.meta.adjusted),
      [25, 60],
    );
  });

  test('a redemption right after a payment, before its event is delivered, counts the order’s points; the delivery then adds none twice', async () => {
    const c = await contact('Chị Vội');
    const r = await api(agent).post('/api/v1/orders', { contactId: c, status: 'paid', lines: [{ name: 'Hàng', quantity: 1, unitPrice: 1_000_000 }] });
    assert.equal(r.status, 201);
    assert.equal(await ledgerRows(c), 0, 'not delivered yet, and not read');
    const ok = await api(manager).post(`/api/v1/contacts/${c}/loyalty/redeem`, { points: 100, reason: 'Đổi quà ngay' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.balance, 0);
    const l = await loyalty(c);
    assert.equal(l.balance, 0, 'the late delivery finds the order’s points already earned');
    assert.deepEqual(
      l.ledger.filter((e: { kind: string }) => e.kind !== 'tier').map((e: { kind: string; points: number }) => [e.kind, e.points]),
      [
        ['redeem', -100],
        ['earn', 100],
      ],
    );
  });

  test('points expire first in, first out, after the expiry period; the job is idempotent', async () => {
    const saved = clock;
    try {
      clock = new Date('2025-06-01T03:00:00Z');
      const c = await contact('Cô Yến');
      await order(c, 2_000_000); // 200 points on 1 June 2025
      clock = new Date('2026-01-10T03:00:00Z');
      await order(c, 500_000); // 50 points on 10 January 2026
      await api(owner).post(`/api/v1/contacts/${c}/loyalty/redeem`, { points: 120, reason: 'Quà Tết' });
      clock = new Date('2026-06-05T03:00:00Z'); // past 12 months from June 2025
      await runDueJobs(t.core, 'test');
      let l = await loyalty(c);
      assert.equal(l.balance, 50, 'the 80 unspent of June’s 200 expired; January’s 50 remain');
      assert.deepEqual(
        l.ledger.filter((e: { kind: string }) => e.kind === 'expire').map((e: { points: number }) => e.points),
        [-80],
      );
      await runDueJobs(t.core, 'test');
      l = await loyalty(c);
      assert.equal(l.balance, 50, 'nothing expires twice');
    } finally {
      clock = saved;
    }
  });
});

describe('referrals', () => {
  test('a referral is rewarded once, when the referred customer’s first order is paid; the leaderboard ranks referrers', async () => {
    const referrer = await contact('Chị Giới Thiệu');
    const code = (await loyalty(referrer)).referralCode;
    assert.match(code, /^[2-9A-HJKMNP-Z]{8}$/);
    const friends = [await contact('Bạn 1'), await contact('Bạn 2'), await contact('Bạn 3')];
    for (const f of friends) assert.equal((await api(manager).post(`/api/v1/contacts/${f}/referral`, { code: code.toLowerCase() })).status, 200);
    assert.equal((await api(manager).post(`/api/v1/contacts/${referrer}/referral`, { code })).status, 422, 'not oneself');
    assert.equal((await api(manager).post(`/api/v1/contacts/${friends[0]}/referral`, { code })).status, 409, 'not twice');
    const unknown = await api(manager).post(`/api/v1/contacts/${await contact('Ai đó')}/referral`, { code: 'ZZZZZZZZ' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.errors[0].pointer, '/code');

    await order(friends[0]!, 300_000, 'placed');
    assert.equal((await loyalty(referrer)).balance, 0, 'a placed order is not yet paid');
    await order(friends[0]!, 300_000, 'paid');
    await order(friends[0]!, 300_000, 'paid');
    await order(friends[1]!, 100_000, 'paid');
    const r = await loyalty(referrer);
    assert.equal(r.balance, 400, '200 points for each referred customer who bought, once each');
    assert.deepEqual(
      r.referrals.map((x: { name: string; rewarded: boolean }) => [x.name, x.rewarded]),
      [
        ['Bạn 1', true],
        ['Bạn 2', true],
        ['Bạn 3', false],
      ],
    );
    assert.equal((await loyalty(friends[0]!)).balance, 60 + 100, 'the referred customer’s points and their welcome bonus');
    const late = await contact('Mua rồi mới giới thiệu');
    await order(late, 100_000);
    assert.equal((await api(manager).post(`/api/v1/contacts/${late}/referral`, { code })).status, 409, 'a referral comes before the first purchase');
    const board = await api(agent).get('/api/v1/loyalty/referrals/leaderboard');
    assert.equal(board.status, 200);
    assert.deepEqual(board.body.data[0], { contactId: referrer, name: 'Chị Giới Thiệu', referred: 3, rewarded: 2, points: 400 });
  });

  test('imported orders earn once their events are delivered; settings changes re-tier everyone', async () => {
    const c = await contact('Khách nhập', { phones: ['0903 555 111'] });
    const csv = 'Mã đơn,Số điện thoại,Ngày,Trạng thái,Sản phẩm,Số lượng,Đơn giá\nNK-1,0903555111,2026-11-01,paid,Áo,1,6000000\n';
    const imp = await runImport(t.core, owner.actor, { bytes: Buffer.from(csv) }, { kind: 'orders', dryRun: false, fileName: 'don.csv' });
    assert.equal(imp.failed, 0, JSON.stringify(imp));
    assert.equal(imp.created, 1);
    assert.equal(await ledgerRows(c), 0, 'not yet: the import wrote the orders and their events');
    await deliverEvents(t.core);
    assert.equal(await ledgerRows(c), 1, 'the listener earned the order’s points on delivery, with no read of the account');
    const l = await loyaltyNow(c);
    assert.equal(l.balance, 600);
    assert.equal(l.tier.key, 'silver');
    const settings = (await api(owner).get('/api/v1/loyalty/settings')).body;
    const bad = await api(owner).put('/api/v1/loyalty/settings', { ...settings, tiers: [{ ...settings.tiers[0], threshold: 10 }] });
    assert.equal(bad.status, 422);
    assert.equal((await api(manager).put('/api/v1/loyalty/settings', settings)).status, 403);
    const tiers = settings.tiers.map((x: { key: string; threshold: number }) =>
      x.key === 'silver' ? { ...x, threshold: 1_000 } : x.key === 'gold' ? { ...x, threshold: 3_000 } : x,
    );
    const ok = await api(owner).put('/api/v1/loyalty/settings', { ...settings, tiers });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((await loyalty(c)).tier.key, 'member', 'a higher threshold moves the customer back');
    const summary = await api(owner).get('/api/v1/loyalty/summary');
    assert.equal(summary.body.tiers.length, 4);
    assert.ok(summary.body.members >= 1);
  });
});
