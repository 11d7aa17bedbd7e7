import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeMember, makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { mailText, startMailCatcher } from '../../../test/mail-catcher.ts';
import { queueMail, sendQueuedMail } from './outbox.ts';
import { runDueJobs } from '../jobs/runner.ts';

let t: TestApp;
let strict: TestApp;
let owner: TestUser;
let strictOwner: TestUser;
let manager: TestUser;
let own: Awaited<ReturnType<typeof startMailCatcher>>;
let instance: Awaited<ReturnType<typeof startMailCatcher>>;
const logs: Record<string, unknown>[] = [];

/**
 * The only resolver these tests use (no DNS query leaves the machine): names under gomxua.test answer from
 * this table, every other name is not found.
 */
const ZONE: Record<string, string[]> = {
  'mail.gomxua.test': ['127.0.0.1'],
  'intranet.gomxua.test': ['10.20.30.40'],
  'metadata.gomxua.test': ['169.254.169.254'],
  'mapped.gomxua.test': ['::ffff:192.168.1.1'],
  // One answer allowed (the catcher's loopback), one internal: the whole name is refused.
  'mixed.gomxua.test': ['127.0.0.1', '192.168.1.10'],
};
const resolve = async (name: string): Promise<LookupAddress[]> => {
  const a = ZONE[name];
  if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND', hostname: name });
  return a.map((address) => ({ address, family: isIP(address) }));
};

before(async () => {
  own = await startMailCatcher({ auth: { user: 'cskh', pass: 'mật-khẩu-smtp-rất-bí-mật' } });
  instance = await startMailCatcher();
  // The catchers listen on loopback, which the operator allows here as KITH_OUTBOUND_ALLOW would.
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (logs.push(JSON.parse(String(chunk))), done()) }));
  t = await createTestApp({ config: { smtpUrl: instance.url, outboundAllow: '127.0.0.1' }, resolve, log });
  strict = await createTestApp({ resolve });
  ({ owner } = await makeWorkspace(t.core));
  ({ owner: strictOwner } = await makeWorkspace(strict.core));
  manager = await makeMember(t.core, owner.workspaceId, 'manager');
});
after(async () => {
  await t.close();
  await strict.close();
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
    const put = await api(owner).put('/api/v1/mail/settings', {
      host: '127.0.0.1',
      port: portOf(own.url),
      secure: false,
      user: 'cskh',
      password: 'mật-khẩu-smtp-rất-bí-mật',
      from: 'cskh@gomxua.vn',
      fromName: 'Gốm Xưa CSKH',
    });
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
    assert.equal(down.body.errors[0].code, 'smtp_unreachable', 'a code the web words in the user’s language');
    assert.equal((await api(owner).delete('/api/v1/mail/settings')).status, 204);
    assert.equal((await api(owner).post('/api/v1/mail/settings/test', { to: 'chu@gomxua.vn' })).body.via, 'instance');
  });

  test('marketing mail carries an unsubscribe link; opening it asks, confirming withdraws consent, and later marketing mail is not sent', async () => {
    const c = await api(owner).post('/api/v1/contacts', {
      name: 'Chị Hằng',
      emails: ['hang@example.vn'],
      consents: { email: { status: 'granted', source: 'cửa hàng' } },
    });
    const s = await api(owner).post('/api/v1/surveys', { name: 'Góp ý', questions: [{ type: 'nps', text: 'NPS' }] });
    const inv = await api(owner).post(`/api/v1/surveys/${s.body.id}/invitations`, { contactId: c.body.id, channel: 'email' });
    assert.equal(inv.status, 201);
    await runDueJobs(t.core, 'test');
    const got = await instance.waitFor((m) => m.to.includes('hang@example.vn'));
    assert.match(got.raw.replace(/\r\n /g, ' '), /List-Unsubscribe: <http[^>]+\/u\/[0-9a-f-]{36}\/[A-Za-z0-9_-]+>/);
    assert.match(got.raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const link = /\/u\/[0-9a-f-]{36}\/[A-Za-z0-9_-]+/.exec(mailText(got.raw))![0];
    const page = await t.app.inject({ method: 'GET', url: link });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Hủy nhận thư'));
    assert.equal((await api(owner).get(`/api/v1/contacts/${c.body.id}`)).body.consents.email.status, 'granted', 'opening the page changes nothing');
    const forged = await t.app.inject({ method: 'POST', url: link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')) });
    assert.equal(forged.statusCode, 404);
    const oneClick = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
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

  test('internal addresses are refused when saved, in every spelling, naming /host; nothing is stored', async () => {
    const hosts = [
      'localhost',
      'LOCALHOST.',
      'smtp.localhost',
      '127.0.0.1',
      '127.0.0.53',
      '2130706433',
      '127.1',
      '0x7f.1',
      '0x7f000001',
      '017700000001',
      '127.0.0.1.',
      '0',
      '0.0.0.0',
      '[::]',
      '[::1]',
      '[0:0:0:0:0:0:0:1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '10.0.0.5',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.1',
      '[fc00::1]',
      '[fd12:3456::1]',
      '100.64.0.1',
      '169.254.10.10',
      '[fe80::1]',
      '169.254.169.254',
      '0xa9fea9fe',
      '[fd00:ec2::254]',
      '168.63.129.16',
      '100.100.100.200',
      '224.0.0.1',
      '239.255.255.250',
      '[ff02::1]',
      '255.255.255.255',
      '240.0.0.1',
      '198.18.0.1',
      '192.0.2.10',
      '198.51.100.7',
      '203.0.113.9',
      '[2001:db8::1]',
      '192.0.0.8',
      '[64:ff9b::a00:1]',
      '[64:ff9b::127.0.0.1]',
      '[2002:c0a8:101::1]',
      '[::ffff:0:a9fe:a9fe]',
    ];
    const accepted: string[] = [];
    for (const host of hosts) {
      const r = await client(strict.app, strictOwner.token).put('/api/v1/mail/settings', { host, port: 25, secure: false, from: 'cskh@gomxua.vn' });
      if (r.status !== 422 || r.body.errors?.[0]?.pointer !== '/host') accepted.push(`${host} → ${r.status}`);
    }
    assert.deepEqual(accepted, []);
    assert.equal((await client(strict.app, strictOwner.token).get('/api/v1/mail/settings')).body.configured, false);
    // A public address and a name are taken (a name is judged by what it resolves to, when connecting).
    for (const host of ['203.0.114.5', 'smtp.gomxua.vn', '[2606:4700::1111]']) {
      const r = await client(strict.app, strictOwner.token).put('/api/v1/mail/settings', { host, port: 587, secure: false, from: 'cskh@gomxua.vn' });
      assert.equal(r.status, 200, `${host}: ${JSON.stringify(r.body)}`);
    }
    assert.equal((await client(strict.app, strictOwner.token).delete('/api/v1/mail/settings')).status, 204);
  });

  test('a host name is resolved by the guard at connect time (nodemailer does not look it up itself)', async () => {
    const put = await api(owner).put('/api/v1/mail/settings', {
      host: 'mail.gomxua.test',
      port: portOf(own.url),
      secure: false,
      user: 'cskh',
      password: 'mật-khẩu-smtp-rất-bí-mật',
      from: 'cskh@gomxua.vn',
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const sent = await api(owner).post('/api/v1/mail/settings/test', { to: 'qua-ten@gomxua.vn' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    await own.waitFor((m) => m.to.includes('qua-ten@gomxua.vn'));
  });

  test('the test send and the outbox cannot tell a refused address from a closed port or an unknown host (no port scanner); the log can', async () => {
    const cases = [
      { host: '127.0.0.1', port: 1, why: 'closed port' },
      { host: 'intranet.gomxua.test', port: 25, why: 'private address' },
      { host: 'metadata.gomxua.test', port: 80, why: 'metadata address' },
      { host: 'mapped.gomxua.test', port: 25, why: 'IPv4-mapped private address' },
      { host: 'mixed.gomxua.test', port: portOf(own.url), why: 'one of its addresses is private' },
      { host: 'nowhere.gomxua.test', port: 25, why: 'unknown host' },
    ];
    const before = own.mails.length;
    const answers: { why: string; status: number; body: unknown; lastError: string | null }[] = [];
    for (const c of cases) {
      const put = await api(owner).put('/api/v1/mail/settings', {
        host: c.host,
        port: c.port,
        secure: false,
        user: 'cskh',
        password: 'mật-khẩu-smtp-rất-bí-mật',
        from: 'cskh@gomxua.vn',
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const r = await api(owner).post('/api/v1/mail/settings/test', { to: 'do-tham@gomxua.vn' });
      const mailId = await queueMail(
        t.core.db,
        { workspaceId: owner.workspaceId, contactId: null, to: 'do-tham@gomxua.vn', subject: c.why, text: c.why, purpose: 'transactional' },
        t.core.now(),
      );
      await assert.rejects(sendQueuedMail(t.core, mailId, false));
      const row = await t.core.db.selectFrom('mail_outbox').select('last_error').where('id', '=', mailId).executeTakeFirstOrThrow();
      answers.push({ why: c.why, status: r.status, body: r.body, lastError: row.last_error });
    }
    assert.equal(answers[0]!.status, 422);
    assert.equal((answers[0]!.body as { errors: { pointer: string }[] }).errors[0]!.pointer, '/smtp');
    for (const a of answers)
      assert.deepEqual(
        { status: a.status, body: a.body, lastError: a.lastError },
        { status: answers[0]!.status, body: answers[0]!.body, lastError: answers[0]!.lastError },
        a.why,
      );
    assert.ok(!/ECONN|ENOTFOUND|10\.20|169\.254|refused/i.test(JSON.stringify(answers[0])), JSON.stringify(answers[0]));
    assert.equal(own.mails.length, before, 'nothing reached the catcher through the mixed name');
    // The real reason is in the server's log, for the operator.
    const logged = JSON.stringify(logs);
    assert.match(logged, /EOUTBOUNDREFUSED/);
    assert.match(logged, /10\.20\.30\.40/);
    assert.match(logged, /169\.254\.169\.254/);
    assert.match(logged, /ECONNREFUSED/);
    assert.match(logged, /ENOTFOUND/);
  });

  test('each outbox mail has a stable Message-ID from its id: a second attempt (after a crash) carries the same one', async () => {
    await api(owner).put('/api/v1/mail/settings', {
      host: '127.0.0.1',
      port: portOf(own.url),
      secure: false,
      user: 'cskh',
      password: 'mật-khẩu-smtp-rất-bí-mật',
      from: 'hotro@gomxua.vn',
    });
    const mailId = await queueMail(
      t.core.db,
      { workspaceId: owner.workspaceId, contactId: null, to: 'hai-lan@gomxua.vn', subject: 'Đơn hàng', text: 'Cảm ơn anh/chị', purpose: 'transactional' },
      t.core.now(),
    );
    assert.equal(await sendQueuedMail(t.core, mailId, false), 'sent');
    // kill -9 after the server took the mail but before the row said so: the row is left 'sending' and tried again.
    await t.core.db.updateTable('mail_outbox').set({ status: 'sending' }).where('id', '=', mailId).execute();
    assert.equal(await sendQueuedMail(t.core, mailId, false), 'sent');
    const got = own.mails.filter((m) => m.to.includes('hai-lan@gomxua.vn'));
    assert.equal(got.length, 2);
    const ids = got.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1]?.trim());
    assert.deepEqual(ids, [`<${mailId}@gomxua.vn>`, `<${mailId}@gomxua.vn>`]);

    // Through the instance's server: the domain of its sender address.
    await api(owner).delete('/api/v1/mail/settings');
    const viaInstance = await queueMail(
      t.core.db,
      { workspaceId: owner.workspaceId, contactId: null, to: 'qua-may-chu@gomxua.vn', subject: 'Đơn hàng', text: 'Cảm ơn', purpose: 'transactional' },
      t.core.now(),
    );
    assert.equal(await sendQueuedMail(t.core, viaInstance, false), 'sent');
    const m = await instance.waitFor((x) => x.to.includes('qua-may-chu@gomxua.vn'));
    assert.equal(/^Message-ID: (.*)$/im.exec(m.raw)?.[1]?.trim(), `<${viaInstance}@localhost>`);
  });
});
