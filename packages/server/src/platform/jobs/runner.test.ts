import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { setImmediate as yieldNow, setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, loadConfig } from '../../config.ts';
import { createCore, type Core } from '../../core.ts';
import { MODULES } from '../../modules.ts';
import { createLogger } from '../../logger.ts';
import { createTestCore, type TestCore } from '../../../test/test-db.ts';
import { cancelJobs, enqueue } from './queue.ts';
import {
  claimJobs,
  completeJob,
  DEFAULT_LEASE_MS,
  failJob,
  jobHandlers,
  jsonValue,
  registerJobHandler,
  retryDelayMs,
  runDueJobs,
  startJobRunner,
  type JobHandler,
} from './runner.ts';

/**
 * The job runner on a real database (SQLite, and PostgreSQL when KITH_TEST_DATABASE_URL is set), with a
 * pinned clock that the tests move. Two processes sharing the database are two Cores on it.
 */

let clock = new Date('2026-12-01T00:00:00.000Z');
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const iso = (ms = 0) => new Date(clock.getTime() + ms).toISOString();

let core: TestCore;
/** A second server process on the same database (same SQLite file, same PostgreSQL database). */
let second: Core;

before(async () => {
  core = await createTestCore({ now });
  second = await createCore(core.config, { modules: MODULES, log: createLogger(process.env.KITH_TEST_LOG_LEVEL ?? 'silent'), now, migrate: false });
});
after(async () => {
  await second?.close();
  await core?.cleanup();
});

const unregister: (() => void)[] = [];
function handle<P>(kind: string, h: JobHandler<P>): void {
  // Both "processes" run the kind, as two servers with the same modules would.
  unregister.push(registerJobHandler(core, kind, h), registerJobHandler(second, kind, h));
}
afterEach(async () => {
  for (const u of unregister.splice(0)) u();
  // Nothing one test left pending may run in the next.
  await core.db
    .updateTable('jobs')
    .set({ cancelled_at: clock.toISOString() })
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
});

/** A JSON column as stored (text on SQLite, parsed on PostgreSQL). */
const stored = (v: unknown) => jsonValue(core.dialect, v);
const row = (id: string) => core.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const none = { done: 0, failed: 0, retried: 0, lost: 0 };

async function enqueueMany(kind: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  await core.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) ids.push((await enqueue(trx, { kind, payload: { n: i } }, clock))!);
  });
  return ids;
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const doneCount = async (kind: string) =>
  Number(
    (
      await core.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', kind)
        .where('done_at', 'is not', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the job runner', () => {
  test('two processes draining one queue: each of 300 jobs runs exactly once (runDueJobs on two cores)', async () => {
    const ran: string[] = [];
    const perCore = new Map<Core, number>();
    handle<{ n: number }>('test.count', async (c, job) => {
      await yieldNow();
      ran.push(job.id);
      perCore.set(c, (perCore.get(c) ?? 0) + 1);
      return { n: job.payload.n };
    });
    const ids = await enqueueMany('test.count', 300);
    assert.equal(new Set(ids).size, 300);
    const [a, b] = await Promise.all([
      runDueJobs(core, 'process-a', { batch: 10, concurrency: 3 }),
      runDueJobs(second, 'process-b', { batch: 10, concurrency: 3 }),
    ]);
    assert.equal(a.done + b.done, 300, JSON.stringify({ a, b }));
    assert.ok(a.done > 0 && b.done > 0, `both processes took work: ${JSON.stringify({ a, b })}`);
    assert.equal(perCore.get(core), a.done);
    assert.equal(perCore.get(second), b.done);
    assert.equal(ran.length, 300, 'no job ran twice');
    assert.deepEqual([...ran].sort(), [...ids].sort(), 'every job ran, none twice');
    const rows = await core.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.count').execute();
    assert.equal(rows.length, 300);
    for (const r of rows) {
      assert.equal(r.attempts, 1, `claimed once: ${r.id}`);
      assert.equal(r.done_at, clock.toISOString());
      assert.equal(r.locked_by, null);
      assert.equal(r.locked_until, null);
      assert.deepEqual(stored(r.result), stored(r.payload));
    }
  });

  test('two running runners (startJobRunner on two cores) drain 300 jobs, each exactly once', async () => {
    const ran: string[] = [];
    const perCore = new Map<Core, number>();
    handle('test.count2', async (c, job) => {
      await sleep(0);
      ran.push(job.id);
      perCore.set(c, (perCore.get(c) ?? 0) + 1);
      return null;
    });
    const ids = await enqueueMany('test.count2', 300);
    const a = startJobRunner(core, { workerId: 'runner-a', pollMs: 20, batch: 10, concurrency: 3 });
    const b = startJobRunner(second, { workerId: 'runner-b', pollMs: 20, batch: 10, concurrency: 3 });
    try {
      await until('300 jobs done', async () => (await doneCount('test.count2')) === 300);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    assert.equal(ran.length, 300, 'no job ran twice');
    assert.deepEqual([...ran].sort(), [...ids].sort());
    assert.ok((perCore.get(core) ?? 0) > 0 && (perCore.get(second) ?? 0) > 0, `both runners took work: ${perCore.get(core)} / ${perCore.get(second)}`);
    const attempts = await core.db.selectFrom('jobs').select('attempts').where('kind', '=', 'test.count2').execute();
    assert.deepEqual(new Set(attempts.map((r) => r.attempts)), new Set([1]));
  });

  test('a runner woken while its hands are full keeps claiming when they free up', async () => {
    let open!: () => void;
    const gate = new Promise<void>((ok) => (open = ok));
    let entered = 0;
    handle('test.full', async () => {
      entered++;
      await gate;
    });
    await enqueueMany('test.full', 6);
    const runner = startJobRunner(core, { workerId: 'full', pollMs: 3_600_000, batch: 2, concurrency: 2 });
    try {
      await until('two jobs running', async () => entered === 2);
      runner.wake(); // nothing to claim room for: this claim ends at once, and must not stop the next ones
      open();
      await until('all six done', async () => (await doneCount('test.full')) === 6, 10_000);
    } finally {
      await runner.stop();
    }
  });

  test('a key makes scheduling idempotent: the second job with it is not added, before or after the first ran', async () => {
    const seen: unknown[] = [];
    handle<{ v: number }>('test.keyed', async (_c, job) => {
      seen.push(job.payload.v);
    });
    const first = await enqueue(core.db, { kind: 'test.keyed', key: 'ticket-1:sla', payload: { v: 1 } }, clock);
    assert.ok(first);
    assert.equal(await enqueue(core.db, { kind: 'test.keyed', key: 'ticket-1:sla', payload: { v: 2 } }, clock), null);
    const rows = await core.db.selectFrom('jobs').selectAll().where('key', '=', 'ticket-1:sla').execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(stored(rows[0]!.payload), { v: 1 });
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, done: 1 });
    assert.equal(await enqueue(core.db, { kind: 'test.keyed', key: 'ticket-1:sla', payload: { v: 3 } }, clock), null);
    assert.deepEqual(await runDueJobs(core, 'a'), none);
    assert.deepEqual(seen, [1]);
    assert.equal((await row(first)).result, null, 'a handler returning nothing stores no result');
  });

  test('a failure is retried after the backoff, then done', async () => {
    let calls = 0;
    handle('test.flaky', async () => {
      calls++;
      if (calls === 1) throw new Error('smtp timeout');
      return { sent: true };
    });
    const id = (await enqueue(core.db, { kind: 'test.flaky', maxAttempts: 3 }, clock))!;
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, retried: 1 });
    let r = await row(id);
    assert.equal(r.attempts, 1);
    assert.equal(r.last_error, 'Error: smtp timeout');
    assert.equal(r.run_at, iso(60_000));
    assert.equal(r.locked_by, null);
    assert.equal(r.locked_until, null);
    assert.equal(r.done_at, null);
    assert.equal(r.failed_at, null);
    assert.deepEqual(await runDueJobs(core, 'a'), none, 'not due again yet');
    advance(59_999);
    assert.deepEqual(await runDueJobs(second, 'b'), none);
    advance(1);
    assert.deepEqual(await runDueJobs(second, 'b'), { ...none, done: 1 });
    assert.equal(calls, 2);
    r = await row(id);
    assert.equal(r.attempts, 2);
    assert.equal(r.done_at, clock.toISOString());
    assert.deepEqual(stored(r.result), { sent: true });
  });

  test('a job failing past max_attempts is failed with the last error, after 1 and 5 minutes of backoff', async () => {
    handle('test.broken', async (_c, job) => {
      throw new Error(`broken on attempt ${job.attempts}`);
    });
    const id = (await enqueue(core.db, { kind: 'test.broken', maxAttempts: 3 }, clock))!;
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, retried: 1 });
    assert.equal((await row(id)).run_at, iso(60_000));
    advance(60_000);
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, retried: 1 });
    let r = await row(id);
    assert.equal(r.run_at, iso(5 * 60_000));
    assert.equal(r.last_error, 'Error: broken on attempt 2');
    advance(5 * 60_000);
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, failed: 1 });
    r = await row(id);
    assert.equal(r.failed_at, clock.toISOString());
    assert.equal(r.last_error, 'Error: broken on attempt 3');
    assert.equal(r.attempts, 3);
    assert.equal(r.done_at, null);
    assert.equal(r.locked_by, null);
    advance(86_400_000);
    assert.deepEqual(await runDueJobs(core, 'a'), none, 'a failed job is not taken again');
    assert.equal((await row(id)).attempts, 3);
  });

  test('the backoff: 1 min, 5 min, 30 min, 2 h, then 12 h', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 50].map(retryDelayMs), [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000, 43_200_000, 43_200_000]);
  });

  test('whatever a handler throws or returns, the runner records it and goes on', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad: Record<string, JobHandler> = {
      'test.throws-null': async () => {
        throw null;
      },
      'test.throws-string': async () => {
        throw 'plain text';
      },
      'test.throws-unprintable': async () => {
        throw cyclic;
      },
      'test.throws-sync': (() => {
        throw new TypeError('not even async');
      }) as unknown as JobHandler,
      'test.returns-cyclic': async () => cyclic,
      'test.throws-nul': async () => {
        throw new Error('nul\u0000byte');
      },
    };
    const ids: Record<string, string> = {};
    for (const [kind, h] of Object.entries(bad)) {
      handle(kind, h);
      ids[kind] = (await enqueue(core.db, { kind, maxAttempts: 1 }, clock))!;
    }
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, failed: 5, done: 1 });
    assert.equal((await row(ids['test.throws-nul']!)).last_error, 'Error: nul\\0byte');
    assert.equal((await row(ids['test.throws-null']!)).last_error, 'null');
    assert.equal((await row(ids['test.throws-string']!)).last_error, 'plain text');
    assert.equal((await row(ids['test.throws-unprintable']!)).last_error, '[object Object]');
    assert.equal((await row(ids['test.throws-sync']!)).last_error, 'TypeError: not even async');
    const cyc = await row(ids['test.returns-cyclic']!);
    assert.equal(cyc.done_at, clock.toISOString(), 'the work was done: not run again');
    assert.equal(cyc.result, null);
    assert.match(cyc.last_error ?? '', /^result not stored: TypeError: Converting circular structure/);
  });

  test('a result the database refuses costs no other job its outcome, and the job is not run again', async () => {
    let calls = 0;
    handle<{ n: number }>('test.nul', async (_c, job) => {
      calls++;
      await yieldNow();
      // PostgreSQL's jsonb refuses \u0000; SQLite stores the text as given.
      return job.payload.n === 5 ? { s: 'a\u0000b' } : { n: job.payload.n };
    });
    const ids = await enqueueMany('test.nul', 12);
    assert.deepEqual(await runDueJobs(core, 'a', { concurrency: 6 }), { ...none, done: 12 });
    assert.equal(calls, 12);
    for (const [n, id] of ids.entries()) {
      const r = await row(id);
      assert.equal(r.done_at, clock.toISOString(), `job ${n}`);
      if (n !== 5) assert.deepEqual(stored(r.result), { n });
      else if (core.dialect === 'postgres') {
        assert.equal(r.result, null);
        assert.match(r.last_error ?? '', /^result not stored: /);
      } else assert.deepEqual(stored(r.result), { s: 'a\u0000b' });
    }
    assert.deepEqual(await runDueJobs(core, 'a'), none);
  });

  test('a holder whose lease ran out loses the job: it is claimed again, and the late finish changes nothing', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    let entered!: () => void;
    const started = new Promise<void>((ok) => (entered = ok));
    handle('test.slow', async () => {
      calls++;
      if (calls === 1) {
        entered();
        await gate;
        return { by: 'the first holder, too late' };
      }
      return { by: 'the second holder' };
    });
    const id = (await enqueue(core.db, { kind: 'test.slow' }, clock))!;
    const leaseMs = 60_000;
    const firstRun = runDueJobs(core, 'holder-a', { leaseMs });
    await started;
    assert.equal((await row(id)).locked_by, 'holder-a');
    assert.equal((await row(id)).locked_until, iso(leaseMs));
    advance(leaseMs - 1);
    assert.deepEqual(await runDueJobs(second, 'holder-b', { leaseMs }), none, 'the lease is live: nobody else takes it');
    advance(2);
    assert.deepEqual(await runDueJobs(second, 'holder-b', { leaseMs }), { ...none, done: 1 });
    const doneAt = clock.toISOString();
    advance(1000);
    release();
    assert.deepEqual(await firstRun, { ...none, lost: 1 });
    const r = await row(id);
    assert.equal(calls, 2);
    assert.equal(r.attempts, 2);
    assert.equal(r.done_at, doneAt);
    assert.deepEqual(stored(r.result), { by: 'the second holder' });
    assert.equal(r.locked_by, null);
  });

  test('late finishes that arrive together (one grouped write) change nothing either', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    let entered = 0;
    handle('test.slow-group', async () => {
      if (++calls <= 4) {
        entered++;
        await gate;
        return 'late';
      }
      return 'on time';
    });
    const ids = await enqueueMany('test.slow-group', 4);
    const firstRun = runDueJobs(core, 'holder-a', { leaseMs: 60_000, concurrency: 4 });
    await until('four handlers running', async () => entered === 4);
    advance(60_001);
    assert.deepEqual(await runDueJobs(second, 'holder-b', { leaseMs: 60_000 }), { ...none, done: 4 });
    const rows = await Promise.all(ids.map(row));
    release();
    assert.deepEqual(await firstRun, { ...none, lost: 4 });
    assert.deepEqual(await Promise.all(ids.map(row)), rows);
    for (const r of rows) {
      assert.equal(stored(r.result), 'on time');
      assert.equal(r.attempts, 2);
    }
  });

  test('a crashed holder’s job is claimed again when the lease runs out; its late completion or failure writes nothing', async () => {
    handle('test.crash', async () => ({ ok: 'b' }));
    const id = (await enqueue(core.db, { kind: 'test.crash' }, clock))!;
    const [claimed] = await claimJobs(core, 'crashed', { limit: 10, leaseMs: 30_000 });
    assert.equal(claimed?.id, id);
    assert.equal(claimed.attempts, 1);
    assert.equal(claimed.lockedUntil, iso(30_000));
    assert.deepEqual(await claimJobs(second, 'other', { limit: 10, leaseMs: 30_000 }), [], 'held');
    advance(30_001);
    assert.deepEqual(await runDueJobs(second, 'other', { leaseMs: 30_000 }), { ...none, done: 1 });
    const before = await row(id);
    assert.equal(await completeJob(core, 'crashed', claimed, { ok: 'a' }), false);
    assert.equal(await failJob(core, 'crashed', claimed, new Error('late')), 'lost');
    assert.deepEqual(await row(id), before);
    assert.deepEqual(stored(before.result), { ok: 'b' });
    assert.equal(before.last_error, null);
  });

  test('a process killed after claiming (it stops renewing): its jobs are due again after the default lease, 30 s, not 5 minutes', async () => {
    let calls = 0;
    handle('test.killed', async () => {
      calls++;
    });
    const ids = await enqueueMany('test.killed', 3);
    // What a runner does before it dies: a claim with the default lease, and then nothing (kill -9: no heartbeat).
    const claimed = await claimJobs(core, 'killed', { limit: 10 });
    assert.equal(claimed.length, 3);
    assert.ok(DEFAULT_LEASE_MS <= 30_000, `the default lease is short: ${DEFAULT_LEASE_MS} ms`);
    for (const j of claimed) assert.equal(j.lockedUntil, iso(DEFAULT_LEASE_MS));
    advance(DEFAULT_LEASE_MS - 1);
    assert.deepEqual(await runDueJobs(second, 'survivor'), none, 'held while the lease is live');
    advance(2);
    assert.deepEqual(await runDueJobs(second, 'survivor'), { ...none, done: 3 }, 'due again one lease after the kill');
    assert.equal(calls, 3);
    for (const id of ids) {
      const r = await row(id);
      assert.equal(r.attempts, 2, 'the dead claim counted an attempt; the survivor’s is the second');
      assert.notEqual(r.done_at, null);
    }
  });

  test('a live runner renews its leases while a handler runs long: no other process takes the job, and it runs once', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    handle('test.long', async () => {
      calls++;
      await gate;
      return 'finished';
    });
    const id = (await enqueue(core.db, { kind: 'test.long' }, clock))!;
    const leaseMs = 30_000;
    // The heartbeat runs on a short real interval here; the clock it reads is the test's.
    const runner = startJobRunner(core, { workerId: 'live', pollMs: 3_600_000, leaseMs, heartbeatMs: 5 });
    try {
      await until('the handler to start', async () => calls === 1);
      assert.equal((await row(id)).locked_until, iso(leaseMs));
      // Four leases' worth of time, a little less than a lease at a time: each step is renewed before it runs out.
      for (let k = 0; k < 4; k++) {
        advance(leaseMs - 1_000);
        await until('the lease renewed', async () => (await row(id)).locked_until === iso(leaseMs));
        assert.deepEqual(await runDueJobs(second, 'other', { leaseMs }), none, 'the lease is live: nobody else takes it');
      }
      assert.equal(await runner.renew(), 1, 'renew() renews the one job it holds');
      release();
      await until('the job done', async () => (await row(id)).done_at !== null);
    } finally {
      release();
      await runner.stop();
    }
    const r = await row(id);
    assert.equal(calls, 1, 'ran once');
    assert.equal(r.attempts, 1);
    assert.equal(stored(r.result), 'finished');
    assert.equal(r.locked_by, null);
    assert.equal(await runner.renew(), 0, 'nothing held after the outcome is written');
  });

  test('a handler running past maxRunMs is presumed stuck: its lease is no longer renewed, and another process takes the job', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    handle('test.stuck', async () => {
      if (++calls === 1) await gate;
      return calls;
    });
    const id = (await enqueue(core.db, { kind: 'test.stuck' }, clock))!;
    const runner = startJobRunner(core, { workerId: 'stuck', pollMs: 3_600_000, leaseMs: 30_000, heartbeatMs: 3_600_000, maxRunMs: 60_000 });
    try {
      await until('the handler to start', async () => calls === 1);
      advance(29_000);
      assert.equal(await runner.renew(), 1);
      advance(29_000);
      assert.equal(await runner.renew(), 1);
      advance(29_000);
      assert.equal(await runner.renew(), 0, 'held 87 s > maxRunMs: not renewed');
      advance(1_001);
      assert.deepEqual(await runDueJobs(second, 'other'), { ...none, done: 1 });
    } finally {
      release();
      await runner.stop();
    }
    const r = await row(id);
    assert.equal(r.attempts, 2);
    assert.equal(stored(r.result), 2, 'the second attempt’s result; the stuck one’s late finish changed nothing');
  });

  test('a runner holds only what it can start soon (one per handler slot while its handlers are slow), so a killed process strands few jobs', async () => {
    let entered = 0;
    let open!: () => void;
    const gate = new Promise<void>((ok) => (open = ok));
    handle('test.few', async () => {
      entered++;
      await gate;
    });
    await enqueueMany('test.few', 40);
    const runner = startJobRunner(core, { workerId: 'few', pollMs: 3_600_000, concurrency: 2 });
    try {
      await until('two handlers running', async () => entered === 2);
      const held = await core.db.selectFrom('jobs').select('id').where('locked_by', '=', 'few').execute();
      assert.equal(held.length, 2, `held ${held.length} of 40: one per handler slot while the handlers are slow`);
      // Another process finds the rest free.
      assert.equal((await claimJobs(second, 'other', { limit: 100 })).length, 38);
    } finally {
      open();
      await runner.stop();
    }
  });

  test('a job whose last attempt’s lease ran out is failed, not run again', async () => {
    let calls = 0;
    handle('test.last', async () => {
      calls++;
    });
    const id = (await enqueue(core.db, { kind: 'test.last', maxAttempts: 1 }, clock))!;
    assert.equal((await claimJobs(core, 'crashed', { limit: 1, leaseMs: 1000 })).length, 1);
    advance(1001);
    assert.deepEqual(await runDueJobs(second, 'b'), { ...none, failed: 1 });
    assert.equal(calls, 0);
    const r = await row(id);
    assert.equal(r.failed_at, clock.toISOString());
    assert.match(r.last_error ?? '', /lease of its last attempt ran out/);
  });

  test('cancelled jobs never run', async () => {
    let calls = 0;
    handle('test.cancel', async () => {
      calls++;
    });
    const a = (await enqueue(core.db, { kind: 'test.cancel', key: 'cancel-a' }, clock))!;
    const b = (await enqueue(core.db, { kind: 'test.cancel', key: 'cancel-b', runAt: new Date(clock.getTime() + 3_600_000) }, clock))!;
    const c = (await enqueue(core.db, { kind: 'test.cancel', key: 'cancel-c' }, clock))!;
    assert.equal(await cancelJobs(core.db, ['cancel-a', 'cancel-b'], clock), 2);
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, done: 1 });
    advance(7_200_000);
    assert.deepEqual(await runDueJobs(core, 'a'), none);
    assert.equal(calls, 1);
    for (const id of [a, b]) {
      const r = await row(id);
      assert.notEqual(r.cancelled_at, null);
      assert.equal(r.attempts, 0);
      assert.equal(r.done_at, null);
      assert.equal(r.locked_by, null);
    }
    assert.notEqual((await row(c)).done_at, null);
  });

  test('a job not yet due does not run until the clock reaches run_at; due jobs run in due order', async () => {
    const order: number[] = [];
    handle<{ n: number }>('test.later', async (_c, job) => {
      order.push(job.payload.n);
    });
    const start = clock.getTime();
    for (const [n, minutes] of [
      [1, 30],
      [2, 10],
      [3, 20],
    ] as const)
      await enqueue(core.db, { kind: 'test.later', payload: { n }, runAt: new Date(start + minutes * 60_000) }, clock);
    assert.deepEqual(await runDueJobs(core, 'a'), none);
    advance(10 * 60_000 - 1);
    assert.deepEqual(await runDueJobs(core, 'a'), none);
    advance(1);
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, done: 1 });
    assert.deepEqual(order, [2]);
    advance(30 * 60_000);
    assert.deepEqual(await runDueJobs(core, 'a', { concurrency: 1 }), { ...none, done: 2 });
    assert.deepEqual(order, [2, 3, 1]);
  });

  test('payloads and results of any JSON shape reach the handler and are stored as given', async () => {
    const got: unknown[] = [];
    handle('test.shapes', async (_c, job) => {
      got.push(job.payload);
      return job.payload;
    });
    const shapes: unknown[] = ['plain text', 42, [1, 'two', { three: 3 }], { nested: { ok: true, vi: 'Chăm sóc khách hàng' } }, null];
    const ids: string[] = [];
    for (const payload of shapes) ids.push((await enqueue(core.db, { kind: 'test.shapes', payload, runAt: new Date(clock.getTime() + ids.length) }, clock))!);
    advance(10);
    assert.deepEqual(await runDueJobs(core, 'a', { concurrency: 1 }), { ...none, done: 5 });
    // enqueue stores a missing or null payload as {}
    assert.deepEqual(got, ['plain text', 42, [1, 'two', { three: 3 }], { nested: { ok: true, vi: 'Chăm sóc khách hàng' } }, {}]);
    assert.deepEqual(await Promise.all(ids.map(async (id) => stored((await row(id)).result))), [
      'plain text',
      42,
      [1, 'two', { three: 3 }],
      { nested: { ok: true, vi: 'Chăm sóc khách hàng' } },
      {},
    ]);
  });

  test('a Core runs the job kinds of the modules it was built with, and no others; two modules claiming one kind are refused', async () => {
    // Every feature module is imported by this file (through the test core), yet a Core built without them has none of their handlers.
    const bare = await createCore(core.config, { modules: [], log: createLogger('silent'), now, migrate: false });
    const ran: string[] = [];
    const own = await createCore(core.config, {
      modules: [{ name: 'probe', jobs: { 'test.module-kind': async (_c, job) => ran.push(job.id) } }],
      log: createLogger('silent'),
      now,
      migrate: false,
    });
    try {
      assert.deepEqual([...jobHandlers(bare).keys()], []);
      assert.ok(
        jobHandlers(core).has('mail.send') && jobHandlers(core).has('ticket.sla') && jobHandlers(core).has('analytics.score-schedule'),
        'the test core has the modules’ kinds',
      );
      const id = (await enqueue(core.db, { kind: 'test.module-kind' }, clock))!;
      assert.deepEqual(await runDueJobs(bare, 'bare'), none, 'no module, no kind');
      assert.deepEqual(await runDueJobs(core, 'full'), none, 'the feature modules do not have it either');
      assert.deepEqual(await runDueJobs(own, 'own'), { ...none, done: 1 });
      assert.deepEqual(ran, [id]);
    } finally {
      await bare.close();
      await own.close();
    }
    await assert.rejects(
      createCore(core.config, {
        modules: [
          { name: 'a', jobs: { 'test.twice': async () => null } },
          { name: 'b', jobs: { 'test.twice': async () => null } },
        ],
        log: createLogger('silent'),
        migrate: false,
      }),
      /two handlers \(modules a and b\)/,
    );
  });

  test('kinds without a handler are not claimed', async () => {
    handle('test.other', async () => 'other');
    const id = (await enqueue(core.db, { kind: 'test.orphan' }, clock))!;
    const other = (await enqueue(core.db, { kind: 'test.other', runAt: new Date(clock.getTime() + 1) }, clock))!;
    assert.equal(jobHandlers(core).has('test.orphan'), false);
    assert.deepEqual(
      (await claimJobs(core, 'a', { limit: 10, now: new Date(clock.getTime() + 1) })).map((j) => j.id),
      [other],
      'the kind with a handler, not the orphan due before it',
    );
    assert.deepEqual(await claimJobs(core, 'a', { limit: 10 }), []);
    assert.deepEqual(await runDueJobs(core, 'a'), none);
    let r = await row(id);
    assert.equal(r.attempts, 0);
    assert.equal(r.locked_by, null);
    handle('test.orphan', async () => 'adopted');
    assert.equal(jobHandlers(core).has('test.orphan'), true);
    assert.deepEqual(await runDueJobs(core, 'a'), { ...none, done: 1 });
    r = await row(id);
    assert.equal(stored(r.result), 'adopted');
    assert.throws(() => registerJobHandler(core, 'test.orphan', async () => null), /already registered/);
  });

  test('stop() signals the running handler, gives back what it claimed without counting attempts, and waits', async () => {
    let entered!: () => void;
    const started = new Promise<void>((ok) => (entered = ok));
    let finished = false;
    handle('test.stop', async (_c, _job, signal) => {
      entered();
      await new Promise<void>((_ok, fail) => signal.addEventListener('abort', () => setTimeout(() => fail(new Error('stopped')), 20)));
      finished = true;
    });
    const ids = await enqueueMany('test.stop', 5);
    const runner = startJobRunner(core, { workerId: 'stopping', pollMs: 60_000, batch: 5, concurrency: 1 });
    await started;
    assert.equal((await core.db.selectFrom('jobs').select('id').where('locked_by', '=', 'stopping').execute()).length, 5, 'all five claimed');
    await runner.stop();
    assert.equal(finished, false);
    for (const id of ids) {
      const r = await row(id);
      assert.equal(r.locked_by, null);
      assert.equal(r.attempts, 0);
      assert.equal(r.last_error, null);
      assert.equal(r.done_at, null);
    }
  });

  test('wake() looks for due jobs at once instead of at the next poll', async () => {
    let calls = 0;
    handle('test.wake', async () => {
      calls++;
    });
    const runner = startJobRunner(core, { workerId: 'waker', pollMs: 3_600_000 });
    try {
      await sleep(50);
      await enqueue(core.db, { kind: 'test.wake' }, clock);
      runner.wake();
      await until('the woken job to run', async () => (await doneCount('test.wake')) === 1);
      assert.equal(calls, 1);
    } finally {
      await runner.stop();
    }
  });

  test('KITH_JOB_RUNNER=off turns the runner off; a bad value names the variable', () => {
    const dataDir = core.config.dataDir;
    assert.equal(loadConfig({ KITH_DATA_DIR: dataDir, KITH_SECRET: 'x'.repeat(40) }).jobRunner, true);
    assert.equal(loadConfig({ KITH_DATA_DIR: dataDir, KITH_SECRET: 'x'.repeat(40), KITH_JOB_RUNNER: 'off' }).jobRunner, false);
    assert.throws(
      () => loadConfig({ KITH_DATA_DIR: dataDir, KITH_SECRET: 'x'.repeat(40), KITH_JOB_RUNNER: 'no' }),
      (e: unknown) => e instanceof ConfigError && /^KITH_JOB_RUNNER must be on or off/.test(e.message),
    );
  });
});
