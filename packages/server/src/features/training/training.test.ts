import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { recurringOf } from '../../kith-module.ts';
import { MODULES } from '../../modules.ts';
import { listAudit } from '../../platform/audit/audit.repository.ts';
import { runDueJobs, scheduleRecurring } from '../../platform/jobs/runner.ts';
import { listReminders, trainingCoverage } from './training.repository.ts';
import { REMINDERS_JOB, REMINDERS_SCHEDULE, runTrainingReminders } from './training-reminders.ts';

/**
 * Training and competencies (issue 20): the catalogue and its validation, records and their expiry, the competency
 * matrix in the people scope (an agent sees their own row, a manager their teams', another workspace nothing),
 * the CSV files safe to open in a spreadsheet, and the reminders the daily job gives as tasks, through the job
 * runner with a clock the test moves.
 */

// 10:00 in Hồ Chí Minh City on 10 March 2026.
let clock = new Date('2026-03-10T03:00:00Z');
let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let mate: TestUser;
let outsider: TestUser;
let viewer: TestUser;
let teamA: string;
let teamB: string;

before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core));
  teamA = await makeTeam(t.core, owner.workspaceId, 'Chăm sóc khách hàng');
  teamB = await makeTeam(t.core, owner.workspaceId, 'Kho vận');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [teamA], name: 'Trần Quản Lý' });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamA], name: 'Lê Thị Hoa' });
  mate = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamA], name: 'Phạm Văn Bình' });
  outsider = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [teamB], name: 'Đỗ Minh Kho' });
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer', { name: 'Kế Toán Xem' });
  // Each token's first use is audited: used once here, so a refused request's snapshot compares like with like.
  for (const u of [owner, manager, agent, mate, outsider, viewer]) assert.equal((await api(u).get('/api/v1/training/catalogue')).status, 200);
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);
const pointers = (body: { errors: { pointer: string }[] }) => body.errors.map((e) => e.pointer).sort();

async function made(u: TestUser, path: string, body: unknown): Promise<string> {
  const r = await api(u).post(`/api/v1/training/${path}`, body);
  assert.equal(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

describe('the catalogue', () => {
  test('courses, competencies and requirements: made, changed, audited; invalid fields named; managers and agents refused', async () => {
    const complaints = await made(owner, 'competencies', { name: 'Xử lý khiếu nại', description: 'Lắng nghe, xin lỗi, giải quyết trong 24 giờ' });
    const course = await api(owner).post('/api/v1/training/courses', { name: 'Kỹ năng xử lý khiếu nại', validityMonths: 12, competencyIds: [complaints] });
    assert.equal(course.status, 201, JSON.stringify(course.body));
    assert.deepEqual([course.body.validityMonths, course.body.competencyIds, course.body.archived], [12, [complaints], false]);

    const before = await snapshotCounts(t.core);
    const bad = await api(owner).post('/api/v1/training/courses', { name: '', validityMonths: 0, competencyIds: ['khong-phai-id'] });
    assert.equal(bad.status, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    assert.deepEqual(pointers(bad.body), ['/competencyIds/0', '/name', '/validityMonths']);
    const unknown = await api(owner).post('/api/v1/training/courses', { name: 'Khóa lạ', competencyIds: [complaints, '0190a1b2-0000-7000-8000-00000000dead'] });
    assert.equal(unknown.status, 422);
    assert.deepEqual(pointers(unknown.body), ['/competencyIds/1']);
    assert.equal(unknown.body.errors[0].code, 'not_found');
    const sneaky = await api(owner).post('/api/v1/training/courses', { name: 'Khóa', workspaceId: manager.workspaceId });
    assert.equal(sneaky.status, 422);
    assert.match(JSON.stringify(sneaky.body), /workspaceId/);
    const req = (body: unknown) => api(owner).post('/api/v1/training/requirements', body);
    assert.deepEqual(pointers((await req({ role: 'agent' })).body), ['/courseId']);
    assert.deepEqual(pointers((await req({ role: 'agent', courseId: course.body.id, competencyId: complaints })).body), ['/competencyId']);
    assert.deepEqual(pointers((await req({ role: 'chief', courseId: course.body.id })).body), ['/role']);
    assert.deepEqual(pointers((await req({ role: 'agent', courseId: course.body.id, teamId: '0190a1b2-0000-7000-8000-00000000beef' })).body), ['/teamId']);
    assert.equal((await api(manager).post('/api/v1/training/courses', { name: 'Của quản lý' })).status, 403);
    assert.equal((await api(agent).post('/api/v1/training/competencies', { name: 'Của nhân viên' })).status, 403);
    assert.deepEqual(await snapshotCounts(t.core), before, 'nothing written by a refused request');

    const r1 = await made(owner, 'requirements', { role: 'agent', courseId: course.body.id, teamId: teamA });
    const again = await req({ role: 'agent', courseId: course.body.id, teamId: teamA });
    assert.equal(again.status, 422);
    assert.equal(again.body.errors[0].code, 'not_unique');

    const p = await api(owner).patch(`/api/v1/training/courses/${course.body.id}`, { validityMonths: 24, description: 'Theo quy trình CSKH 2026' });
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.equal(p.body.validityMonths, 24);
    const audit = await listAudit(t.core.db, owner.workspaceId, { entityType: 'training_course', entityId: course.body.id, limit: 10 });
    assert.deepEqual(
      audit.map((a) => a.action),
      ['update', 'create'],
    );
    assert.deepEqual(audit[0]!.before, { description: null, validityMonths: 12 });

    // Everyone who may read training reads the catalogue; a course with records is archived rather than deleted.
    const cat = await api(viewer).get('/api/v1/training/catalogue');
    assert.equal(cat.status, 200);
    assert.ok(cat.body.courses.some((c: { id: string }) => c.id === course.body.id));
    assert.ok(cat.body.requirements.some((r: { id: string; kind: string }) => r.id === r1 && r.kind === 'course'));
    await made(owner, `people/${agent.userId}/records`, { courseId: course.body.id, completedOn: '2026-03-01', result: 'passed' });
    const del = await api(owner).delete(`/api/v1/training/courses/${course.body.id}`);
    assert.equal(del.status, 409);
    assert.equal((await api(owner).patch(`/api/v1/training/courses/${course.body.id}`, { archived: true })).body.archived, true);
    const archived = await req({ role: 'manager', courseId: course.body.id });
    assert.equal(archived.status, 422);
    assert.deepEqual(pointers(archived.body), ['/courseId']);
    const spare = await made(owner, 'courses', { name: 'Khóa thử bỏ' });
    await made(owner, 'requirements', { role: 'viewer', courseId: spare });
    assert.equal((await api(owner).delete(`/api/v1/training/courses/${spare}`)).status, 204);
    assert.ok(!(await api(owner).get('/api/v1/training/catalogue')).body.requirements.some((r: { courseId: string }) => r.courseId === spare));
    // A competency deleted: the courses no longer grant it, its requirements go.
    await made(owner, 'requirements', { role: 'manager', competencyId: complaints });
    assert.equal((await api(owner).delete(`/api/v1/training/competencies/${complaints}`)).status, 204);
    const after = (await api(owner).get('/api/v1/training/catalogue')).body;
    assert.deepEqual(after.courses.find((c: { id: string }) => c.id === course.body.id).competencyIds, []);
    assert.ok(!after.requirements.some((r: { competencyId: string }) => r.competencyId === complaints));
  });
});

describe('records and the matrix', () => {
  const ids: Record<string, string> = {};
  before(async () => {
    ids.product = await made(owner, 'competencies', { name: 'Kiến thức sản phẩm' });
    ids.handling = await made(owner, 'courses', { name: 'Xử lý khiếu nại nâng cao', validityMonths: 12 });
    ids.catalogue = await made(owner, 'courses', { name: 'Sản phẩm mùa Tết', validityMonths: null, competencyIds: [ids.product] });
    ids.fire = await made(owner, 'courses', { name: 'An toàn phòng cháy', validityMonths: 24 });
    await made(owner, 'requirements', { role: 'agent', courseId: ids.handling });
    await made(owner, 'requirements', { role: 'agent', competencyId: ids.product, teamId: teamA });
    await made(owner, 'requirements', { role: 'manager', courseId: ids.fire });
  });

  test('the expiry follows the course, can be overridden or recomputed; the fields are checked by name', async () => {
    const rec = await api(manager).post(`/api/v1/training/people/${mate.userId}/records`, {
      courseId: ids.handling,
      completedOn: '2025-02-28',
      result: 'passed',
      score: 86.5,
      evidenceNote: 'Chứng nhận nội bộ số 12/2025',
      evidenceUrl: 'https://drive.example.vn/chung-nhan-12.pdf',
    });
    assert.equal(rec.status, 201, JSON.stringify(rec.body));
    assert.deepEqual(
      [rec.body.expiresOn, rec.body.expiryOverridden, rec.body.state, rec.body.recordedBy, rec.body.score],
      ['2026-02-28', false, 'expired', manager.userId, 86.5],
    );
    const o = await api(manager).patch(`/api/v1/training/records/${rec.body.id}`, { expiresOn: '2026-04-01' });
    assert.deepEqual([o.body.expiresOn, o.body.expiryOverridden, o.body.state], ['2026-04-01', true, 'expiring']);
    const back = await api(owner).patch(`/api/v1/training/records/${rec.body.id}`, { recompute: true, completedOn: '2025-03-20' });
    assert.deepEqual([back.body.expiresOn, back.body.expiryOverridden, back.body.state], ['2026-03-20', false, 'expiring']);

    const before = await snapshotCounts(t.core);
    const bad = await api(owner).post(`/api/v1/training/people/${mate.userId}/records`, {
      courseId: ids.handling,
      completedOn: '2026-03-11',
      result: 'passed',
      expiresOn: '2026-03-01',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(pointers(bad.body), ['/completedOn', '/expiresOn']);
    const shape = await api(owner).post(`/api/v1/training/people/${mate.userId}/records`, {
      courseId: ids.handling,
      completedOn: '10/03/2026',
      result: 'đạt',
      score: 120,
      evidenceUrl: 'http://khong-an-toan.example/cert',
    });
    assert.deepEqual(pointers(shape.body), ['/completedOn', '/evidenceUrl', '/result', '/score']);
    const js = await api(owner).post(`/api/v1/training/people/${mate.userId}/records`, {
      courseId: ids.handling,
      completedOn: '2026-03-01',
      result: 'passed',
      evidenceUrl: 'javascript:alert(1)',
    });
    assert.deepEqual(pointers(js.body), ['/evidenceUrl']);
    const unknownCourse = await api(owner).post(`/api/v1/training/people/${mate.userId}/records`, {
      courseId: '0190a1b2-0000-7000-8000-00000000dead',
      completedOn: '2026-03-01',
      result: 'failed',
    });
    assert.deepEqual(pointers(unknownCourse.body), ['/courseId']);
    assert.deepEqual(await snapshotCounts(t.core), before);

    const failed = await api(owner).post(`/api/v1/training/people/${mate.userId}/records`, {
      courseId: ids.fire,
      completedOn: '2026-03-02',
      result: 'failed',
      score: 40,
    });
    assert.deepEqual([failed.body.expiresOn, failed.body.state], [null, 'failed']);
    const audit = await listAudit(t.core.db, owner.workspaceId, { entityType: 'training_record', entityId: rec.body.id, limit: 10 });
    assert.deepEqual(
      audit.map((a) => a.action),
      ['update', 'update', 'create'],
    );
    assert.deepEqual(audit[1]!.after, { expiresOn: '2026-04-01', expiryOverridden: true });
  });

  test('who records for whom: a manager for their teams (404 outside), agents and viewers not at all', async () => {
    const body = { courseId: ids.catalogue, completedOn: '2026-03-05', result: 'passed' };
    assert.equal((await api(manager).post(`/api/v1/training/people/${outsider.userId}/records`, body)).status, 404);
    assert.equal((await api(agent).post(`/api/v1/training/people/${agent.userId}/records`, body)).status, 403);
    assert.equal((await api(viewer).post(`/api/v1/training/people/${viewer.userId}/records`, body)).status, 403);
    const theirs = await made(owner, `people/${outsider.userId}/records`, body);
    assert.equal((await api(manager).patch(`/api/v1/training/records/${theirs}`, { score: 90 })).status, 404);
    assert.equal((await api(manager).delete(`/api/v1/training/records/${theirs}`)).status, 404);
    assert.equal((await api(manager).get(`/api/v1/training/people/${outsider.userId}/records`)).status, 404);
    assert.equal((await api(agent).get(`/api/v1/training/people/${mate.userId}/records`)).status, 404, 'an agent sees their own only');
    assert.equal((await api(viewer).get(`/api/v1/training/people/${viewer.userId}/records`)).status, 200);
    assert.equal((await api(viewer).get(`/api/v1/training/people/${agent.userId}/records`)).status, 404);
    const mine = await api(agent).get('/api/v1/training/records');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.ok(mine.body.data.length > 0 && mine.body.data.every((r: { userId: string }) => r.userId === agent.userId));
    // Another workspace's owner, holding these ids, finds nothing.
    const { owner: stranger } = await makeWorkspace(t.core);
    assert.equal((await api(stranger).get(`/api/v1/training/people/${agent.userId}/records`)).status, 404);
    assert.equal((await api(stranger).post(`/api/v1/training/people/${agent.userId}/records`, body)).status, 404);
    assert.equal((await api(stranger).patch(`/api/v1/training/records/${theirs}`, { score: 1 })).status, 404);
    assert.equal((await api(stranger).get('/api/v1/training/matrix')).body.people.length, 1, 'only its own owner');
  });

  test('the matrix: a cell per person and required item, the coverage, and each role’s rows', async () => {
    // The agent: the complaint course expiring in 20 days, product knowledge through the Tết catalogue course.
    await made(manager, `people/${agent.userId}/records`, { courseId: ids.handling, completedOn: '2025-03-30', result: 'passed' });
    await made(manager, `people/${agent.userId}/records`, { courseId: ids.catalogue, completedOn: '2026-01-05', result: 'passed' });
    // The outsider (team B): the complaint course valid; product knowledge is required in team A only.
    await made(owner, `people/${outsider.userId}/records`, { courseId: ids.handling, completedOn: '2026-02-01', result: 'passed' });
    const m = await api(owner).get('/api/v1/training/matrix?withinDays=30');
    assert.equal(m.status, 200, JSON.stringify(m.body));
    assert.equal(m.body.asOf, '2026-03-10');
    const cell = (userId: string, item: string) =>
      m.body.people.find((p: { userId: string }) => p.userId === userId).cells.find((c: { item: string }) => c.item === item).state;
    const handling = `course:${ids.handling}`;
    const product = `competency:${ids.product}`;
    const fire = `course:${ids.fire}`;
    assert.deepEqual(
      m.body.items.map((i: { key: string }) => i.key),
      [fire, handling, product],
    );
    assert.deepEqual([cell(agent.userId, handling), cell(agent.userId, product), cell(agent.userId, fire)], ['expiring', 'valid', 'not_required']);
    // Mate: the complaint course recomputed to expire on 20 March (expiring), no product course.
    assert.deepEqual([cell(mate.userId, handling), cell(mate.userId, product)], ['expiring', 'missing']);
    assert.deepEqual([cell(outsider.userId, handling), cell(outsider.userId, product)], ['valid', 'not_required']);
    // The manager failed nothing and took nothing: the fire course is missing.
    assert.equal(cell(manager.userId, fire), 'missing');
    assert.deepEqual([cell(viewer.userId, handling), cell(owner.userId, fire)], ['not_required', 'not_required']);
    // Required cells: 3 agents × complaint, 2 team-A agents × product, the manager × fire = 6; held: 4.
    assert.deepEqual(m.body.coverage, { required: 6, satisfied: 4, percent: 66.7 });
    assert.deepEqual(m.body.counts, { valid: 2, expiring: 2, expired: 0, missing: 2 });
    // A narrower window: the agent's course (20 days left) is valid within 14 days' notice.
    const narrow = await api(owner).get('/api/v1/training/matrix?withinDays=14');
    assert.equal(
      narrow.body.people.find((p: { userId: string }) => p.userId === agent.userId).cells.find((c: { item: string }) => c.item === handling).state,
      'valid',
    );

    const rows = async (u: TestUser, q = '') => {
      const r = await api(u).get(`/api/v1/training/matrix${q}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.people.map((p: { userId: string }) => p.userId).sort();
    };
    assert.deepEqual(await rows(manager), [manager.userId, agent.userId, mate.userId].sort());
    assert.deepEqual(await rows(agent), [agent.userId]);
    assert.deepEqual(await rows(viewer), [viewer.userId]);
    assert.deepEqual(await rows(manager, `?teamId=${teamA}`), [manager.userId, agent.userId, mate.userId].sort());
    assert.equal((await api(manager).get(`/api/v1/training/matrix?teamId=${teamB}`)).status, 404, 'a team outside the scope');
    assert.deepEqual(await rows(owner, `?teamId=${teamB}`), [outsider.userId]);
    assert.equal((await api(owner).get('/api/v1/training/matrix?withinDays=0')).status, 422);

    // Three weeks on: the agent's and the mate's complaint courses have expired.
    clock = new Date('2026-04-01T03:00:00Z');
    const later = (await api(manager).get('/api/v1/training/matrix')).body;
    const state = (userId: string) =>
      later.people.find((p: { userId: string }) => p.userId === userId).cells.find((c: { item: string }) => c.item === handling);
    assert.deepEqual(state(agent.userId), { item: handling, state: 'expired', recordId: state(agent.userId).recordId, expiresOn: '2026-03-30' });
    assert.equal(state(mate.userId).state, 'expired');
    assert.deepEqual(later.counts, { valid: 1, expiring: 0, expired: 2, missing: 2 });
    assert.deepEqual(later.coverage, { required: 5, satisfied: 1, percent: 20 });
    clock = new Date('2026-03-10T03:00:00Z');

    // The assessment's evidence: members with at least one valid record, among the members.
    assert.deepEqual(await trainingCoverage(t.core.db, owner.workspaceId, clock), { members: 6, covered: 3 });
    assert.deepEqual(await trainingCoverage(t.core.db, owner.workspaceId, new Date('2027-06-01T00:00:00Z')), { members: 6, covered: 2 });
  });

  test('the CSV files: the matrix and the records, formulas neutralised, in the person’s scope', async () => {
    const evil = await made(owner, 'courses', { name: '=HYPERLINK("https://evil.example","Bấm vào")', validityMonths: 6 });
    await made(owner, 'requirements', { role: 'agent', courseId: evil, teamId: teamA });
    await made(manager, `people/${agent.userId}/records`, {
      courseId: evil,
      completedOn: '2026-03-09',
      result: 'passed',
      evidenceNote: '+cmd|" /C calc"!A0',
    });
    const file = await api(manager).get('/api/v1/training/matrix.csv');
    assert.equal(file.status, 200);
    assert.match(String(file.headers['content-type']), /^text\/csv/);
    assert.match(String(file.headers['content-disposition']), /kith-training-matrix-2026-03-10\.csv/);
    const text = file.raw.body;
    assert.ok(text.startsWith('\uFEFF'), 'a BOM, so Excel reads Vietnamese');
    assert.ok(!/(^|[,;])"?=HYPERLINK/m.test(text), 'no cell starts a formula');
    assert.ok(text.includes("'=HYPERLINK"), text.split('\n')[0]);
    assert.ok(text.includes('Lê Thị Hoa') && !text.includes('Đỗ Minh Kho'), 'the manager’s scope only');
    assert.match(text.split('\n')[0]!, /Nhân sự,Vai trò,Nhóm/);
    const en = await api(owner).get('/api/v1/training/records.csv?lang=en');
    assert.equal(en.status, 200);
    assert.match(en.raw.body.split('\n')[0]!, /Person,Course,Completed on,Result/);
    assert.ok(en.raw.body.includes("'+cmd"), 'the note neutralised');
    assert.ok(en.raw.body.includes('Đỗ Minh Kho'));
    assert.ok(!/(^|,)"?[=+@-][^0-9]/m.test(en.raw.body.replace(/^\uFEFF/, '')), 'no cell starts with a formula character');
    const cat = await api(viewer).get('/api/v1/training/catalogue.csv');
    assert.equal(cat.status, 200);
    assert.match(cat.raw.body.split('\n')[0]!, /Loại,Tên,Mô tả,Hiệu lực \(tháng\)/);
    assert.ok(cat.raw.body.includes("'=HYPERLINK"), 'a course name neutralised');
    assert.ok(cat.raw.body.includes('Chăm sóc khách hàng'), 'a requirement names its team');
    const agentFile = await api(agent).get('/api/v1/training/records.csv');
    assert.ok(!agentFile.raw.body.includes('Phạm Văn Bình'), 'an agent’s file holds their own records');
    assert.equal((await api(agent).get(`/api/v1/training/records.csv?userId=${mate.userId}`)).status, 404);
  });
});

describe('reminders, through the job runner', () => {
  test('30 days, 7 days and once expired: a task in the person’s list, once each, however often the job runs', async () => {
    clock = new Date('2026-06-01T03:00:00Z');
    const { owner: boss, workspaceId } = await makeWorkspace(t.core);
    const team = await makeTeam(t.core, workspaceId, 'Tổng đài');
    const hoa = await makeMember(t.core, workspaceId, 'agent', { teamIds: [team], name: 'Nguyễn Hoa' });
    const binh = await makeMember(t.core, workspaceId, 'agent', { teamIds: [team], name: 'Vũ Bình' });
    const as = (u: TestUser) => client(t.app, u.token);
    const courseId = (await as(boss).post('/api/v1/training/courses', { name: 'Quy trình tiếp nhận khiếu nại', validityMonths: 12 })).body.id;
    const optional = (await as(boss).post('/api/v1/training/courses', { name: 'Kỹ năng thuyết trình', validityMonths: 12 })).body.id;
    assert.equal((await as(boss).post('/api/v1/training/requirements', { role: 'agent', courseId })).status, 201);
    // Hoa's expires on 10 July; Bình's old one too, but he renewed on 1 June (a new record supersedes it).
    const hoaRecord = (await as(boss).post(`/api/v1/training/people/${hoa.userId}/records`, { courseId, completedOn: '2025-07-10', result: 'passed' })).body;
    assert.equal(hoaRecord.expiresOn, '2026-07-10');
    await as(boss).post(`/api/v1/training/people/${binh.userId}/records`, { courseId, completedOn: '2025-07-10', result: 'passed' });
    await as(boss).post(`/api/v1/training/people/${binh.userId}/records`, { courseId, completedOn: '2026-06-01', result: 'passed' });
    // Not required: reminded before it expires, not once it has.
    const talk = (await as(boss).post(`/api/v1/training/people/${hoa.userId}/records`, { courseId: optional, completedOn: '2025-07-20', result: 'passed' }))
      .body;

    const tasksOf = async (u: TestUser) =>
      (await as(u).get('/api/v1/tasks?assignee=me')).body.data as { title: string; priority: string; dueAt: string; createdBy: string | null }[];
    const runJob = async () => (await runDueJobs(t.core, 'test', { kinds: [REMINDERS_JOB] })).done;

    // 1 June: 39 days left; the server starts and the first run comes ten minutes later.
    await scheduleRecurring(t.core);
    clock = new Date(clock.getTime() + REMINDERS_SCHEDULE.firstAfterMs);
    assert.equal(await runJob(), 1, 'the job ran through the runner');
    assert.deepEqual(await tasksOf(hoa), []);

    // 12 June, 08:00 in Vietnam: 28 days left — the 30-day reminder.
    clock = new Date('2026-06-12T01:00:00Z');
    assert.equal(await runJob(), 1);
    let hoaTasks = await tasksOf(hoa);
    assert.deepEqual(
      hoaTasks.map((x) => [x.title, x.priority, x.createdBy]),
      [['Gia hạn đào tạo "Quy trình tiếp nhận khiếu nại": hết hạn ngày 10/07/2026 (còn 28 ngày)', 'normal', null]],
    );
    assert.equal(hoaTasks[0]!.dueAt, '2026-07-09T17:00:00.000Z', 'due when it expires: midnight of 10 July in Vietnam');
    assert.deepEqual(await tasksOf(binh), [], 'a renewed record reminds nobody');
    // The job again the same day (a second process, a retry): nothing new.
    assert.deepEqual((await runTrainingReminders(t.core)).given, []);
    assert.equal((await tasksOf(hoa)).length, 1);

    // 22 June: the presentation course's 30 days (it is not required, reminded all the same).
    clock = new Date('2026-06-22T01:00:00Z');
    assert.equal(await runJob(), 1);
    assert.equal((await tasksOf(hoa)).length, 2);

    // 4 July: 6 days left — the 7-day reminder, high priority.
    clock = new Date('2026-07-04T01:00:00Z');
    assert.equal(await runJob(), 1);
    hoaTasks = await tasksOf(hoa);
    assert.equal(hoaTasks.length, 3);
    assert.ok(hoaTasks.some((x) => x.priority === 'high' && x.title.includes('còn 6 ngày')));

    // 10 July: expired, and required with nothing in its place — urgent. Run twice: still one.
    clock = new Date('2026-07-10T01:00:00Z');
    assert.equal(await runJob(), 1);
    assert.deepEqual((await runTrainingReminders(t.core)).given, []);
    hoaTasks = await tasksOf(hoa);
    const expired = hoaTasks.filter((x) => x.priority === 'urgent');
    assert.deepEqual(
      expired.map((x) => x.title),
      ['Đào tạo bắt buộc đã hết hạn: "Quy trình tiếp nhận khiếu nại" (từ ngày 10/07/2026)'],
    );
    // 15 July: the presentation course's 7 days; 25 July: it has expired, but nobody requires it: no task for that.
    clock = new Date('2026-07-15T01:00:00Z');
    assert.equal(await runJob(), 1);
    assert.equal((await tasksOf(hoa)).length, 5);
    clock = new Date('2026-07-25T01:00:00Z');
    assert.equal(await runJob(), 1);
    assert.equal((await tasksOf(hoa)).length, 5, 'no task for an expired course nobody requires');
    const reminders = await listReminders(t.core.db, workspaceId);
    assert.deepEqual(
      reminders.map((r) => `${r.record_id === hoaRecord.id ? 'complaints' : r.record_id === talk.id ? 'talk' : '?'}:${r.threshold}`),
      ['complaints:30', 'talk:30', 'complaints:7', 'complaints:expired', 'talk:7'],
    );
    assert.ok(reminders.every((r) => r.task_id));
    // A corrected expiry arms the reminders again: the manager extends Hoa's to 5 August.
    clock = new Date('2026-07-26T01:00:00Z');
    assert.equal((await as(boss).patch(`/api/v1/training/records/${hoaRecord.id}`, { expiresOn: '2026-08-05' })).status, 200);
    assert.equal(await runJob(), 1);
    assert.ok((await tasksOf(hoa)).some((x) => x.title.includes('05/08/2026') && x.priority === 'normal'));
    // The tasks are the job's: audited without an actor.
    const audit = await listAudit(t.core.db, workspaceId, { entityType: 'task', limit: 20 });
    assert.equal(audit.length, 6);
    assert.ok(audit.every((a) => a.actorUserId === null && (a.meta as { job?: string }).job === REMINDERS_JOB));
    assert.deepEqual(recurringOf(MODULES).get(REMINDERS_JOB), REMINDERS_SCHEDULE, 'a recurring kind of the training module');
  });
});
