import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, type TestApp } from '../../test/build-test-app.ts';
import { makeMember, makeWorkspace, type TestUser } from '../../test/factories.ts';
import { mailText, startMailCatcher } from '../../test/mail-catcher.ts';
import { runDueJobs } from '../jobs/runner.ts';

let t: TestApp;
let owner: TestUser;
let manager: TestUser;
let own: Awaited<ReturnType<typeof startMailCatcher>>;
let instance: Awaited<ReturnType<typeof startMailCatcher>>;

before(async () => {
  own = await startMailCatcher({ auth: { user: 'cskh', pass: 'mật-khẩu-smtp-rất-bí-mật' } });
  instance = await startMailCatcher();
  t = await createTestApp({ config: { smtpUrl: instance.url } });
  ({ owner } = await makeWorkspace(t.core));
  manager = await makeMember(t.core, owner.workspaceId, 'manager');
});
after(async () => {
  await t.close();
  await own.close();
  await instance.close();
});

const api = (u: TestUser) => client(t.app, u.token);
const portOf = (url: string) => Number(new URL(url).port);

describe('mail per workspace', () => {
  test('a workspace’s own SMTP server: the password is stored encrypted and never shown; mail leaves through it', async () => {
    const g = await api(owner).get('/api/v1/mail/settings');
    assert.deepEqual({ configured: g.body.configured, instanceSmtp: g.body.instanceSmtp }, { configured: false, instanceSmtp: true });
    assert.equal((await api(manager).get('/api/v1/mail/settings')).status, 403);
    const bad = await api(owner).put('/api/v1/mail/settings', { host: 'smtp example', port: 70000, secure: false, from: 'not an address' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/from', '/host', '/port']);
    const put = await api(owner).put('/api/v1/mail/settings', { host: '127.0.0.1', port: portOf(own.url), secure: false, user: 'cskh', password: 'mật-khẩu-smtp-rất-bí-mật', from: 'cskh@gomxua.vn', fromName: 'Gốm Xưa CSKH' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.hasPassword, true);
    assert.ok(!JSON.stringify(put.body).includes('rất-bí-mật'));
    const row = await t.core.db.selectFrom('workspace_mail').selectAll().executeTakeFirstOrThrow();
    assert.ok(!row.smtp.includes('rất') && !row.smtp.includes('cskh'), 'encrypted at rest');
    const audit = await api(owner).get('/api/v1/audit?entityType=mail_settings');
    assert.ok(!JSON.stringify(audit.body).includes('rất-bí-mật'), 'the password is not in the audit log');
    assert.equal(audit.body.data[0].after.passwordChanged, true);

    const test1 = await api(owner).post('/api/v1/mail/settings/test', { to: 'chu@gomxua.vn' });
    assert.equal(test1.status, 200, JSON.stringify(test1.body));
    assert.equal(test1.body.via, 'workspace');
    const got = await own.waitFor((m) => m.to.includes('chu@gomxua.vn'));
    assert.match(got.raw, /From: "Gốm Xưa CSKH" <cskh@gomxua.vn>|From: =\?UTF-8\?.*<cskh@gomxua.vn>/);
    assert.equal(got.user, 'cskh', 'signed in with the stored (decrypted) password');
    assert.equal(instance.mails.length, 0, 'not through the instance’s server');

    // A change without a password keeps the password.
    await api(owner).put('/api/v1/mail/settings', { host: '127.0.0.1', port: portOf(own.url), secure: false, user: 'cskh', from: 'hotro@gomxua.vn' });
    assert.equal((await api(owner).get('/api/v1/mail/settings')).body.hasPassword, true);

    // A server that is not there: the test says so as a 422 naming the field.
    await api(owner).put('/api/v1/mail/settings', { host: '127.0.0.1', port: 1, secure: false, from: 'hotro@gomxua.vn' });
    const down = await api(owner).post('/api/v1/mail/settings/test', { to: 'chu@gomxua.vn' });
    assert.equal(down.status, 422);
    assert.equal(down.body.errors[0].pointer, '/smtp');
    assert.equal((await api(owner).delete('/api/v1/mail/settings')).status, 204);
    assert.equal((await api(owner).post('/api/v1/mail/settings/test', { to: 'chu@gomxua.vn' })).body.via, 'instance');
  });

  test('marketing mail carries an unsubscribe link; opening it asks, confirming withdraws consent, and later marketing mail is not sent', async () => {
    const c = await api(owner).post('/api/v1/contacts', { name: 'Chị Hằng', emails: ['hang@example.vn'], consents: { email: { status: 'granted', source: 'cửa hàng' } } });
    const s = await api(owner).post('/api/v1/surveys', { name: 'Góp ý', questions: [{ type: 'nps', text: 'NPS' }] });
    const inv = await api(owner).post(`/api/v1/surveys/${s.body.id}/invitations`, { contactId: c.body.id, channel: 'email' });
    assert.equal(inv.status, 201);
    await runDueJobs(t.core, 'test');
    const got = await instance.waitFor((m) => m.to.includes('hang@example.vn'));
    assert.match(got.raw.replace(/\r\n /g, " "), /List-Unsubscribe: <http[^>]+\/u\/[0-9a-f-]{36}\/[A-Za-z0-9_-]+>/);
    assert.match(got.raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const link = /\/u\/[0-9a-f-]{36}\/[A-Za-z0-9_-]+/.exec(mailText(got.raw))![0];
    const page = await t.app.inject({ method: 'GET', url: link });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Hủy nhận thư'));
    assert.equal((await api(owner).get(`/api/v1/contacts/${c.body.id}`)).body.consents.email.status, 'granted', 'opening the page changes nothing');
    const forged = await t.app.inject({ method: 'POST', url: link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')) });
    assert.equal(forged.statusCode, 404);
    const oneClick = await t.app.inject({ method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.statusCode, 200, oneClick.body);
    const after = await api(owner).get(`/api/v1/contacts/${c.body.id}`);
    assert.equal(after.body.consents.email.status, 'denied');
    assert.equal(after.body.consents.email.source, 'unsubscribe link');
    const again = await api(owner).post(`/api/v1/surveys/${s.body.id}/invitations`, { contactId: c.body.id, channel: 'email' });
    await runDueJobs(t.core, 'test');
    const outbox = await api(owner).get('/api/v1/mail/outbox');
    const m = outbox.body.data.find((x: { id: string }) => x.id === again.body.mailId);
    assert.equal(m.status, 'suppressed');
    assert.match(m.lastError, /consent/);
  });

  test('a mail that fails is retried with backoff, then marked failed, and can be tried again', async () => {
    await api(owner).put('/api/v1/mail/settings', { host: '127.0.0.1', port: 1, secure: false, from: 'hotro@gomxua.vn' });
    const c = await api(owner).post('/api/v1/contacts', { name: 'Anh Lộc', emails: ['loc@example.vn'], ownerId: null });
    const tk = await api(owner).post('/api/v1/tickets', { contactId: c.body.id, subject: 'Hỏi giá', assigneeId: owner.userId });
    await api(owner).post(`/api/v1/tickets/${tk.body.id}/messages`, { kind: 'reply', body: 'Giá là 100.000 ₫' });
    const mailId = (await api(owner).get(`/api/v1/tickets/${tk.body.id}/messages`)).body.data.find((m: { kind: string }) => m.kind === 'reply').mailId;
    let clock = Date.now();
    const realNow = t.core.now;
    try {
      for (let i = 0; i < 7; i++) {
        (t.core as { now: () => Date }).now = () => new Date(clock);
        await runDueJobs(t.core, 'test');
        clock += 13 * 3_600_000; // past the longest backoff (12 h)
      }
    } finally {
      (t.core as { now: () => Date }).now = realNow;
    }
    const row = await t.core.db.selectFrom('mail_outbox').selectAll().where('id', '=', mailId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 6, 'six tries');
    const job = await t.core.db.selectFrom('jobs').selectAll().where('key', '=', `mail:${mailId}`).executeTakeFirstOrThrow();
    assert.notEqual(job.failed_at, null);
    await api(owner).delete('/api/v1/mail/settings');
    const retry = await api(owner).post(`/api/v1/mail/outbox/${mailId}/retry`);
    assert.equal(retry.status, 202);
    await runDueJobs(t.core, 'test');
    assert.equal((await t.core.db.selectFrom('mail_outbox').select('status').where('id', '=', mailId).executeTakeFirstOrThrow()).status, 'sent');
    assert.equal((await api(owner).post(`/api/v1/mail/outbox/${mailId}/retry`)).status, 409);
  });
});
