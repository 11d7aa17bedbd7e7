import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { BUILTIN_KPIS, isBuiltinKpi } from '@kith/domain/kpis/kpis.ts';
import { labelLocale } from '@kith/domain/labels/enums.ts';
import { formatMinorPlain } from '@kith/domain/money/money.ts';
import { RewardExportQuery, rewardApi, type Reward, type RewardRule } from '@kith/domain/rewards/rewards.api.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { routeSchema } from '../../platform/http/contract.ts';
import { errors, etag, fileResponse, parseIfMatch } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { t, type MessageKey } from '../../platform/i18n/messages.ts';
import { CONTENT_TYPE, writeTable, type ExportColumn } from '../export/table-export.ts';
import { createRewardRule, deleteRewardRule, getRewardRule, listRewardRules, updateRewardRule } from './reward-rules.service.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { localeOf } from './rewards.repository.ts';
import { decideEntry, getEntry, listRewards, personRecord, proposeEntry, rewardPages, updateEntry, withdrawEntry } from './rewards.service.ts';

// The shapes live once in @kith/domain rewards/rewards.api.ts; the web calls the same contracts.

const kpiName = (key: string | null, lang: 'vi' | 'en') => (key && isBuiltinKpi(key) ? BUILTIN_KPIS[key].name[lang] : key);
const money = (amount: number | null, currency: string | null) => (amount === null ? null : formatMinorPlain(amount, currency ?? 'VND'));

/** The entries file's columns, headed in the reader's language. */
function entryColumns(lang: 'vi' | 'en'): ExportColumn<Reward>[] {
  const h = (k: MessageKey) => t(lang, k);
  return [
    { key: 'id', header: h('rewards.csv.id'), value: (r) => r.id },
    { key: 'person', header: h('rewards.csv.person'), value: (r) => r.personName ?? r.personId },
    { key: 'kind', header: h('rewards.csv.kind'), value: (r) => r.kind, enum: 'rewardKind' },
    { key: 'status', header: h('rewards.csv.status'), value: (r) => r.status, enum: 'rewardStatus' },
    { key: 'reason', header: h('rewards.csv.reason'), value: (r) => r.reason },
    { key: 'amount', header: h('rewards.csv.amount'), value: (r) => money(r.amount, r.currency), plain: true },
    { key: 'currency', header: h('rewards.csv.currency'), value: (r) => r.currency },
    { key: 'points', header: h('rewards.csv.points'), value: (r) => r.points },
    { key: 'period', header: h('rewards.csv.period'), value: (r) => r.period },
    { key: 'justification', header: h('rewards.csv.justification'), value: (r) => r.justification?.type, enum: 'rewardJustification' },
    { key: 'kpi', header: h('rewards.csv.kpi'), value: (r) => kpiName(r.justification?.kpi ?? null, lang) },
    { key: 'kpiPeriod', header: h('rewards.csv.kpiPeriod'), value: (r) => r.justification?.period },
    { key: 'kpiValue', header: h('rewards.csv.kpiValue'), value: (r) => r.justification?.value },
    { key: 'record', header: h('rewards.csv.record'), value: (r) => r.justification?.label },
    { key: 'recordId', header: h('rewards.csv.recordId'), value: (r) => r.justification?.recordId },
    { key: 'rule', header: h('rewards.csv.rule'), value: (r) => r.ruleId },
    { key: 'proposedBy', header: h('rewards.csv.proposedBy'), value: (r) => r.proposedByName ?? r.proposedBy },
    { key: 'proposedAt', header: h('rewards.csv.proposedAt'), value: (r) => r.proposedAt },
    { key: 'decidedBy', header: h('rewards.csv.decidedBy'), value: (r) => r.decidedByName ?? r.decidedBy },
    { key: 'decidedAt', header: h('rewards.csv.decidedAt'), value: (r) => r.decidedAt },
    { key: 'note', header: h('rewards.csv.note'), value: (r) => r.decisionNote },
  ];
}

function ruleColumns(lang: 'vi' | 'en', currency: string): ExportColumn<RewardRule>[] {
  const h = (k: MessageKey) => t(lang, k);
  return [
    { key: 'id', header: h('rewards.csv.id'), value: (r) => r.id },
    { key: 'name', header: h('rewards.csv.ruleName'), value: (r) => r.name },
    { key: 'kpi', header: h('rewards.csv.kpi'), value: (r) => kpiName(r.kpi, lang) },
    { key: 'periodKind', header: h('rewards.csv.periodKind'), value: (r) => r.periodKind, enum: 'rulePeriodKind' },
    { key: 'comparator', header: h('rewards.csv.comparator'), value: (r) => r.comparator, enum: 'ruleComparator' },
    { key: 'threshold', header: h('rewards.csv.threshold'), value: (r) => r.threshold },
    { key: 'minN', header: h('rewards.csv.minN'), value: (r) => r.minN },
    { key: 'kind', header: h('rewards.csv.kind'), value: (r) => r.kind, enum: 'rewardKind' },
    { key: 'amount', header: h('rewards.csv.amount'), value: (r) => money(r.amount, currency), plain: true },
    { key: 'points', header: h('rewards.csv.points'), value: (r) => r.points },
    { key: 'template', header: h('rewards.csv.template'), value: (r) => r.reasonTemplate },
    { key: 'active', header: h('rewards.csv.active'), value: (r) => t(lang, r.active ? 'rewards.csv.yes' : 'rewards.csv.no') },
  ];
}

const LangQuery = z.strictObject({ lang: z.enum(['vi', 'en']).optional() });

export function rewardRoutes(core: Core) {
  return async function (app: App) {
    app.get(rewardApi.list.path, { schema: routeSchema(rewardApi.list, [403, 422]), config: { action: 'rewards.read' } }, async (req) =>
      listRewards(core, actorOf(req), req.query),
    );
    app.get(
      '/rewards/export',
      {
        schema: {
          tags: ['rewards'],
          summary:
            'Download the entries you may see (the list’s filters) as CSV, UTF-8 with a BOM; cells a spreadsheet would run (= + - @ first) get a leading apostrophe',
          querystring: RewardExportQuery,
          response: { 200: fileResponse('The entries, as a CSV file', [CONTENT_TYPE.csv]), ...errors(403, 422) },
        },
        config: { action: 'rewards.read' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const q = req.query as z.output<typeof RewardExportQuery>;
        const lang = labelLocale(q.lang ?? (await localeOf(core.db, actor.workspaceId, actor.userId)));
        const pages = await rewardPages(core, actor, q);
        const out = new PassThrough();
        writeTable(out, { format: 'csv', raw: false, sheet: 'rewards', locale: lang }, entryColumns(lang), pages).catch((err: unknown) => {
          req.log.error({ err }, 'rewards export failed midway');
          out.destroy(err as Error);
        });
        return reply
          .header('content-type', CONTENT_TYPE.csv)
          .header('content-disposition', `attachment; filename="kith-rewards-${core.now().toISOString().slice(0, 10)}.csv"`)
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );
    app.post(rewardApi.create.path, { schema: routeSchema(rewardApi.create, [403, 422]), config: { action: 'rewards.propose' } }, async (req, reply) => {
      const r = await proposeEntry(core, actorOf(req), req.body);
      return reply.code(201).header('etag', etag(r.version)).header('location', `/api/v1/rewards/${r.id}`).send(r);
    });
    app.get(rewardApi.get.path, { schema: routeSchema(rewardApi.get, [403, 404]), config: { action: 'rewards.read' } }, async (req, reply) => {
      const r = await getEntry(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(r.version)).send(r);
    });
    app.patch(
      rewardApi.update.path,
      { schema: routeSchema(rewardApi.update, [403, 404, 409, 412, 422]), config: { action: 'rewards.propose' } },
      async (req, reply) => {
        const r = await updateEntry(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(r.version)).send(r);
      },
    );
    app.post(
      rewardApi.approve.path,
      { schema: routeSchema(rewardApi.approve, [403, 404, 409, 412, 422]), config: { action: 'rewards.approve' } },
      async (req, reply) => {
        const r = await decideEntry(core, actorOf(req), req.params.id, 'approved', req.body?.note, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(r.version)).send(r);
      },
    );
    app.post(
      rewardApi.reject.path,
      { schema: routeSchema(rewardApi.reject, [403, 404, 409, 412, 422]), config: { action: 'rewards.approve' } },
      async (req, reply) => {
        const r = await decideEntry(core, actorOf(req), req.params.id, 'rejected', req.body.note, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(r.version)).send(r);
      },
    );
    app.post(
      rewardApi.withdraw.path,
      { schema: routeSchema(rewardApi.withdraw, [403, 404, 409, 412]), config: { action: 'rewards.propose' } },
      async (req, reply) => {
        const r = await withdrawEntry(core, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(r.version)).send(r);
      },
    );
    app.get(rewardApi.record.path, { schema: routeSchema(rewardApi.record, [403, 404, 422]), config: { action: 'rewards.read' } }, async (req) =>
      personRecord(core, actorOf(req), req.params.userId, req.query),
    );

    app.get(rewardApi.rules.path, { schema: routeSchema(rewardApi.rules, [403]), config: { action: 'rewards.read' } }, async (req) =>
      listRewardRules(core, actorOf(req)),
    );
    app.get(
      '/reward-rules/export',
      {
        schema: {
          tags: ['rewards'],
          summary: 'Download the rules as CSV, UTF-8 with a BOM (cells neutralised against formulas)',
          querystring: LangQuery,
          response: { 200: fileResponse('The rules, as a CSV file', [CONTENT_TYPE.csv]), ...errors(403, 422) },
        },
        config: { action: 'rewards.read' },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const q = req.query as z.output<typeof LangQuery>;
        const lang = labelLocale(q.lang ?? (await localeOf(core.db, actor.workspaceId, actor.userId)));
        const { data } = await listRewardRules(core, actor);
        const currency = (await findWorkspace(core.db, actor.workspaceId))?.currency ?? 'VND';
        const out = new PassThrough();
        writeTable(
          out,
          { format: 'csv', raw: false, sheet: 'rules', locale: lang },
          ruleColumns(lang, currency),
          (async function* () {
            yield data;
          })(),
        ).catch((err: unknown) => {
          req.log.error({ err }, 'reward rules export failed midway');
          out.destroy(err as Error);
        });
        return reply
          .header('content-type', CONTENT_TYPE.csv)
          .header('content-disposition', `attachment; filename="kith-reward-rules-${core.now().toISOString().slice(0, 10)}.csv"`)
          .header('cache-control', 'no-store')
          .send(out as never);
      },
    );
    app.post(
      rewardApi.createRule.path,
      { schema: routeSchema(rewardApi.createRule, [403, 422]), config: { action: 'rewards.configure' } },
      async (req, reply) => {
        const r = await createRewardRule(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(r.version)).header('location', `/api/v1/reward-rules/${r.id}`).send(r);
      },
    );
    app.get(rewardApi.getRule.path, { schema: routeSchema(rewardApi.getRule, [403, 404]), config: { action: 'rewards.read' } }, async (req, reply) => {
      const r = await getRewardRule(core, actorOf(req), req.params.id);
      return reply.header('etag', etag(r.version)).send(r);
    });
    app.patch(
      rewardApi.updateRule.path,
      { schema: routeSchema(rewardApi.updateRule, [403, 404, 412, 422]), config: { action: 'rewards.configure' } },
      async (req, reply) => {
        const r = await updateRewardRule(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(r.version)).send(r);
      },
    );
    app.delete(
      rewardApi.deleteRule.path,
      { schema: routeSchema(rewardApi.deleteRule, [403, 404]), config: { action: 'rewards.configure' } },
      async (req, reply) => {
        await deleteRewardRule(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
