/**
 * Two workspaces on one server. Workspace A's owner, holding every id of workspace B, gets 404 on every
 * route that takes an id, and B's data stays exactly as it was. Routes are enumerated from the OpenAPI
 * document, so a new route with a path parameter fails this test until it is covered here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type Client, type TestApp } from '../../../test/build-test-app.ts';
import { browser } from '../../../test/browser-session.ts';
import { makeMember, makeTeam, makeWorkspace, PASSWORD, type TestUser } from '../../../test/factories.ts';
import { runImport } from '../../features/import/engine.ts';

let t: TestApp;
let a: TestUser;
let b: TestUser;
let A: Client;
const B: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  ({ owner: a } = await makeWorkspace(t.core, { name: 'Workspace A' }));
  ({ owner: b } = await makeWorkspace(t.core, { name: 'Workspace B' }));
  A = client(t.app, a.token);
  const api = client(t.app, b.token);
  B.team = await makeTeam(t.core, b.workspaceId, 'Đội Bê');
  B.member = (await makeMember(t.core, b.workspaceId, 'agent', { teamIds: [B.team] })).userId;
  B.company = (await api.post('/api/v1/companies', { name: 'Công ty Bê Riêng' })).body.id;
  B.contact = (
    await api.post('/api/v1/contacts', { name: 'Khách Bê Bí Mật', emails: ['bimat@b.example'], phones: ['0988 111 222'], companyId: B.company })
  ).body.id;
  B.deletedContact = (await api.post('/api/v1/contacts', { name: 'Khách Bê Đã Xóa' })).body.id;
  assert.equal((await api.delete(`/api/v1/contacts/${B.deletedContact}`)).status, 204);
  B.deletedCompany = (await api.post('/api/v1/companies', { name: 'Công ty Bê Đã Xóa' })).body.id;
  assert.equal((await api.delete(`/api/v1/companies/${B.deletedCompany}`)).status, 204);
  B.field = (await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'be_rieng', label: 'Riêng', type: 'text' })).body.id;
  B.invitation = (await api.post('/api/v1/invitations', { email: 'moi@b.example', role: 'agent' })).body.invitation.id;
  B.token = (await api.get('/api/v1/auth/tokens')).body.data[0].id;
  B.view = (await api.post('/api/v1/views', { entity: 'contacts', name: 'Bê chung', shared: true, config: { filters: [] } })).body.id;
  B.segment = (
    await api.post('/api/v1/segments', {
      name: 'Bê chung',
      shared: true,
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'lifecycleStage', op: 'eq', value: 'lead' }] }] },
    })
  ).body.id;
  B.category = (await api.post('/api/v1/product-categories', { name: 'Hàng Bê' })).body.id;
  B.product = (await api.post('/api/v1/products', { sku: 'BE-1', name: 'Sản phẩm Bê', price: 100_000, categoryId: B.category })).body.id;
  B.deletedProduct = (await api.post('/api/v1/products', { sku: 'BE-2', name: 'Sản phẩm Bê Đã Xóa', price: 1 })).body.id;
  assert.equal((await api.delete(`/api/v1/products/${B.deletedProduct}`)).status, 204);
  B.order = (await api.post('/api/v1/orders', { contactId: B.contact, number: 'BE-0001', lines: [{ productId: B.product, quantity: 2 }] })).body.id;
  B.deletedOrder = (await api.post('/api/v1/orders', { contactId: B.contact, number: 'BE-0002', lines: [{ name: 'Bê', quantity: 1, unitPrice: 5 }] })).body.id;
  assert.equal((await api.delete(`/api/v1/orders/${B.deletedOrder}`)).status, 204);
  B.interaction = (await api.post('/api/v1/interactions', { contactId: B.contact, kind: 'call', body: 'Bê gọi' })).body.id;
  B.task = (await api.post('/api/v1/tasks', { title: 'Việc của Bê', contactId: B.contact })).body.id;
  const upload = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports?fileName=be.csv',
    headers: { authorization: `Bearer ${b.token}`, 'content-type': 'text/csv' },
    payload: 'Họ và tên,Email\nBê Nhập,nhap@b.example\n',
  });
  B.upload = upload.json().import.id;
  B.import = (
    await runImport(t.core, b.actor, { bytes: Buffer.from('Họ và tên\nBê Đã Nhập\nBê,\n') }, { kind: 'contacts', dryRun: false, fileName: 'be2.csv' })
  ).id!;
  const twin = async (name: string) => (await api.post('/api/v1/contacts', { name, phones: ['0977 000 999'] })).body.id as string;
  const [t1, t2] = [await twin('Bê Sinh Đôi'), await twin('Bê Sinh Đôi')];
  B.duplicate = (await api.get('/api/v1/duplicates')).body.data[0].id;
  const [m1, m2] = [
    (await api.post('/api/v1/contacts', { name: 'Bê Gộp', emails: ['gop@b.example'] })).body.id,
    (await api.post('/api/v1/contacts', { name: 'Bê Gộp 2' })).body.id,
  ];
  B.merge = (await api.post('/api/v1/contacts/merge', { survivorId: m1, mergedId: m2 })).body.id;
  assert.ok(t1 && t2);
  B.pipeline = (await api.get('/api/v1/pipelines')).body.data[0].id;
  B.deal = (await api.post('/api/v1/deals', { title: 'Cơ hội Bê', contactId: B.contact, amount: 1_000 })).body.id;
  B.ticket = (await api.post('/api/v1/tickets', { contactId: B.contact, subject: 'Yêu cầu của Bê', message: 'Bí mật' })).body.id;
  B.canned = (await api.post('/api/v1/canned-replies', { title: 'Mẫu Bê', body: 'Cảm ơn' })).body.id;
  B.survey = (await api.post('/api/v1/surveys', { name: 'Khảo sát Bê', questions: [{ type: 'nps', text: 'NPS' }] })).body.id;
  B.playbook = (
    await api.post('/api/v1/playbooks', {
      name: 'Chăm sóc Bê',
      audience: { kind: 'lifecycle', stages: ['lead'] },
      steps: [{ delayDays: 1, action: 'task', title: 'Gọi Bê' }],
    })
  ).body.id;
  B.playbookRun = (await api.post(`/api/v1/playbooks/${B.playbook}/runs`, { contactId: B.contact })).body.id;
  B.assessment = (await api.post('/api/v1/assessments', { framework: 'idic', name: 'Đánh giá Bê' })).body.id;
  B.respondent = (await api.get(`/api/v1/assessments/${B.assessment}/respondents`)).body.data[0].id;
  B.framework = (await api.post('/api/v1/assessment/frameworks/idic/copy', { name: { vi: 'Khung Bê', en: 'Bê framework' } })).body.key;
  B.kpi = (
    await api.post('/api/v1/kpis', { key: 'be_zalo', name: 'Doanh thu Zalo của Bê', base: 'narrowed', of: 'revenue', filter: { channel: 'zalo' } })
  ).body.key;
  B.kpiTarget = (await api.put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2026-11', userId: b.userId, target: 9_000_000 })).body.id;
  const bSegment = (
    await api.post('/api/v1/segments', {
      name: 'Phân khúc Bê',
      shared: true,
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'be' }] }] },
    })
  ).body.id;
  B.segmentPlan = (await api.put('/api/v1/segment-plans', { segmentId: bSegment, period: '2026-11', measure: 'acquisition', target: 5 })).body.id;
  assert.ok(B.kpi && B.kpiTarget && B.segmentPlan);
  B.competency = (await api.post('/api/v1/training/competencies', { name: 'Năng lực Bê' })).body.id;
  B.trainingCourse = (await api.post('/api/v1/training/courses', { name: 'Khóa học Bê', validityMonths: 12, competencyIds: [B.competency] })).body.id;
  B.requirement = (await api.post('/api/v1/training/requirements', { role: 'agent', courseId: B.trainingCourse, teamId: B.team })).body.id;
  B.trainingRecord = (
    await api.post(`/api/v1/training/people/${B.member}/records`, {
      courseId: B.trainingCourse,
      completedOn: '2026-01-15',
      result: 'passed',
      evidenceNote: 'Bê',
    })
  ).body.id;
  assert.equal((await api.put(`/api/v1/workload/people/${B.member}`, { maxTickets: 7, shifts: [{ weekday: 1, from: '08:00', to: '17:00' }] })).status, 200);
  // A failed mail of B's (a reply to B's customer whose delivery gave up).
  await t.core.db
    .insertInto('mail_outbox')
    .values({
      id: '01a22b30-0000-7000-8000-000000000001',
      workspace_id: b.workspaceId,
      contact_id: B.contact,
      to_address: 'bimat@b.example',
      subject: 'Bê',
      text: 'Bê',
      html: null,
      purpose: 'transactional',
      status: 'failed',
      attempts: 6,
      next_attempt_at: null,
      last_error: 'down',
      related_type: null,
      related_id: null,
      sent_at: null,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .execute();
  B.mail = '01a22b30-0000-7000-8000-000000000001';
  const bManager = await makeMember(t.core, b.workspaceId, 'manager', { teamIds: [B.team] });
  B.reward = (await client(t.app, bManager.token).post('/api/v1/rewards', { personId: B.member, kind: 'bonus', amount: 500_000, reason: 'Bê thưởng' })).body.id;
  B.rewardRule = (
    await api.post('/api/v1/reward-rules', {
      name: 'Bê quy tắc',
      kpi: 'csat',
      comparator: 'gte',
      threshold: 4.5,
      kind: 'recognition',
      reasonTemplate: 'Bê {{value}}',
    })
  ).body.id;
  await browser(t.app).login(b.email, PASSWORD);
  B.session = (await t.core.db.selectFrom('sessions').select('id').where('user_id', '=', b.userId).executeTakeFirstOrThrow()).id;
  // Every id of B was made (a framework copy's key is a name, not an id: `idic_` and eight hex digits; a KPI's key is B's own name).
  for (const [k, v] of Object.entries(B)) assert.match(v, k === 'framework' ? /^idic_[0-9a-f]{8}$/ : k === 'kpi' ? /^be_zalo$/ : /^[0-9a-f-]{36}$/, k);
});
after(() => t.close());

/** Every row that belongs to workspace B, to compare before and after. */
async function stateOfB(): Promise<string> {
  const ws = b.workspaceId;
  const db = t.core.db;
  const rows = {
    workspace: await db.selectFrom('workspaces').selectAll().where('id', '=', ws).execute(),
    memberships: await db.selectFrom('memberships').selectAll().where('workspace_id', '=', ws).orderBy('user_id').execute(),
    teams: await db.selectFrom('teams').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    teamMembers: await db.selectFrom('team_members').selectAll().where('workspace_id', '=', ws).orderBy('user_id').execute(),
    contacts: await db.selectFrom('contacts').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    keys: await db.selectFrom('contact_keys').selectAll().where('workspace_id', '=', ws).orderBy('contact_id').orderBy('value').execute(),
    companies: await db.selectFrom('companies').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    categories: await db.selectFrom('product_categories').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    products: await db.selectFrom('products').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    orders: await db.selectFrom('orders').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    interactions: await db.selectFrom('interactions').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    tickets: await db.selectFrom('tickets').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    ticketMessages: await db.selectFrom('ticket_messages').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    cannedReplies: await db.selectFrom('canned_replies').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    teamAssignment: await db.selectFrom('team_assignment').selectAll().where('workspace_id', '=', ws).orderBy('team_id').execute(),
    surveys: await db.selectFrom('surveys').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    surveyInvitations: await db.selectFrom('survey_invitations').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    loyalty: await db.selectFrom('loyalty_accounts').selectAll().where('workspace_id', '=', ws).orderBy('contact_id').execute(),
    points: await db.selectFrom('points_ledger').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    outbox: await db.selectFrom('mail_outbox').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    playbooks: await db.selectFrom('playbooks').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    playbookRuns: await db.selectFrom('playbook_runs').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    playbookSteps: await db.selectFrom('playbook_run_steps').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    orderLines: await db.selectFrom('order_lines').selectAll().where('workspace_id', '=', ws).orderBy('order_id').orderBy('line_no').execute(),
    fields: await db.selectFrom('custom_fields').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    invitations: await db.selectFrom('invitations').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    tokens: await db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    sessions: await db.selectFrom('sessions').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    audit: await db.selectFrom('audit_log').select(['id']).where('workspace_id', '=', ws).orderBy('id').execute(),
    views: await db.selectFrom('saved_views').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    imports: await db.selectFrom('imports').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    duplicates: await db.selectFrom('duplicate_candidates').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    merges: await db.selectFrom('merges').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    deals: await db.selectFrom('deals').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    pipelines: await db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    assessments: await db.selectFrom('assessments').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    assessmentRespondents: await db.selectFrom('assessment_respondents').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    assessmentAnswers: await db
      .selectFrom('assessment_answers')
      .selectAll()
      .where('workspace_id', '=', ws)
      .orderBy('respondent_id')
      .orderBy('practice_id')
      .execute(),
    assessmentFinals: await db.selectFrom('assessment_finals').selectAll().where('workspace_id', '=', ws).orderBy('practice_id').execute(),
    assessmentFrameworks: await db.selectFrom('assessment_frameworks').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    kpiDefinitions: await db.selectFrom('kpi_definitions').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    kpiWeights: await db.selectFrom('kpi_weights').selectAll().where('workspace_id', '=', ws).orderBy('kpi').execute(),
    kpiTargets: await db.selectFrom('kpi_targets').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    kpiPeriods: await db.selectFrom('kpi_periods').selectAll().where('workspace_id', '=', ws).orderBy('period').execute(),
    segmentPlans: await db.selectFrom('segment_plans').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    trainingCourses: await db.selectFrom('training_courses').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    competencies: await db.selectFrom('training_competencies').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    courseCompetencies: await db.selectFrom('training_course_competencies').selectAll().where('workspace_id', '=', ws).orderBy('course_id').execute(),
    requirements: await db.selectFrom('training_requirements').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    trainingRecords: await db.selectFrom('training_records').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    workloadSettings: await db.selectFrom('workload_settings').selectAll().where('workspace_id', '=', ws).execute(),
    memberCapacity: await db.selectFrom('member_capacity').selectAll().where('workspace_id', '=', ws).orderBy('user_id').execute(),
    rewardEntries: await db.selectFrom('reward_entries').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    rewardRules: await db.selectFrom('reward_rules').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
  };
  return JSON.stringify(rows);
}

/** For each templated route: which of B's ids to put in, and a body worth sending. */
type Case = { params: Record<string, string>; body?: unknown };
/**
 * 'public-by-secret': a public route whose parameter is a secret (tested where it is made).
 * 'own-workspace': the parameter is not a record but a name every workspace has of its own (a KPI period such as
 * 2026-10): A's call acts on A's own, and the test below checks that it leaves B's untouched.
 */
const CASES: Record<string, Case[] | 'public-by-secret' | 'own-workspace'> = {
  'DELETE /api/v1/auth/sessions/{id}': [{ params: { id: 'session' } }],
  'DELETE /api/v1/auth/tokens/{id}': [{ params: { id: 'token' } }],
  'PATCH /api/v1/members/{userId}': [{ params: { userId: 'member' }, body: { role: 'viewer' } }],
  'DELETE /api/v1/members/{userId}': [{ params: { userId: 'member' } }],
  'PATCH /api/v1/teams/{id}': [{ params: { id: 'team' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/teams/{id}': [{ params: { id: 'team' } }],
  'PUT /api/v1/teams/{id}/members/{userId}': [{ params: { id: 'team', userId: 'member' } }, { params: { id: 'A:team', userId: 'member' } }],
  'DELETE /api/v1/teams/{id}/members/{userId}': [{ params: { id: 'team', userId: 'member' } }],
  'DELETE /api/v1/invitations/{id}': [{ params: { id: 'invitation' } }],
  'GET /api/v1/invitations/by-token/{token}': 'public-by-secret',
  'POST /api/v1/invitations/by-token/{token}/accept': 'public-by-secret',
  'PATCH /api/v1/custom-fields/{id}': [{ params: { id: 'field' }, body: { label: 'Chiếm' } }],
  'DELETE /api/v1/custom-fields/{id}': [{ params: { id: 'field' } }],
  'GET /api/v1/contacts/{id}': [{ params: { id: 'contact' } }, { params: { id: 'deletedContact' } }],
  'PATCH /api/v1/contacts/{id}': [{ params: { id: 'contact' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/contacts/{id}': [{ params: { id: 'contact' } }],
  'POST /api/v1/contacts/{id}/restore': [{ params: { id: 'deletedContact' } }],
  'POST /api/v1/contacts/{id}/purge': [{ params: { id: 'contact' } }, { params: { id: 'deletedContact' } }],
  'GET /api/v1/companies/{id}': [{ params: { id: 'company' } }],
  'GET /api/v1/companies/{id}/contacts': [{ params: { id: 'company' } }],
  'PATCH /api/v1/companies/{id}': [{ params: { id: 'company' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/companies/{id}': [{ params: { id: 'company' } }],
  'POST /api/v1/companies/{id}/restore': [{ params: { id: 'deletedCompany' } }],
  'POST /api/v1/companies/{id}/purge': [{ params: { id: 'company' } }],
  'PATCH /api/v1/product-categories/{id}': [{ params: { id: 'category' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/product-categories/{id}': [{ params: { id: 'category' } }],
  'GET /api/v1/products/{id}': [{ params: { id: 'product' } }],
  'PATCH /api/v1/products/{id}': [{ params: { id: 'product' }, body: { price: 1 } }],
  'DELETE /api/v1/products/{id}': [{ params: { id: 'product' } }],
  'POST /api/v1/products/{id}/restore': [{ params: { id: 'deletedProduct' } }],
  'GET /api/v1/orders/{id}': [{ params: { id: 'order' } }],
  'PATCH /api/v1/orders/{id}': [{ params: { id: 'order' }, body: { status: 'paid' } }],
  'DELETE /api/v1/orders/{id}': [{ params: { id: 'order' } }],
  'POST /api/v1/orders/{id}/restore': [{ params: { id: 'deletedOrder' } }],
  'GET /api/v1/interactions/{id}': [{ params: { id: 'interaction' } }],
  'PATCH /api/v1/interactions/{id}': [{ params: { id: 'interaction' }, body: { body: 'Chiếm' } }],
  'DELETE /api/v1/interactions/{id}': [{ params: { id: 'interaction' } }],
  'GET /api/v1/tasks/{id}': [{ params: { id: 'task' } }],
  'GET /api/v1/deals/{id}': [{ params: { id: 'deal' } }],
  'PATCH /api/v1/deals/{id}': [{ params: { id: 'deal' }, body: { title: 'lấy' } }],
  'DELETE /api/v1/deals/{id}': [{ params: { id: 'deal' } }],
  'POST /api/v1/deals/{id}/order': [{ params: { id: 'deal' } }],
  'PUT /api/v1/pipelines/{id}': [
    {
      params: { id: 'pipeline' },
      body: {
        name: 'lấy',
        stages: [
          { name: 'Mở', probability: 10, kind: 'open' },
          { name: 'Thắng', probability: 100, kind: 'won' },
          { name: 'Thua', probability: 0, kind: 'lost' },
        ],
      },
    },
  ],
  'POST /api/v1/duplicates/{id}/dismiss': [{ params: { id: 'duplicate' } }],
  'POST /api/v1/merges/{id}/undo': [{ params: { id: 'merge' } }],
  'GET /api/v1/imports/{id}': [{ params: { id: 'upload' } }, { params: { id: 'import' } }],
  'GET /api/v1/imports/{id}/errors': [{ params: { id: 'import' } }],
  'POST /api/v1/imports/{id}/dry-run': [{ params: { id: 'upload' }, body: {} }],
  'POST /api/v1/imports/{id}/run': [{ params: { id: 'upload' }, body: {} }],
  'POST /api/v1/imports/{id}/undo': [{ params: { id: 'import' } }],
  'PATCH /api/v1/tasks/{id}': [{ params: { id: 'task' }, body: { done: true } }],
  'DELETE /api/v1/tasks/{id}': [{ params: { id: 'task' } }],
  'PATCH /api/v1/views/{id}': [{ params: { id: 'view' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/views/{id}': [{ params: { id: 'view' } }],
  'GET /api/v1/contacts/{id}/timeline': [{ params: { id: 'contact' } }, { params: { id: 'deletedContact' } }],
  'GET /api/v1/contacts/{id}/scores': [{ params: { id: 'contact' } }, { params: { id: 'deletedContact' } }],
  'GET /api/v1/contacts/{id}/needs': [{ params: { id: 'contact' } }, { params: { id: 'deletedContact' } }],
  'GET /api/v1/segments/{id}': [{ params: { id: 'segment' } }],
  'PATCH /api/v1/segments/{id}': [{ params: { id: 'segment' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/segments/{id}': [{ params: { id: 'segment' } }],
  'GET /api/v1/teams/{id}/assignment': [{ params: { id: 'team' } }],
  'PUT /api/v1/teams/{id}/assignment': [{ params: { id: 'team' }, body: { mode: 'round_robin' } }],
  'PUT /api/v1/canned-replies/{id}': [{ params: { id: 'canned' }, body: { title: 'Chiếm', body: 'Chiếm' } }],
  'DELETE /api/v1/canned-replies/{id}': [{ params: { id: 'canned' } }],
  'GET /api/v1/tickets/{id}': [{ params: { id: 'ticket' } }],
  'PATCH /api/v1/tickets/{id}': [{ params: { id: 'ticket' }, body: { priority: 'urgent' } }],
  'GET /api/v1/tickets/{id}/messages': [{ params: { id: 'ticket' } }],
  'POST /api/v1/tickets/{id}/messages': [{ params: { id: 'ticket' }, body: { kind: 'note', body: 'Chiếm' } }],
  'GET /api/v1/surveys/{id}': [{ params: { id: 'survey' } }],
  'PATCH /api/v1/surveys/{id}': [{ params: { id: 'survey' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/surveys/{id}': [{ params: { id: 'survey' } }],
  'GET /api/v1/surveys/{id}/results': [{ params: { id: 'survey' } }],
  'POST /api/v1/surveys/{id}/invitations/bulk': [{ params: { id: 'survey' }, body: { contactIds: ['00000000-0000-7000-8000-000000000000'], channel: 'link' } }],
  'POST /api/v1/surveys/{id}/invitations': [{ params: { id: 'survey' }, body: { contactId: '00000000-0000-7000-8000-000000000000' } }],
  'POST /api/v1/public/surveys/{token}/responses': 'public-by-secret',
  'GET /api/v1/contacts/{id}/loyalty': [{ params: { id: 'contact' } }, { params: { id: 'deletedContact' } }],
  'POST /api/v1/contacts/{id}/loyalty/redeem': [{ params: { id: 'contact' }, body: { points: 1, reason: 'Chiếm' } }],
  'POST /api/v1/contacts/{id}/loyalty/adjust': [{ params: { id: 'contact' }, body: { points: 100, reason: 'Chiếm' } }],
  'POST /api/v1/contacts/{id}/referral': [{ params: { id: 'contact' }, body: { code: 'ABCDEFGH' } }],
  'POST /api/v1/mail/outbox/{id}/retry': [{ params: { id: 'mail' } }],
  'GET /api/v1/playbooks/{id}': [{ params: { id: 'playbook' } }],
  'PATCH /api/v1/playbooks/{id}': [{ params: { id: 'playbook' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/playbooks/{id}': [{ params: { id: 'playbook' } }],
  'POST /api/v1/playbooks/{id}/runs': [{ params: { id: 'playbook' }, body: { contactId: '00000000-0000-7000-8000-000000000000' } }],
  'POST /api/v1/playbook-runs/{id}/stop': [{ params: { id: 'playbookRun' } }],
  'GET /api/v1/contacts/{id}/playbook-runs': [{ params: { id: 'contact' } }],
  'GET /api/v1/assessment/frameworks/{key}': [{ params: { key: 'framework' } }],
  'POST /api/v1/assessment/frameworks/{key}/copy': [{ params: { key: 'framework' } }],
  'PATCH /api/v1/assessment/frameworks/{key}': [{ params: { key: 'framework' }, body: { areas: [{ key: 'identify', weight: 5 }] } }],
  'DELETE /api/v1/assessment/frameworks/{key}': [{ params: { key: 'framework' } }],
  'GET /api/v1/assessments/{id}': [{ params: { id: 'assessment' } }],
  'GET /api/v1/assessments/{id}/framework': [{ params: { id: 'assessment' } }],
  'PATCH /api/v1/assessments/{id}': [{ params: { id: 'assessment' }, body: { status: 'closed' } }],
  'DELETE /api/v1/assessments/{id}': [{ params: { id: 'assessment' } }],
  'GET /api/v1/assessments/{id}/respondents': [{ params: { id: 'assessment' } }],
  'POST /api/v1/assessments/{id}/respondents': [{ params: { id: 'assessment' }, body: { outside: [{ name: 'Chiếm' }] } }],
  'DELETE /api/v1/assessments/{id}/respondents/{respondentId}': [{ params: { id: 'assessment', respondentId: 'respondent' } }],
  'GET /api/v1/assessments/{id}/my-scores': [{ params: { id: 'assessment' } }],
  'PUT /api/v1/assessments/{id}/my-scores': [{ params: { id: 'assessment' }, body: { scores: [{ practiceId: 'idic.identify.1', intention: 4, reality: 4 }] } }],
  'GET /api/v1/assessments/{id}/consolidation': [{ params: { id: 'assessment' } }],
  'PUT /api/v1/assessments/{id}/final': [{ params: { id: 'assessment' }, body: { scores: [{ practiceId: 'idic.identify.1', intention: 4, reality: 4 }] } }],
  'POST /api/v1/assessments/{id}/evidence': [{ params: { id: 'assessment' } }],
  'GET /api/v1/assessments/{id}/report': [{ params: { id: 'assessment' } }],
  'GET /api/v1/assessments/{id}/report.csv': [{ params: { id: 'assessment' } }],
  'GET /api/v1/assessments/{id}/report.html': [{ params: { id: 'assessment' } }],
  'POST /api/v1/public/assessments/{token}/scores': 'public-by-secret',
  'PATCH /api/v1/kpis/{key}': [{ params: { key: 'kpi' }, body: { weight: 9 } }],
  'DELETE /api/v1/kpis/{key}': [{ params: { key: 'kpi' } }],
  'DELETE /api/v1/kpi-targets/{id}': [{ params: { id: 'kpiTarget' } }],
  'DELETE /api/v1/segment-plans/{id}': [{ params: { id: 'segmentPlan' } }],
  'POST /api/v1/kpi-periods/{period}/close': 'own-workspace',
  'POST /api/v1/kpi-periods/{period}/recount': 'own-workspace',
  'PATCH /api/v1/training/courses/{id}': [{ params: { id: 'trainingCourse' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/training/courses/{id}': [{ params: { id: 'trainingCourse' } }],
  'PATCH /api/v1/training/competencies/{id}': [{ params: { id: 'competency' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/training/competencies/{id}': [{ params: { id: 'competency' } }],
  'DELETE /api/v1/training/requirements/{id}': [{ params: { id: 'requirement' } }],
  'GET /api/v1/training/people/{userId}/records': [{ params: { userId: 'member' } }],
  'POST /api/v1/training/people/{userId}/records': [
    { params: { userId: 'member' }, body: { courseId: '0190a1b2-0000-7000-8000-000000000001', completedOn: '2026-01-15', result: 'passed' } },
  ],
  'PATCH /api/v1/training/records/{id}': [{ params: { id: 'trainingRecord' }, body: { score: 1 } }],
  'DELETE /api/v1/training/records/{id}': [{ params: { id: 'trainingRecord' } }],
  'GET /api/v1/workload/people/{userId}': [{ params: { userId: 'member' } }],
  'PUT /api/v1/workload/people/{userId}': [{ params: { userId: 'member' }, body: { maxTickets: 1, shifts: [] } }],
  'GET /api/v1/rewards/{id}': [{ params: { id: 'reward' } }],
  'PATCH /api/v1/rewards/{id}': [{ params: { id: 'reward' }, body: { reason: 'Chiếm' } }],
  'POST /api/v1/rewards/{id}/approve': [{ params: { id: 'reward' }, body: {} }],
  'POST /api/v1/rewards/{id}/reject': [{ params: { id: 'reward' }, body: { note: 'Chiếm' } }],
  'POST /api/v1/rewards/{id}/withdraw': [{ params: { id: 'reward' } }],
  'GET /api/v1/rewards/people/{userId}/record': [{ params: { userId: 'member' } }],
  'GET /api/v1/reward-rules/{id}': [{ params: { id: 'rewardRule' } }],
  'PATCH /api/v1/reward-rules/{id}': [{ params: { id: 'rewardRule' }, body: { name: 'Chiếm' } }],
  'DELETE /api/v1/reward-rules/{id}': [{ params: { id: 'rewardRule' } }],
};

describe('ids of another workspace', () => {
  test('every route with a path parameter is covered by this test', async () => {
    const doc = (await A.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const templated = Object.entries(doc.paths)
      .filter(([p]) => p.includes('{'))
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    const missing = templated.filter((r) => !(r in CASES));
    assert.deepEqual(missing, [], 'add these routes to CASES');
    assert.ok(templated.length >= 20);
  });

  for (const [route, cases] of Object.entries(CASES)) {
    if (cases === 'public-by-secret' || cases === 'own-workspace') continue;
    test(`${route} with B's ids is a 404 and changes nothing in B`, async () => {
      const aTeam = await makeTeam(t.core, a.workspaceId);
      for (const c of cases) {
        const [method, template] = route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string];
        const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
          const key = c.params[name]!;
          return key === 'A:team' ? aTeam : B[key]!;
        });
        const before = await stateOfB();
        const res =
          method === 'GET'
            ? await A.get(url)
            : method === 'DELETE'
              ? await A.delete(url)
              : method === 'PUT'
                ? await A.put(url, c.body ?? {})
                : method === 'PATCH'
                  ? await A.patch(url, c.body ?? {})
                  : await A.post(url, c.body ?? {});
        assert.equal(res.status, 404, `${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(await stateOfB(), before, `${route} changed nothing in B`);
      }
    });
  }
});

describe('names every workspace has of its own', () => {
  test('closing and recounting a KPI period in A leaves B’s periods and figures alone', async () => {
    const before = await stateOfB();
    assert.equal((await A.post('/api/v1/kpi-periods/2026-11/close')).status, 200);
    assert.equal((await A.post('/api/v1/kpi-periods/2026-11/recount')).status, 200);
    assert.equal(await stateOfB(), before);
    const bFigures = await t.core.db.selectFrom('kpi_results').select('subject_id').where('workspace_id', '=', b.workspaceId).execute();
    assert.deepEqual(bFigures, []);
    const aFigures = await t.core.db.selectFrom('kpi_results').select('subject_id').where('workspace_id', '=', a.workspaceId).execute();
    assert.ok(aFigures.length > 0 && !aFigures.some((f) => f.subject_id === b.userId), 'A froze its own people only');
  });
});

describe('lists, search and references never cross', () => {
  test('A’s lists hold nothing of B’s', async () => {
    const lists = [
      '/api/v1/contacts?limit=200',
      '/api/v1/contacts?deleted=include&limit=200',
      `/api/v1/contacts?q=${encodeURIComponent('Bê Bí Mật')}`,
      '/api/v1/contacts?q=0988111222',
      '/api/v1/contacts?q=bimat%40b.example',
      '/api/v1/companies?limit=200',
      '/api/v1/companies?q=rieng',
      '/api/v1/members',
      '/api/v1/teams',
      '/api/v1/custom-fields',
      '/api/v1/invitations',
      '/api/v1/auth/tokens',
      '/api/v1/audit?limit=500',
      '/api/v1/views?entity=contacts',
      `/api/v1/contacts?filter[companyId][eq]=${B.company}`,
      '/api/v1/products?limit=200',
      '/api/v1/products?q=be',
      '/api/v1/product-categories',
      '/api/v1/orders?limit=200',
      '/api/v1/kpis',
      '/api/v1/kpi-targets?period=2026-11',
      '/api/v1/kpis/report?period=2026-11&by=user',
      '/api/v1/kpis/report?period=2026-11&by=team',
      '/api/v1/kpi-periods',
      '/api/v1/segment-plans?period=2026-11',
      '/api/v1/orders?q=be',
      `/api/v1/orders?filter[contactId][eq]=${B.contact}`,
      '/api/v1/tasks?assignee=any',
      `/api/v1/tasks?assignee=any&contactId=${B.contact}`,
      '/api/v1/deals?limit=200',
      '/api/v1/deals/board',
      '/api/v1/pipelines',
      '/api/v1/duplicates',
      '/api/v1/imports',
      '/api/v1/tickets?limit=200',
      '/api/v1/tickets?q=be',
      '/api/v1/canned-replies',
      '/api/v1/surveys',
      '/api/v1/surveys/answers',
      '/api/v1/surveys/results?by=survey',
      '/api/v1/playbooks',
      '/api/v1/assessments',
      '/api/v1/assessment/frameworks',
      '/api/v1/assessments/history?framework=idic',
      '/api/v1/training/catalogue',
      '/api/v1/training/matrix',
      '/api/v1/training/records',
      '/api/v1/workload',
      '/api/v1/workload/peak',
      '/api/v1/rewards?limit=500',
      '/api/v1/reward-rules',
    ];
    for (const url of lists) {
      const r = await A.get(url);
      assert.equal(r.status, 200, url);
      const text = JSON.stringify(r.body);
      for (const [k, id] of Object.entries(B)) assert.ok(!text.includes(id), `${url} leaks B's ${k}`);
      assert.ok(!text.includes('Bê'), `${url} leaks B's names`);
    }
  });

  test('a body cannot point at B’s people, teams or companies, nor set fields no caller may set', async () => {
    const before = await stateOfB();
    const refs = [{ ownerId: B.member }, { teamId: B.team }, { companyId: B.company }];
    for (const ref of refs) {
      const r = await A.post('/api/v1/contacts', { name: 'Tham Chiếu', ...ref });
      assert.equal(r.status, 422, JSON.stringify(ref));
      assert.equal(r.body.errors[0].pointer, `/${Object.keys(ref)[0]}`);
    }
    const own = (await A.post('/api/v1/contacts', { name: 'Của A' })).body.id;
    for (const ref of refs) assert.equal((await A.patch(`/api/v1/contacts/${own}`, ref)).status, 422, JSON.stringify(ref));
    assert.equal((await A.post('/api/v1/companies', { name: 'X', ownerId: B.member })).status, 422);
    assert.equal((await A.post('/api/v1/invitations', { email: 'x@a.example', role: 'agent', teamId: B.team })).status, 422);
    for (const who of [{ userId: B.member }, { userId: b.userId }, { teamId: B.team }]) {
      const r = await A.put('/api/v1/kpi-targets', { kpi: 'revenue', period: '2026-12', target: 1, ...who });
      assert.equal(r.status, 422, JSON.stringify(who));
      assert.equal(r.body.errors[0].pointer, `/${Object.keys(who)[0]}`);
    }
    assert.equal((await A.post('/api/v1/kpi-targets/split', { kpi: 'revenue', period: '2026-11', teamId: B.team })).status, 422);
    assert.equal((await A.get(`/api/v1/kpis/history?period=2026-11&userId=${b.userId}`)).status, 404);
    for (const forbidden of [
      { workspaceId: b.workspaceId },
      { role: 'owner' },
      { createdAt: '2000-01-01T00:00:00Z' },
      { deletedAt: null },
      { version: 99 },
      { updatedBy: B.member },
    ]) {
      const r = await A.patch(`/api/v1/contacts/${own}`, forbidden);
      assert.equal(r.status, 422, JSON.stringify(forbidden));
      assert.ok(
        r.body.errors.some((e: { detail: string }) => e.detail.includes(Object.keys(forbidden)[0]!)),
        JSON.stringify(r.body),
      );
    }
    const bulk = await A.post('/api/v1/contacts/bulk', {
      items: [{ name: 'Một' }, { name: 'Hai', ownerId: B.member }, { name: 'Ba', workspaceId: b.workspaceId }],
    });
    assert.equal(bulk.status, 422);
    assert.deepEqual(
      bulk.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/items/1/ownerId', '/items/2'],
    );
    assert.equal((await A.patch('/api/v1/contacts/bulk', { items: [{ id: B.contact, name: 'Chiếm' }] })).status, 422);
    // A playbook of A cannot enrol B's customer, nor use B's segment or survey.
    const aPlaybook = (await A.get('/api/v1/playbooks')).body.data[0].id as string;
    const enrol = await A.post(`/api/v1/playbooks/${aPlaybook}/runs`, { contactId: B.contact });
    assert.equal(enrol.status, 422);
    assert.equal(enrol.body.errors[0].pointer, '/contactId');
    const pb = await A.post('/api/v1/playbooks', {
      name: 'Mượn',
      audience: { kind: 'segment', segmentId: B.segment },
      steps: [{ delayDays: 0, action: 'survey', title: 'Khảo sát', surveyId: B.survey }],
    });
    assert.equal(pb.status, 422);
    assert.deepEqual(pb.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/audience/segmentId', '/steps/0/surveyId']);
    // A's training cannot name B's courses, competencies or teams.
    const rec = await A.post(`/api/v1/training/people/${a.userId}/records`, { courseId: B.trainingCourse, completedOn: '2026-01-15', result: 'passed' });
    assert.deepEqual([rec.status, rec.body.errors?.[0]?.pointer], [422, '/courseId']);
    const course = await A.post('/api/v1/training/courses', { name: 'Mượn', competencyIds: [B.competency] });
    assert.deepEqual([course.status, course.body.errors?.[0]?.pointer], [422, '/competencyIds/0']);
    const req = await A.post('/api/v1/training/requirements', { role: 'agent', competencyId: B.competency, teamId: B.team });
    assert.deepEqual(req.body.errors?.map((e: { pointer: string }) => e.pointer).sort(), ['/competencyId', '/teamId']);
    assert.equal(await stateOfB(), before);
  });

  test('a session or token of A cannot be pointed at B', async () => {
    const s = browser(t.app);
    await s.login(a.email, PASSWORD);
    const sw = await s.put('/api/v1/auth/session/workspace', { workspaceId: b.workspaceId });
    assert.equal(sw.status, 422);
    const tok = await client(t.app).post('/api/v1/auth/tokens', { email: a.email, password: PASSWORD, name: 'x', workspace: b.workspaceId });
    assert.equal(tok.status, 422);
    assert.equal((await s.get('/api/v1/workspace')).body.id, a.workspaceId);
  });
});
