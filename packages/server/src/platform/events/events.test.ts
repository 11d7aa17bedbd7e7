import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { DomainEvent, EventType, NewEvent } from '@kith/domain/events/event-types.ts';
import type { OrderCreateInput } from '@kith/domain/orders/order.schema.ts';
import { createOrder, createOrdersIn, updateOrder } from '../../features/commerce/order-write.service.ts';
import { deleteOrder, restoreOrder } from '../../features/commerce/order-lifecycle.service.ts';
import { createTicket } from '../../features/tickets/ticket-create.service.ts';
import { addMessage } from '../../features/tickets/ticket-change.service.ts';
import { createSurvey } from '../../features/surveys/survey.service.ts';
import { createInvitation } from '../../features/surveys/survey-invitation.service.ts';
import { submitResponse } from '../../features/surveys/survey-response.service.ts';
import { InvitationCreateSchema, SurveyCreateSchema } from '@kith/domain/surveys/survey.schema.ts';
import { TicketCreateSchema } from '@kith/domain/tickets/ticket.schema.ts';
import { adjustPoints } from '../../features/loyalty/loyalty-account.service.ts';
import { MODULES } from '../../modules.ts';
import { deleteContact, purgeContact } from '../../features/contacts/contact-trash.service.ts';
import { updateContacts } from '../../features/contacts/contact-update.service.ts';
import { createContacts } from '../../features/contacts/contact.service.ts';
import { createDeal, updateDeal } from '../../features/deals/deal.service.ts';
import { listPipelines } from '../../features/deals/pipeline.service.ts';
import { mergeContacts } from '../../features/duplicates/duplicate-merge.service.ts';
import { createCore, type Core } from '../../core.ts';
import type { Db } from '../db/create-db.ts';
import { uuidv7 } from '../db/ids.ts';
import { enqueue } from '../jobs/queue.ts';
import { jsonValue, runDueJobs } from '../jobs/runner.ts';
import { createLogger } from '../../logger.ts';
import { findWorkspace } from '../../features/workspaces/workspace.repository.ts';
import { createTestCore, onPostgres, type TestCore } from '../../../test/test-db.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { deliverDueEvents, startEventDelivery, type EventListener } from './delivery.ts';
import { emitEvent } from './emit.ts';

/**
 * Domain events on a real database (SQLite, and PostgreSQL when KITH_TEST_DATABASE_URL is set), with a pinned
 * clock the tests move. A second process on the same database is a second Core, or a real child process
 * (test/event-delivery.child.ts) killed with SIGKILL.
 */

let clock = new Date('2026-12-01T00:00:00.000Z');
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let core: TestCore;
let second: Core;
let owner: TestUser;

before(async () => {
  core = await createTestCore({ now });
  second = await createCore(core.config, { log: createLogger(process.env.KITH_TEST_LOG_LEVEL ?? 'silent'), now, migrate: false, modules: MODULES });
  ({ owner } = await makeWorkspace(core));
});
after(async () => {
  await second?.close();
  await core?.cleanup();
});

type Call = { listener: string; eventId: string; type: EventType; recordKey: string; seq: number; core: Core };

/**
 * A listener that records each call, and its effect in the delivery's transaction (a `test.effect` job row, which
 * no handler runs): the calls say what was attempted, the rows what was committed.
 */
function recorder(id: string, on: EventType[], calls: Call[], fail?: (e: DomainEvent, attempt: number) => boolean): EventListener {
  const attempts = new Map<string, number>();
  return {
    id,
    on,
    async handle(c: Core, e: DomainEvent, trx: Db) {
      const n = (attempts.get(e.id) ?? 0) + 1;
      attempts.set(e.id, n);
      calls.push({ listener: id, eventId: e.id, type: e.type, recordKey: e.recordKey, seq: e.seq, core: c });
      await enqueue(trx, { kind: 'test.effect', workspaceId: e.workspaceId, payload: { listener: id, eventId: e.id } }, clock);
      if (fail?.(e, n)) throw new Error(`${id} refuses ${e.type} #${e.seq} (attempt ${n})`);
    },
  };
}

/** Committed effects: (listener, event id) → how many times. */
async function effects(listeners: string[]): Promise<Map<string, number>> {
  const rows = await core.db.selectFrom('jobs').select('payload').where('kind', '=', 'test.effect').execute();
  const out = new Map<string, number>();
  for (const r of rows) {
    const p = jsonValue(core.dialect, r.payload) as { listener: string; eventId: string };
    if (!listeners.includes(p.listener)) continue;
    const k = `${p.listener} ${p.eventId}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

const eventsOf = (recordKey: string) => core.db.selectFrom('events').selectAll().where('record_key', '=', recordKey).orderBy('seq').execute();

async function customer(): Promise<string> {
  const [c] = await createContacts(core, owner.actor, [{ name: `Khách ${uuidv7().slice(-6)}` }], { bulk: false });
  return c!.id;
}
const paidOrder = (contactId: string): OrderCreateInput => ({ contactId, status: 'paid', lines: [{ name: 'Áo dài', quantity: 2, unitPrice: 450_000 }] });

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('domain events', () => {
  test('an order paid in a transaction that rolls back emits nothing; one that commits is delivered once to each of two listeners', async () => {
    const contactId = await customer();
    const calls: Call[] = [];
    const listeners = [recorder('rb.loyalty', ['order.paid'], calls), recorder('rb.webhooks', ['order.paid', 'order.delivered'], calls)];
    await deliverDueEvents(core, listeners);
    calls.length = 0;
    const before = await core.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const ws = (await findWorkspace(core.db, owner.workspaceId))!;
    let orderId = '';
    await assert.rejects(
      core.db.transaction().execute(async (trx) => {
        const [o] = await createOrdersIn(core, trx, owner.actor, ws, [paidOrder(contactId)], { bulk: false });
        orderId = o!.id;
        // The order and its event were written in this transaction…
        assert.equal(
          (await trx.selectFrom('events').select('type').where('record_key', '=', `order:${orderId}`).orderBy('seq').execute()).map((e) => e.type).join(),
          'order.created,order.paid',
        );
        throw new Error('the payment provider said no');
      }),
      /payment provider/,
    );
    // …and went with it.
    assert.ok(orderId);
    assert.deepEqual(await eventsOf(`order:${orderId}`), []);
    assert.equal(await core.db.selectFrom('event_streams').select('last_seq').where('record_key', '=', `order:${orderId}`).executeTakeFirst(), undefined);
    assert.equal(
      Number(
        (
          await core.db
            .selectFrom('events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      Number(before.n),
    );
    const none = await deliverDueEvents(core, listeners);
    assert.equal(none.delivered, 0);
    assert.equal(calls.length, 0);

    const order = await createOrder(core, owner.actor, paidOrder(contactId));
    const made = await eventsOf(`order:${order.id}`);
    assert.deepEqual(
      made.map((x) => [x.type, Number(x.seq)]),
      [
        ['order.created', 1],
        ['order.paid', 2],
      ],
    );
    const e = made[1]!;
    assert.equal(e.occurred_at, clock.toISOString());
    assert.deepEqual(jsonValue(core.dialect, e.payload), { orderId: order.id, contactId, from: null, total: 900_000, currency: order.currency });
    const counts = await deliverDueEvents(core, listeners);
    assert.equal(counts.delivered, 2);
    assert.deepEqual(calls.map((c) => [c.listener, c.eventId]).sort(), [
      ['rb.loyalty', e.id],
      ['rb.webhooks', e.id],
    ]);
    assert.deepEqual(
      await effects(['rb.loyalty', 'rb.webhooks']),
      new Map([
        [`rb.loyalty ${e.id}`, 1],
        [`rb.webhooks ${e.id}`, 1],
      ]),
    );
    // Delivered is delivered: later rounds, and other processes, call nobody.
    advance(3_600_000);
    assert.equal((await deliverDueEvents(second, listeners)).delivered, 0);
    assert.equal((await deliverDueEvents(core, listeners)).delivered, 0);
    assert.equal(calls.length, 2);

    // Delivered moves to paid→delivered only for the listener that takes it.
    await updateOrder(core, owner.actor, order.id, { status: 'delivered' }, null);
    await deliverDueEvents(core, listeners);
    assert.deepEqual(
      calls.slice(2).map((c) => [c.listener, c.type, c.seq]),
      [['rb.webhooks', 'order.delivered', 4]],
    );
  });

  test('killed with SIGKILL after the commit, before delivering: another process delivers the event once to each listener', async () => {
    const contactId = await customer();
    const child = runChild({ mode: 'write', actor: owner.actor, order: paidOrder(contactId) });
    const line = await child.waitFor(/^committed (\S+)$/);
    child.kill();
    await child.exited;
    const orderId = line[1]!;
    const e = (await eventsOf(`order:${orderId}`)).find((x) => x.type === 'order.paid');
    assert.ok(e, 'the order’s event was committed with it');
    const calls: Call[] = [];
    const listeners = [recorder('k1.a', ['order.paid'], calls), recorder('k1.b', ['order.paid'], calls)];
    await deliverDueEvents(core, listeners);
    assert.deepEqual(calls.map((c) => `${c.listener} ${c.eventId}`).sort(), [`k1.a ${e.id}`, `k1.b ${e.id}`]);
    assert.deepEqual(
      await effects(['k1.a', 'k1.b']),
      new Map([
        [`k1.a ${e.id}`, 1],
        [`k1.b ${e.id}`, 1],
      ]),
    );
  });

  test('killed with SIGKILL in the middle of delivering (one listener done, the other inside its handler): each listener’s effect is committed exactly once', async () => {
    const contactId = await customer();
    const order = await createOrder(core, owner.actor, paidOrder(contactId));
    const e = (await eventsOf(`order:${order.id}`)).find((x) => x.type === 'order.paid');
    assert.ok(e);
    // The child delivers to k2.a first (it committed), then hangs inside k2.b's handler, its transaction open.
    const child = runChild({ mode: 'deliver', listeners: ['k2.a', 'k2.b'], hang: 'k2.b' });
    await child.waitFor(/^inside k2\.b /);
    child.kill();
    await child.exited;
    const calls: Call[] = [];
    const listeners = [recorder('k2.a', ['order.paid'], calls), recorder('k2.b', ['order.paid'], calls)];
    // k2.b's cursor is under the dead process's lease until it runs out (30 s on the shared clock).
    assert.equal((await deliverDueEvents(core, listeners)).delivered, 0);
    assert.deepEqual(
      await effects(['k2.a', 'k2.b']),
      new Map([[`k2.a ${e.id}`, 1]]),
      'k2.a’s effect was committed with its progress; k2.b’s went with the killed transaction',
    );
    advance(30_001);
    const counts = await deliverDueEvents(core, listeners);
    assert.equal(counts.delivered, 1);
    assert.deepEqual(
      calls.map((c) => `${c.listener} ${c.eventId}`),
      [`k2.b ${e.id}`],
      'k2.a, which had handled it, is not called again',
    );
    assert.deepEqual(
      await effects(['k2.a', 'k2.b']),
      new Map([
        [`k2.a ${e.id}`, 1],
        [`k2.b ${e.id}`, 1],
      ]),
    );
  });

  test('in order per record under retries: a failing listener holds back that record’s later events, not other records nor other listeners', async () => {
    const x = await customer();
    const y = await customer();
    const calls: Call[] = [];
    const flaky = recorder('ord.flaky', ['contact.created', 'contact.updated'], calls, (e, n) => e.recordKey === `contact:${x}` && e.seq === 2 && n <= 2);
    const steady = recorder('ord.steady', ['contact.updated'], calls);
    const listeners = [flaky, steady];
    for (const name of ['Một', 'Hai', 'Ba'])
      await updateContacts(core, owner.actor, [{ id: x, patch: { name: `Khách ${name}` }, ifVersion: null }], { bulk: false });
    await updateContacts(core, owner.actor, [{ id: y, patch: { name: 'Khách Y' }, ifVersion: null }], { bulk: false });
    assert.deepEqual(
      (await eventsOf(`contact:${x}`)).map((e) => [e.type, Number(e.seq)]),
      [
        ['contact.created', 1],
        ['contact.updated', 2],
        ['contact.updated', 3],
        ['contact.updated', 4],
      ],
    );
    // The listeners are new: they start at the records' first undispatched events (here, all of them).
    const first = await deliverDueEvents(core, listeners);
    assert.equal(first.retrying, 1);
    const seen = (listener: string, key: string) => calls.filter((c) => c.listener === listener && c.recordKey === `contact:${key}`).map((c) => c.seq);
    assert.deepEqual(seen('ord.flaky', x), [1, 2], 'x stops at its failing event');
    assert.deepEqual(seen('ord.flaky', y), [1, 2], 'y goes on');
    assert.deepEqual(seen('ord.steady', x), [2, 3, 4], 'the other listener goes on');
    const cursor = await core.db
      .selectFrom('event_cursors')
      .selectAll()
      .where('listener', '=', 'ord.flaky')
      .where('record_key', '=', `contact:${x}`)
      .executeTakeFirstOrThrow();
    assert.equal(Number(cursor.done_seq), 1);
    assert.equal(Number(cursor.attempts), 1);
    assert.match(cursor.last_error ?? '', /refuses contact.updated #2 \(attempt 1\)/);
    assert.equal(cursor.due_at, new Date(clock.getTime() + 60_000).toISOString(), 'retried after the job runner’s first backoff');
    assert.equal(cursor.locked_by, null);

    // A new event of x meanwhile waits too.
    await updateContacts(core, owner.actor, [{ id: x, patch: { name: 'Khách Bốn' }, ifVersion: null }], { bulk: false });
    assert.equal((await deliverDueEvents(core, listeners)).delivered, 1, 'only ord.steady takes x’s 5th event now');
    assert.deepEqual(seen('ord.flaky', x), [1, 2]);
    advance(59_999);
    assert.equal((await deliverDueEvents(second, listeners)).delivered, 0, 'not before the retry is due');
    advance(1);
    const second1 = await deliverDueEvents(second, listeners);
    assert.equal(second1.retrying, 1, 'the second attempt fails too');
    assert.equal(
      (await core.db.selectFrom('event_cursors').select('due_at').where('id', '=', cursor.id).executeTakeFirstOrThrow()).due_at,
      new Date(clock.getTime() + 5 * 60_000).toISOString(),
    );
    advance(5 * 60_000);
    await deliverDueEvents(core, listeners);
    assert.deepEqual(seen('ord.flaky', x), [1, 2, 2, 2, 3, 4, 5], 'then 2 and everything after it, in order');
    assert.deepEqual(seen('ord.steady', x), [2, 3, 4, 5]);
    // Committed once each: the failed attempts' effects were rolled back with them.
    const fx = await effects(['ord.flaky']);
    for (const e of await eventsOf(`contact:${x}`)) assert.equal(fx.get(`ord.flaky ${e.id}`), 1, `ord.flaky #${e.seq}`);
  });

  test('an event failing its last attempt (a failing statement: the savepoint takes it back) is recorded as given up, and the record’s later events go on', async () => {
    const x = await customer();
    await updateContacts(core, owner.actor, [{ id: x, patch: { name: 'Khách Sau' }, ifVersion: null }], { bulk: false });
    const calls: Call[] = [];
    const fine = recorder('gu.fine', ['contact.created', 'contact.updated'], calls);
    const broken: EventListener = {
      id: 'gu.broken',
      on: ['contact.created', 'contact.updated'],
      async handle(c, e, trx) {
        await recorder('gu.broken', ['contact.created'], calls).handle(c, e, trx);
        // On PostgreSQL a failed statement aborts the transaction: only the savepoint lets the group go on.
        if (e.type === 'contact.created' && e.recordKey === `contact:${x}`) await sql`select * from no_such_table`.execute(trx);
      },
    };
    const [created, updated] = await eventsOf(`contact:${x}`);
    const r1 = await deliverDueEvents(core, [broken, fine], { maxAttempts: 2 });
    assert.equal(r1.retrying, 1);
    assert.deepEqual(
      await effects(['gu.fine', 'gu.broken']),
      new Map([
        [`gu.fine ${created!.id}`, 1],
        [`gu.fine ${updated!.id}`, 1],
      ]),
      'the other listener’s deliveries in the same transaction were committed; the failed one’s effect was not',
    );
    advance(60_000);
    const r = await deliverDueEvents(core, [broken, fine], { maxAttempts: 2 });
    assert.equal(r.gaveUp, 1);
    assert.deepEqual(
      calls.filter((c) => c.listener === 'gu.broken' && c.recordKey === `contact:${x}`).map((c) => c.seq),
      [1, 1, 2],
    );
    const failure = await core.db.selectFrom('event_failures').selectAll().where('listener', '=', 'gu.broken').execute();
    assert.deepEqual(
      failure.map((f) => [f.event_id, Number(f.attempts)]),
      [[created!.id, 2]],
    );
    assert.match(failure[0]!.last_error, /no_such_table/);
    assert.deepEqual(await effects(['gu.broken']), new Map([[`gu.broken ${updated!.id}`, 1]]));
  });

  test('two processes delivering from one PostgreSQL database, events emitted meanwhile: each event once per listener, in order per record', {
    skip: onPostgres() ? false : 'PostgreSQL only',
  }, async () => {
    const keys = Array.from({ length: 12 }, () => uuidv7());
    const calls: Call[] = [];
    // Each process has its own listener objects with the same ids, as two server processes would.
    const make = () => [recorder('two.a', ['contact.updated'], calls), recorder('two.b', ['contact.updated', 'points.changed'], calls)];
    const opts = { pollMs: 5, batch: 2, concurrency: 2 };
    const a = startEventDelivery(core, make(), { ...opts, workerId: 'process-a' });
    const b = startEventDelivery(second, make(), { ...opts, workerId: 'process-b' });
    const emitted: string[] = [];
    try {
      // 240 events in 60 transactions, from both processes, while both deliver.
      for (let round = 0; round < 60; round++) {
        const writer = round % 2 ? core : second;
        const batch: NewEvent[] = [];
        for (let i = 0; i < 4; i++) {
          const k = keys[(round * 4 + i) % keys.length]!;
          batch.push({ type: 'contact.updated', workspaceId: owner.workspaceId, at: clock, payload: { contactId: k, fields: [`round ${round}`] } });
        }
        await writer.db.transaction().execute((trx) => emitEvent(trx, batch));
        if (round % 10 === 0) await sleep(5);
      }
      const ids = await core.db
        .selectFrom('events')
        .select('id')
        .where(
          'record_key',
          'in',
          keys.map((k) => `contact:${k}`),
        )
        .execute();
      emitted.push(...ids.map((r) => r.id));
      assert.equal(emitted.length, 240);
      await until('every event delivered to both listeners', async () => (await effects(['two.a', 'two.b'])).size === 480);
      await sleep(50);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const fx = await effects(['two.a', 'two.b']);
    for (const id of emitted) for (const l of ['two.a', 'two.b']) assert.equal(fx.get(`${l} ${id}`), 1, `${l} ${id}`);
    assert.equal(calls.length, 480, 'no listener was called twice for an event');
    for (const l of ['two.a', 'two.b'])
      for (const k of keys) {
        const seqs = calls.filter((c) => c.listener === l && c.recordKey === `contact:${k}`).map((c) => c.seq);
        assert.deepEqual(
          seqs,
          Array.from({ length: 20 }, (_, i) => i + 1),
          `${l} got contact:${k}'s events in order`,
        );
      }
    const byCore = new Set(calls.map((c) => c.core));
    assert.equal(byCore.size, 2, 'both processes delivered');
  });

  test('the services emit their events in the transaction of the change', async () => {
    const types = async (key: string) => (await eventsOf(key)).map((e) => [e.type, jsonValue(core.dialect, e.payload)]);
    const a = await customer();
    const b = await customer();
    await updateContacts(core, owner.actor, [{ id: a, patch: { name: 'Chị Lan', tags: ['vip'] }, ifVersion: null }], { bulk: false });
    const merge = await mergeContacts(core, owner.actor, { survivorId: a, mergedId: b });
    await deleteContact(core, owner.actor, a, null);
    assert.deepEqual(await types(`contact:${a}`), [
      ['contact.created', { contactId: a }],
      ['contact.updated', { contactId: a, fields: ['name', 'tags'] }],
      // A merge moves rows (orders, the points ledger) between the two: both are resynced after the commit.
      ['contact.orders_changed', { contactId: a }],
      ['contact.merged', { contactId: a, mergedId: b, mergeId: merge.id }],
      ['contact.deleted', { contactId: a, purged: false }],
    ]);
    await purgeContact(core, owner.actor, b);
    assert.deepEqual(
      (await types(`contact:${b}`)).map(([t]) => t),
      ['contact.created', 'contact.orders_changed', 'contact.deleted'],
    );

    // An order's own events, and once per transaction its customers' `contact.orders_changed` (both, when it moves).
    const buyer = await customer();
    const other = await customer();
    const order = await createOrder(core, owner.actor, paidOrder(buyer));
    await updateOrder(core, owner.actor, order.id, { contactId: other, status: 'delivered' }, null);
    await deleteOrder(core, owner.actor, order.id, null);
    await restoreOrder(core, owner.actor, order.id);
    const facts = { total: 900_000, currency: order.currency };
    assert.deepEqual(await types(`order:${order.id}`), [
      ['order.created', { orderId: order.id, contactId: buyer, status: 'paid', ...facts }],
      ['order.paid', { orderId: order.id, contactId: buyer, from: null, ...facts }],
      ['order.updated', { orderId: order.id, contactId: other, previousContactId: buyer, fields: ['contactId', 'status'] }],
      ['order.delivered', { orderId: order.id, contactId: other, from: 'paid', ...facts }],
      ['order.deleted', { orderId: order.id, contactId: other }],
      ['order.restored', { orderId: order.id, contactId: other }],
    ]);
    assert.deepEqual(
      (await types(`contact:${buyer}`)).map(([t]) => t),
      // (the first purchase moves the lifecycle stage: contact.updated)
      ['contact.created', 'contact.orders_changed', 'contact.updated', 'contact.orders_changed'],
    );
    assert.deepEqual(
      (await types(`contact:${other}`)).map(([t]) => t),
      ['contact.created', 'contact.orders_changed', 'contact.updated', 'contact.orders_changed', 'contact.orders_changed'],
    );

    const c = await customer();
    const [pipe] = await listPipelines(core, owner.actor);
    const won = pipe!.stages.find((s) => s.kind === 'won')!;
    const open = pipe!.stages.filter((s) => s.kind === 'open');
    const deal = await createDeal(core, owner.actor, { title: 'Đơn sỉ', contactId: c, amount: 5_000_000, stageId: open[0]!.id });
    await updateDeal(core, owner.actor, deal.id, { stageId: open[1]!.id }, null);
    await updateDeal(core, owner.actor, deal.id, { stageId: won.id }, null);
    assert.deepEqual(
      (await types(`deal:${deal.id}`)).map(([t, p]) => [t, (p as { stageId: string }).stageId]),
      [
        ['deal.stage_changed', open[1]!.id],
        ['deal.stage_changed', won.id],
        ['deal.won', won.id],
      ],
    );

    const ticket = await createTicket(
      core,
      owner.actor,
      TicketCreateSchema.parse({ contactId: c, subject: 'Giao thiếu hàng', priority: 'high', channel: 'phone' }),
    );
    await addMessage(core, owner.actor, ticket.id, { kind: 'reply', body: 'Em kiểm tra ngay ạ.', status: 'waiting_on_customer' });
    assert.deepEqual(await types(`ticket:${ticket.id}`), [
      ['ticket.opened', { ticketId: ticket.id, contactId: c, status: ticket.status }],
      ['ticket.status_changed', { ticketId: ticket.id, contactId: c, from: ticket.status, to: 'waiting_on_customer' }],
    ]);

    await adjustPoints(core, owner.actor, c, { points: 120, reason: 'Khách quen' });
    const points = (await types(`contact:${c}`)).filter(([t]) => t === 'points.changed');
    assert.deepEqual(
      points.map(([, p]) => [(p as { delta: number }).delta, (p as { balance: number }).balance]),
      [[120, 120]],
    );
  });

  test('a survey answered and an SLA breached emit theirs (the public answer page, the SLA job)', async () => {
    const c = await customer();
    const survey = await createSurvey(
      core,
      owner.actor,
      SurveyCreateSchema.parse({
        name: 'Sau mua',
        questions: [
          { type: 'nps', text: 'NPS' },
          { type: 'csat', text: 'CSAT' },
        ],
        followUp: { enabled: false },
      }),
    );
    const inv = await createInvitation(core, owner.actor, survey.id, InvitationCreateSchema.parse({ contactId: c }));
    const r = await submitResponse(
      core,
      inv.token,
      {
        answers: [
          { questionId: survey.questions[0]!.id, value: 9 },
          { questionId: survey.questions[1]!.id, value: 4 },
        ],
      },
      null,
    );
    assert.deepEqual(
      (await eventsOf(`survey_response:${r.id}`)).map((e) => [e.type, jsonValue(core.dialect, e.payload)]),
      [['survey.answered', { responseId: r.id, surveyId: survey.id, contactId: c, nps: 9, csat: 4 }]],
    );

    const ticket = await createTicket(
      core,
      owner.actor,
      TicketCreateSchema.parse({ contactId: c, subject: 'Chưa nhận hàng', priority: 'urgent', channel: 'phone' }),
    );
    advance(14 * 24 * 3_600_000);
    await runDueJobs(core, 'sla-test');
    const breached = (await eventsOf(`ticket:${ticket.id}`))
      .filter((e) => e.type === 'ticket.breached')
      .map((e) => (jsonValue(core.dialect, e.payload) as { target: string }).target);
    assert.deepEqual(breached.sort(), ['first_response', 'resolution']);
  });

  test('emitEvent refuses to write outside a transaction, and an invalid payload fails the change with it', async () => {
    await assert.rejects(
      emitEvent(core.db, { type: 'contact.created', workspaceId: owner.workspaceId, at: clock, payload: { contactId: uuidv7() } }),
      /needs the transaction/,
    );
    const id = uuidv7();
    await assert.rejects(
      core.db.transaction().execute(async (trx) => {
        await emitEvent(trx, {
          type: 'points.changed',
          workspaceId: owner.workspaceId,
          at: clock,
          payload: { contactId: id, delta: 1, balance: 1, tier: 'member' },
        });
        await emitEvent(trx, {
          type: 'points.changed',
          workspaceId: owner.workspaceId,
          at: clock,
          payload: { contactId: id, delta: 0.5, balance: 1, tier: 'member' },
        });
      }),
    );
    assert.deepEqual(await eventsOf(`contact:${id}`), []);
  });

  test('a listener is named once and takes known types', () => {
    const h = async () => {};
    assert.throws(
      () =>
        startEventDelivery(core, [
          { id: 'x', on: ['contact.created'], handle: h },
          { id: 'x', on: ['order.paid'], handle: h },
        ]),
      /two event listeners are named "x"/,
    );
    assert.throws(() => startEventDelivery(core, [{ id: 'y', on: ['contact.exploded' as EventType], handle: h }]), /unknown event type/);
  });
});

/** The child process of test/event-delivery.child.ts on this test's database and clock. */
function runChild(args: Record<string, unknown>) {
  const script = fileURLToPath(new URL('../../../test/event-delivery.child.ts', import.meta.url));
  const db = core.config.database;
  const env = {
    ...process.env,
    KITH_EVENT_CHILD: JSON.stringify({
      dataDir: core.config.dataDir,
      databaseUrl: db.kind === 'postgres' ? db.url : undefined,
      now: clock.toISOString(),
      ...args,
    }),
  };
  const proc = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((ok) => proc.once('exit', () => ok()));
  return {
    exited,
    kill: () => proc.kill('SIGKILL'),
    async waitFor(re: RegExp): Promise<RegExpMatchArray> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        for (const line of out.split('\n')) {
          const m = line.match(re);
          if (m) return m;
        }
        if (proc.exitCode !== null || Date.now() > deadline) assert.fail(`the child never said ${re}: ${out} ${err}`);
        await sleep(10);
      }
    },
  };
}
