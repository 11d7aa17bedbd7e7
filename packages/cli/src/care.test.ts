/** `kith tickets|surveys|loyalty|jobs` as an administrator runs them: a real process over a real data directory. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '@kith/server/config.ts';
import { createCore } from '@kith/server/core.ts';
import { MODULES } from '@kith/server/modules.ts';
import { createLogger } from '@kith/server/logger.ts';
import { onPostgres } from '@kith/server/test/test-db.ts';
import { deliverEvents } from '@kith/server/test/factories.ts';
import { ownerActor } from './commands/admin.ts';
import { createContacts } from '@kith/server/features/contacts/contact.service.ts';
import { createTicket } from '@kith/server/features/tickets/ticket-create.service.ts';
import { createSurvey } from '@kith/server/features/surveys/survey.service.ts';
import { submitResponse } from '@kith/server/features/surveys/survey-response.service.ts';
import { createOrder } from '@kith/server/features/commerce/order-write.service.ts';
import { runKith, jsonOf } from '../test/run-kith.ts';

const dir = mkdtempSync(join(tmpdir(), 'kith-care-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const kith = (args: string[], stdin = '') => runKith(dir, args, { stdin });
const json = jsonOf;

describe('kith tickets, surveys, loyalty and jobs', { skip: onPostgres() ? 'the CLI tests use SQLite only' : false }, () => {
  test('an administrator reads the queues, the SLA report, survey results and a customer’s points, makes a survey link and runs due jobs', async () => {
    json(
      await kith(
        ['setup', '--workspace', 'Trà Thái Nguyên', '--name', 'Hà Văn Chè', '--email', 'che@tra.vn', '--password-stdin', '--json'],
        'a long owner password\n',
      ),
    );
    const core = await createCore(loadConfig({}, { dataDir: dir, logLevel: 'silent' }), { modules: MODULES, log: createLogger('silent') });
    let contactId: string;
    let surveyId: string;
    try {
      const ws = (await core.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
      const actor = await ownerActor(core, ws);
      const [c] = await createContacts(core, actor, [{ name: 'Chị Xuân', emails: ['xuan@example.vn'] } as never], { bulk: false });
      contactId = c!.id;
      await createTicket(core, actor, { contactId, subject: 'Trà bị ẩm', priority: 'high', channel: 'phone', category: 'complaint' });
      const s = await createSurvey(core, actor, {
        name: 'Sau mua',
        questions: [{ type: 'nps', text: { vi: 'NPS', en: 'NPS' } }],
        trigger: { kind: 'manual' },
        followUp: { enabled: true, npsMax: 6, csatMax: 2, priority: 'high' },
        expiresDays: 30,
        status: 'active',
      });
      surveyId = s.id;
      await createOrder(core, actor, { contactId, status: 'paid', lines: [{ name: 'Trà Tân Cương', quantity: 2, unitPrice: 250_000 }] } as never);
      // What a server's delivery loop does moments after: the order's points follow (loyalty listens to its event).
      await deliverEvents(core);
    } finally {
      await core.close();
    }

    const list = json(await kith(['tickets', 'list', '--json']));
    assert.equal(list.total, 1);
    assert.equal(list.data[0].subject, 'Trà bị ẩm');
    assert.notEqual(list.data[0].sla.firstResponseDueAt, null);
    const table = await kith(['tickets', 'list']);
    assert.match(table.stdout, /#1\s+high\s+new\s+\d+ min left\s+Trà bị ẩm — Chị Xuân/);
    assert.equal((await kith(['tickets', 'list', '--queue', 'mine-and-yours'])).code, 1);
    const report = json(await kith(['tickets', 'sla-report', '--by', 'category', '--json']));
    assert.deepEqual(
      report.data.map((g: { key: string; tickets: number }) => [g.key, g.tickets]),
      [['complaint', 1]],
    );

    const link = json(await kith(['surveys', 'invite', surveyId!, contactId!, '--json']));
    assert.match(link.url, /\/s\/[A-Za-z0-9_-]{40,}$/);
    const core2 = await createCore(loadConfig({}, { dataDir: dir, logLevel: 'silent' }), { modules: MODULES, log: createLogger('silent') });
    try {
      const q = (await core2.db.selectFrom('survey_questions').select('id').where('survey_id', '=', surveyId!).executeTakeFirstOrThrow()).id;
      await submitResponse(core2, link.token, { answers: [{ questionId: q, value: 4 }] }, '127.0.0.1');
    } finally {
      await core2.close();
    }
    const results = json(await kith(['surveys', 'results', '--json']));
    assert.equal(results.nps.n, 1);
    assert.equal(results.nps.nps, -100);
    const recount = json(await kith(['surveys', 'recount', '--json']));
    assert.deepEqual([recount.answers, recount.rows], [1, 5], 'one answer counted overall and per team, agent, category and segment');
    const text = await kith(['surveys', 'results']);
    assert.match(text.stdout, /NPS\s+-100\.0 .*from 1 answers: 0 promoters, 0 passives, 1 detractors/);
    assert.equal(json(await kith(['tickets', 'list', '--json'])).total, 2, 'the detractor opened a follow-up ticket');

    const points = json(await kith(['loyalty', 'show', contactId!, '--json']));
    assert.equal(points.balance, 50, '500,000 ₫ paid earns 50 points');
    assert.match(points.referralCode, /^[2-9A-Z]{8}$/);
    const status = json(await kith(['jobs', 'status', '--json']));
    assert.ok(
      status.some((r: { kind: string; waiting: number }) => r.kind === 'ticket.sla' && r.waiting >= 2),
      JSON.stringify(status),
    );
    const ran = json(await kith(['jobs', 'run', '--json']));
    assert.equal(ran.failed, 0);
  });
});
