import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { createCore, type Core } from '../../core.ts';
import { MODULES } from '../../modules.ts';
import { createLogger } from '../../logger.ts';
import { claimJobs, DEFAULT_LEASE_MS, releaseJob, runDueJobs, type ClaimedJob } from '../../platform/jobs/runner.ts';
import { runImport, StopForTest } from './engine.ts';
import { IMPORT_RUN_JOB, queuedRunner, runImportJob, type ImportRunPayload } from './import.service.ts';

/**
 * Issue 17: an import run started on the web is a job (`import.run`) in `jobs`, not a promise of the process that
 * was asked. Two processes on one database (two Cores; on SQLite the same file) and a clock the tests move.
 */

let clock = new Date('2026-12-01T00:00:00.000Z');
const now = () => clock;
let t: TestApp;
let second: Core;
before(async () => {
  t = await createTestApp({ now });
  second = await createCore(t.core.config, { modules: MODULES, log: createLogger('silent'), now, migrate: false });
});
after(async () => {
  await second?.close();
  await t?.close();
});

const people = (n: number, prefix: string) => Buffer.from(`Họ và tên,Ghi chú\n${Array.from({ length: n }, (_, i) => `${prefix} ${i},dòng ${i}`).join('\n')}\n`);
const upload = (u: TestUser, payload: Buffer) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/imports?kind=contacts&fileName=f.csv',
    headers: { authorization: `Bearer ${u.token}`, 'content-type': 'text/csv' },
    payload,
  });
const importRow = (id: string) => t.core.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const jobsOf = async (importId: string) =>
  (await t.core.db.selectFrom('jobs').selectAll().where('kind', '=', IMPORT_RUN_JOB).execute()).filter((j) => JSON.stringify(j.payload).includes(importId));
const contacts = async (ws: string, prefix: string) =>
  (await t.core.db.selectFrom('contacts').select('name').where('workspace_id', '=', ws).where('deleted_at', 'is', null).execute()).filter((c) =>
    c.name?.startsWith(prefix),
  ).length;

describe('an import run is a job', () => {
  test('queued until a process claims it (shown running, not stalled); two processes draining the queue run it once', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const up = await upload(owner, people(300, 'Hàng đợi'));
    assert.equal(up.statusCode, 201, up.body);
    const id = up.json().import.id;
    const started = await api.post(`/api/v1/imports/${id}/run`, {});
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.deepEqual([started.body.status, started.body.stalled], ['running', false]);
    const [job, ...more] = await jobsOf(id);
    assert.ok(job);
    assert.equal(more.length, 0);
    assert.equal((await importRow(id)).runner, queuedRunner(job.id), 'the queued job is its runner');
    // Long after (no process runs jobs meanwhile): still queued, not stalled; a second run is refused.
    clock = new Date(clock.getTime() + 10 * 60_000);
    assert.equal((await api.get(`/api/v1/imports/${id}`)).body.stalled, false);
    assert.equal((await api.post(`/api/v1/imports/${id}/run`, {})).status, 409);
    const [a, b] = await Promise.all([
      runDueJobs(t.core, 'process-a', { kinds: [IMPORT_RUN_JOB] }),
      runDueJobs(second, 'process-b', { kinds: [IMPORT_RUN_JOB] }),
    ]);
    assert.equal(a.done + b.done, 1, JSON.stringify({ a, b }));
    const done = await api.get(`/api/v1/imports/${id}`);
    assert.deepEqual([done.body.status, done.body.created, done.body.stalled], ['done', 300, false]);
    assert.equal(await contacts(owner.workspaceId, 'Hàng đợi'), 300);
    assert.equal((await api.post(`/api/v1/imports/${id}/run`, {})).status, 409, 'done is done');
  });

  test('a process killed in the middle: its job is claimed again once the lease runs out, and the import resumes after its last batch', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const csv = people(500, 'Sống lại');
    const id = (await upload(owner, csv)).json().import.id;
    assert.equal((await api.post(`/api/v1/imports/${id}/run`, {})).status, 202);
    // The dying process: it claims the job, runs two batches, and is gone (no outcome written, no lease renewed).
    const [claimed] = (await claimJobs(t.core, 'dying', { limit: 10, kinds: [IMPORT_RUN_JOB] })) as ClaimedJob<ImportRunPayload>[];
    assert.ok(claimed);
    await assert.rejects(
      runImport(
        t.core,
        owner.actor,
        { bytes: csv },
        { kind: 'contacts', dryRun: false, fileName: 'f.csv', importId: id, forceResume: true, batchRows: 100, stopAfterBatches: 2 },
      ),
      StopForTest,
    );
    assert.equal(Number((await importRow(id)).rows_done), 201);
    assert.deepEqual(
      await runDueJobs(second, 'survivor', { kinds: [IMPORT_RUN_JOB] }),
      { done: 0, failed: 0, retried: 0, lost: 0 },
      'held while the lease is live',
    );
    clock = new Date(clock.getTime() + DEFAULT_LEASE_MS + 1);
    const r = await runDueJobs(second, 'survivor', { kinds: [IMPORT_RUN_JOB] });
    assert.equal(r.done, 1, JSON.stringify(r));
    const done = (await api.get(`/api/v1/imports/${id}`)).body;
    assert.deepEqual([done.status, done.created, done.rowsDone], ['done', 500, 500]);
    assert.equal(await contacts(owner.workspaceId, 'Sống lại'), 500, 'every row once: resumed, not started over');
    const job = (await jobsOf(id))[0]!;
    assert.equal(job.attempts, 2, 'the dead claim and the survivor’s');
  });

  test('stopped by a shutdown: the job goes back to the queue with the import (not stalled), and the next process finishes it', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const id = (await upload(owner, people(200, 'Tắt máy'))).json().import.id;
    assert.equal((await api.post(`/api/v1/imports/${id}/run`, {})).status, 202);
    const [claimed] = (await claimJobs(t.core, 'stopping', { limit: 10, kinds: [IMPORT_RUN_JOB] })) as ClaimedJob<ImportRunPayload>[];
    assert.ok(claimed);
    const stop = new AbortController();
    stop.abort(); // the shutdown came: the run stops at its first batch boundary
    await assert.rejects(runImportJob(t.core, claimed, stop.signal), StopForTest);
    assert.equal(await releaseJob(t.core, 'stopping', claimed), true, 'what the runner does with a job its stop interrupted');
    const rec = await importRow(id);
    assert.equal(rec.status, 'running');
    assert.equal(rec.runner, queuedRunner(claimed.id), 'queued again');
    assert.equal((await api.get(`/api/v1/imports/${id}`)).body.stalled, false);
    assert.equal((await runDueJobs(second, 'next', { kinds: [IMPORT_RUN_JOB] })).done, 1);
    const done = (await api.get(`/api/v1/imports/${id}`)).body;
    assert.deepEqual([done.status, done.created], ['done', 200]);
    assert.equal(await contacts(owner.workspaceId, 'Tắt máy'), 200);
  });

  test('a job whose import can no longer run (its file is gone) ends done, not retried; the import shows as stopped', async () => {
    const { owner } = await makeWorkspace(t.core);
    const api = client(t.app, owner.token);
    const id = (await upload(owner, people(5, 'Hỏng'))).json().import.id;
    assert.equal((await api.post(`/api/v1/imports/${id}/run`, {})).status, 202);
    // The file is gone before a process takes the job (kept no longer): nothing to run.
    await t.core.db.deleteFrom('import_files').where('import_id', '=', id).execute();
    const r = await runDueJobs(t.core, 'a', { kinds: [IMPORT_RUN_JOB] });
    assert.deepEqual(r, { done: 1, failed: 0, retried: 0, lost: 0 });
    const v = (await api.get(`/api/v1/imports/${id}`)).body;
    assert.deepEqual([v.status, v.stalled], ['running', true], 'its job ended: shown as stopped, to be uploaded again');
  });
});
