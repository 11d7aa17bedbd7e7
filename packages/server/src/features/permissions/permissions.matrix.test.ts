/**
 * The permission matrix, generated from docs/permissions.md: the document is parsed, compared with the
 * table the server enforces, and then every cell is exercised through the real API for every role.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ACTIONS, ROLES, type Action, type Grant, type Role } from '@kith/domain/permissions/permissions.ts';
import { client, createTestApp, type Res, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser, runJobsUntilIdle } from '../../../test/factories.ts';
import { runImport } from '../import/engine.ts';

const DOC = join(import.meta.dirname, '../../../../../docs/permissions.md');

/** The `## The matrix` table of docs/permissions.md as action → role → grant. */
function parseMatrix(markdown: string): Record<string, Record<Role, Grant>> {
  const section = markdown.split(/^## The matrix\s*$/m)[1]?.split(/^## /m)[0];
  assert.ok(section, 'docs/permissions.md has a "## The matrix" section');
  const lines = section.split('\n').filter((l) => l.trim().startsWith('|'));
  const header = lines[0]!
    .split('|')
    .map((c) => c.trim())
    .filter(Boolean);
  assert.deepEqual(header.slice(1, 6), [...ROLES], 'the matrix columns are the five roles in order');
  const out: Record<string, Record<Role, Grant>> = {};
  for (const line of lines.slice(2)) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const action = cells[0]!.replace(/`/g, '');
    const grants = {} as Record<Role, Grant>;
    ROLES.forEach((r, i) => {
      const c = cells[i + 1];
      assert.ok(c === 'yes' || c === 'no' || c === 'scoped', `${action}/${r}: "${c}" is yes, no or scoped`);
      grants[r] = c === 'yes' ? true : c === 'no' ? false : 'scoped';
    });
    out[action] = grants;
  }
  return out;
}

const matrix = parseMatrix(readFileSync(DOC, 'utf8'));

test('docs/permissions.md and the enforced table agree, cell for cell', () => {
  assert.deepEqual(matrix, ACTIONS as unknown as Record<string, Record<Role, Grant>>);
});

// ---- fixtures: one workspace, one member per role, two teams ---------------------------------------

let t: TestApp;
let owner: TestUser;
const as: Partial<Record<Role, TestUser>> = {};
let teamA: string;
let teamB: string;
let mate: TestUser; // an agent on team A: managers may assign to them
let outsider: TestUser; // an agent on team B: outside the manager's and the agent's scope
let aSurvey: string; // a survey made by the owner, for surveys.send
let aSegment: string; // a shared segment, for segment_plans.manage
let curatorsView: string; // a shared view saved by an admin outside the roles under test
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

before(async () => {
  t = await createTestApp();
  const ws = await makeWorkspace(t.core);
  owner = ws.owner;
  teamA = await makeTeam(t.core, ws.workspaceId, 'Đội A');
  teamB = await makeTeam(t.core, ws.workspaceId, 'Đội B');
  as.owner = owner;
  as.admin = await makeMember(t.core, ws.workspaceId, 'admin');
  as.manager = await makeMember(t.core, ws.workspaceId, 'manager', { teamIds: [teamA] });
  as.agent = await makeMember(t.core, ws.workspaceId, 'agent', { teamIds: [teamA] });
  as.viewer = await makeMember(t.core, ws.workspaceId, 'viewer');
  mate = await makeMember(t.core, ws.workspaceId, 'agent', { teamIds: [teamA] });
  outsider = await makeMember(t.core, ws.workspaceId, 'agent', { teamIds: [teamB] });
  // A shared view saved by someone who is none of the roles under test, for views.manage.
  const curator = await makeMember(t.core, ws.workspaceId, 'admin');
  const v = await client(t.app, curator.token).post('/api/v1/views', {
    entity: 'contacts',
    name: 'Khách VIP',
    shared: true,
    config: { filters: [{ field: 'tags', op: 'has', value: 'vip' }] },
  });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  curatorsView = v.body.id;
  const sv = await api(owner).post('/api/v1/surveys', { name: 'Sau hỗ trợ', questions: [{ type: 'csat', text: 'Anh/chị hài lòng không?' }] });
  assert.equal(sv.status, 201, JSON.stringify(sv.body));
  aSurvey = sv.body.id;
  const sg = await api(owner).post('/api/v1/segments', {
    name: 'Khách VIP',
    shared: true,
    definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'vip' }] }] },
  });
  assert.equal(sg.status, 201, JSON.stringify(sg.body));
  aSegment = sg.body.id;
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);

/** A record for the role's scope: `in` is owned by the role's own agent (team A), `out` by an agent of team B. */
async function record(kind: 'contacts' | 'companies', where: 'in' | 'out'): Promise<string> {
  const ownerId = where === 'in' ? as.agent!.userId : outsider.userId;
  const teamId = where === 'in' ? teamA : teamB;
  const r = await api(owner).post(`/api/v1/${kind}`, { name: `Bản ghi ${unique()}`, ownerId, teamId });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** An import of one new contact, run by the member themselves (in scope) or by the agent of team B (out of it). */
async function anImport(u: TestUser, where: 'in' | 'out'): Promise<string> {
  const by = where === 'out' || u.role === 'viewer' ? outsider : u;
  const r = await runImport(
    t.core,
    by.actor,
    { bytes: Buffer.from(`Họ và tên\nNhập ${unique()}\n`) },
    { kind: 'contacts', dryRun: false, fileName: 'nhap.csv' },
  );
  assert.equal(r.created, 1);
  return r.id!;
}

/** An assessment started by the owner; `in`: the member is invited to it. */
async function assessment(u: TestUser, where: 'in' | 'out'): Promise<string> {
  const r = await api(owner).post('/api/v1/assessments', { framework: 'idic', name: `Đánh giá ${unique()}` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  if (where === 'in' && u.userId !== owner.userId) {
    const i = await api(owner).post(`/api/v1/assessments/${r.body.id}/respondents`, { memberIds: [u.userId] });
    assert.equal(i.status, 201, JSON.stringify(i.body));
  }
  return r.body.id as string;
}

/** A deal owned by the role's own agent on team A (in scope) or by the agent of team B (out of it). */
async function deal(where: 'in' | 'out'): Promise<string> {
  const r = await api(owner).post('/api/v1/deals', {
    title: `Cơ hội ${unique()}`,
    amount: 1_000,
    ownerId: where === 'in' ? as.agent!.userId : outsider.userId,
    teamId: where === 'in' ? teamA : teamB,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** A task given by the owner to the role's own agent (in scope) or to the agent of team B (out of it). */
async function task(where: 'in' | 'out'): Promise<string> {
  const r = await api(owner).post('/api/v1/tasks', { title: `Việc ${unique()}`, assigneeId: where === 'in' ? as.agent!.userId : outsider.userId });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** A ticket assigned by the owner to the role's own agent on team A (in scope) or to the agent of team B (out of it). */
async function ticket(where: 'in' | 'out'): Promise<string> {
  const contactId = await record('contacts', where);
  const r = await api(owner).post('/api/v1/tickets', {
    contactId,
    subject: `Yêu cầu ${unique()}`,
    assigneeId: where === 'in' ? as.agent!.userId : outsider.userId,
    teamId: where === 'in' ? teamA : teamB,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** An order of a customer in (or out of) the role's scope, made by the owner. */
async function order(where: 'in' | 'out'): Promise<string> {
  const contactId = await record('contacts', where);
  const r = await api(owner).post('/api/v1/orders', { contactId, lines: [{ name: `Hàng ${unique()}`, quantity: 1, unitPrice: 10_000 }] });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** A playbook run of a customer in (or out of) the role's scope, enrolled by the owner. */
let aPlaybook: string | undefined;
async function playbookRun(where: 'in' | 'out'): Promise<string> {
  if (!aPlaybook) {
    const p = await api(owner).post('/api/v1/playbooks', {
      name: 'Chăm sóc thử',
      audience: { kind: 'lifecycle', stages: ['lead'] },
      steps: [{ delayDays: 3, action: 'task', title: 'Gọi hỏi thăm' }],
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    aPlaybook = p.body.id as string;
  }
  const contactId = await record('contacts', where);
  const r = await api(owner).post(`/api/v1/playbooks/${aPlaybook}/runs`, { contactId });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** Whose training records a call is about: the member (a manager: the agent of their team A), or the agent of team B. */
const trainee = (u: TestUser, where: 'in' | 'out') => (where === 'out' ? outsider.userId : u.role === 'manager' ? as.agent!.userId : u.userId);
let aCourse: string | undefined;
async function trainingCourse(): Promise<string> {
  if (!aCourse) {
    const r = await api(owner).post('/api/v1/training/courses', { name: 'Kỹ năng xử lý khiếu nại', validityMonths: 12 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    aCourse = r.body.id as string;
  }
  return aCourse;
}

/**
 * How to exercise each action as a user: the first step prepares what the call needs (records made by the
 * owner), the step it returns is the call itself; `where` matters for record actions only.
 */
type Exerciser = (u: TestUser, where: 'in' | 'out') => Promise<() => Promise<Res>>;
const call = (f: () => Promise<Res>): Promise<() => Promise<Res>> => Promise.resolve(f);

const recordActions = (kind: 'contacts' | 'companies'): Record<string, Exerciser> => ({
  [`${kind}.read`]: async (u, w) => {
    const id = await record(kind, w);
    return () => api(u).get(`/api/v1/${kind}/${id}`);
  },
  [`${kind}.create`]: (u) => call(() => api(u).post(`/api/v1/${kind}`, { name: `Mới ${unique()}` })),
  [`${kind}.update`]: async (u, w) => {
    const id = await record(kind, w);
    return () => api(u).patch(`/api/v1/${kind}/${id}`, { notes: `sửa ${unique()}` });
  },
  [`${kind}.assign`]: async (u, w) => {
    const id = await record(kind, w);
    return () => api(u).patch(`/api/v1/${kind}/${id}`, { ownerId: mate.userId });
  },
  [`${kind}.delete`]: async (u, w) => {
    const id = await record(kind, w);
    return () => api(u).delete(`/api/v1/${kind}/${id}`);
  },
  [`${kind}.purge`]: async (u, w) => {
    const id = await record(kind, w);
    return () => api(u).post(`/api/v1/${kind}/${id}/purge`);
  },
});

const EXERCISE: Record<string, Exerciser> = {
  'workspace.read': (u) => call(() => api(u).get('/api/v1/workspace')),
  'workspace.export': (u) => call(() => api(u).get('/api/v1/workspace/export')),
  'workspace.update': (u) => call(() => api(u).patch('/api/v1/workspace', { locale: 'vi' })),
  'members.read': (u) => call(() => api(u).get('/api/v1/members')),
  'members.invite': (u) => call(() => api(u).post('/api/v1/invitations', { email: `moi-${unique()}@example.com`, role: 'viewer' })),
  'members.update': async (u) => {
    const m = await makeMember(t.core, owner.workspaceId, 'viewer');
    return () => api(u).patch(`/api/v1/members/${m.userId}`, { role: 'agent' });
  },
  'members.remove': async (u) => {
    const m = await makeMember(t.core, owner.workspaceId, 'viewer');
    return () => api(u).delete(`/api/v1/members/${m.userId}`);
  },
  'teams.read': (u) => call(() => api(u).get('/api/v1/teams')),
  'teams.manage': (u) => call(() => api(u).post('/api/v1/teams', { name: `Đội ${unique()}` })),
  'custom_fields.read': (u) => call(() => api(u).get('/api/v1/custom-fields')),
  'custom_fields.manage': (u) => call(() => api(u).post('/api/v1/custom-fields', { entity: 'contact', key: `f_${unique()}`, label: 'Trường', type: 'text' })),
  ...recordActions('contacts'),
  // A file of records: `where` decides which record is made first; the scope shows in what the file holds.
  'contacts.export': async (u, w) => {
    const id = await record('contacts', w);
    return async () => ({ ...(await api(u).get('/api/v1/contacts/export')), fixture: id }) as Res;
  },
  'analytics.read': (u) => call(() => api(u).get('/api/v1/analytics/rfm?asOf=2026-01-31')),
  // A refresh runs in the background: wait for it, so the next role's does not find it still running.
  'analytics.refresh': (u) =>
    call(async () => {
      const r = await api(u).post('/api/v1/analytics/scores/refresh', { asOf: '2026-01-31' });
      await runJobsUntilIdle(t.core);
      return r;
    }),
  'analytics.configure': (u) =>
    call(async () => {
      const settings = (await api(u).get('/api/v1/analytics/settings')).body;
      return api(u).put('/api/v1/analytics/settings', settings ?? {});
    }),
  'records.export': async (u, w) => {
    const id = await record('companies', w);
    return async () => ({ ...(await api(u).get('/api/v1/companies/export')), fixture: id }) as Res;
  },
  ...recordActions('companies'),
  'products.read': (u) => call(() => api(u).get('/api/v1/products')),
  'products.manage': (u) => call(() => api(u).post('/api/v1/products', { sku: `SP-${unique()}`, name: 'Sản phẩm', price: 10_000 })),
  'orders.read': async (u, w) => {
    const id = await order(w);
    return () => api(u).get(`/api/v1/orders/${id}`);
  },
  'orders.create': async (u) => {
    const contactId = await record('contacts', 'in');
    return () => api(u).post('/api/v1/orders', { contactId, lines: [{ name: 'Hàng', quantity: 2, unitPrice: 5_000 }] });
  },
  'orders.update': async (u, w) => {
    const id = await order(w);
    return () => api(u).patch(`/api/v1/orders/${id}`, { notes: `sửa ${unique()}` });
  },
  'orders.delete': async (u, w) => {
    const id = await order(w);
    return () => api(u).delete(`/api/v1/orders/${id}`);
  },
  'interactions.create': async (u) => {
    const contactId = await record('contacts', 'in');
    return () => api(u).post('/api/v1/interactions', { contactId, kind: 'call', durationSeconds: 60 });
  },
  'interactions.update': async (u, w) => {
    const contactId = await record('contacts', w);
    const r = await api(owner).post('/api/v1/interactions', { contactId, kind: 'note', body: 'ghi chú' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return () => api(u).patch(`/api/v1/interactions/${r.body.id}`, { body: `sửa ${unique()}` });
  },
  // A task is in a member's scope when it is theirs (assigned or made); `in` is the role's own agent's task.
  'tasks.read': async (u, w) => {
    const id = await task(w);
    return () => api(u).get(`/api/v1/tasks/${id}`);
  },
  'tasks.write': async (u, w) => {
    const id = await task(w);
    return () => api(u).patch(`/api/v1/tasks/${id}`, { notes: `sửa ${unique()}` });
  },
  'tasks.assign': async (u) => call(() => api(u).post('/api/v1/tasks', { title: `Giao ${unique()}`, assigneeId: mate.userId })),
  'deals.read': async (u, w) => {
    const id = await deal(w);
    return () => api(u).get(`/api/v1/deals/${id}`);
  },
  'deals.write': async (u, w) => {
    const id = await deal(w);
    return () => api(u).patch(`/api/v1/deals/${id}`, { title: `Sửa ${unique()}` });
  },
  'deals.delete': async (u, w) => {
    const id = await deal(w);
    return () => api(u).delete(`/api/v1/deals/${id}`);
  },
  'pipelines.manage': (u) =>
    call(() =>
      api(u).post('/api/v1/pipelines', {
        name: `Quy trình ${unique()}`,
        stages: [
          { name: 'Mở', probability: 10, kind: 'open' },
          { name: 'Thắng', probability: 100, kind: 'won' },
          { name: 'Thua', probability: 0, kind: 'lost' },
        ],
      }),
    ),
  // An import is in a member's scope when they ran it.
  'imports.read': async (u, w) => {
    const id = await anImport(u, w);
    return () => api(u).get(`/api/v1/imports/${id}`);
  },
  'imports.undo': async (u, w) => {
    const id = await anImport(u, w);
    return () => api(u).post(`/api/v1/imports/${id}/undo`, {});
  },
  'tickets.read': async (u, w) => {
    const id = await ticket(w);
    return () => api(u).get(`/api/v1/tickets/${id}`);
  },
  'tickets.write': async (u, w) => {
    const id = await ticket(w);
    return () => api(u).post(`/api/v1/tickets/${id}/messages`, { kind: 'note', body: `ghi chú ${unique()}` });
  },
  'tickets.assign': async (u) => {
    const contactId = await record('contacts', 'in');
    return () => api(u).post('/api/v1/tickets', { contactId, subject: `Giao ${unique()}`, assigneeId: mate.userId });
  },
  'care.configure': (u) => call(() => api(u).put(`/api/v1/teams/${teamB}/assignment`, { mode: n++ % 2 ? 'manual' : 'round_robin' })),
  'canned_replies.manage': (u) => call(() => api(u).post('/api/v1/canned-replies', { title: `Mẫu ${unique()}`, body: 'Cảm ơn anh/chị đã liên hệ.' })),
  'surveys.read': (u) => call(() => api(u).get('/api/v1/surveys')),
  'surveys.manage': (u) =>
    call(() => api(u).post('/api/v1/surveys', { name: `Khảo sát ${unique()}`, questions: [{ type: 'nps', text: 'Anh/chị có giới thiệu chúng tôi không?' }] })),
  'surveys.send': async (u) => {
    const contactId = await record('contacts', 'in');
    return () => api(u).post(`/api/v1/surveys/${aSurvey}/invitations`, { contactId });
  },
  // A customer's points are in scope when the customer is.
  'loyalty.read': async (u, w) => {
    const id = await record('contacts', w);
    return () => api(u).get(`/api/v1/contacts/${id}/loyalty`);
  },
  'loyalty.adjust': async (u, w) => {
    const id = await record('contacts', w);
    return () => api(u).post(`/api/v1/contacts/${id}/loyalty/adjust`, { points: 5, reason: `quà ${unique()}` });
  },
  'loyalty.configure': async (u) => {
    const settings = (await api(owner).get('/api/v1/loyalty/settings')).body;
    return () => api(u).put('/api/v1/loyalty/settings', settings);
  },
  'playbooks.read': (u) => call(() => api(u).get('/api/v1/playbooks')),
  'playbooks.manage': (u) =>
    call(() =>
      api(u).post('/api/v1/playbooks', {
        name: `Quy trình chăm sóc ${unique()}`,
        audience: { kind: 'lifecycle', stages: ['new_customer'] },
        steps: [{ delayDays: 0, action: 'task', title: 'Gọi cảm ơn' }],
      }),
    ),
  // A run is in scope when its customer is: stopping one out of scope reads as missing.
  'playbooks.enroll': async (u, w) => {
    const id = await playbookRun(w);
    return () => api(u).post(`/api/v1/playbook-runs/${id}/stop`);
  },
  // An agent sees the assessments they are invited to.
  'assessments.read': async (u, w) => {
    const id = await assessment(u, w);
    return () => api(u).get(`/api/v1/assessments/${id}`);
  },
  'assessments.answer': async (u) => {
    const id = await assessment(u, 'in');
    return () => api(u).put(`/api/v1/assessments/${id}/my-scores`, { scores: [] });
  },
  'assessments.manage': (u) => call(() => api(u).post('/api/v1/assessments', { framework: 'idic', name: `Đánh giá ${unique()}` })),
  'assessments.consolidate': async (u) => {
    const id = await assessment(u, 'out');
    return () => api(u).put(`/api/v1/assessments/${id}/final`, { scores: [] });
  },
  'assessments.benchmark': (u) => call(() => api(u).put('/api/v1/assessment/settings', { shareBenchmark: false })),
  'audit.read': (u) => call(() => api(u).get('/api/v1/audit')),
  'views.share': (u) => call(() => api(u).post('/api/v1/views', { entity: 'contacts', name: `Chung ${unique()}`, shared: true, config: { filters: [] } })),
  'views.manage': (u) => call(() => api(u).patch(`/api/v1/views/${curatorsView}`, { name: `Đổi ${unique()}` })),
  // People scope: a member's own figures are in it; an agent of team B is outside everyone's but owners' and admins'.
  'kpis.read': (u, w) => call(() => api(u).get(`/api/v1/kpis/report?period=2026-11&by=user&kpi=revenue&userId=${w === 'in' ? u.userId : outsider.userId}`)),
  'kpis.configure': (u) =>
    call(() =>
      api(u).post('/api/v1/kpis', {
        key: `k${unique()}`.toLowerCase().replace(/[^a-z0-9]/g, ''),
        name: 'Doanh thu Zalo',
        base: 'narrowed',
        of: 'revenue',
        filter: { channel: 'zalo' },
      }),
    ),
  'kpi_targets.manage': (u) => call(() => api(u).put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2030-01', userId: u.userId, target: 1_000_000 })),
  'kpi_periods.close': (u) => call(() => api(u).post(`/api/v1/kpi-periods/${2000 + ++closes}/close`)),
  'segment_plans.manage': (u) =>
    call(() => api(u).put('/api/v1/segment-plans', { segmentId: aSegment, period: '2030-01', measure: 'acquisition', target: 10 })),
  // Training is in the people scope: `in` is the member themselves (a manager: the agent of their team), `out` the agent of team B.
  'training.read': (u, w) => call(() => api(u).get(`/api/v1/training/people/${trainee(u, w)}/records`)),
  'training.manage': (u) => call(() => api(u).post('/api/v1/training/competencies', { name: `Năng lực ${unique()}` })),
  'training.record': async (u, w) => {
    const courseId = await trainingCourse();
    return () => api(u).post(`/api/v1/training/people/${trainee(u, w)}/records`, { courseId, completedOn: '2026-01-15', result: 'passed' });
  },
  // People scope: `in` is the role's own agent of team A (the agent themselves, a member of the manager's team), `out` the agent of team B.
  'workload.read': (u, w) => call(() => api(u).get(`/api/v1/workload/people/${(w === 'in' ? as.agent! : outsider).userId}`)),
  'workload.configure': (u, w) =>
    call(() => api(u).put(`/api/v1/workload/people/${(w === 'in' ? as.agent! : outsider).userId}`, { maxTickets: 5 + (n++ % 20) })),
  // People scope: everyone reads their own record; a manager their team's; the agent of team B is outside every scoped one.
  'rewards.read': (u, w) => call(() => api(u).get(`/api/v1/rewards/people/${w === 'in' ? u.userId : outsider.userId}/record`)),
  'rewards.propose': (u) => call(() => api(u).post('/api/v1/rewards', { personId: as.agent!.userId, kind: 'recognition', reason: `Ghi nhận ${unique()}` })),
  // A proposal by team A's manager about team A's agent: an owner or admin decides it (neither proposed it nor is its person).
  'rewards.approve': async (u) => {
    const p = await api(as.manager!).post('/api/v1/rewards', { personId: as.agent!.userId, kind: 'recognition', reason: `Đề xuất ${unique()}` });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    return () => api(u).post(`/api/v1/rewards/${p.body.id}/approve`, {});
  },
  'rewards.configure': (u) =>
    call(() =>
      api(u).post('/api/v1/reward-rules', {
        name: `Quy tắc ${unique()}`,
        kpi: 'csat',
        comparator: 'gte',
        threshold: 4.5,
        kind: 'recognition',
        reasonTemplate: 'CSAT {{value}}',
      }),
    ),
};
let closes = 0;

test('every action in the document has a way to exercise it here', () => {
  const missing = Object.keys(matrix).filter((a) => !(a in EXERCISE));
  assert.deepEqual(missing, [], 'add an exerciser for each new action');
});

const isAssign = (a: string) => a.endsWith('.assign');
const isRecord = (a: string) =>
  a.startsWith('contacts.') ||
  a.startsWith('companies.') ||
  a.startsWith('orders.') ||
  a.startsWith('interactions.') ||
  a === 'tasks.read' ||
  a === 'tasks.write' ||
  a === 'tickets.read' ||
  a === 'tickets.write' ||
  a === 'loyalty.read' ||
  a === 'loyalty.adjust' ||
  a === 'playbooks.enroll' ||
  a === 'assessments.read' ||
  a === 'kpis.read' ||
  a.startsWith('imports.') ||
  a.startsWith('deals.') ||
  a === 'training.read' ||
  a === 'training.record' ||
  a.startsWith('workload.') ||
  a === 'rewards.read';

/** The call is refused as expected, and nothing at all was written by it (the fixture came before the snapshot). */
async function refused(action: Action, u: TestUser, where: 'in' | 'out', expect: 'forbidden' | 'not_found') {
  const run = await EXERCISE[action]!(u, where);
  const before = await snapshotCounts(t.core);
  const r = await run();
  if (expect === 'not_found') assert.equal(r.status, 404, `${u.role} ${action} (${where}) reads as missing: ${JSON.stringify(r.body)}`);
  else if (isAssign(action) && r.status === 422)
    assert.ok(['/ownerId', '/assigneeId'].includes(r.body.errors[0].pointer), `${u.role} ${action}: 422 names the assignee field`);
  else assert.equal(r.status, 403, `${u.role} ${action} is forbidden: ${JSON.stringify(r.body)}`);
  assert.match(String(r.headers['content-type']), /problem\+json/);
  assert.deepEqual(await snapshotCounts(t.core), before, `${u.role} ${action}: nothing written`);
}

describe('every cell of the matrix, through the API', () => {
  for (const [action, grants] of Object.entries(matrix)) {
    for (const role of ROLES) {
      const g = grants[role];
      const label = `${role} · ${action} → ${g === true ? 'yes' : g === false ? 'no' : 'scoped'}`;
      test(label, async () => {
        const u = as[role]!;
        const run = EXERCISE[action]!;
        if (g === false) return refused(action as Action, u, 'in', 'forbidden');
        const inScope = await (await run(u, 'in'))();
        assert.ok(inScope.status >= 200 && inScope.status < 300, `${label}: ${inScope.status} ${JSON.stringify(inScope.body)}`);
        if (!isRecord(action) || action.endsWith('.create')) return;
        if (action === 'contacts.export' || action === 'records.export') {
          // Not a 404 per record: the file simply leaves out what the role may not see.
          const holds = async (w: 'in' | 'out') => {
            const r = (await (await run(u, w))()) as Res & { fixture: string };
            assert.equal(r.status, 200);
            return String(r.raw.body).includes(r.fixture);
          };
          assert.equal(await holds('in'), true, `${label}: the file holds a record in scope`);
          assert.equal(await holds('out'), g === true, `${label}: a record out of scope is ${g === true ? 'in' : 'not in'} the file`);
          return;
        }
        if (g === true) {
          const out = await (await run(u, 'out'))();
          assert.ok(out.status >= 200 && out.status < 300, `${label} reaches every record: ${out.status} ${JSON.stringify(out.body)}`);
        } else {
          await refused(action as Action, u, 'out', 'not_found');
        }
      });
    }
  }
});
