import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { browser } from '../../../test/browser-session.ts';
import { makeMember, makeWorkspace, PASSWORD, type TestUser } from '../../../test/factories.ts';
import { mailText, startMailCatcher } from '../../../test/mail-catcher.ts';

let t: TestApp;
let owner: TestUser;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
});
after(() => t.close());

describe('workspace settings', () => {
  test('owners and admins change name, currency, time zone, phone region and language; invalid values are 422s', async () => {
    const api = client(t.app, owner.token);
    const r = await api.patch('/api/v1/workspace', { name: 'Nhà sách Phương Nam', currency: 'USD', timezone: 'Asia/Bangkok', phoneRegion: 'TH', locale: 'en' });
    assert.equal(r.status, 200);
    assert.deepEqual(
      [r.body.name, r.body.currency, r.body.timezone, r.body.phoneRegion, r.body.locale],
      ['Nhà sách Phương Nam', 'USD', 'Asia/Bangkok', 'TH', 'en'],
    );
    const bad = await api.patch('/api/v1/workspace', { currency: 'XYZ', timezone: 'Mars/Olympus', phoneRegion: 'ZZ' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/currency', '/phoneRegion', '/timezone']);
    assert.equal((await api.patch('/api/v1/workspace', { currency: 'VND', timezone: 'Asia/Ho_Chi_Minh', phoneRegion: 'VN', locale: 'vi' })).status, 200);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const refused = await client(t.app, agent.token).patch('/api/v1/workspace', { name: 'x' });
    assert.equal(refused.status, 403);
    assert.deepEqual(
      [refused.body.reason, refused.body.params],
      ['role_cannot', { role: 'agent', action: 'workspace.update' }],
      'a client can word the refusal itself',
    );
    assert.equal((await client(t.app, agent.token).get('/api/v1/workspace')).body.currency, 'VND');
  });
});

describe('members and roles', () => {
  test('owners change roles; admins cannot touch owners or make one; the last owner stays', async () => {
    const admin = await makeMember(t.core, owner.workspaceId, 'admin');
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    const asAdmin = client(t.app, admin.token);
    assert.equal((await asAdmin.patch(`/api/v1/members/${agent.userId}`, { role: 'manager' })).body.role, 'manager');
    assert.equal((await asAdmin.patch(`/api/v1/members/${agent.userId}`, { role: 'owner' })).status, 403);
    assert.equal((await asAdmin.patch(`/api/v1/members/${owner.userId}`, { role: 'agent' })).status, 403);
    const touchOwner = await asAdmin.delete(`/api/v1/members/${owner.userId}`);
    assert.equal(touchOwner.status, 403);
    assert.deepEqual([touchOwner.body.reason, touchOwner.body.params], ['role_cannot_manage', { role: 'admin', target: 'owner' }]);
    const last = await client(t.app, owner.token).patch(`/api/v1/members/${owner.userId}`, { role: 'admin' });
    assert.equal(last.status, 422);
    const lastOwner = await client(t.app, owner.token).delete(`/api/v1/members/${owner.userId}`);
    assert.deepEqual([lastOwner.status, lastOwner.body.reason], [409, 'last_owner']);
    assert.equal((await client(t.app, agent.token).patch(`/api/v1/members/${admin.userId}`, { role: 'viewer' })).status, 403);
    const audit = await client(t.app, owner.token).get(`/api/v1/audit?action=member.role&entityId=${agent.userId}`);
    assert.deepEqual([audit.body.data[0].before, audit.body.data[0].after], [{ role: 'agent' }, { role: 'manager' }]);
  });

  test('a role change takes effect at once for live tokens', async () => {
    const v = await makeMember(t.core, owner.workspaceId, 'agent');
    const api = client(t.app, v.token);
    assert.equal((await api.post('/api/v1/contacts', { name: 'Trước' })).status, 201);
    await client(t.app, owner.token).patch(`/api/v1/members/${v.userId}`, { role: 'viewer' });
    assert.equal((await api.post('/api/v1/contacts', { name: 'Sau' })).status, 403);
  });

  test('removing a member ends their sessions and tokens there and releases their records to the pool', async () => {
    const gone = await makeMember(t.core, owner.workspaceId, 'agent');
    const s = browser(t.app, '10.20.0.1');
    await s.login(gone.email, PASSWORD);
    const c = (await client(t.app, gone.token).post('/api/v1/contacts', { name: 'Của Người Đi' })).body;
    assert.equal(c.ownerId, gone.userId);
    assert.equal((await client(t.app, owner.token).delete(`/api/v1/members/${gone.userId}`)).status, 204);
    assert.equal((await client(t.app, gone.token).get('/api/v1/me')).status, 401);
    assert.equal((await s.get('/api/v1/auth/session')).status, 401);
    assert.equal((await client(t.app, owner.token).get(`/api/v1/contacts/${c.id}`)).body.ownerId, null);
    assert.ok(!(await client(t.app, owner.token).get('/api/v1/members')).body.data.some((m: { userId: string }) => m.userId === gone.userId));
  });
});

describe('teams decide what managers and agents see', () => {
  test('an agent sees own, team and unassigned records; a manager also their team members’ records', async () => {
    const { workspaceId, owner: o } = await makeWorkspace(t.core);
    const api = client(t.app, o.token);
    const north = (await api.post('/api/v1/teams', { name: 'Miền Bắc' })).body.id;
    const south = (await api.post('/api/v1/teams', { name: 'Miền Nam' })).body.id;
    const dup = await api.post('/api/v1/teams', { name: 'Miền Bắc' });
    assert.deepEqual([dup.status, dup.body.reason, dup.body.params], [409, 'team_name_taken', { name: 'Miền Bắc' }]);
    const mgr = await makeMember(t.core, workspaceId, 'manager');
    const a1 = await makeMember(t.core, workspaceId, 'agent');
    const a2 = await makeMember(t.core, workspaceId, 'agent');
    const a3 = await makeMember(t.core, workspaceId, 'agent');
    for (const [team, u] of [
      [north, mgr],
      [north, a1],
      [north, a2],
      [south, a3],
    ] as const)
      assert.equal((await api.put(`/api/v1/teams/${team}/members/${u.userId}`)).status, 200);
    const mk = async (name: string, ownerId: string | null, teamId: string | null) =>
      (await api.post('/api/v1/contacts', { name, ownerId, teamId })).body.id as string;
    const ids = {
      a1own: await mk('Của A1', a1.userId, null),
      a2own: await mk('Của A2', a2.userId, null),
      northTeam: await mk('Của đội Bắc', null, north),
      a3own: await mk('Của A3', a3.userId, south),
      pool: await mk('Chưa ai nhận', null, null),
      ownerOwn: await mk('Của chủ', o.userId, null),
    };
    const names = async (u: TestUser) =>
      ((await client(t.app, u.token).get('/api/v1/contacts?sort=name&limit=200')).body.data as { name: string }[]).map((c) => c.name).sort();
    assert.deepEqual(await names(a1), ['Chưa ai nhận', 'Của A1', 'Của đội Bắc'].sort());
    assert.deepEqual(await names(mgr), ['Chưa ai nhận', 'Của A1', 'Của A2', 'Của đội Bắc'].sort());
    assert.deepEqual(await names(a3), ['Chưa ai nhận', 'Của A3'].sort());
    assert.equal((await client(t.app, a1.token).get(`/api/v1/contacts/${ids.a2own}`)).status, 404, 'out of scope reads as missing');
    assert.equal((await client(t.app, a1.token).patch(`/api/v1/contacts/${ids.a3own}`, { jobTitle: 'x' })).status, 404);
    assert.equal((await client(t.app, a1.token).get(`/api/v1/contacts?q=${encodeURIComponent('Của A2')}`)).body.data.length, 0, 'search respects scope');
    // An agent claims a pool record, may not hand it to someone else, may release it.
    const claim = await client(t.app, a1.token).patch(`/api/v1/contacts/${ids.pool}`, { ownerId: a1.userId });
    assert.equal(claim.status, 200);
    const give = await client(t.app, a1.token).patch(`/api/v1/contacts/${ids.pool}`, { ownerId: a2.userId });
    assert.equal(give.status, 422);
    assert.equal(give.body.errors[0].pointer, '/ownerId');
    // A manager may reassign within the team, not outside it.
    assert.equal((await client(t.app, mgr.token).patch(`/api/v1/contacts/${ids.a1own}`, { ownerId: a2.userId })).status, 200);
    assert.equal((await client(t.app, mgr.token).patch(`/api/v1/contacts/${ids.a2own}`, { ownerId: a3.userId })).status, 422);
    // Taking someone off the team takes the team's records out of their sight.
    assert.equal((await api.delete(`/api/v1/teams/${north}/members/${a1.userId}`)).status, 200);
    assert.equal((await client(t.app, a1.token).get(`/api/v1/contacts/${ids.northTeam}`)).status, 404);
    assert.equal((await client(t.app, a1.token).get(`/api/v1/contacts/${ids.ownerOwn}`)).status, 404);
  });
});

describe('invitations', () => {
  test('shown to the admin when there is no SMTP; accepted with a name and password; single use', async () => {
    const api = client(t.app, owner.token);
    const team = (await api.post('/api/v1/teams', { name: 'Đội Mời' })).body.id;
    const inv = await api.post('/api/v1/invitations', { email: 'Moi.Nguoi@Example.com', role: 'agent', teamId: team });
    assert.equal(inv.status, 201);
    assert.equal(inv.body.emailed, false);
    const token = inv.body.url.split('/invite/')[1];
    const preview = await client(t.app).get(`/api/v1/invitations/by-token/${token}`);
    assert.deepEqual(preview.body, { workspaceName: preview.body.workspaceName, email: 'moi.nguoi@example.com', role: 'agent' }, 'nothing about an account');
    const weak = await client(t.app).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Người Mới', password: 'qwerty123' });
    assert.equal(weak.status, 422);
    const ok = await client(t.app).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Người Mới', password: 'welcome to kith 2026' });
    assert.equal(ok.status, 200);
    assert.equal((await client(t.app).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Lần Hai', password: 'welcome to kith 2026' })).status, 404);
    const members = (await api.get('/api/v1/members')).body.data;
    const m = members.find((x: { email: string }) => x.email === 'moi.nguoi@example.com');
    assert.equal(m.role, 'agent');
    assert.deepEqual(m.teamIds, [team]);
    assert.equal((await browser(t.app, '10.30.0.1').login('moi.nguoi@example.com', 'welcome to kith 2026')).status, 200);
    const listed = (await api.get('/api/v1/invitations')).body.data.find((x: { id: string }) => x.id === inv.body.invitation.id);
    assert.equal(listed.status, 'accepted');
  });

  test('invisible and bidi characters are refused in invited and customer emails; lookalike alphabets in invited ones', async () => {
    const api = client(t.app, owner.token);
    const hidden = await api.post('/api/v1/invitations', { email: 'an\u200b@example.com', role: 'agent' });
    assert.equal(hidden.status, 422);
    assert.deepEqual([hidden.body.errors[0].pointer, hidden.body.errors[0].code], ['/email', 'invisible_characters']);
    const rtl = await api.post('/api/v1/invitations', { email: 'moc.elpmaxe@\u202ena', role: 'agent' });
    assert.equal(rtl.body.errors[0].code, 'invisible_characters');
    const cyrillic = await api.post('/api/v1/invitations', { email: '\u0430dmin@example.com', role: 'admin' });
    assert.equal(cyrillic.status, 422);
    assert.deepEqual(
      [cyrillic.body.errors[0].pointer, cyrillic.body.errors[0].code, cyrillic.body.errors[0].params.scripts],
      ['/email', 'mixed_scripts', 'Cyrillic, Latin'],
    );
    const contact = await api.post('/api/v1/contacts', { name: 'Ẩn Ký Tự', emails: ['ok@example.com', 'an\u2066@example.com'] });
    assert.equal(contact.status, 422);
    assert.deepEqual([contact.body.errors[0].pointer, contact.body.errors[0].code], ['/emails/1', 'invisible_characters']);
    // A customer's address is the customer's: a mix of alphabets is flagged in the app, not refused.
    assert.equal((await api.post('/api/v1/contacts', { name: 'Chữ Lạ', emails: ['\u0430nna@example.com'] })).status, 201);
  });

  test('revoked invitations stop working; admins cannot invite owners; agents cannot invite', async () => {
    const api = client(t.app, owner.token);
    const inv = await api.post('/api/v1/invitations', { email: 'revoked@example.com', role: 'viewer' });
    assert.equal((await api.delete(`/api/v1/invitations/${inv.body.invitation.id}`)).status, 204);
    const token = inv.body.url.split('/invite/')[1];
    assert.equal((await client(t.app).get(`/api/v1/invitations/by-token/${token}`)).status, 404);
    const admin = await makeMember(t.core, owner.workspaceId, 'admin');
    assert.equal((await client(t.app, admin.token).post('/api/v1/invitations', { email: 'boss@example.com', role: 'owner' })).status, 422);
    const agent = await makeMember(t.core, owner.workspaceId, 'agent');
    assert.equal((await client(t.app, agent.token).post('/api/v1/invitations', { email: 'friend@example.com', role: 'agent' })).status, 403);
    assert.equal((await api.post('/api/v1/invitations', { email: agent.email, role: 'agent' })).status, 409, 'already a member');
  });

  test('with SMTP the invitation is emailed; someone with an account joins with their own password', async () => {
    const mail = await startMailCatcher();
    const t2 = await createTestApp({ config: { smtpUrl: mail.url } });
    try {
      const { owner: o } = await makeWorkspace(t2.core, { name: 'Tiệm Bánh' });
      const { owner: other } = await makeWorkspace(t2.core, { name: 'Chỗ Khác' });
      const inv = await client(t2.app, o.token).post('/api/v1/invitations', { email: other.email, role: 'manager' });
      assert.equal(inv.body.emailed, true);
      const m = await mail.waitFor((x) => x.to.includes(other.email));
      assert.ok(mailText(m.raw).includes(inv.body.url));
      const token = inv.body.url.split('/invite/')[1];
      assert.equal('accountExists' in (await client(t2.app).get(`/api/v1/invitations/by-token/${token}`)).body, false);
      // No password of an existing account is ever checked on the invitation: the right one is refused like a wrong one.
      const wrong = await client(t2.app).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Kẻ Gian', password: 'not my password at all' });
      const right = await client(t2.app).post(`/api/v1/invitations/by-token/${token}/accept`, { name: 'Kẻ Gian', password: PASSWORD });
      assert.equal(right.status, 409);
      assert.deepEqual({ ...right.body, instance: null }, { ...wrong.body, instance: null });
      assert.equal(right.body.reason, 'sign_in_to_accept');
      assert.deepEqual(
        (await client(t2.app, other.token).get('/api/v1/workspaces')).body.data.map((w: { name: string }) => w.name),
        ['Chỗ Khác'],
        'not joined',
      );
      // Signed in as someone else: refused, and the invitation stays.
      assert.equal((await client(t2.app, o.token).post(`/api/v1/invitations/by-token/${token}/accept`, {})).status, 403);
      // The invited account accepts by signing in with the link: the session opens in the new workspace.
      const b0 = browser(t2.app, '10.30.0.9');
      const signIn = await b0.post('/api/v1/auth/login', { email: other.email, password: PASSWORD, invitation: token });
      assert.equal(signIn.status, 200);
      assert.equal(signIn.body.workspace.name, 'Tiệm Bánh');
      assert.equal(signIn.body.role, 'manager');
      assert.equal((await client(t2.app).get(`/api/v1/invitations/by-token/${token}`)).status, 404, 'used');
      const list = (await client(t2.app, other.token).get('/api/v1/workspaces')).body.data
        .map((w: { name: string; role: string }) => `${w.name}:${w.role}`)
        .sort();
      assert.deepEqual(list, ['Chỗ Khác:owner', 'Tiệm Bánh:manager']);
      const b = browser(t2.app);
      await b.login(other.email, PASSWORD, o.workspaceId);
      assert.equal((await b.get('/api/v1/workspace')).body.name, 'Tiệm Bánh');
      const sw = await b.put('/api/v1/auth/session/workspace', { workspaceId: other.workspaceId });
      assert.equal(sw.status, 200);
      assert.equal((await b.get('/api/v1/workspace')).body.name, 'Chỗ Khác');
    } finally {
      await t2.close();
      await mail.close();
    }
  });
});

describe('custom fields', () => {
  test('create, validate values on write, reorder, and delete (values go with the field)', async () => {
    const { owner: o } = await makeWorkspace(t.core);
    const api = client(t.app, o.token);
    const f = await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'vip_level', label: 'Mức VIP', type: 'number', required: false });
    assert.equal(f.status, 201);
    assert.equal((await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'vip_level', label: 'Trùng', type: 'text' })).status, 409);
    assert.equal((await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'Bad Key', label: 'x', type: 'text' })).status, 422);
    assert.equal(
      (await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'kind', label: 'x', type: 'select' })).status,
      422,
      'a select needs options',
    );
    const bad = await api.post('/api/v1/contacts', { name: 'Sai Kiểu', custom: { vip_level: 'cao', nope: 1 } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/custom/nope', '/custom/vip_level']);
    const c = await api.post('/api/v1/contacts', { name: 'Đúng Kiểu', custom: { vip_level: 3 } });
    assert.deepEqual(c.body.custom, { vip_level: 3 });
    const req = await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'segment', label: 'Phân khúc', type: 'text', required: true });
    assert.equal((await api.post('/api/v1/contacts', { name: 'Thiếu' })).status, 422, 'required fields are required on create');
    assert.equal((await api.patch(`/api/v1/contacts/${c.body.id}`, { jobTitle: 'ok' })).status, 200, 'but not on unrelated updates');
    assert.equal((await api.patch(`/api/v1/custom-fields/${req.body.id}`, { position: 0 })).body.position, 0);
    assert.equal((await api.delete(`/api/v1/custom-fields/${f.body.id}`)).status, 204);
    assert.deepEqual((await api.get(`/api/v1/contacts/${c.body.id}`)).body.custom, {});
    assert.equal(
      (await api.post('/api/v1/custom-fields', { entity: 'contact', key: 'vip_level', label: 'Lại', type: 'boolean' })).status,
      201,
      'the key is free again',
    );
    const agent = await makeMember(t.core, o.workspaceId, 'agent');
    assert.equal((await client(t.app, agent.token).post('/api/v1/custom-fields', { entity: 'contact', key: 'x', label: 'x', type: 'text' })).status, 403);
    assert.equal((await client(t.app, agent.token).get('/api/v1/custom-fields')).body.data.length, 2);
  });
});
