import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DomainEvent } from '@kith/domain/events/event-types.ts';
import { createTestCore, type TestCore } from '../../../test/test-db.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { uuidv7 } from '../db/ids.ts';
import { jobHandlers, runDueJobs, scheduleRecurring } from '../jobs/runner.ts';
import { deliverDueEvents, type EventListener } from './delivery.ts';
import { emitEvent } from './emit.ts';
import { EVENTS_PRUNE_JOB, EVENTS_PRUNE_SCHEDULE, pruneEvents } from './prune.ts';

/**
 * Pruning the outbox (issue 17): a daily job deletes the events older than the retention (30 days by default) that
 * every listener has had, and keeps any event a listener still waits for, however old.
 */

const DAY = 24 * 3_600_000;
let clock = new Date('2026-12-01T00:00:00.000Z');
const now = () => clock;
let core: TestCore;
let owner: TestUser;

before(async () => {
  core = await createTestCore({ now });
  ({ owner } = await makeWorkspace(core));
});
after(async () => {
  await core?.cleanup();
});

const emit = (contactId: string, what: string) =>
  core.db
    .transaction()
    .execute((trx) => emitEvent(trx, { type: 'contact.updated', workspaceId: owner.workspaceId, at: clock, payload: { contactId, fields: [what] } }));
const seqsOf = async (contactId: string) =>
  (await core.db.selectFrom('events').select('seq').where('record_key', '=', `contact:${contactId}`).orderBy('seq').execute()).map((r) => Number(r.seq));

describe('pruning delivered events', () => {
  test('old events every listener has had are deleted; a waiting one and recent ones are kept; numbering goes on', async () => {
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const seen: string[] = [];
    let refuse = true;
    const listener: EventListener = {
      id: 'prune.test',
      on: ['contact.updated'],
      async handle(_core, e: DomainEvent) {
        if (e.type !== 'contact.updated') return;
        // b's second event fails until told otherwise: its cursor waits there.
        if (refuse && e.payload.contactId === b && e.seq === 2) throw new Error('not now');
        seen.push(`${e.recordKey}#${e.seq}`);
      },
    };
    for (const what of ['one', 'two', 'three']) await emit(a, what);
    await emit(b, 'one');
    await emit(b, 'two');
    await deliverDueEvents(core, [listener]);
    assert.deepEqual(seen.sort(), [`contact:${a}#1`, `contact:${a}#2`, `contact:${a}#3`, `contact:${b}#1`].sort());
    // c's event comes a second later: exactly 30 days old at the prune below, not older.
    clock = new Date(clock.getTime() + 1_000);
    await emit(c, 'one');

    clock = new Date(clock.getTime() + 29 * DAY);
    assert.equal((await pruneEvents(core)).deleted, 0, 'nothing is 30 days old yet');
    clock = new Date(clock.getTime() + DAY);
    await emit(a, 'four'); // recent
    await deliverDueEvents(core, [listener]).catch(() => {});
    assert.ok(seen.includes(`contact:${a}#4`));
    // b#2 is still refused (its retry is due after the backoff): b's cursor waits at 1.
    assert.equal(core.config.eventRetentionDays, 30);
    const pruned = await pruneEvents(core);
    assert.equal(pruned.deleted, 4, JSON.stringify(pruned));
    assert.deepEqual(await seqsOf(a), [4], 'a: its three old delivered events gone, the recent one kept');
    assert.deepEqual(await seqsOf(b), [2], 'b: the delivered one gone, the one its listener still waits for kept');
    assert.deepEqual(await seqsOf(c), [1], 'c: exactly the retention old, not older: kept');

    // b's listener gets its event after all; the record's numbering goes on where it was.
    refuse = false;
    clock = new Date(clock.getTime() + DAY);
    await deliverDueEvents(core, [listener]);
    assert.ok(seen.includes(`contact:${b}#2`));
    await emit(a, 'five');
    assert.deepEqual(await seqsOf(a), [4, 5]);
    await deliverDueEvents(core, [listener]);
    assert.ok(seen.includes(`contact:${a}#5`));
    clock = new Date(clock.getTime() + 31 * DAY);
    assert.equal((await pruneEvents(core)).deleted, 4);
    assert.deepEqual([...(await seqsOf(a)), ...(await seqsOf(b)), ...(await seqsOf(c))], []);
  });

  test('the prune is a daily recurring job of the events module, run by whichever process claims it', async () => {
    assert.ok(jobHandlers(core).has(EVENTS_PRUNE_JOB));
    const d = uuidv7();
    await emit(d, 'old');
    await deliverDueEvents(core, [{ id: 'prune.job', on: ['contact.updated'], handle: async () => {} }]);
    clock = new Date(clock.getTime() + 40 * DAY);
    await scheduleRecurring(core);
    clock = new Date(clock.getTime() + EVENTS_PRUNE_SCHEDULE.firstAfterMs);
    const counts = await runDueJobs(core, 'test', { kinds: [EVENTS_PRUNE_JOB] });
    assert.equal(counts.done, 1);
    assert.deepEqual(await seqsOf(d), []);
    const next = await core.db.selectFrom('jobs').select('run_at').where('kind', '=', EVENTS_PRUNE_JOB).where('done_at', 'is', null).execute();
    assert.equal(next.length, 1, 'the next day’s is scheduled');
  });

  test('the retention is KITH_EVENT_RETENTION_DAYS', async () => {
    const short = await createTestCore({ now, config: { eventRetentionDays: '2' } });
    try {
      assert.equal(short.config.eventRetentionDays, 2);
      const { owner: o } = await makeWorkspace(short);
      const e = uuidv7();
      await short.db
        .transaction()
        .execute((trx) => emitEvent(trx, { type: 'contact.updated', workspaceId: o.workspaceId, at: clock, payload: { contactId: e, fields: ['x'] } }));
      await deliverDueEvents(short, [{ id: 'prune.short', on: ['contact.updated'], handle: async () => {} }]);
      clock = new Date(clock.getTime() + DAY + 1);
      assert.equal((await pruneEvents(short)).deleted, 0);
      clock = new Date(clock.getTime() + DAY);
      assert.equal((await pruneEvents(short)).deleted, 1);
    } finally {
      await short.cleanup();
    }
  });
});
