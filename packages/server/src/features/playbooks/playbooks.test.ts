import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { deliverEvents, makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { startMailCatcher } from '../../../test/mail-catcher.ts';
import { onPostgres } from '../../../test/test-db.ts';
import { createCore, type Core } from '../../core.ts';
import { MODULES } from '../../modules.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { createLogger } from '../../logger.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';
import { runPlaybookStep } from './playbook-jobs.ts';
import { PLAYBOOK_STEP_JOB, type StepPayload } from './playbook.service.ts';

/**
 * Care playbooks on a real database (SQLite, and PostgreSQL with KITH_TEST_DATABASE_URL), with a pinned
 * clock the tests move day by day and the job runner driven by hand (runDueJobs), emails delivered to a real
 * SMTP server on loopback.
 */

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let outsider: TestUser;
let viewer: TestUser;
let team: string;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let clock = new Date('2026-12-01T02:00:00.000Z');
const at = (d: Date) => (clock = d);
const DAY = 86_400_000;
const plus = (base: Date, days: number, ms = 0) => new Date(base.getTime() + days * DAY + ms);

before(async () => {
  catcher = await startMailCatcher();
  t = await createTestApp({ now: () => clock, config: { smtpUrl: catcher.url } });
  ({ owner } = await makeWorkspace(t.core, { name: 'Tiệm Trà Sen' }));
  team = await makeTeam(t.core, owner.workspaceId, 'Bán hàng');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [team] });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team], name: 'Chị Hạnh' });
  outsider = await makeMember(t.core, owner.workspaceId, 'agent');
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
});
after(async () => {
  await t.close();
  await catcher.close();
});

const api = (u: TestUser) => client(t.app, u.token);
const run = () => runDueJobs(t.core, 'test');

async function contact(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await api(owner).post('/api/v1/contacts', { name, ownerId: null, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

type Playbook = {
  id: string;
  key: string | null;
  name: string;
  audience: unknown;
  steps: { id: string; delayDays: number; action: string; title: string; surveyId: string | null }[];
  version: number;
  autoEnroll: boolean;
};
type Run = {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  stoppedBy: string | null;
  enrolledBy: string | null;
  playbookId: string;
  steps: { index: number; status: string; dueAt: string; doneAt: string | null; outcome: Record<string, any> | null; title: string }[];
};

async function builtin(key: string, u: TestUser = owner): Promise<Playbook> {
  const r = await api(u).get('/api/v1/playbooks');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const p = r.body.data.find((x: Playbook) => x.key === key);
  assert.ok(p, `the built-in ${key} exists`);
  return p;
}

async function runsOf(contactId: string, u: TestUser = owner): Promise<Run[]> {
  const r = await api(u).get(`/api/v1/contacts/${contactId}/playbook-runs`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data;
}

const tasksOf = (contactId: string) => t.core.db.selectFrom('tasks').selectAll().where('contact_id', '=', contactId).orderBy('created_at').execute();

describe('care playbooks', () => {
  test('built-in playbooks for new, potential and loyal customers, made once, in the workspace’s language', async () => {
    const list = await api(agent).get('/api/v1/playbooks');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.data.map((p: Playbook) => p.key).sort(), ['loyal_customer', 'new_customer', 'potential_customer']);
    const byKey = Object.fromEntries(list.body.data.map((p: Playbook) => [p.key, p])) as Record<string, Playbook>;
    const plan = (p: Playbook) => p.steps.map((s) => `${s.delayDays}:${s.action}`);
    assert.equal(byKey.new_customer!.name, 'Chăm sóc khách hàng mới');
    assert.deepEqual(byKey.new_customer!.audience, { kind: 'lifecycle', stages: ['new_customer'] });
    assert.deepEqual(plan(byKey.new_customer!), ['0:email', '3:task', '30:survey', '90:email']);
    assert.equal(byKey.potential_customer!.name, 'Chăm sóc khách hàng tiềm năng');
    assert.deepEqual(byKey.potential_customer!.audience, { kind: 'lifecycle', stages: ['lead', 'prospect'] });
    assert.deepEqual(plan(byKey.potential_customer!), ['0:email', '2:task', '7:email']);
    assert.equal(byKey.loyal_customer!.name, 'Tri ân khách hàng thân thiết');
    assert.deepEqual(plan(byKey.loyal_customer!), ['0:email', '14:email', '60:task']);
    assert.match(byKey.new_customer!.steps[0]!.title, /Cảm ơn anh\/chị/);
    assert.equal(byKey.new_customer!.autoEnroll, false, 'nobody is written to until the workspace says so');
    // The day-30 survey is a built-in CSAT survey of the workspace.
    const survey = await api(owner).get(`/api/v1/surveys/${byKey.new_customer!.steps[2]!.surveyId}`);
    assert.equal(survey.status, 200, JSON.stringify(survey.body));
    assert.equal(survey.body.questions[0].type, 'csat');
    assert.equal(survey.body.status, 'active');
    // Made once: a second look (from two requests at once) adds nothing.
    await Promise.all([api(owner).get('/api/v1/playbooks'), api(manager).get('/api/v1/playbooks')]);
    const again = await api(owner).get('/api/v1/playbooks');
    assert.deepEqual(again.body.data.map((p: Playbook) => p.id).sort(), list.body.data.map((p: Playbook) => p.id).sort());
    const surveys = await t.core.db.selectFrom('surveys').select('id').where('workspace_id', '=', owner.workspaceId).execute();
    assert.equal(surveys.length, 1);

    // An English workspace gets them in English; the workspace edits them like its own.
    const { owner: en } = await makeWorkspace(t.core, { name: 'Lotus Tea' });
    assert.equal((await api(en).patch('/api/v1/workspace', { locale: 'en' })).status, 200);
    // Two first looks at once: each built-in is made once.
    const [first, second] = await Promise.all([api(en).get('/api/v1/playbooks'), api(en).get('/api/v1/playbooks')]);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(second.status, 200, JSON.stringify(second.body));
    const enList = (await api(en).get('/api/v1/playbooks')).body.data as Playbook[];
    assert.equal(enList.length, 3);
    assert.equal((await t.core.db.selectFrom('surveys').select('id').where('workspace_id', '=', en.workspaceId).execute()).length, 1);
    assert.deepEqual(enList.map((p) => p.name).sort(), ['Loyal customer appreciation', 'New customer care', 'Potential customer nurturing']);
    const nc = enList.find((p) => p.key === 'new_customer')!;
    const steps = nc.steps.map(({ id, delayDays, action, title, surveyId }) => ({
      id,
      delayDays,
      action,
      title,
      ...(surveyId ? { surveyId } : {}),
      ...(action === 'email' ? { body: 'Hello {{contact.name}}' } : {}),
    }));
    steps[0]!.title = 'Welcome, {{contact.firstName}}!';
    const edited = await api(en).patch(`/api/v1/playbooks/${nc.id}`, { steps, autoEnroll: false }, { 'if-match': `"${nc.version}"` });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.steps[0].title, 'Welcome, {{contact.firstName}}!');
    assert.deepEqual(
      edited.body.steps.map((s: { id: string }) => s.id),
      nc.steps.map((s) => s.id),
      'steps keep their ids',
    );
    assert.equal(edited.body.key, 'new_customer');
    assert.equal((await api(en).patch(`/api/v1/playbooks/${nc.id}`, { name: 'Stale' }, { 'if-match': `"${nc.version}"` })).status, 412);
  });

  test('a customer goes through the new-customer playbook: email on day 0, a call for the owner on day 3, a survey on day 30, a reminder on day 90', async () => {
    const t0 = at(new Date('2026-12-01T02:00:00.000Z'));
    const nc = await builtin('new_customer');
    const name = 'Nguyễn <i>Thị</i> Lan';
    const c = await contact(name, {
      ownerId: agent.userId,
      teamId: team,
      emails: ['lan@example.vn'],
      lifecycleStage: 'new_customer',
      consents: { email: { status: 'granted', source: 'web' } },
    });
    const enrol = await api(agent).post(`/api/v1/playbooks/${nc.id}/runs`, { contactId: c });
    assert.equal(enrol.status, 201, JSON.stringify(enrol.body));
    const runId = enrol.body.id;
    assert.equal(enrol.body.status, 'running');
    assert.equal(enrol.body.enrolledBy, agent.userId);
    assert.deepEqual(
      enrol.body.steps.map((s: Run['steps'][number]) => [s.status, s.dueAt]),
      [0, 3, 30, 90].map((d) => ['scheduled', plus(t0, d).toISOString()]),
    );

    // Day 0: the thank-you email, to the customer, rendered with their name (escaped in HTML), delivered.
    await run();
    let r = (await runsOf(c))[0]!;
    assert.deepEqual(
      r.steps.map((s) => s.status),
      ['done', 'scheduled', 'scheduled', 'scheduled'],
    );
    const mailId = r.steps[0]!.outcome!.mailId;
    const mail = await t.core.db.selectFrom('mail_outbox').selectAll().where('id', '=', mailId).executeTakeFirstOrThrow();
    assert.equal(mail.to_address, 'lan@example.vn');
    assert.equal(mail.purpose, 'marketing');
    assert.equal(mail.subject, 'Cảm ơn anh/chị đã tin chọn Tiệm Trà Sen');
    assert.match(mail.text, /^Kính gửi Nguyễn <i>Thị<\/i> Lan,/);
    assert.ok(mail.html!.includes('Nguyễn &lt;i&gt;Thị&lt;/i&gt; Lan') && !mail.html!.includes('<i>'), mail.html!);
    assert.match(mail.text, /liên hệ Chị Hạnh/, 'the owner is named');
    await catcher.waitFor((m) => m.to.includes('lan@example.vn'));
    assert.equal(r.steps[0]!.outcome!.mailStatus, 'sent');

    // Nothing before its day.
    at(plus(t0, 3, -60_000));
    await run();
    assert.equal((await tasksOf(c)).length, 0);
    assert.equal((await runsOf(c))[0]!.steps[1]!.status, 'scheduled');

    // Day 3: a call for the owner.
    at(plus(t0, 3));
    await run();
    const tasks = await tasksOf(c);
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0]!.assignee_id, agent.userId, 'the task lands with the customer’s owner');
    assert.equal(tasks[0]!.title, `Gọi hỏi thăm ${name} sau lần mua đầu tiên`);
    assert.equal(tasks[0]!.due_at, plus(t0, 5).toISOString(), 'due two days later');
    assert.equal(tasks[0]!.created_by, null);
    assert.equal((await api(agent).get(`/api/v1/tasks/${tasks[0]!.id}`)).status, 200, 'the owner sees it');
    r = (await runsOf(c, agent))[0]!;
    assert.deepEqual(r.steps[1]!.outcome, { taskId: tasks[0]!.id, assigneeId: agent.userId });
    assert.equal(r.steps[1]!.doneAt, plus(t0, 3).toISOString());

    // Day 30: the satisfaction survey, a personal link emailed.
    at(plus(t0, 30));
    await run();
    const invitations = await t.core.db.selectFrom('survey_invitations').selectAll().where('contact_id', '=', c).execute();
    assert.equal(invitations.length, 1);
    assert.equal(invitations[0]!.survey_id, nc.steps[2]!.surveyId);
    r = (await runsOf(c))[0]!;
    assert.equal(r.steps[2]!.outcome!.invitationId, invitations[0]!.id);
    assert.equal(r.steps[2]!.status, 'done');

    // Day 90: the reminder, and the run is complete.
    at(plus(t0, 90));
    await run();
    r = (await runsOf(c))[0]!;
    assert.deepEqual(
      r.steps.map((s) => s.status),
      ['done', 'done', 'done', 'done'],
    );
    assert.equal(r.status, 'completed');
    assert.equal(r.finishedAt, plus(t0, 90).toISOString());
    assert.equal(
      (await t.core.db.selectFrom('mail_outbox').select('id').where('related_type', '=', 'playbook_step').where('contact_id', '=', c).execute()).length,
      2,
    );
    // Running the queue again does nothing twice.
    await run();
    assert.equal((await tasksOf(c)).length, 1);
    const audit = await api(owner).get(`/api/v1/audit?entityType=playbook_run&entityId=${runId}`);
    assert.equal(audit.body.data[0].actorUserId, agent.userId);
    const again = await api(agent).post(`/api/v1/playbooks/${nc.id}/runs`, { contactId: c });
    assert.equal(again.status, 409, 'a customer goes through a playbook once');
  });

  test('outcomes say why a step did nothing: no email address, no owner, no consent', async () => {
    const t0 = at(new Date('2027-04-01T02:00:00.000Z'));
    const pc = await builtin('potential_customer');
    const nobody = await contact('Khách vãng lai', { lifecycleStage: 'lead' });
    const noConsent = await contact('Anh Tùng', { lifecycleStage: 'lead', emails: ['tung@example.vn'], ownerId: outsider.userId });
    for (const c of [nobody, noConsent]) assert.equal((await api(owner).post(`/api/v1/playbooks/${pc.id}/runs`, { contactId: c })).status, 201);
    await run();
    at(plus(t0, 7));
    await run();
    const [a] = await runsOf(nobody);
    assert.deepEqual(
      a!.steps.map((s) => s.status),
      ['skipped', 'done', 'skipped'],
    );
    assert.equal(a!.steps[0]!.outcome!.reason, 'no_email');
    assert.equal(a!.steps[1]!.outcome!.assigneeId, null);
    assert.equal(a!.steps[1]!.outcome!.note, 'no_owner');
    assert.equal((await tasksOf(nobody))[0]!.assignee_id, null, 'without an owner the task is unassigned');
    assert.equal(a!.status, 'completed');
    const [b] = await runsOf(noConsent);
    assert.equal(b!.steps[0]!.status, 'done');
    assert.equal(b!.steps[0]!.outcome!.mailStatus, 'suppressed', 'marketing email needs the customer’s consent');
    assert.equal((await tasksOf(noConsent))[0]!.assignee_id, outsider.userId);
    assert.ok(!catcher.mails.some((m) => m.to.includes('tung@example.vn')));
  });

  test('stopping a run stops its remaining steps; a stopped run can start again', async () => {
    const t0 = at(new Date('2027-05-03T02:00:00.000Z'));
    const lc = await builtin('loyal_customer');
    const c = await contact('Cô Mai', { ownerId: agent.userId, lifecycleStage: 'loyal', emails: ['mai@example.vn'] });
    const enrol = await api(owner).post(`/api/v1/playbooks/${lc.id}/runs`, { contactId: c });
    assert.equal(enrol.status, 201);
    assert.equal((await api(agent).post(`/api/v1/playbooks/${lc.id}/runs`, { contactId: c })).status, 409, 'already on it');
    await run();
    at(plus(t0, 1));
    const stop = await api(agent).post(`/api/v1/playbook-runs/${enrol.body.id}/stop`);
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    assert.equal(stop.body.status, 'stopped');
    assert.equal(stop.body.stoppedBy, agent.userId);
    assert.deepEqual(
      stop.body.steps.map((s: { status: string }) => s.status),
      ['done', 'stopped', 'stopped'],
    );
    const keys = stop.body.steps.slice(1).map((s: { index: number }) => `playbook:${enrol.body.id}:${s.index}:${enrol.body.startedAt}`);
    const jobs = await t.core.db.selectFrom('jobs').select(['key', 'cancelled_at']).where('key', 'in', keys).execute();
    assert.equal(jobs.length, 2);
    assert.ok(
      jobs.every((j) => j.cancelled_at !== null),
      'their jobs are cancelled',
    );
    at(plus(t0, 100));
    await run();
    assert.equal((await tasksOf(c)).length, 0, 'no day-60 call');
    assert.deepEqual(
      (await runsOf(c))[0]!.steps.map((s) => s.status),
      ['done', 'stopped', 'stopped'],
    );
    assert.equal((await api(agent).post(`/api/v1/playbook-runs/${enrol.body.id}/stop`)).status, 409);
    const audit = await api(owner).get(`/api/v1/audit?entityType=playbook_run&entityId=${enrol.body.id}`);
    assert.deepEqual(audit.body.data[0].after, { status: 'stopped', stepsStopped: 2 });

    // Started again: the same run, new steps from now.
    const restart = await api(agent).post(`/api/v1/playbooks/${lc.id}/runs`, { contactId: c });
    assert.equal(restart.status, 201, JSON.stringify(restart.body));
    assert.equal(restart.body.id, enrol.body.id);
    assert.equal(restart.body.startedAt, plus(t0, 100).toISOString());
    assert.deepEqual(
      restart.body.steps.map((s: { status: string }) => s.status),
      ['scheduled', 'scheduled', 'scheduled'],
    );
    await run();
    at(plus(t0, 160));
    await run();
    const after = (await runsOf(c))[0]!;
    assert.deepEqual(
      after.steps.map((s) => s.status),
      ['done', 'done', 'done'],
    );
    assert.equal(after.status, 'completed');
    assert.equal((await tasksOf(c)).length, 1, 'one day-60 call, for the second start only');
  });

  test('bad input: 422 naming each field, nothing written', async () => {
    const before = await snapshotCounts(t.core);
    const bad = await api(owner).post('/api/v1/playbooks', {
      name: '',
      audience: { kind: 'lifecycle', stages: ['vip'] },
      steps: [
        { delayDays: 800, action: 'email', title: 'Chào' },
        { delayDays: 1.5, action: 'call', title: 'Gọi' },
        { delayDays: 2, action: 'survey', title: 'Khảo sát' },
        { delayDays: 3, action: 'task', title: 'Việc', surveyId: '00000000-0000-7000-8000-000000000000' },
      ],
      workspaceId: 'x',
    });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    for (const p of [
      '/name',
      '/audience/stages/0',
      '/steps/0/delayDays',
      '/steps/0/body',
      '/steps/1/delayDays',
      '/steps/1/action',
      '/steps/2/surveyId',
      '/steps/3/surveyId',
    ])
      assert.ok(pointers.includes(p), `${p} in ${pointers.join(', ')}`);
    assert.ok(
      pointers.some((p: string) => p === '' || p === '/' || p === '/workspaceId'),
      `the unknown field is refused by name: ${pointers.join(', ')}`,
    );
    const tooMany = await api(owner).post('/api/v1/playbooks', {
      name: 'Dài',
      audience: { kind: 'lifecycle', stages: ['lead'] },
      steps: Array.from({ length: 21 }, (_, i) => ({ delayDays: i, action: 'task', title: `Bước ${i}` })),
    });
    assert.equal(tooMany.status, 422);
    assert.equal(tooMany.body.errors[0].pointer, '/steps');
    const none = await api(owner).post('/api/v1/playbooks', { name: 'Rỗng', audience: { kind: 'lifecycle', stages: ['lead'] }, steps: [] });
    assert.equal(none.body.errors[0].pointer, '/steps');
    const refs = await api(owner).post('/api/v1/playbooks', {
      name: 'Tham chiếu sai',
      audience: { kind: 'segment', segmentId: '00000000-0000-7000-8000-000000000001' },
      steps: [{ delayDays: 0, action: 'survey', title: 'Khảo sát', surveyId: '00000000-0000-7000-8000-000000000002' }],
    });
    assert.equal(refs.status, 422, JSON.stringify(refs.body));
    assert.deepEqual(refs.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/audience/segmentId', '/steps/0/surveyId']);
    const pc = await builtin('potential_customer');
    const noContact = await api(owner).post(`/api/v1/playbooks/${pc.id}/runs`, { contactId: 'nope' });
    assert.equal(noContact.status, 422);
    assert.equal(noContact.body.errors[0].pointer, '/contactId');
    const missing = await api(owner).post(`/api/v1/playbooks/${pc.id}/runs`, { contactId: '00000000-0000-7000-8000-000000000003' });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.errors[0].pointer, '/contactId');
    assert.equal(
      (await api(owner).post('/api/v1/playbooks/00000000-0000-7000-8000-000000000004/runs', { contactId: '00000000-0000-7000-8000-000000000003' })).status,
      404,
    );
    assert.deepEqual(await snapshotCounts(t.core), before, 'nothing written by refused requests');
  });

  test('scope: a member enrols, stops and reads the runs of customers they may see only', async () => {
    at(new Date('2027-09-01T02:00:00.000Z'));
    const pc = await builtin('potential_customer');
    const theirs = await contact('Khách của người khác', { ownerId: outsider.userId, lifecycleStage: 'lead' });
    // Each token's use is recorded (once a minute): record it before counting.
    for (const u of [agent, manager, viewer]) await api(u).get('/api/v1/playbooks');
    const before = await snapshotCounts(t.core);
    const r = await api(agent).post(`/api/v1/playbooks/${pc.id}/runs`, { contactId: theirs });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.errors[0].pointer, '/contactId');
    assert.equal((await api(manager).post(`/api/v1/playbooks/${pc.id}/runs`, { contactId: theirs })).status, 422);
    assert.equal((await api(viewer).post(`/api/v1/playbooks/${pc.id}/runs`, { contactId: theirs })).status, 403);
    assert.equal(
      (
        await api(agent).post('/api/v1/playbooks', {
          name: 'Của tôi',
          audience: { kind: 'lifecycle', stages: ['lead'] },
          steps: [{ delayDays: 0, action: 'task', title: 'Gọi' }],
        })
      ).status,
      403,
    );
    assert.deepEqual(await snapshotCounts(t.core), before);
    const enrolled = await api(outsider).post(`/api/v1/playbooks/${pc.id}/runs`, { contactId: theirs });
    assert.equal(enrolled.status, 201);
    assert.equal(
      (await api(agent).post(`/api/v1/playbook-runs/${enrolled.body.id}/stop`)).status,
      404,
      'a run of a customer out of scope does not exist for them',
    );
    assert.equal((await api(agent).get(`/api/v1/contacts/${theirs}/playbook-runs`)).status, 404);
    assert.equal((await runsOf(theirs, outsider)).length, 1);
    assert.equal((await runsOf(theirs, viewer)).length, 1, 'a viewer reads every customer’s runs');
    assert.equal((await api(outsider).post(`/api/v1/playbook-runs/${enrolled.body.id}/stop`)).status, 200);
  });

  test('auto-enrolment: customers in the audience are enrolled once, hourly, by lifecycle stage or saved segment', async () => {
    const t0 = at(new Date('2027-10-01T02:10:00.000Z'));
    const risky = [await contact('Rủi ro 1', { lifecycleStage: 'at_risk' }), await contact('Rủi ro 2', { lifecycleStage: 'at_risk', ownerId: agent.userId })];
    const lead = await contact('Mới quan tâm', { lifecycleStage: 'lead' });
    const p = await api(manager).post('/api/v1/playbooks', {
      name: 'Giữ chân khách sắp rời',
      audience: { kind: 'lifecycle', stages: ['at_risk'] },
      steps: [{ delayDays: 1, action: 'task', title: 'Gọi giữ chân {{contact.name}}', dueInDays: 0 }],
      autoEnroll: true,
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    assert.equal(p.body.steps[0].dueInDays, 0);
    await run();
    const enrolledIn = async (c: string) => (await runsOf(c)).filter((r) => r.playbookId === p.body.id);
    for (const c of risky) {
      const rs = await enrolledIn(c);
      assert.equal(rs.length, 1, 'enrolled');
      assert.equal(rs[0]!.enrolledBy, null, 'by the system');
      assert.equal(rs[0]!.steps[0]!.dueAt, plus(t0, 1).toISOString());
    }
    assert.equal((await enrolledIn(lead)).length, 0, 'not in the audience');
    // Stop one; next hour a new at-risk customer is enrolled, the stopped one is not enrolled again.
    assert.equal((await api(owner).post(`/api/v1/playbook-runs/${(await enrolledIn(risky[0]!))[0]!.id}/stop`)).status, 200);
    const later = await contact('Rủi ro 3', { lifecycleStage: 'at_risk' });
    await run();
    assert.equal((await enrolledIn(later)).length, 0, 'not before the next hour');
    at(new Date('2027-10-01T03:00:00.000Z'));
    await run();
    assert.equal((await enrolledIn(later)).length, 1, 'the hourly run found them');
    assert.equal((await enrolledIn(risky[0]!))[0]!.status, 'stopped', 'never enrolled twice');
    const perContact = await t.core.db
      .selectFrom('playbook_runs')
      .select(['contact_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('playbook_id', '=', p.body.id)
      .groupBy('contact_id')
      .execute();
    assert.deepEqual(
      perContact.map((r) => Number(r.n)),
      [1, 1, 1],
    );
    const hourly = await t.core.db
      .selectFrom('jobs')
      .select(['key', 'run_at'])
      .where('kind', '=', 'playbook.enroll')
      .where('key', 'like', `playbook-enroll:${owner.workspaceId}:2027-10-01T04`)
      .execute();
    assert.equal(hourly.length, 1, 'one job per workspace and hour');

    // A saved segment as the audience.
    const seg = await api(owner).post('/api/v1/segments', {
      name: 'Khách VIP',
      shared: true,
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'vip' }] }] },
    });
    assert.equal(seg.status, 201, JSON.stringify(seg.body));
    const vip = await contact('Khách VIP', { tags: ['vip'], lifecycleStage: 'repeat' });
    const plain = await contact('Khách thường', { tags: ['thuong'], lifecycleStage: 'repeat' });
    const sp = await api(owner).post('/api/v1/playbooks', {
      name: 'Chăm sóc VIP',
      audience: { kind: 'segment', segmentId: seg.body.id },
      steps: [{ delayDays: 0, action: 'task', title: 'Tặng quà VIP' }],
      autoEnroll: true,
    });
    assert.equal(sp.status, 201, JSON.stringify(sp.body));
    await run();
    assert.equal((await runsOf(vip)).filter((r) => r.playbookId === sp.body.id).length, 1);
    assert.equal((await runsOf(plain)).filter((r) => r.playbookId === sp.body.id).length, 0);
    assert.equal((await tasksOf(vip)).length, 1, 'and its day-0 step ran');
    // Switched off: nobody else is enrolled.
    assert.equal((await api(owner).patch(`/api/v1/playbooks/${sp.body.id}`, { autoEnroll: false })).status, 200);
    assert.equal((await api(owner).patch(`/api/v1/playbooks/${p.body.id}`, { status: 'paused' })).status, 200);
    const vip2 = await contact('Khách VIP 2', { tags: ['vip'] });
    at(new Date('2027-10-01T05:00:00.000Z'));
    await run();
    assert.equal((await runsOf(vip2)).length, 0);
    assert.equal((await api(owner).post(`/api/v1/playbooks/${p.body.id}/runs`, { contactId: vip2 })).status, 409, 'a paused playbook enrols nobody');
    // Deleting a playbook stops the customers still on it.
    const del = await api(owner).delete(`/api/v1/playbooks/${p.body.id}`);
    assert.equal(del.status, 204);
    assert.equal((await enrolledIn(later))[0]!.status, 'stopped');
    assert.equal((await api(owner).get(`/api/v1/playbooks/${p.body.id}`)).status, 404);
  });

  test('auto-enrolment follows a change to a customer within the minute (a listener of the contact events), not at the next hour', async () => {
    at(new Date('2027-11-01T02:10:30.000Z'));
    const p = await api(owner).post('/api/v1/playbooks', {
      name: 'Giữ chân ngay',
      audience: { kind: 'lifecycle', stages: ['at_risk'] },
      steps: [{ delayDays: 1, action: 'task', title: 'Gọi {{contact.name}}', dueInDays: 0 }],
      autoEnroll: true,
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    const c = await contact('Sắp rời', { lifecycleStage: 'lead' });
    await deliverEvents(t.core);
    await run();
    const mine = async () => (await runsOf(c)).filter((r) => r.playbookId === p.body.id);
    assert.equal((await mine()).length, 0, 'not in the audience');
    const moved = await api(owner).patch(`/api/v1/contacts/${c}`, { lifecycleStage: 'at_risk' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await run();
    assert.equal((await mine()).length, 0, 'the change is not delivered yet, and the hour has not come');
    await deliverEvents(t.core);
    const soon = await t.core.db
      .selectFrom('jobs')
      .select(['run_at'])
      .where('kind', '=', 'playbook.enroll')
      .where('key', '=', `playbook-enroll:${owner.workspaceId}:soon:2027-11-01T02:11`)
      .execute();
    assert.deepEqual(
      soon.map((j) => j.run_at),
      ['2027-11-01T02:11:00.000Z'],
      'one run at the end of the minute',
    );
    await run();
    assert.equal((await mine()).length, 0, 'not before the end of the minute');
    at(new Date('2027-11-01T02:11:00.000Z'));
    await run();
    const runs = await mine();
    assert.equal(runs.length, 1, 'enrolled within the minute');
    assert.equal(runs[0]!.enrolledBy, null);
    // Switched off, a change schedules nothing.
    assert.equal((await api(owner).patch(`/api/v1/playbooks/${p.body.id}`, { status: 'paused' })).status, 200);
    await run();
    const before = await t.core.db.selectFrom('jobs').select('id').where('kind', '=', 'playbook.enroll').execute();
    assert.equal((await api(owner).patch(`/api/v1/contacts/${c}`, { name: 'Sắp rời (đổi tên)' })).status, 200);
    await deliverEvents(t.core);
    const afterChange = await t.core.db.selectFrom('jobs').select('id').where('kind', '=', 'playbook.enroll').execute();
    assert.equal(afterChange.length, before.length, 'no auto-enrol playbook is active: no run scheduled');
  });
});

describe('two server processes on one database', {
  skip: onPostgres() ? false : 'PostgreSQL only (KITH_TEST_DATABASE_URL): SQLite has one writer at a time',
}, () => {
  let second: Core;
  before(async () => {
    second = await createCore(t.core.config, {
      modules: MODULES,
      log: createLogger(process.env.KITH_TEST_LOG_LEVEL ?? 'silent'),
      now: () => clock,
      migrate: false,
    });
  });
  after(() => second?.close());

  test('each step of 210 customers runs exactly once when both processes run the queue at once', async () => {
    const t0 = at(new Date('2028-01-03T01:00:00.000Z'));
    const { owner: boss } = await makeWorkspace(t.core, { name: 'Hai máy chủ' });
    const seller = await makeMember(t.core, boss.workspaceId, 'agent');
    const N = 210;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await client(t.app, boss.token).post('/api/v1/contacts', {
        name: `Khách ${i}`,
        ownerId: seller.userId,
        lifecycleStage: 'churned',
        emails: [`k${i}@example.vn`],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids.push(r.body.id);
    }
    const p = await client(t.app, boss.token).post('/api/v1/playbooks', {
      name: 'Mời quay lại',
      audience: { kind: 'lifecycle', stages: ['churned'] },
      steps: [
        { delayDays: 1, action: 'task', title: 'Gọi mời {{contact.name}} quay lại' },
        { delayDays: 2, action: 'task', title: 'Gọi lần hai cho {{contact.name}}' },
        { delayDays: 2, action: 'email', title: 'Chúng tôi nhớ anh/chị', body: 'Kính gửi {{contact.name}}, …' },
      ],
      autoEnroll: true,
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    const both = () =>
      Promise.all([runDueJobs(t.core, 'process-a', { batch: 10, concurrency: 3 }), runDueJobs(second, 'process-b', { batch: 10, concurrency: 3 })]);

    // Day 0: the auto-enrolment job enrols everyone (in whichever process claims it: once).
    await both();
    const runs = await t.core.db.selectFrom('playbook_runs').select('id').where('playbook_id', '=', p.body.id).execute();
    assert.equal(runs.length, N, 'everyone enrolled once');

    // Day 1: the same step handed to both processes at once (a lease that ran out) runs once.
    at(plus(t0, 1));
    const due = await t.core.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', PLAYBOOK_STEP_JOB)
      .where('workspace_id', '=', boss.workspaceId)
      .where('done_at', 'is', null)
      .where('run_at', '<=', clock.toISOString())
      .limit(30)
      .execute();
    assert.equal(due.length, 30);
    const outcomes = await Promise.all(
      due.map((j) => readJson<StepPayload>(j.payload, null as never)).flatMap((pl) => [runPlaybookStep(t.core, pl), runPlaybookStep(second, pl)]),
    );
    const done = outcomes.filter((o) => o.outcome === 'done').length;
    assert.equal(done, 30, `each once: ${JSON.stringify(outcomes.slice(0, 4))}`);
    assert.equal(outcomes.filter((o) => o.outcome === 'already').length, 30);
    // …and the runner, draining the rest from both processes, runs none of those again.
    const [a1, b1] = await both();
    assert.ok(a1.done > 0 && b1.done > 0, `both processes took work: ${JSON.stringify({ a1, b1 })}`);
    assert.equal(a1.failed + b1.failed + a1.retried + b1.retried, 0);
    // Day 2: a task and an email each, both processes draining the queue.
    at(plus(t0, 2));
    const [a2, b2] = await both();
    assert.ok(a2.done > 0 && b2.done > 0, `both processes took work: ${JSON.stringify({ a2, b2 })}`);
    assert.equal(a2.failed + b2.failed + a2.retried + b2.retried, 0);

    const tasks = await t.core.db.selectFrom('tasks').select(['contact_id', 'title', 'assignee_id']).where('workspace_id', '=', boss.workspaceId).execute();
    assert.equal(tasks.length, 2 * N, 'exactly one task per task step');
    const perContact = new Map<string, number>();
    for (const x of tasks) perContact.set(x.contact_id!, (perContact.get(x.contact_id!) ?? 0) + 1);
    assert.deepEqual(new Set(perContact.values()), new Set([2]));
    assert.ok(tasks.every((x) => x.assignee_id === seller.userId));
    const mails = await t.core.db
      .selectFrom('mail_outbox')
      .select('contact_id')
      .where('workspace_id', '=', boss.workspaceId)
      .where('related_type', '=', 'playbook_step')
      .execute();
    assert.equal(mails.length, N, 'exactly one email per customer');
    const steps = await t.core.db.selectFrom('playbook_run_steps').select(['status']).where('workspace_id', '=', boss.workspaceId).execute();
    assert.equal(steps.length, 3 * N);
    assert.ok(steps.every((s) => s.status === 'done'));
    const completed = await t.core.db.selectFrom('playbook_runs').select('id').where('playbook_id', '=', p.body.id).where('status', '=', 'completed').execute();
    assert.equal(completed.length, N);
    const audits = await t.core.db
      .selectFrom('audit_log')
      .select('id')
      .where('workspace_id', '=', boss.workspaceId)
      .where('entity_type', '=', 'playbook_run_step')
      .execute();
    assert.equal(audits.length, 3 * N, 'one audit entry per step performed');
  });
});
