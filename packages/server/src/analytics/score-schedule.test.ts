import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../test/build-test-app.ts';
import { makeWorkspace } from '../../test/factories.ts';
import { runDueScoreRefreshes, STALE_AFTER_MS } from './score-schedule.ts';
import { takeLease } from './leases.ts';

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
    assert.equal((await api.post('/api/v1/orders', { contactId: c.body.id, orderedAt: '2026-05-01T03:00:00Z', lines: [{ name: 'Trà', quantity: 1, unitPrice: 50_000 }] })).status, 201);
    const first = await runDueScoreRefreshes(t.core, 'process-a');
    assert.ok(first.refreshed.includes(owner.workspaceId), JSON.stringify(first));
    assert.ok(!first.refreshed.includes(empty.workspaceId), 'no orders, nothing to score');
    assert.equal((await api.get(`/api/v1/contacts/${c.body.id}/scores`)).body.scores.frequency, 1);
    clock = new Date(clock.getTime() + 3_600_000);
    assert.ok(!(await runDueScoreRefreshes(t.core, 'process-a')).refreshed.includes(owner.workspaceId), 'an hour later: still fresh');
    clock = new Date(clock.getTime() + STALE_AFTER_MS);
    assert.ok((await runDueScoreRefreshes(t.core, 'process-b')).refreshed.includes(owner.workspaceId), 'a day later: refreshed again, by whichever process looks');
  });

  test('one process at a time: a held lease is refused until it runs out', async () => {
    const now = new Date('2026-07-01T00:00:00Z');
    assert.equal(await takeLease(t.core, 'test-job', 'a', now, 60_000), true);
    assert.equal(await takeLease(t.core, 'test-job', 'b', new Date(now.getTime() + 30_000), 60_000), false, 'held by a');
    assert.equal(await takeLease(t.core, 'test-job', 'b', new Date(now.getTime() + 61_000), 60_000), true, 'a’s lease ran out');
    clock = new Date('2026-07-01T00:00:00Z');
    assert.equal(await takeLease(t.core, 'score-refresh', 'someone-else', clock, 600_000), true);
    assert.deepEqual(await runDueScoreRefreshes(t.core, 'process-a'), { refreshed: [], leased: false });
  });
});
