import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { isBuiltinKpi, parsePeriod, type BuiltinKpiKey } from '@kith/domain/kpis/kpis.ts';
import { labelLocale } from '@kith/domain/labels/enums.ts';
import type { RewardRule, RuleCreateInput, RuleUpdateInput } from '@kith/domain/rewards/rewards.api.ts';
import { carriesMoney, DEFAULT_MIN_N, monthOfPeriod, reasonWords, renderReason, ruleFires, type RewardKind } from '@kith/domain/rewards/rewards.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit, type AuditEntry } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { checkVersion } from '../../platform/records/lifecycle.ts';
import { authorize, preconditionFailed } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { RewardEntryTable } from './rewards.table.ts';
import { deleteRuleRow, findRule, insertRule, insertRuleEntries, listRules, memberNames, updateRuleRow } from './rewards.repository.ts';

/**
 * The rules that turn a closed KPI period's figures into proposals (e.g. SLA attainment under 80% → a warning;
 * CSAT ≥ 4.5 on at least 5 answers → a recognition). Everyone who reads the record reads the rules (criteria
 * published in advance); owners and admins write them (`rewards.configure`). The KPIs' period close calls
 * `proposeFromRules` inside its own transaction.
 */

const ENTITY = 'reward_rule';

/** Money only on a bonus or a penalty. */
function checkRule(r: { kind: RewardKind; amount: number | null }, issues: FieldIssue[]): void {
  if (r.amount !== null && !carriesMoney(r.kind))
    issues.push({ path: ['amount'], message: 'Only a bonus or a penalty carries an amount (give points instead)', code: 'invalid' });
}

export async function listRewardRules(core: Core, actor: Actor): Promise<{ data: RewardRule[] }> {
  authorize(actor, 'rewards.read');
  return { data: await listRules(core.db, actor.workspaceId) };
}

export async function getRewardRule(core: Core, actor: Actor, id: string): Promise<RewardRule> {
  authorize(actor, 'rewards.read');
  const r = await findRule(core.db, actor.workspaceId, id);
  if (!r) throw notFound('Rule');
  return r;
}

export async function createRewardRule(core: Core, actor: Actor, input: RuleCreateInput): Promise<RewardRule> {
  authorize(actor, 'rewards.configure');
  const issues: FieldIssue[] = [];
  const amount = input.amount ?? null;
  checkRule({ kind: input.kind, amount }, issues);
  if (issues.length) throw invalid(issues, 'The rule has invalid fields');
  return core.db.transaction().execute(async (trx) => {
    const now = core.now().toISOString();
    const id = uuidv7();
    await insertRule(trx, {
      id,
      workspace_id: actor.workspaceId,
      name: input.name,
      kpi: input.kpi,
      period_kind: input.periodKind ?? 'month',
      comparator: input.comparator,
      threshold: input.threshold,
      min_n: input.minN ?? DEFAULT_MIN_N,
      kind: input.kind,
      amount,
      points: input.points ?? null,
      reason_template: input.reasonTemplate,
      active: input.active === false ? 0 : 1,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const r = (await findRule(trx, actor.workspaceId, id))!;
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: ENTITY, entityId: id, after: r }, core.now());
    return r;
  });
}

export async function updateRewardRule(core: Core, actor: Actor, id: string, patch: RuleUpdateInput, ifVersion: number | null): Promise<RewardRule> {
  authorize(actor, 'rewards.configure');
  return core.db.transaction().execute(async (trx) => {
    const before = await findRule(trx, actor.workspaceId, id);
    if (!before) throw notFound('Rule');
    checkVersion(before, ifVersion);
    const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as RewardRule;
    const issues: FieldIssue[] = [];
    checkRule(next, issues);
    if (issues.length) throw invalid(issues, 'The rule has invalid fields');
    const keys = (Object.keys(patch) as (keyof RuleUpdateInput)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    if (keys.length === 0) return before;
    const ok = await updateRuleRow(trx, actor.workspaceId, id, before.version, {
      name: next.name,
      kpi: next.kpi,
      period_kind: next.periodKind,
      comparator: next.comparator,
      threshold: next.threshold,
      min_n: next.minN,
      kind: next.kind,
      amount: next.amount,
      points: next.points,
      reason_template: next.reasonTemplate,
      active: next.active ? 1 : 0,
      updated_at: core.now().toISOString(),
    });
    if (!ok) throw preconditionFailed(before.version + 1);
    const after = (await findRule(trx, actor.workspaceId, id))!;
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: ENTITY,
        entityId: id,
        before: Object.fromEntries(keys.map((k) => [k, before[k]])),
        after: Object.fromEntries(keys.map((k) => [k, after[k]])),
      },
      core.now(),
    );
    return after;
  });
}

export async function deleteRewardRule(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'rewards.configure');
  await core.db.transaction().execute(async (trx) => {
    const before = await findRule(trx, actor.workspaceId, id);
    if (!before || !(await deleteRuleRow(trx, actor.workspaceId, id))) throw notFound('Rule');
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: ENTITY, entityId: id, before }, core.now());
  });
}

/** A KPI figure of one member for the closed period, as the period close computed it. */
export type KpiResult = { userId: string; kpi: string; value: number | null; n: number };

/**
 * At a KPI period's close, inside the close's transaction: every active rule of the period's kind (a month's
 * rules at a month's close…) proposes an entry for each member whose figure it fires on — a measured value, on at
 * least the rule's minimum of observations, passing its comparison. The entry is proposed by whoever closed the
 * period, justified by the KPI, its period and value, counts toward the period's last month, and is decided like
 * any proposal. At most one entry per rule, person and period: a recount proposes nothing twice (nor again after a
 * proposal was rejected or withdrawn). Figures of people who are not members of the workspace are ignored.
 * Returns how many entries it created; each is audited as made by `closedBy`.
 */
export async function proposeFromRules(
  trx: Db,
  core: Core,
  o: { workspaceId: string; period: string; closedBy: string; results: readonly KpiResult[] },
): Promise<number> {
  const period = parsePeriod(o.period);
  if (!period) throw invalid([{ path: ['period'], message: 'Must be a period: YYYY-MM, YYYY-Qn or YYYY', code: 'invalid_format' }]);
  const rules = (await listRules(trx, o.workspaceId, { activeOnly: true, periodKind: period.kind })).filter((r) => isBuiltinKpi(r.kpi));
  if (rules.length === 0 || o.results.length === 0) return 0;
  const ws = await findWorkspace(trx, o.workspaceId);
  const lang = labelLocale(ws?.locale);
  const currency = ws?.currency ?? 'VND';
  const names = await memberNames(
    trx,
    o.workspaceId,
    o.results.map((r) => r.userId),
  );
  const now = core.now().toISOString();
  const month = monthOfPeriod(period.key)!;
  const rows: (RewardEntryTable & { id: string })[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const r of o.results) {
      const person = names.get(r.userId);
      if (person === undefined || !ruleFires(rule, period.kind, r)) continue;
      const key = `${rule.id}|${r.userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const words = reasonWords({ ...rule, kpi: rule.kpi as BuiltinKpiKey }, { value: r.value!, n: r.n, period: period.key, person }, lang, currency);
      rows.push({
        id: uuidv7(),
        workspace_id: o.workspaceId,
        person_id: r.userId,
        kind: rule.kind,
        reason: renderReason(rule.reasonTemplate, words).slice(0, 1000),
        amount: rule.amount,
        currency: rule.amount === null ? null : currency,
        points: rule.points,
        period: month,
        justification_type: 'kpi',
        kpi: rule.kpi,
        kpi_period: period.key,
        kpi_value: r.value,
        kpi_n: r.n,
        record_id: null,
        record_label: null,
        rule_id: rule.id,
        status: 'proposed',
        proposed_by: o.closedBy,
        proposed_at: now,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
  }
  const created = new Set(await insertRuleEntries(trx, rows));
  const entries: AuditEntry[] = rows
    .filter((r) => created.has(r.id))
    .map((r) => ({
      workspaceId: o.workspaceId,
      actorUserId: o.closedBy,
      action: 'create',
      entityType: 'reward',
      entityId: r.id,
      after: {
        personId: r.person_id,
        kind: r.kind,
        reason: r.reason,
        amount: r.amount,
        currency: r.currency,
        points: r.points,
        period: r.period,
        justification: { type: 'kpi', kpi: r.kpi, period: r.kpi_period, value: r.kpi_value, n: r.kpi_n },
        status: r.status,
      },
      meta: { via: 'period_close', ruleId: r.rule_id, period: period.key },
    }));
  await recordAudit(trx, entries, core.now());
  return created.size;
}
