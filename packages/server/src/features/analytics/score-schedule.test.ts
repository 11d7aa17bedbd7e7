import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace } from '../../../test/factories.ts';
import { createCore } from '../../core.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { runDueJobs, scheduleRecurring } from '../../platform/jobs/runner.ts';
import { createLogger } from '../../logger.ts';
import { MODULES } from '../../modules.ts';
import { runDueScoreRefreshes, SCORE_SCHEDULE, SCORE_SCHEDULE_JOB, STALE_AFTER_MS } from './score-schedule.ts';
import { releaseLease, takeLease } from './leases.ts';

let t: TestApp;
let clock = new Date('2026-06-01T00:00:00Z');
before(async () => {
  t = await createTestApp({ now: () => clock });
});
after(() => t.close());

describe('the scores’ schedule', () => {
  test('workspaces with orders and no scores, or scores over a day old, are refreshed; fresh ones and those without orders are not', async () => {
    const { owner } = await makeWorkspace(t.core);
    const { owner: empty } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const c = await api.post('/api/v1/contacts', { name: 'Khách quen' });
    assert.equal(
      (await api.post('/api/v1/orders', { contactId: c.body.id, orderedAt: '2026-05-01T03:00:00Z', lines: [{ name: 'Trà', quantity: 1, unitPrice: 50_000 }] }))
        .status,
      201,
    );
    const first = await runDueScoreRefreshes(t.core, 'process-a');
    assert.ok(first.refreshed.includes(owner.workspaceId), JSON.stringify(first));
    assert.ok(!first.refreshed.includes(empty.workspaceId), 'no orders, nothing to score');
    assert.equal((await api.get(`/api/v1/contacts/${c.body.id}/scores`)).body.scores.frequency, 1);
    clock = new Date(clock.getTime() + 3_600_000);
    assert.ok(!(await runDueScoreRefreshes(t.core, 'process-a')).refreshed.includes(owner.workspaceId), 'an hour later: still fresh');
    clock = new Date(clock.getTime() + STALE_AFTER_MS);
    assert.ok(
      (await runDueScoreRefreshes(t.core, 'process-b')).refreshed.includes(owner.workspaceId),
      'a day later: refreshed again, by whichever process looks',
    );
  });

  test('one process at a time: a held lease is refused until it runs out', async () => {
    const now = new Date('2026-07-01T00:00:00Z');
    assert.equal(await takeLease(t.core, 'test-job', 'a', now, 60_000), true);
    assert.equal(await takeLease(t.core, 'test-job', 'b', new Date(now.getTime() + 30_000), 60_000), false, 'held by a');
    assert.equal(await takeLease(t.core, 'test-job', 'b', new Date(now.getTime() + 61_000), 60_000), true, 'a’s lease ran out');
  });

  test('a workspace whose refresh someone started by hand is left to it', async () => {
    clock = new Date('2026-07-02T00:00:00Z');
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const c = await api.post('/api/v1/contacts', { name: 'Khách mới' });
    assert.equal(
      (
        await api.post('/api/v1/orders', {
          contactId: c.body.id,
          orderedAt: '2026-06-01T03:00:00Z',
          lines: [{ name: 'Cà phê', quantity: 1, unitPrice: 30_000 }],
        })
      ).status,
      201,
    );
    assert.equal(await takeLease(t.core, `score-refresh:${owner.workspaceId}`, 'by-hand', clock, 600_000), true);
    assert.ok(!(await runDueScoreRefreshes(t.core, 'process-a')).refreshed.includes(owner.workspaceId), 'held by the refresh started by hand');
    await releaseLease(t.core, `score-refresh:${owner.workspaceId}`, 'by-hand', clock);
    clock = new Date(clock.getTime() + 1);
    assert.ok((await runDueScoreRefreshes(t.core, 'process-a')).refreshed.includes(owner.workspaceId));
  });

  test('the pass is an hourly job of the runner: processes starting together schedule it once, one of them runs it, each run schedules the next hour and none catches up', async () => {
    clock = new Date('2026-08-01T10:20:00Z');
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const c = await api.post('/api/v1/contacts', { name: 'Khách hàng giờ' });
    assert.equal(
      (await api.post('/api/v1/orders', { contactId: c.body.id, orderedAt: '2026-07-01T03:00:00Z', lines: [{ name: 'Bánh', quantity: 2, unitPrice: 20_000 }] }))
        .status,
      201,
    );
    // A second server process on the same database.
    const second = await createCore(t.core.config, { modules: MODULES, log: createLogger('silent'), now: () => clock, migrate: false });
    try {
      const pending = () =>
        t.core.db
          .selectFrom('jobs')
          .select(['id', 'run_at', 'done_at', 'result'])
          .where('kind', '=', SCORE_SCHEDULE_JOB)
          .where('done_at', 'is', null)
          .where('cancelled_at', 'is', null)
          .execute();
      await Promise.all([scheduleRecurring(t.core), scheduleRecurring(second)]);
      let due = await pending();
      assert.equal(due.length, 1, 'one job for the hour, whoever scheduled it');
      assert.equal(due[0]!.run_at, new Date(clock.getTime() + SCORE_SCHEDULE.firstAfterMs).toISOString(), 'a few minutes after the start');
      const first = due[0]!.id;
      clock = new Date(clock.getTime() + SCORE_SCHEDULE.firstAfterMs);
      const [a, b] = await Promise.all([runDueJobs(t.core, 'process-a'), runDueJobs(second, 'process-b')]);
      const ran = await t.core.db.selectFrom('jobs').select(['done_at', 'result']).where('id', '=', first).executeTakeFirstOrThrow();
      assert.ok(ran.done_at, 'the hour’s pass ran');
      assert.ok(readJson<{ refreshed: string[] }>(ran.result, { refreshed: [] }).refreshed.includes(owner.workspaceId), 'and refreshed the workspace');
      assert.ok(
        a.done + b.done >= 1 &&
          (await t.core.db.selectFrom('jobs').select('id').where('kind', '=', SCORE_SCHEDULE_JOB).where('done_at', 'is not', null).execute()).length === 1,
        'once, by one process',
      );
      due = await pending();
      assert.deepEqual(
        due.map((j) => j.run_at),
        ['2026-08-01T11:00:00.000Z'],
        'the next at the next hour',
      );
      // Three hours without a process: the overdue pass runs once and the next is after now.
      clock = new Date('2026-08-01T14:10:00Z');
      await runDueJobs(second, 'process-b');
      due = await pending();
      assert.deepEqual(
        due.map((j) => j.run_at),
        ['2026-08-01T15:00:00.000Z'],
      );
    } finally {
      await second.close();
    }
  });
});
