import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace } from '../../../test/factories.ts';
import { refreshScores } from './score.service.ts';
import { scoreSummaries } from './score-summary.ts';
import { currentStats } from './score.repository.ts';
import type { OnGenerationCommit } from './generations.ts';

/**
 * Issue 18: a refresh stores its scores (and rebuilds the purchase aggregates) in many small write transactions —
 * on SQLite each holds the write lock every other writer waits for — and a reader between any two of them sees the
 * old scores or the new ones, never a mix.
 */

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const N = 12;

/** N customers who bought through 2025, customer i every (i + 1) × 20 days. */
async function shop() {
  const { owner } = await makeWorkspace(t.core);
  const api = client(t.app, owner.token);
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const c = await api.post('/api/v1/contacts', { name: `Khách ${i + 1}` });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    ids.push(c.body.id);
    for (let d = 0; d < 360; d += (i + 1) * 20) {
      const o = await api.post('/api/v1/orders', {
        contactId: c.body.id,
        orderedAt: new Date(Date.UTC(2025, 0, 3) + d * 86_400_000).toISOString(),
        lines: [{ name: 'Trà', quantity: 1, unitPrice: 100_000 * (N - i) }],
      });
      assert.equal(o.status, 201, JSON.stringify(o.body));
    }
  }
  return { owner, api, ids };
}

/** What readers see of every customer's scores: the customer page's, the contact list's, a segment filter's. */
async function seen(s: Awaited<ReturnType<typeof shop>>) {
  const page: Record<string, number | null> = {};
  for (const id of s.ids) page[id] = (await s.api.get(`/api/v1/contacts/${id}/scores`)).body.scores?.recency ?? null;
  const summaries = await scoreSummaries(t.core.db, s.owner.workspaceId, s.ids);
  const list: Record<string, number | null> = {};
  for (const id of s.ids) list[id] = summaries.get(id)?.r ?? null;
  // The contact list's filter on a stored score (a correlated read of customer_scores): how many customers it finds.
  const recencyFilter: number[] = [];
  for (const gte of [0, 151, 300]) {
    const listed = await s.api.get(`/api/v1/contacts?filter[recencyDays][gte]=${gte}&limit=100`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    recencyFilter.push((listed.body.data as { id: string }[]).filter((c) => s.ids.includes(c.id)).length);
  }
  return { page, list, recencyFilter };
}

describe('score refresh in bounded transactions', () => {
  test('a reader between any two of a refresh’s transactions sees all the old scores or all the new ones', async () => {
    const s = await shop();
    const actor = s.owner.actor;
    const stats = (
      await currentStats(t.core.db, s.owner.workspaceId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    assert.equal(Number(stats), 0, 'no aggregates before the first refresh');

    // The first refresh: before its switch nothing is scored, after it every customer; the aggregates likewise.
    const before = await seen(s);
    const statsSeen = new Set<number>();
    await refreshScores(t.core, actor, {
      asOf: '2026-01-01',
      writeRows: 5,
      onCommit: async () => {
        const n = await currentStats(t.core.db, s.owner.workspaceId)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        statsSeen.add(Number(n.n));
      },
    });
    const old = await seen(s);
    assert.deepEqual(
      [...statsSeen].sort((a, b) => a - b),
      [0, N],
      'the aggregates: none, then all of them',
    );
    assert.equal(old.recencyFilter[0], N);
    assert.ok(Object.values(old.page).every((x) => x !== null));

    // The second, as of a later day: every customer's recency moves by 151 days.
    const snapshots: Awaited<ReturnType<typeof seen>>[] = [];
    let both = false;
    const onCommit: OnGenerationCommit = async (e) => {
      snapshots.push(await seen(s));
      if (e.step === 'write') {
        const rows = await t.core.db
          .selectFrom('customer_scores')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspace_id', '=', s.owner.workspaceId)
          .executeTakeFirstOrThrow();
        if (Number(rows.n) > N) both = true;
      }
    };
    await refreshScores(t.core, actor, { asOf: '2026-06-01', writeRows: 5, onCommit });
    const fresh = await seen(s);
    for (const id of s.ids) assert.equal(fresh.page[id], old.page[id]! + 151, 'the second refresh scored every customer anew');
    assert.ok(both, 'the new generation was written beside the old one');
    assert.ok(snapshots.length > 3, `${snapshots.length} transactions`);
    let sawOld = 0;
    let sawNew = 0;
    for (const x of snapshots) {
      const isOld = JSON.stringify(x) === JSON.stringify(old);
      const isNew = JSON.stringify(x) === JSON.stringify(fresh);
      assert.ok(isOld || isNew, `a reader saw a mix: ${JSON.stringify(x)}`);
      if (isOld) sawOld++;
      else sawNew++;
    }
    assert.ok(sawOld > 0 && sawNew > 0, 'read both before and after the switch');
    assert.notDeepEqual(before.page, old.page);

    // Only the current generation is left.
    const left = await t.core.db
      .selectFrom('customer_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', s.owner.workspaceId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(left.n), N);
  });

  test('a refresh stores its rows in many write transactions, none over the row bound', async () => {
    const s = await shop();
    const commits: { step: string; rows: number }[] = [];
    const lock = t.core.dbHandle.writeLock;
    const before = lock?.transactions ?? 0;
    await refreshScores(t.core, s.owner.actor, { asOf: '2026-01-01', writeRows: 4, onCommit: (e) => void commits.push(e) });
    const writes = commits.filter((c) => c.step === 'write');
    // N score rows and N aggregate rows, four a transaction.
    assert.equal(writes.length, 2 * Math.ceil(N / 4), JSON.stringify(commits));
    for (const c of commits) assert.ok(c.rows <= 4, JSON.stringify(c));
    assert.equal(commits.filter((c) => c.step === 'switch').length, 2, 'one switch for the scores, one for the aggregates');
    if (lock) assert.ok(lock.transactions - before >= commits.length, `SQLite counted ${lock.transactions - before} write transactions`);

    // A second refresh drops the old generation in transactions as small.
    commits.length = 0;
    await refreshScores(t.core, s.owner.actor, { asOf: '2026-01-01', writeRows: 4, onCommit: (e) => void commits.push(e) });
    const drops = commits.filter((c) => c.step === 'drop');
    assert.equal(
      drops.reduce((n, c) => n + c.rows, 0),
      N,
      'the old scores deleted',
    );
    assert.ok(drops.length >= 3 && drops.every((c) => c.rows <= 4), JSON.stringify(drops));
  });
});
