import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, type TestUser, runJobsUntilIdle } from '../../../test/factories.ts';
import { releaseLease, takeLease } from './leases.ts';
import { SCORE_REFRESH_JOB, scoreLease } from './score.service.ts';
import { createCore } from '../../core.ts';
import { MODULES } from '../../modules.ts';
import { createLogger } from '../../logger.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** n customers; customer i buys every (i + 1) × 20 days through 2025, for 100,000 × (n − i) each time. */
async function shop(n: number) {
  const { owner } = await makeWorkspace(t.core);
  const api = client(t.app, owner.token);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await api.post('/api/v1/contacts', { name: `Khách ${i + 1}` });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    ids.push(c.body.id);
    for (let d = 0; d < 360; d += (i + 1) * 20) {
      const o = await api.post('/api/v1/orders', {
        contactId: c.body.id,
        orderedAt: new Date(Date.UTC(2025, 0, 3) + d * 86_400_000).toISOString(),
        lines: [{ name: 'Trà', quantity: 1, unitPrice: 100_000 * (n - i) }],
      });
      assert.equal(o.status, 201, JSON.stringify(o.body));
    }
  }
  const none = (await api.post('/api/v1/contacts', { name: 'Chưa mua gì' })).body.id as string;
  return { owner, api, ids, none };
}

/** Start a refresh and wait for it: the answer and then the run it stored. */
async function refresh(api: ReturnType<typeof client>, body: Record<string, unknown>) {
  const started = await api.post('/api/v1/analytics/scores/refresh', body);
  if (started.status !== 202) return { status: started.status, body: started.body };
  await runJobsUntilIdle(t.core);
  const after = await api.get('/api/v1/analytics/scores');
  assert.equal(after.body.running, null, 'finished');
  return { status: started.status, body: after.body.run };
}

describe('stored customer scores', () => {
  test('a refresh stores every buyer’s RFM and lifetime value; a customer page reads them; a second refresh replaces them', async () => {
    const { owner, api, ids, none } = await shop(12);
    const r = await refresh(api, { asOf: '2026-01-01' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(r.body.customers, 12);
    assert.equal(r.body.note, null);
    for (const v of Object.values(r.body.models.bgnbd)) assert.ok(Number.isFinite(v));
    const first = (await api.get(`/api/v1/contacts/${ids[0]}/scores`)).body;
    const last = (await api.get(`/api/v1/contacts/${ids[11]}/scores`)).body;
    assert.equal(first.scores.asOf, '2026-01-01');
    assert.equal(first.scores.frequency, 18, 'every 20 days over 360 days');
    assert.equal(first.scores.f, 5);
    assert.equal(last.scores.frequency, 2, 'days 0 and 240');
    assert.ok(first.scores.clv > last.scores.clv && first.scores.pAlive > 0 && first.scores.pAlive <= 1, JSON.stringify([first.scores, last.scores]));
    assert.equal(first.scores.horizonWeeks, 52);
    assert.deepEqual((await api.get(`/api/v1/contacts/${none}/scores`)).body.scores, null, 'no purchase, no scores');
    const again = await refresh(api, { asOf: '2026-01-01' });
    assert.equal(again.body.customers, 12);
    const stored = await t.core.db
      .selectFrom('customer_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', owner.workspaceId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 12, 'replaced, not added to');
    const run = (await api.get('/api/v1/analytics/scores')).body.run;
    assert.deepEqual([run.asOf, run.customers], ['2026-01-01', 12]);
  });

  test('too few customers for the models: RFM stored, the value figures empty, and why', async () => {
    const { api, ids } = await shop(4);
    const r = await refresh(api, { asOf: '2026-01-01' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(r.body.models, null);
    assert.match(r.body.note, /4 customers had bought by the calibration end/);
    const s = (await api.get(`/api/v1/contacts/${ids[0]}/scores`)).body;
    assert.equal(s.scores.segment.length > 0, true);
    assert.deepEqual([s.scores.pAlive, s.scores.clv], [null, null]);
    assert.match(s.note, /the models need at least 10/);
  });

  test('who may: an agent may not refresh and reads only the scores of customers in their scope; a viewer reads them all and the last run', async () => {
    const { owner, ids } = await shop(3);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
    assert.equal((await client(t.app, agent.token).post('/api/v1/analytics/scores/refresh', {})).status, 403);
    assert.equal((await refresh(client(t.app, owner.token), {})).status, 202);
    assert.equal((await client(t.app, agent.token).get(`/api/v1/contacts/${ids[0]}/scores`)).status, 404, 'the owner’s customer, not the agent’s');
    assert.equal((await client(t.app, viewer.token).get(`/api/v1/contacts/${ids[0]}/scores`)).status, 200);
    assert.equal((await client(t.app, viewer.token).get('/api/v1/analytics/scores')).status, 200);
    assert.equal((await client(t.app, owner.token).post('/api/v1/analytics/scores/refresh', { asOf: 'hôm nay' })).status, 422);
  });

  test('one refresh at a time per workspace: a second while one runs is a 409, and the running one shows its progress', async () => {
    const { owner } = await shop(3);
    const api = client(t.app, owner.token);
    // Another process holds this workspace's refresh.
    assert.equal(await takeLease(t.core, scoreLease(owner.workspaceId), 'another-process', t.core.now(), 60_000), true);
    const busy = await api.post('/api/v1/analytics/scores/refresh', {});
    assert.equal(busy.status, 409);
    assert.match(String(busy.headers['content-type']), /problem\+json/);
    assert.equal((await api.get('/api/v1/analytics/scores')).body.running.phase, 'reading');
    await releaseLease(t.core, scoreLease(owner.workspaceId), 'another-process', t.core.now());
    assert.equal((await api.get('/api/v1/analytics/scores')).body.running, null);
    assert.equal((await refresh(api, {})).status, 202);
  });

  test('a refresh asked for is a job (analytics.score-refresh): shown under way and refused again until a process runs it, once across two processes', async () => {
    const { owner } = await shop(4);
    const api = client(t.app, owner.token);
    const started = await api.post('/api/v1/analytics/scores/refresh', { asOf: '2026-01-01' });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const queued = await t.core.db.selectFrom('jobs').selectAll().where('kind', '=', SCORE_REFRESH_JOB).where('workspace_id', '=', owner.workspaceId).execute();
    assert.equal(queued.length, 1);
    assert.equal(queued[0]!.done_at, null);
    const status = (await api.get('/api/v1/analytics/scores')).body;
    assert.equal(status.run, null);
    assert.equal(status.running.phase, 'reading', 'under way (queued) for every process: the lease was taken when asked');
    assert.equal((await api.post('/api/v1/analytics/scores/refresh', {})).status, 409);
    const second = await createCore(t.core.config, { modules: MODULES, log: createLogger('silent'), migrate: false });
    try {
      const [a, b] = await Promise.all([
        runDueJobs(t.core, 'process-a', { kinds: [SCORE_REFRESH_JOB] }),
        runDueJobs(second, 'process-b', { kinds: [SCORE_REFRESH_JOB] }),
      ]);
      assert.equal(a.done + b.done, 1, JSON.stringify({ a, b }));
    } finally {
      await second.close();
    }
    const after = (await api.get('/api/v1/analytics/scores')).body;
    assert.equal(after.running, null, 'the lease given back by whichever process ran it');
    assert.deepEqual([after.run.asOf, after.run.customers], ['2026-01-01', 4]);
    assert.equal((await api.post('/api/v1/analytics/scores/refresh', {})).status, 202, 'free again');
    await runJobsUntilIdle(t.core, [SCORE_REFRESH_JOB]);
  });
});
