import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { deliverEvents, makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../../test/factories.ts';
import { mailText, startMailCatcher } from '../../../test/mail-catcher.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { sendQueuedMail } from '../../platform/mail/outbox.ts';
import { runSurveyInvite, type SurveyInvitePayload } from './survey-invitation.service.ts';
import { rebuildRollup } from './survey-rollup.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let viewer: TestUser;
let team: string;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let clock = new Date('2026-11-30T03:00:00Z');

before(async () => {
  catcher = await startMailCatcher();
  t = await createTestApp({ now: () => clock, config: { smtpUrl: catcher.url } });
  ({ owner } = await makeWorkspace(t.core));
  team = await makeTeam(t.core, owner.workspaceId, 'CSKH');
  agent = await makeMember(t.core, owner.workspaceId, 'agent', { teamIds: [team] });
  viewer = await makeMember(t.core, owner.workspaceId, 'viewer');
});
after(async () => {
  await t.close();
  await catcher.close();
});

const api = (u: TestUser) => client(t.app, u.token);
const anon = () => client(t.app);
const pathOf = (url: string) => new URL(url).pathname;

async function contact(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await api(owner).post('/api/v1/contacts', { name, ownerId: null, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

async function survey(body: Record<string, unknown> = {}) {
  const r = await api(owner).post('/api/v1/surveys', {
    name: 'Sau mua hàng',
    questions: [
      { type: 'nps', text: 'Anh/chị có sẵn lòng giới thiệu chúng tôi cho bạn bè không?' },
      { type: 'text', text: 'Điều gì khiến anh/chị chấm điểm như vậy?' },
    ],
    ...body,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function invite(surveyId: string, contactId: string, extra: Record<string, unknown> = {}) {
  const r = await api(agent).post(`/api/v1/surveys/${surveyId}/invitations`, { contactId, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { url: string; token: string; id: string; expiresAt: string };
}

const answer = (token: string, answers: unknown[]) => anon().post(`/api/v1/public/surveys/${token}/responses`, { answers });

describe('surveys: the public contract', () => {
  test('create, invite, open the page without signing in, answer once; a detractor opens a follow-up ticket', async () => {
    const s = await survey();
    assert.equal(s.questions.length, 2);
    assert.ok(
      s.questions.every((q: { id: string }) => /^[0-9a-f-]{36}$/.test(q.id)),
      'every question has an id',
    );
    const c = await contact('Chị Mai');
    const inv = await invite(s.id, c);
    assert.match(inv.token, /^[A-Za-z0-9_-]{40,}$/);
    assert.ok(inv.url.endsWith(`/s/${inv.token}`), inv.url);
    const stored = await t.core.db.selectFrom('survey_invitations').selectAll().where('id', '=', inv.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, inv.token, 'only a hash of the token is stored');
    assert.ok(!JSON.stringify(stored).includes(inv.token));

    const page = await anon().get(pathOf(inv.url));
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.ok(String(page.body).includes('sẵn lòng giới thiệu'), 'the question is on the page');
    assert.ok(String(page.body).includes('Xin chào Chị Mai'));
    assert.match(String(page.headers['content-security-policy']), /script-src 'nonce-/);

    const [nps, why] = s.questions;
    const r = await answer(inv.token, [
      { questionId: nps.id, value: 3 },
      { questionId: why.id, value: 'Giao chậm <b>3 ngày</b>' },
    ]);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.ok(r.body.followUpTicketId, 'a detractor’s answer opens a ticket');
    const again = await answer(inv.token, [{ questionId: nps.id, value: 10 }]);
    assert.equal(again.status, 409);
    assert.match(String(again.headers['content-type']), /problem\+json/);
    const answered = await anon().get(pathOf(inv.url));
    assert.ok(String(answered.body).includes('đã được trả lời'));

    const tickets = await api(owner).get(`/api/v1/tickets?contactId=${c}`);
    assert.equal(tickets.status, 200);
    assert.equal(tickets.body.data.length, 1);
    const f = tickets.body.data[0];
    assert.equal(f.id, r.body.followUpTicketId);
    assert.equal(f.priority, 'high');
    assert.equal(f.category, 'complaint');
    assert.equal(f.channel, 'survey');
    assert.match(f.subject, /NPS 3/);
    assert.notEqual(f.sla.firstResponseDueAt, null, 'the follow-up is under the SLA like any ticket');
    const msgs = await api(owner).get(`/api/v1/tickets/${f.id}/messages`);
    assert.ok(msgs.body.data[0].body.includes('Giao chậm <b>3 ngày</b>'), 'the customer’s words, as text');

    // The answers are on the customer's timeline.
    const tl = await api(owner).get(`/api/v1/contacts/${c}/timeline`);
    assert.ok(
      tl.body.data.some((e: { kind: string }) => e.kind === 'survey'),
      JSON.stringify(tl.body.data.map((e: { kind: string }) => e.kind)),
    );
    assert.ok(tl.body.data.some((e: { kind: string }) => e.kind === 'ticket'));
  });

  test('answers out of range, of the wrong kind or for another survey are 400s that name the answer; nothing is stored', async () => {
    const s = await survey({
      questions: [
        { type: 'nps', text: 'NPS' },
        { type: 'csat', text: 'CSAT' },
        { type: 'single', text: 'Kênh', options: ['Zalo', 'Điện thoại'] },
        { type: 'multiple', text: 'Điều tốt', options: ['Giá', 'Giao hàng', 'Thái độ'] },
      ],
    });
    const other = await survey();
    const inv = await invite(s.id, await contact('Anh Khoa'));
    const [nps, csat, single, multi] = s.questions;
    const before = await snapshotCounts(t.core);
    const cases: [unknown[], string][] = [
      [
        [
          { questionId: nps.id, value: 11 },
          { questionId: csat.id, value: 4 },
          { questionId: single.id, value: 0 },
          { questionId: multi.id, value: [0] },
        ],
        '/answers/0/value',
      ],
      [
        [
          { questionId: nps.id, value: 7 },
          { questionId: csat.id, value: 0 },
          { questionId: single.id, value: 0 },
          { questionId: multi.id, value: [0] },
        ],
        '/answers/1/value',
      ],
      [
        [
          { questionId: nps.id, value: '9' },
          { questionId: csat.id, value: 4 },
          { questionId: single.id, value: 0 },
          { questionId: multi.id, value: [0] },
        ],
        '/answers/0/value',
      ],
      [
        [
          { questionId: nps.id, value: 7.5 },
          { questionId: csat.id, value: 4 },
          { questionId: single.id, value: 0 },
          { questionId: multi.id, value: [0] },
        ],
        '/answers/0/value',
      ],
      [
        [
          { questionId: nps.id, value: 7 },
          { questionId: csat.id, value: 4 },
          { questionId: single.id, value: 2 },
          { questionId: multi.id, value: [0] },
        ],
        '/answers/2/value',
      ],
      [
        [
          { questionId: nps.id, value: 7 },
          { questionId: csat.id, value: 4 },
          { questionId: single.id, value: 0 },
          { questionId: multi.id, value: [1, 1] },
        ],
        '/answers/3/value',
      ],
      [
        [
          { questionId: other.questions[0].id, value: 7 },
          { questionId: csat.id, value: 4 },
          { questionId: single.id, value: 0 },
          { questionId: multi.id, value: [0] },
        ],
        '/answers/0/questionId',
      ],
      [[{ questionId: nps.id, value: 7 }], '/answers'],
    ];
    for (const [answers, ptr] of cases) {
      const r = await answer(inv.token, answers);
      assert.equal(r.status, 400, `${ptr}: ${JSON.stringify(r.body)}`);
      assert.ok(
        r.body.errors.some((e: { pointer: string }) => e.pointer === ptr),
        `${ptr} named: ${JSON.stringify(r.body.errors)}`,
      );
    }
    assert.equal((await anon().post(`/api/v1/public/surveys/${inv.token}/responses`, { answers: 'all good' })).status, 400);
    assert.equal((await anon().post(`/api/v1/public/surveys/${inv.token}/responses`, { nothing: true })).status, 400);
    assert.deepEqual(await snapshotCounts(t.core), before, 'no answer and no response stored');
    assert.equal((await answer('x'.repeat(43), [])).status, 404, 'a token never given');
    const ok = await answer(inv.token, [
      { questionId: nps.id, value: 9 },
      { questionId: csat.id, value: 5 },
      { questionId: single.id, value: 1 },
      { questionId: multi.id, value: [0, 2] },
    ]);
    assert.equal(ok.status, 201, 'the tries before were not counted against the link’s one answer');
    assert.equal(ok.body.followUpTicketId, null, 'a promoter opens no ticket');
  });

  test('a link expires; a flood of submissions on one link counts one response and is rate-limited', async () => {
    const s = await survey({ expiresDays: 7 });
    const inv = await invite(s.id, await contact('Cô Ngọc'));
    const saved = clock;
    clock = new Date(clock.getTime() + 8 * 86_400_000);
    try {
      const late = await answer(inv.token, [{ questionId: s.questions[0].id, value: 9 }]);
      assert.equal(late.status, 410);
      assert.equal((await anon().get(pathOf(inv.url))).status, 410);
    } finally {
      clock = saved;
    }
    const flood = await invite(s.id, await contact('Bot'));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => answer(flood.token, [{ questionId: s.questions[0].id, value: i % 11 }])));
    const codes = results.map((r) => r.status);
    assert.equal(codes.filter((c) => c === 201).length, 1, `exactly one counted: ${codes.join(',')}`);
    assert.ok(
      codes.every((c) => c === 201 || c === 409 || c === 429),
      codes.join(','),
    );
    // Refused tries count against the link: after ten, it is rate-limited (429 with Retry-After).
    const more = await answer(flood.token, [{ questionId: s.questions[0].id, value: 9 }]);
    assert.equal(more.status, 429);
    assert.ok(Number(more.headers['retry-after']) > 0);
    const stored = await t.core.db
      .selectFrom('survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('invitation_id', '=', flood.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 1);
  });
});

describe('surveys: triggers, results and email', () => {
  test('a resolved ticket schedules its survey; the invitation is emailed with the link, and its answers report by agent and category', async () => {
    const s = await survey({
      name: 'CSAT sau hỗ trợ',
      questions: [{ type: 'csat', text: { vi: 'Anh/chị hài lòng với hỗ trợ không?', en: 'How satisfied were you?' } }],
      trigger: { kind: 'ticket_resolved', delayMinutes: 60 },
    });
    const c = await contact('Ông Hải', { emails: ['hai@example.vn'] });
    const tk = await api(agent).post('/api/v1/tickets', {
      contactId: c,
      subject: 'Lỗi đăng nhập',
      category: 'incident',
      assigneeId: agent.userId,
      teamId: team,
    });
    assert.equal(tk.status, 201, JSON.stringify(tk.body));
    const done = await api(agent).patch(`/api/v1/tickets/${tk.body.id}`, { status: 'resolved', resolution: 'Đặt lại mật khẩu' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    // The survey's trigger listens to the ticket's events, delivered after the change commits.
    await deliverEvents(t.core);
    const job = await t.core.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'survey.invite')
      .where('workspace_id', '=', owner.workspaceId)
      .executeTakeFirstOrThrow();
    assert.equal(job.run_at, new Date(clock.getTime() + 3_600_000).toISOString(), 'an hour after the resolution');
    const { invitationId } = await runSurveyInvite(t.core, readJson<SurveyInvitePayload>(job.payload, null as never));
    assert.ok(invitationId);
    const mail = await t.core.db.selectFrom('mail_outbox').selectAll().where('related_id', '=', invitationId).executeTakeFirstOrThrow();
    assert.equal(mail.purpose, 'transactional', 'asking about the customer’s own ticket is service mail');
    assert.equal(await sendQueuedMail(t.core, mail.id, false), 'sent');
    const got = await catcher.waitFor((m) => m.to.includes('hai@example.vn'));
    const text = mailText(got.raw);
    const link = /https?:\/\/\S+\/s\/([A-Za-z0-9_-]+)/.exec(text);
    assert.ok(link, 'the mail holds the link');
    const inv = await t.core.db.selectFrom('survey_invitations').selectAll().where('id', '=', invitationId).executeTakeFirstOrThrow();
    assert.equal(inv.ticket_id, tk.body.id);
    const r = await answer(link[1]!, [{ questionId: s.questions[0].id, value: 2 }]);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.ok(r.body.followUpTicketId, 'a low CSAT opens a follow-up');
    const follow = await api(agent).get(`/api/v1/tickets/${r.body.followUpTicketId}`);
    assert.equal(follow.status, 200, 'it goes to the agent who served the customer');
    assert.equal(follow.body.assigneeId, agent.userId);

    const byAgent = await api(owner).get(`/api/v1/surveys/${s.id}/results?by=agent`);
    assert.equal(byAgent.status, 200, JSON.stringify(byAgent.body));
    assert.deepEqual(
      byAgent.body.groups.map((g: { key: string; csatN: number }) => [g.key, g.csatN]),
      [[agent.userId, 1]],
    );
    assert.deepEqual(byAgent.body.csat.distribution, [0, 1, 0, 0, 0]);
    const byCategory = await api(viewer).get(`/api/v1/surveys/${s.id}/results?by=category`);
    assert.equal(byCategory.body.groups[0].key, 'incident');
    assert.equal((await api(agent).get(`/api/v1/surveys/${s.id}/results`)).status, 403, 'agents do not read the workspace’s results');
  });

  test('NPS with its interval and a monthly trend in the workspace’s time zone', async () => {
    const s = await survey({ name: 'NPS quý', questions: [{ type: 'nps', text: 'NPS' }], followUp: { enabled: false } });
    // 10 promoters, 5 passives, 5 detractors: NPS 25. Two answered late on 31 December local time (UTC+7 → 1 Jan UTC? no: 31 Dec 23:30 local is 16:30 UTC, still December).
    const scores = [10, 10, 9, 9, 9, 10, 9, 10, 9, 9, 7, 8, 7, 8, 7, 0, 3, 6, 5, 6];
    const saved = clock;
    try {
      for (const [i, v] of scores.entries()) {
        clock = new Date(i < 18 ? '2026-12-15T03:00:00Z' : '2026-12-31T17:30:00Z'); // the last two: 1 January 00:30 in Hồ Chí Minh City
        const inv = await invite(s.id, await contact(`Khách ${i}`));
        assert.equal((await answer(inv.token, [{ questionId: s.questions[0].id, value: v }])).status, 201);
      }
    } finally {
      clock = saved;
    }
    const r = await api(owner).get(`/api/v1/surveys/${s.id}/results?from=2026-12-01T00:00:00Z&to=2027-02-01T00:00:00Z&bucket=month`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.nps.n, 20);
    assert.equal(r.body.nps.nps, 25);
    assert.ok(r.body.nps.interval.low < 25 && r.body.nps.interval.high > 25);
    // pP = .5, pD = .25: Var = (.25 + .1875 + .25)/20 = .034375 → half-width 1.96·100·√Var = 36.34
    assert.ok(Math.abs(r.body.nps.interval.high - 25 - 36.34) < 0.05, String(r.body.nps.interval.high));
    assert.deepEqual(
      r.body.nps.trend.map((b: { key: string; summary: { n: number } }) => [b.key, b.summary.n]),
      [
        ['2026-12', 18],
        ['2027-01', 2],
      ],
    );
    assert.equal(r.body.responses, 20);
  });

  test('script in a ticket reply is escaped in the email and sent as plain text too', async () => {
    const c = await contact('<script>alert(1)</script> Lan', { emails: ['lan@example.vn'] });
    const tk = await api(agent).post('/api/v1/tickets', { contactId: c, subject: 'Hỏi <img src=x onerror=alert(2)>', assigneeId: agent.userId });
    const reply = await api(agent).post(`/api/v1/tickets/${tk.body.id}/messages`, { kind: 'reply', body: 'Chào chị <script>alert(3)</script>, đơn đã giao.' });
    assert.equal(reply.status, 201);
    const msgs = await api(agent).get(`/api/v1/tickets/${tk.body.id}/messages`);
    const sent = msgs.body.data.find((m: { kind: string }) => m.kind === 'reply');
    assert.equal(sent.mailStatus, 'queued');
    assert.equal(await sendQueuedMail(t.core, sent.mailId, false), 'sent');
    assert.equal(
      (await api(agent).get(`/api/v1/tickets/${tk.body.id}/messages`)).body.data.find((m: { kind: string }) => m.kind === 'reply').mailStatus,
      'sent',
    );
    const got = mailText((await catcher.waitFor((m) => m.to.includes('lan@example.vn'))).raw);
    assert.ok(!/<script>alert\(3\)/.test(got.split(/content-type: text\/html/i)[1] ?? 'missing html part'), 'no live script in the HTML part');
    assert.ok(got.includes('&lt;script&gt;alert(3)&lt;/script&gt;'), 'escaped in HTML');
    assert.match(got, /content-type: text\/plain/i);
  });

  test('marketing mail without consent is suppressed, not sent', async () => {
    const s = await survey({ name: 'Khảo sát chung' });
    const c = await contact('Chưa đồng ý', { emails: ['no@example.vn'] });
    const r = await api(owner).post(`/api/v1/surveys/${s.id}/invitations`, { contactId: c, channel: 'email' });
    assert.equal(r.status, 201);
    assert.equal(await sendQueuedMail(t.core, r.body.mailId, false), 'suppressed');
    const m = await t.core.db.selectFrom('mail_outbox').selectAll().where('id', '=', r.body.mailId).executeTakeFirstOrThrow();
    assert.equal(m.status, 'suppressed');
    const yes = await contact('Đã đồng ý', { emails: ['yes@example.vn'], consents: { email: { status: 'granted', source: 'web' } } });
    const r2 = await api(owner).post(`/api/v1/surveys/${s.id}/invitations`, { contactId: yes, channel: 'email' });
    assert.equal(await sendQueuedMail(t.core, r2.body.mailId, false), 'sent');
  });

  test('N days after an order is delivered the customer is asked; an imported (historical) delivery asks nobody', async () => {
    const s = await survey({
      name: 'Sau giao hàng',
      questions: [{ type: 'csat', text: 'Anh/chị hài lòng với đơn hàng không?' }],
      trigger: { kind: 'order_delivered', delayDays: 3 },
    });
    const c = await contact('Chị Đào', { emails: ['dao@example.vn'] });
    const o = await api(owner).post('/api/v1/orders', { contactId: c, status: 'paid', lines: [{ name: 'Ấm trà', quantity: 1, unitPrice: 350_000 }] });
    assert.equal(o.status, 201);
    const jobs = () => t.core.db.selectFrom('jobs').selectAll().where('kind', '=', 'survey.invite').where('key', 'like', `survey:${s.id}:%`).execute();
    await deliverEvents(t.core);
    assert.equal((await jobs()).length, 0, 'paid is not delivered');
    assert.equal((await api(owner).patch(`/api/v1/orders/${o.body.id}`, { status: 'delivered' })).status, 200);
    assert.equal((await jobs()).length, 0, 'nothing is scheduled until the order’s events are delivered');
    await deliverEvents(t.core);
    const [job] = await jobs();
    assert.ok(job, 'a delivery schedules the survey');
    assert.equal(job!.run_at, new Date(clock.getTime() + 3 * 86_400_000).toISOString());
    const { invitationId } = await runSurveyInvite(t.core, readJson<SurveyInvitePayload>(job!.payload, null as never));
    const inv = await t.core.db.selectFrom('survey_invitations').selectAll().where('id', '=', invitationId!).executeTakeFirstOrThrow();
    assert.equal(inv.order_id, o.body.id);
    assert.equal(inv.channel, 'email');
  });

  test('trends follow a zone with summer time: an answer just after midnight of 1 April in Berlin is April’s', async () => {
    const { owner: o2 } = await makeWorkspace(t.core, { name: 'Berlin' });
    assert.equal((await api(o2).patch('/api/v1/workspace', { timezone: 'Europe/Berlin' })).status, 200);
    const s = (await api(o2).post('/api/v1/surveys', { name: 'NPS', questions: [{ type: 'nps', text: 'NPS' }] })).body;
    const saved = clock;
    try {
      // 22:30 UTC on 31 March is 00:30 on 1 April in Berlin (UTC+2 since 29 March); a fixed UTC+1 would say March.
      for (const [at, v] of [
        ['2026-03-31T22:30:00Z', 10],
        ['2026-03-15T12:00:00Z', 0],
      ] as const) {
        clock = new Date(at);
        const c = (await api(o2).post('/api/v1/contacts', { name: `K ${v}` })).body.id;
        const inv = await api(o2).post(`/api/v1/surveys/${s.id}/invitations`, { contactId: c });
        assert.equal((await answer(inv.body.token, [{ questionId: s.questions[0].id, value: v }])).status, 201);
      }
    } finally {
      clock = saved;
    }
    const r = await api(o2).get(`/api/v1/surveys/${s.id}/results?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z&bucket=month`);
    assert.deepEqual(
      r.body.nps.trend.map((b: { key: string; summary: { n: number; nps: number } }) => [b.key, b.summary.n, b.summary.nps]),
      [
        ['2026-03', 1, -100],
        ['2026-04', 1, 100],
      ],
    );
  });

  test('a list of customers (or a segment) invited in one step, nobody asked twice; results by product', async () => {
    const s = await survey({ name: 'Sản phẩm', questions: [{ type: 'csat', text: 'Hài lòng với sản phẩm?' }] });
    const ids = [await contact('Lô 1', { tags: ['đợt-khảo-sát'] }), await contact('Lô 2', { tags: ['đợt-khảo-sát'] }), await contact('Lô 3')];
    const bad = await api(agent).post(`/api/v1/surveys/${s.id}/invitations/bulk`, {
      contactIds: [ids[0], '00000000-0000-7000-8000-000000000000'],
      channel: 'link',
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].pointer, '/contactIds/1');
    assert.equal((await t.core.db.selectFrom('survey_invitations').select('id').where('survey_id', '=', s.id).execute()).length, 0, 'all or nothing');
    const first = await api(agent).post(`/api/v1/surveys/${s.id}/invitations/bulk`, { contactIds: ids.slice(0, 2), channel: 'link' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.invited, 2);
    assert.ok(first.body.invitations.every((x: { url: string }) => /\/s\/[A-Za-z0-9_-]{40,}$/.test(x.url)));
    const seg = await api(owner).post('/api/v1/segments', {
      name: 'Đợt khảo sát',
      shared: true,
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'đợt-khảo-sát' }] }] },
    });
    assert.equal(seg.status, 201, JSON.stringify(seg.body));
    const bySegment = await api(owner).post(`/api/v1/surveys/${s.id}/invitations/bulk`, { segmentId: seg.body.id, channel: 'link' });
    assert.deepEqual(
      { invited: bySegment.body.invited, skipped: bySegment.body.skipped },
      { invited: 0, skipped: 2 },
      'those with an open invitation are not asked twice',
    );
    assert.equal((await api(owner).post(`/api/v1/surveys/${s.id}/invitations/bulk`, { channel: 'link' })).status, 422);

    // Results by product: an answer about an order counts for its products.
    const p1 = (await api(owner).post('/api/v1/products', { sku: 'AM-1', name: 'Ấm men lam', price: 300_000 })).body.id;
    const p2 = (await api(owner).post('/api/v1/products', { sku: 'CH-1', name: 'Chén sứ', price: 50_000 })).body.id;
    const order = (
      await api(owner).post('/api/v1/orders', {
        contactId: ids[2],
        status: 'delivered',
        lines: [
          { productId: p1, quantity: 1 },
          { productId: p2, quantity: 6 },
        ],
      })
    ).body.id;
    const inv = await invite(s.id, ids[2]!, { orderId: order });
    assert.equal((await answer(inv.token, [{ questionId: s.questions[0].id, value: 5 }])).status, 201);
    const r = await api(owner).get(`/api/v1/surveys/${s.id}/results?by=product`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.groups.map((g: { key: string; csatN: number; csat: number }) => [g.key, g.csatN, g.csat]).sort(),
      [
        [p1, 1, 1],
        [p2, 1, 1],
      ].sort(),
    );
  });

  test('the dashboard’s daily counts equal a recount from the answers; a purged customer’s answers leave the figures', async () => {
    const s = await survey({
      name: 'Đếm lại',
      questions: [
        { type: 'nps', text: 'NPS' },
        { type: 'csat', text: 'CSAT' },
      ],
      followUp: { enabled: false },
    });
    const people: string[] = [];
    for (const [i, [n, c]] of [
      [10, 5],
      [3, 1],
      [8, 4],
    ].entries()) {
      const id = await contact(`Đếm ${i}`);
      people.push(id);
      const inv = await invite(s.id, id);
      assert.equal(
        (
          await answer(inv.token, [
            { questionId: s.questions[0].id, value: n },
            { questionId: s.questions[1].id, value: c },
          ])
        ).status,
        201,
      );
    }
    const read = async () => (await api(owner).get(`/api/v1/surveys/${s.id}/results?by=category`)).body;
    const before = await read();
    assert.deepEqual([before.nps.n, before.nps.nps, before.csat.n], [3, 0, 3]);
    const days = () =>
      t.core.db
        .selectFrom('survey_answer_days')
        .select(['dim', 'day', 'survey_id', 'key', 'type', 'value', 'n'])
        .where('workspace_id', '=', owner.workspaceId)
        .orderBy('dim')
        .orderBy('day')
        .orderBy('survey_id')
        .orderBy('key')
        .orderBy('type')
        .orderBy('value')
        .execute();
    const kept = (await days()).map((r) => ({ ...r, n: Number(r.n), value: Number(r.value) }));
    await rebuildRollup(t.core, owner.workspaceId);
    assert.deepEqual(
      (await days()).map((r) => ({ ...r, n: Number(r.n), value: Number(r.value) })),
      kept,
      'kept with each response = recounted from the answers',
    );
    assert.deepEqual(await read(), before);
    // Purging the detractor removes their answers; the recount follows.
    assert.equal((await api(owner).post(`/api/v1/contacts/${people[1]}/purge`)).status, 204);
    await runDueJobs(t.core, 'test');
    const after = await read();
    assert.deepEqual([after.nps.n, after.nps.nps, after.csat.n], [2, 50, 2]);
  });

  test('results by RFM segment count each answer in the segment the customer was in when they answered', async () => {
    const s = await survey({ name: 'Theo phân khúc', questions: [{ type: 'nps', text: 'NPS' }], followUp: { enabled: false } });
    const score = (contactId: string, segment: string) => ({
      contact_id: contactId,
      workspace_id: owner.workspaceId,
      recency: 5,
      frequency: 3,
      monetary: 100,
      r: 5,
      f: 4,
      m: 4,
      segment,
      p_alive: null,
      expected_purchases: null,
      expected_spend: null,
      clv: null,
      tier: null,
      net_value: null,
      growth: null,
    });
    const champ = await contact('Khách ruột');
    const lost = await contact('Khách đã xa');
    const none = await contact('Chưa có điểm');
    await t.core.db
      .insertInto('customer_scores')
      .values([score(champ, 'champions'), score(lost, 'lost')])
      .execute();
    for (const [c, v] of [
      [champ, 10],
      [lost, 2],
      [none, 8],
    ] as const) {
      const inv = await invite(s.id, c);
      assert.equal((await answer(inv.token, [{ questionId: s.questions[0].id, value: v }])).status, 201);
    }
    // A later refresh moves the champion; their answer stays with the segment they were in.
    await t.core.db.updateTable('customer_scores').set({ segment: 'at_risk' }).where('contact_id', '=', champ).execute();
    const r = await api(owner).get(`/api/v1/surveys/${s.id}/results?by=segment`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const groups = Object.fromEntries(r.body.groups.map((g: { key: string | null; nps: number; npsN: number }) => [g.key ?? '(none)', [g.npsN, g.nps]]));
    assert.deepEqual(groups, { champions: [1, 100], lost: [1, -100], '(none)': [1, 0] });
    await rebuildRollup(t.core, owner.workspaceId);
    const again = await api(owner).get(`/api/v1/surveys/${s.id}/results?by=segment`);
    assert.deepEqual(again.body.groups, r.body.groups, 'a recount keeps the segment answered in');
  });
});
