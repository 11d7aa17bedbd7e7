import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, type TestUser } from '../../../test/factories.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let agent: TestUser;
let viewer: TestUser;
let other: TestUser; // the owner of another workspace
let team: string;
const clock = new Date('2026-12-07T03:00:00Z');

before(async () => {
  t = await createTestApp({ now: () => clock });
  ({ owner } = await makeWorkspace(t.core));
  team = await makeTeam(t.core, owner.workspaceId, 'Bán hàng');
  manager = await makeMember(t.core, owner.workspaceId, 'manager', { teamIds: [team], name: 'Trần Quản Lý' });
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team], name: 'Lê Nhân Viên' });
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
  ({ owner: other } = await makeWorkspace(t.core));
});
after(async () => t.close());

const api = (u: TestUser) => client(t.app, u.token);
const anon = () => client(t.app);

type Fw = { key: string; areas: { key: string; practices: { id: string }[] }[] };
let qci: Fw;
const all = (f: Fw, i: number, r: number) => f.areas.flatMap((a) => a.practices.map((p) => ({ practiceId: p.id, intention: i, reality: r })));

async function start(u: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const r = await api(u).post('/api/v1/assessments', { framework: 'qci', name: 'Kiểm tra sức khỏe Q4', ...body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.ok(r.body.id);
  return r.body.id;
}

describe('assessment: the public contract', () => {
  test('GET /assessment/frameworks lists the six frameworks; qci has the eight areas', async () => {
    const r = await api(owner).get('/api/v1/assessment/frameworks');
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.body));
    const keys = r.body.map((f: { key: string }) => f.key);
    for (const k of ['qci', 'idic', 'care', 'gartner', 'payne_frow', 'buttle']) assert.ok(keys.includes(k), k);
    qci = r.body.find((f: Fw) => f.key === 'qci');
    assert.deepEqual(
      qci.areas.map((a) => a.key),
      [
        'analysis_planning',
        'proposition',
        'customer_management',
        'people_organisation',
        'information_technology',
        'process_management',
        'measurement',
        'customer_experience',
      ],
    );
    const p = r.body[0].areas[0].practices[0];
    assert.equal(typeof p.id, 'string');
    assert.equal(typeof p.text, 'string');
    assert.equal(typeof r.body[0].name, 'string');
    // Texts in the caller's language.
    const en = await api(owner).get('/api/v1/assessment/frameworks?lang=en');
    assert.notEqual(en.body[0].areas[0].name, r.body[0].areas[0].name);
  });

  test('one respondent scoring every practice I = R = 4 gives 100; I = R = 2 gives 50; I = 4, R = 0 gives 50', async () => {
    for (const [i, r, want] of [
      [4, 4, 100],
      [2, 2, 50],
      [4, 0, 50],
    ] as const) {
      const id = await start(owner);
      const empty = await api(owner).get(`/api/v1/assessments/${id}/report`);
      assert.equal(empty.status, 200);
      assert.equal(empty.body.overall, null);
      const put = await api(owner).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, i, r) });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const rep = await api(owner).get(`/api/v1/assessments/${id}/report`);
      assert.equal(rep.status, 200);
      assert.ok(Math.abs(rep.body.overall - want) < 1e-9, `${i}/${r}: ${rep.body.overall}`);
      assert.equal(rep.body.areas.length, 8);
      for (const a of rep.body.areas) {
        assert.ok(Math.abs(a.score - want) < 1e-9);
        assert.ok([1, 2, 3, 4].includes(a.quartile));
        assert.ok(Array.isArray(a.evidence));
        for (const e of a.evidence) assert.ok('key' in e && 'value' in e && 'suggestedReality' in e);
      }
      for (const x of rep.body.recommendations) assert.ok(['quick_win', 'strategic'].includes(x.kind) && typeof x.practiceId === 'string');
      if (want === 100) assert.equal(rep.body.recommendations.length, 0);
      else assert.ok(rep.body.recommendations.length > 0);
      // I = 4, R = 0: the plan exists and the doing lags — quick wins.
      if (i === 4 && r === 0) assert.ok(rep.body.recommendations.every((x: { kind: string }) => x.kind === 'quick_win'));
      if (i === 2) assert.ok(rep.body.recommendations.every((x: { kind: string }) => x.kind === 'strategic'));
    }
  });

  test('a score out of 0–4, not an integer, or of an unknown practice is a 422 naming the entry; nothing is saved', async () => {
    const id = await start(owner);
    const p = qci.areas[0]!.practices[0]!.id;
    for (const [bad, pointer] of [
      [{ practiceId: p, intention: 5, reality: 1 }, '/scores/1/intention'],
      [{ practiceId: p, intention: 1, reality: -1 }, '/scores/1/reality'],
      [{ practiceId: p, intention: 1.5, reality: 1 }, '/scores/1/intention'],
      [{ practiceId: p, intention: '3', reality: 1 }, '/scores/1/intention'],
      [{ practiceId: 'nope.1', intention: 1, reality: 1 }, '/scores/1/practiceId'],
    ] as const) {
      const r = await api(owner).put(`/api/v1/assessments/${id}/my-scores`, {
        scores: [{ practiceId: qci.areas[1]!.practices[0]!.id, intention: 1, reality: 1 }, bad],
      });
      assert.equal(r.status, 422, JSON.stringify(bad));
      assert.match(String(r.headers['content-type']), /application\/problem\+json/);
      assert.ok(
        r.body.errors.some((e: { pointer: string }) => e.pointer === pointer),
        JSON.stringify(r.body.errors),
      );
    }
    const mine = await api(owner).get(`/api/v1/assessments/${id}/my-scores`);
    assert.equal(mine.body.answered, 0);
  });
});

describe('assessment: three respondents, one outside by link, consolidation, the report', () => {
  let id: string;
  let link: string;
  const first = () => qci.areas[0]!.practices[0]!.id;

  test('a manager starts one for the team and invites a colleague and an outside person', async () => {
    id = await start(manager, { teamId: team, periodFrom: '2026-01-01', periodTo: '2026-11-30' });
    const inv = await api(manager).post(`/api/v1/assessments/${id}/respondents`, {
      memberIds: [agent.userId],
      outside: [{ name: 'Cố vấn <b>Hà</b>', email: 'ha@example.com', locale: 'vi' }],
      expiresDays: 7,
      sendEmail: true,
    });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const outside = inv.body.data.find((r: { kind: string }) => r.kind === 'outside');
    assert.match(outside.link, /\/a\/[\w-]+$/);
    assert.equal(outside.emailed, true);
    link = new URL(outside.link).pathname;
    // Both invitations are queued as service mail: the outside person's with their personal link, the member's with the way in.
    const mail = await t.core.db.selectFrom('mail_outbox').selectAll().where('related_type', '=', 'assessment_respondent').execute();
    const toHa = mail.find((m) => m.to_address === 'ha@example.com');
    assert.ok(toHa, JSON.stringify(mail.map((m) => m.to_address)));
    assert.ok(toHa.text.includes(outside.link));
    assert.match(toHa.subject, /Kiểm tra sức khỏe Q4/);
    assert.equal(toHa.purpose, 'transactional');
    assert.ok(toHa.html?.includes('Cố vấn &lt;b&gt;Hà&lt;/b&gt;'), 'the name is escaped in the mail’s HTML');
    assert.ok(mail.some((m) => m.to_address === agent.email && m.text.includes(`/assessments/${id}`)));
    const resp = await api(manager).get(`/api/v1/assessments/${id}/respondents`);
    assert.equal(resp.body.data.length, 3); // the manager (who started it), the agent, the outside person
    assert.ok(
      resp.body.data.every((r: { link?: string }) => r.link === undefined),
      'a link is shown once',
    );
  });

  test('nobody sees the others’ answers before submitting their own', async () => {
    const put = await api(manager).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 4, 3) });
    assert.equal(put.status, 200);
    assert.equal(put.body.answered, put.body.total);
    const early = await api(agent).get(`/api/v1/assessments/${id}/consolidation`);
    assert.equal(early.status, 409);
    assert.equal((await api(agent).get(`/api/v1/assessments/${id}/report`)).status, 409);
    const listed = await api(agent).get('/api/v1/assessments');
    const mine = listed.body.data.find((a: { id: string }) => a.id === id);
    assert.equal(mine.canSeeResults, false);
    assert.equal(mine.overall, null);
    // Submitting before every practice is scored is refused, naming `submit`.
    const partial = await api(agent).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 2, 1).slice(0, 5), submit: true });
    assert.equal(partial.status, 422);
    assert.ok(partial.body.errors.some((e: { pointer: string }) => e.pointer === '/submit'));
    const done = await api(agent).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 2, 1), submit: true });
    assert.equal(done.status, 200);
    assert.ok(done.body.submittedAt);
    const again = await api(agent).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 4, 4) });
    assert.equal(again.status, 409, 'submitted answers are final');
    assert.equal((await api(agent).get(`/api/v1/assessments/${id}/consolidation`)).status, 200);
  });

  test('the outside person answers on the page their link opens; the page escapes what it shows', async () => {
    const page = await anon().get(link);
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.ok(page.raw.body.includes('Cố vấn &lt;b&gt;Hà&lt;/b&gt;'));
    assert.ok(!page.raw.body.includes('<b>Hà</b>'));
    const token = link.split('/').pop() as string;
    const bad = await anon().post(`/api/v1/public/assessments/${token}/scores`, { scores: [{ practiceId: first(), intention: 9, reality: 1 }] });
    assert.equal(bad.status, 422);
    const ok = await anon().post(`/api/v1/public/assessments/${token}/scores`, { scores: all(qci, 0, 0), submit: true });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.ok(ok.body.submittedAt);
    assert.equal((await anon().post(`/api/v1/public/assessments/${token}/scores`, { scores: all(qci, 1, 1) })).status, 409);
    assert.equal((await anon().get('/a/not-a-real-token-at-all')).status, 404);
  });

  test('consolidation: per practice the mean and spread of the three, disagreement flagged; a final score with a reason', async () => {
    // The manager answered too: until they submit, the others' answers stay hidden from them as well.
    assert.equal((await api(manager).get(`/api/v1/assessments/${id}/consolidation`)).status, 409);
    assert.equal((await api(manager).put(`/api/v1/assessments/${id}/my-scores`, { scores: [], submit: true })).status, 200);
    const c = await api(manager).get(`/api/v1/assessments/${id}/consolidation`);
    assert.equal(c.status, 200);
    const p = c.body.practices.find((x: { practiceId: string }) => x.practiceId === first());
    assert.equal(p.n, 3);
    assert.ok(Math.abs(p.intention.mean - 2) < 1e-9); // (4 + 2 + 0) / 3
    assert.equal(p.intention.min, 0);
    assert.equal(p.intention.max, 4);
    assert.ok(Math.abs(p.reality.mean - 4 / 3) < 1e-9); // (3 + 1 + 0) / 3
    assert.equal(p.disagreement, true);
    assert.equal(p.answers.length, 3);
    // Before any decision: overall = mean over practices of (Ī + R̄)/8 = (2 + 4/3)/8 = 41.67%.
    const before = await api(manager).get(`/api/v1/assessments/${id}/report`);
    assert.ok(Math.abs(before.body.overall - ((2 + 4 / 3) / 8) * 100) < 1e-9, String(before.body.overall));
    // The agent may not decide; the manager may.
    assert.equal(
      (await api(agent).put(`/api/v1/assessments/${id}/final`, { scores: [{ practiceId: first(), intention: 3, reality: 3, reason: 'x' }] })).status,
      403,
    );
    const fin = await api(manager).put(`/api/v1/assessments/${id}/final`, {
      scores: [{ practiceId: first(), intention: 3, reality: 3, reason: 'Đã xem báo cáo RFM hàng tháng' }],
    });
    assert.equal(fin.status, 200, JSON.stringify(fin.body));
    assert.deepEqual(fin.body.practices.find((x: { practiceId: string }) => x.practiceId === first()).final, {
      intention: 3,
      reality: 3,
      reason: 'Đã xem báo cáo RFM hàng tháng',
    });
    const half = await api(manager).put(`/api/v1/assessments/${id}/final`, { scores: [{ practiceId: first(), intention: 3, reality: null }] });
    assert.equal(half.status, 422);
    const rep = await api(manager).get(`/api/v1/assessments/${id}/report`);
    const dec = rep.body.practices.find((x: { id: string }) => x.id === first());
    assert.equal(dec.decided, true);
    assert.equal(dec.score, 75);
    assert.ok(rep.body.overall > before.body.overall);
    assert.equal(rep.body.benchmark.source, 'seed');
  });

  test('the report as CSV (formulas neutralised) and as printable HTML; closing keeps the scores; history shows both', async () => {
    const csv = await api(manager).get(`/api/v1/assessments/${id}/report.csv`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.raw.body.split('\n').filter(Boolean);
    assert.ok(lines.length > 3 * 90, String(lines.length)); // areas + practices + an answer per practice per respondent
    const html = await api(manager).get(`/api/v1/assessments/${id}/report.html?lang=en`);
    assert.equal(html.status, 200);
    assert.ok(html.raw.body.includes('<svg'));
    assert.ok(html.raw.body.includes('Overall'));
    const closed = await api(manager).patch(`/api/v1/assessments/${id}`, { status: 'closed' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal(closed.body.status, 'closed');
    const late = await api(manager).put(`/api/v1/assessments/${id}/final`, { scores: [{ practiceId: first(), intention: 4, reality: 4 }] });
    assert.equal(late.status, 409);
    const next = await start(manager, { teamId: team });
    await api(manager).put(`/api/v1/assessments/${next}/my-scores`, { scores: all(qci, 4, 4) });
    const rep = await api(manager).get(`/api/v1/assessments/${next}/report`);
    assert.equal(rep.body.previous.id, id);
    assert.ok(rep.body.areas.every((a: { previous: number | null }) => typeof a.previous === 'number'));
    const h = await api(manager).get('/api/v1/assessments/history?framework=qci');
    assert.equal(h.status, 200);
    const ours = h.body.data.filter((x: { id: string }) => x.id === id || x.id === next);
    assert.equal(ours.length, 2);
    assert.ok(Math.abs(ours[1].delta - (100 - ours[0].overall)) < 1e-9);
  });
});

describe('assessment: who may do what, and no crossing between workspaces', () => {
  test('roles: an agent cannot start one and sees only those they are invited to; a viewer reads but does not manage', async () => {
    assert.equal((await api(agent).post('/api/v1/assessments', { framework: 'qci', name: 'x' })).status, 403);
    assert.equal((await api(viewer).post('/api/v1/assessments', { framework: 'qci', name: 'x' })).status, 403);
    const hidden = await start(owner, { name: 'Chỉ ban giám đốc' });
    assert.equal((await api(agent).get(`/api/v1/assessments/${hidden}`)).status, 404);
    assert.ok(!(await api(agent).get('/api/v1/assessments')).body.data.some((a: { id: string }) => a.id === hidden));
    assert.equal((await api(viewer).get(`/api/v1/assessments/${hidden}`)).status, 200);
    assert.equal((await api(viewer).post(`/api/v1/assessments/${hidden}/respondents`, { memberIds: [agent.userId] })).status, 403);
    assert.equal((await api(agent).put(`/api/v1/assessments/${hidden}/my-scores`, { scores: [] })).status, 404);
    // A viewer writes nothing, answers included; an agent who is not invited finds nothing to answer.
    assert.equal((await api(viewer).put(`/api/v1/assessments/${hidden}/my-scores`, { scores: [] })).status, 403);
    assert.equal((await api(manager).put('/api/v1/assessment/settings', { shareBenchmark: true })).status, 403);
  });

  test('another workspace sees, answers, invites into and decides nothing of ours', async () => {
    const id = await start(owner, { name: 'Của chúng tôi' });
    for (const [method, path, body] of [
      ['get', `/api/v1/assessments/${id}`, undefined],
      ['get', `/api/v1/assessments/${id}/report`, undefined],
      ['get', `/api/v1/assessments/${id}/report.csv`, undefined],
      ['get', `/api/v1/assessments/${id}/consolidation`, undefined],
      ['get', `/api/v1/assessments/${id}/respondents`, undefined],
      ['put', `/api/v1/assessments/${id}/my-scores`, { scores: [] }],
      ['put', `/api/v1/assessments/${id}/final`, { scores: [] }],
      ['post', `/api/v1/assessments/${id}/respondents`, { memberIds: [] }],
      ['post', `/api/v1/assessments/${id}/evidence`, undefined],
      ['patch', `/api/v1/assessments/${id}`, { name: 'taken' }],
      ['delete', `/api/v1/assessments/${id}`, undefined],
    ] as const) {
      const c = api(other) as unknown as Record<string, (p: string, b?: unknown) => Promise<{ status: number }>>;
      const r = await (c[method] as (p: string, b?: unknown) => Promise<{ status: number }>)(path, body);
      assert.equal(r.status, 404, `${method} ${path}`);
    }
    assert.ok(!(await api(other).get('/api/v1/assessments')).body.data.some((a: { id: string }) => a.id === id));
    // Inviting a member of another workspace is refused by name.
    const cross = await api(owner).post(`/api/v1/assessments/${id}/respondents`, { memberIds: [other.userId] });
    assert.equal(cross.status, 422);
    assert.ok(cross.body.errors.some((e: { pointer: string }) => e.pointer === '/memberIds/0'));
  });

  test('a workspace copies a framework and edits practices and weights; the shipped one cannot be edited; an assessment keeps its version', async () => {
    const copy = await api(owner).post('/api/v1/assessment/frameworks/idic/copy', {});
    assert.equal(copy.status, 201, JSON.stringify(copy.body));
    const key = copy.body.key;
    assert.equal(copy.body.custom, true);
    assert.equal(copy.body.baseKey, 'idic');
    const p0 = copy.body.areas[0].practices[0].id;
    const p1 = copy.body.areas[0].practices[1].id;
    const id = await start(owner, { framework: key });
    const edit = await api(owner).patch(`/api/v1/assessment/frameworks/${key}`, {
      areas: [{ key: 'identify', weight: 3 }],
      practices: [
        { id: p0, text: { vi: 'Mỗi khách hàng có một hồ sơ duy nhất', en: 'One record per customer' }, weight: 2 },
        { id: p1, remove: true },
      ],
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    assert.equal(edit.body.version, 2);
    assert.equal(edit.body.areas[0].weight, 3);
    assert.equal(edit.body.areas[0].practices[0].text, 'Mỗi khách hàng có một hồ sơ duy nhất');
    assert.ok(!edit.body.areas[0].practices.some((p: { id: string }) => p.id === p1));
    assert.equal((await api(owner).patch('/api/v1/assessment/frameworks/qci', { areas: [] })).status, 409);
    const unknown = await api(owner).patch(`/api/v1/assessment/frameworks/${key}`, { practices: [{ id: 'nope', weight: 1 }] });
    assert.equal(unknown.status, 422);
    const started = await api(owner).get(`/api/v1/assessments/${id}`);
    assert.equal(started.body.frameworkVersion, 1);
    // Its questionnaire is the version it started with: the removed practice is still there, the old text too.
    const own = await api(owner).get(`/api/v1/assessments/${id}/framework`);
    assert.equal(own.status, 200);
    assert.equal(own.body.version, 1);
    assert.ok(own.body.areas[0].practices.some((p: { id: string }) => p.id === p1));
    assert.notEqual(own.body.areas[0].practices[0].text, 'Mỗi khách hàng có một hồ sơ duy nhất');
    // Another workspace does not see the copy.
    assert.equal((await api(other).get(`/api/v1/assessment/frameworks/${key}`)).status, 404);
  });
});

describe('assessment: the benchmark pool and the audit', () => {
  test('once five workspaces share a closed assessment, their quartiles replace the seed; a workspace that does not share is not pooled', async () => {
    // Four sharing workspaces and one that does not: still the seed.
    const levels = [1, 2, 2, 3, 4, 0];
    const made: TestUser[] = [];
    for (const [n, level] of levels.entries()) {
      const { owner: o } = await makeWorkspace(t.core);
      made.push(o);
      if (n !== 5) assert.equal((await api(o).put('/api/v1/assessment/settings', { shareBenchmark: true })).status, 200);
      const r = await api(o).post('/api/v1/assessments', { framework: 'qci', name: `Pool ${n}` });
      assert.equal((await api(o).put(`/api/v1/assessments/${r.body.id}/my-scores`, { scores: all(qci, level, level), submit: true })).status, 200);
      assert.equal((await api(o).patch(`/api/v1/assessments/${r.body.id}`, { status: 'closed' })).status, 200);
    }
    const probe = await start(owner, { name: 'Đo mốc' });
    const rep = await api(owner).get(`/api/v1/assessments/${probe}/report`);
    // Five sharing workspaces: 25, 50, 50, 75, 100 → quartiles 50, 50, 75 (type-7 percentiles).
    assert.equal(rep.body.benchmark.source, 'pool');
    assert.equal(rep.body.benchmark.n, 5);
    assert.deepEqual(rep.body.benchmark.cuts, [50, 50, 75]);
    assert.deepEqual(rep.body.areas[0].benchmark, { source: 'pool', n: 5, cuts: [50, 50, 75] });
    const s = await api(made[0]!).get('/api/v1/assessment/settings');
    assert.deepEqual(s.body, { shareBenchmark: true, pooledWorkspaces: 5 });
    // Opting out takes a workspace out of the pool: back to the seed.
    await api(made[0]!).put('/api/v1/assessment/settings', { shareBenchmark: false });
    const seed = await api(owner).get(`/api/v1/assessments/${probe}/report`);
    assert.equal(seed.body.benchmark.source, 'seed');
    assert.ok(Math.abs(seed.body.benchmark.cuts[1] - 34.6) < 0.1);
  });

  test('every change is audited: start, invitations, answers, submission, final scores, closing', async () => {
    const id = await start(manager, { name: 'Kiểm toán' });
    await api(manager).post(`/api/v1/assessments/${id}/respondents`, { memberIds: [agent.userId] });
    await api(agent).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 1, 1), submit: true });
    await api(manager).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 3, 3), submit: true });
    await api(manager).put(`/api/v1/assessments/${id}/final`, {
      scores: [{ practiceId: qci.areas[0]!.practices[0]!.id, intention: 2, reality: 2, reason: 'họp' }],
    });
    await api(manager).patch(`/api/v1/assessments/${id}`, { status: 'closed' });
    const log = await api(owner).get('/api/v1/audit?limit=200');
    assert.equal(log.status, 200);
    const mine = log.body.data.filter(
      (e: { entityType: string; entityId: string; meta: { assessmentId?: string } | null }) =>
        e.entityType.startsWith('assessment') && (e.entityId === id || e.meta?.assessmentId === id),
    );
    const kinds = mine.map((e: { entityType: string; action: string }) => `${e.entityType}:${e.action}`).sort();
    for (const k of ['assessment:create', 'assessment_respondent:create', 'assessment_answers:complete', 'assessment_final:update', 'assessment:complete'])
      assert.ok(kinds.includes(k), `${k} in ${kinds.join(', ')}`);
    assert.equal(mine.filter((e: { entityType: string; action: string }) => e.entityType === 'assessment_answers' && e.action === 'complete').length, 2);
  });
});

describe('assessment: attacked', () => {
  test('50 saves at once by a manager joining as a respondent make one respondent; 50 hand-ins at once make one', async () => {
    const id = await start(owner, { name: 'Song song' });
    const saves = await Promise.all(
      Array.from({ length: 50 }, () => api(manager).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 2, 2).slice(0, 3) })),
    );
    assert.deepEqual([...new Set(saves.map((r) => r.status))], [200]);
    const resp = await api(owner).get(`/api/v1/assessments/${id}/respondents`);
    assert.equal(resp.body.data.filter((r: { memberId: string | null }) => r.memberId === manager.userId).length, 1);
    const hands = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api(manager).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, i % 5, i % 5), submit: true })),
    );
    assert.equal(hands.filter((r) => r.status === 200).length, 1, JSON.stringify([...new Set(hands.map((r) => r.status))]));
    assert.equal(hands.filter((r) => r.status === 409).length, 49);
    // What was handed in is what the winner sent: one level everywhere.
    const mine = await api(manager).get(`/api/v1/assessments/${id}/my-scores`);
    assert.equal(new Set(mine.body.scores.map((x: { intention: number }) => x.intention)).size, 1);
  });

  test('hostile names and comments: escaped and isolated on the pages, neutralised in the CSV', async () => {
    const evil = '</script><script>alert(1)</script>\u202Egnp.exe';
    const id = await start(owner, { name: evil });
    const inv = await api(owner).post(`/api/v1/assessments/${id}/respondents`, { outside: [{ name: evil }] });
    const token = new URL(inv.body.data[0].link).pathname.split('/').pop() as string;
    const scores = all(qci, 3, 1).map((x, i) => ({ ...x, comment: ["=cmd|' /C calc'!A0", ';=1+1', '@SUM(1)', evil][i % 4] }));
    assert.equal((await anon().post(`/api/v1/public/assessments/${token}/scores`, { scores })).status, 200);
    const page = (await anon().get(`/a/${token}`)).raw.body;
    // The owner started it and so answers too: they hand in before reading the others'.
    assert.equal((await api(owner).put(`/api/v1/assessments/${id}/my-scores`, { scores: all(qci, 2, 2), submit: true })).status, 200);
    const html = (await api(owner).get(`/api/v1/assessments/${id}/report.html`)).raw.body;
    for (const body of [page, html]) {
      assert.ok(!body.includes('<script>alert(1)'), 'no script from a name');
      assert.ok(
        body.includes('<bdi>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\u202Egnp.exe</bdi>'),
        `the name escaped and isolated: ${body.slice(body.indexOf('<h1'), body.indexOf('<h1') + 160)}`,
      );
    }
    assert.ok(!/<title>[^<]*\u202E/.test(html), 'no bidi control in the title');
    const csv = (await api(owner).get(`/api/v1/assessments/${id}/report.csv`)).raw.body;
    const { parse } = await import('csv-parse/sync');
    const cells = (parse(csv.replace(/^\uFEFF/, '')) as string[][]).flat();
    for (const c of cells) assert.ok(!/^[=+\-@\t\r]/.test(c) || /^-?\d/.test(c), `a cell a spreadsheet would run: ${c}`);
    assert.ok(cells.includes("'=cmd|' /C calc'!A0"));
    // A formula after a separator (a reader splitting on ";") is neutralised too (export/cells.ts).
    assert.ok(cells.includes(";'=1+1"));
  });
});
