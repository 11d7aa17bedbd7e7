import { AppError, forbidden, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { periodOf } from '@kith/domain/kpis/kpis.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import type { JustificationInput, Reward, RewardCreateInput, RewardListQueryInput, RewardRecord, RewardUpdateInput } from '@kith/domain/rewards/rewards.api.ts';
import { addMonths, carriesMoney, monthOfPeriod, monthRange, monthsIn, totalsByMonth, type RewardKind } from '@kith/domain/rewards/rewards.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit, type AuditAction } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { checkVersion } from '../../platform/records/lifecycle.ts';
import { peopleScope, seesPerson } from '../../platform/records/people-scope.repository.ts';
import { authorize, preconditionFailed, scopeFor } from '../../platform/records/visibility.ts';
import { findOrderRows } from '../commerce/order.repository.ts';
import { findDealRow } from '../deals/deal.repository.ts';
import { findInteraction } from '../interactions/interaction.repository.ts';
import { findTicketRow } from '../tickets/ticket.repository.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { RewardEntryTable } from './rewards.table.ts';
import {
  approvedEntriesOf,
  approverCount,
  entryState,
  findEntry,
  hasEntries,
  insertEntry,
  isMember,
  listEntries,
  readEntry,
  surveyResponseLabel,
  updateProposedEntry,
  userName,
  type EntryVisibility,
} from './rewards.repository.ts';

/**
 * The reward and penalty record (docs/permissions.md, the rewards rows and "People scope"):
 * - a manager proposes for the members of their teams (or themselves), owners and admins for anyone;
 * - owners and admins approve or reject, never a proposal of their own nor one about themselves — unless they are
 *   the workspace's only owner or admin (no one else could); a proposal is decided once: concurrent deciders race
 *   on one conditional UPDATE, one wins, the others get 409;
 * - the proposer may change or withdraw it while it waits;
 * - everyone sees their own approved entries; proposals in progress are seen by their proposer, by the managers of
 *   the person's teams and by owners and admins.
 * Every change is audited in its transaction.
 */

const ENTITY = 'reward';
const AUDITED = ['personId', 'kind', 'reason', 'amount', 'currency', 'points', 'period', 'justification', 'status', 'decisionNote'] as const;
const audited = (r: Reward) => Object.fromEntries(AUDITED.map((k) => [k, r[k]]));

/** Which entries the actor sees (rewards.read over the people scope). */
export async function entryVisibility(db: Db, actor: Actor): Promise<EntryVisibility> {
  const s = await peopleScope(db, actor, 'rewards.read');
  return { workspaceId: actor.workspaceId, all: s.all, userId: actor.userId, others: [...s.userIds].filter((u) => u !== actor.userId) };
}

/** This month in the workspace's calendar, `YYYY-MM`. */
export async function currentMonth(core: Core, db: Db, workspaceId: string): Promise<string> {
  const ws = await findWorkspace(db, workspaceId);
  return periodOf('month', core.now(), ws?.timezone ?? 'Asia/Ho_Chi_Minh').key;
}

const alreadyDecided = (status: string) => new AppError('conflict', `This proposal was ${status} already`, { reason: 'already_decided', params: { status } });

/** Money only on a bonus or a penalty, and one of them carries money or points. */
function checkAmounts(kind: RewardKind, amount: number | null | undefined, points: number | null | undefined, issues: FieldIssue[]): void {
  if (amount != null && !carriesMoney(kind))
    issues.push({ path: ['amount'], message: 'Only a bonus or a penalty carries an amount (give points instead)', code: 'invalid' });
  if (carriesMoney(kind) && amount == null && points == null)
    issues.push({ path: ['amount'], message: 'A bonus or a penalty needs an amount or points', code: 'required' });
}

type JustificationColumns = Pick<RewardEntryTable, 'justification_type' | 'kpi' | 'kpi_period' | 'kpi_value' | 'kpi_n' | 'record_id' | 'record_label'>;
const NO_JUSTIFICATION: JustificationColumns = {
  justification_type: null,
  kpi: null,
  kpi_period: null,
  kpi_value: null,
  kpi_n: null,
  record_id: null,
  record_label: null,
};

/**
 * The justification as columns: a KPI's figure as given, or a record of the workspace the actor may read (a ticket,
 * deal, order or interaction in their record scope, a survey response if they read surveys) with its name now.
 * A record that does not exist, is elsewhere or out of the actor's sight is one issue naming /justification/id.
 */
async function justificationColumns(db: Db, actor: Actor, j: JustificationInput | null | undefined, issues: FieldIssue[]): Promise<JustificationColumns> {
  if (!j) return NO_JUSTIFICATION;
  if (j.type === 'kpi') return { ...NO_JUSTIFICATION, justification_type: 'kpi', kpi: j.kpi, kpi_period: j.period, kpi_value: j.value, kpi_n: j.n ?? null };
  const reads = (action: Parameters<typeof grantOf>[1]) => grantOf(actor.role, action) !== false;
  let label: string | undefined;
  switch (j.type) {
    case 'ticket': {
      const t = reads('tickets.read') ? await findTicketRow(db, actor, 'tickets.read', j.id) : undefined;
      label = t && `#${t.number} ${t.subject}`;
      break;
    }
    case 'deal':
      label = reads('deals.read') ? (await findDealRow(db, scopeFor(actor, 'deals.read'), j.id))?.title : undefined;
      break;
    case 'order':
      label = reads('orders.read') ? (await findOrderRows(db, scopeFor(actor, 'orders.read'), [j.id]))[0]?.number : undefined;
      break;
    case 'interaction': {
      const i = reads('contacts.read') ? await findInteraction(db, scopeFor(actor, 'contacts.read'), j.id) : undefined;
      label = i && `${i.subject ?? enumLabel('interactionKind', i.kind, 'vi')} (${i.occurredAt.slice(0, 10)})`;
      break;
    }
    case 'survey_response':
      label = reads('surveys.read') ? await surveyResponseLabel(db, actor.workspaceId, j.id) : undefined;
      break;
  }
  if (label === undefined) {
    issues.push({ path: ['justification', 'id'], message: 'No such record in this workspace (or not one you may see)', code: 'not_found' });
    return NO_JUSTIFICATION;
  }
  return { ...NO_JUSTIFICATION, justification_type: j.type, record_id: j.id, record_label: label.slice(0, 300) };
}

/** Propose an entry for a member in the proposer's people scope. */
export async function proposeEntry(core: Core, actor: Actor, input: RewardCreateInput): Promise<Reward> {
  authorize(actor, 'rewards.propose');
  return core.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const scope = await peopleScope(trx, actor, 'rewards.propose');
    if (!seesPerson(scope, input.personId) || !(await isMember(trx, actor.workspaceId, input.personId)))
      issues.push({ path: ['personId'], message: 'No such member (or not one you may propose for)', code: 'not_found' });
    checkAmounts(input.kind, input.amount, input.points, issues);
    const just = await justificationColumns(trx, actor, input.justification, issues);
    if (issues.length) throw invalid(issues, 'The entry has invalid fields');
    const ws = await findWorkspace(trx, actor.workspaceId);
    const now = core.now().toISOString();
    const id = uuidv7();
    const amount = input.amount ?? null;
    await insertEntry(trx, {
      id,
      workspace_id: actor.workspaceId,
      person_id: input.personId,
      kind: input.kind,
      reason: input.reason,
      amount,
      currency: amount === null ? null : (ws?.currency ?? 'VND'),
      points: input.points ?? null,
      period: input.period ?? (just.kpi_period ? monthOfPeriod(just.kpi_period)! : await currentMonth(core, trx, actor.workspaceId)),
      ...just,
      rule_id: null,
      status: 'proposed',
      proposed_by: actor.userId,
      proposed_at: now,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const r = await readEntry(trx, actor.workspaceId, id);
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: ENTITY, entityId: id, after: audited(r) }, core.now());
    return r;
  });
}

export async function getEntry(core: Core, actor: Actor, id: string): Promise<Reward> {
  authorize(actor, 'rewards.read');
  const r = await findEntry(core.db, await entryVisibility(core.db, actor), id);
  if (!r) throw notFound('Entry');
  return r;
}

/** An entry the actor sees, still proposed, proposed by them: what changing or withdrawing it needs. */
async function ownProposal(trx: Db, actor: Actor, id: string, ifVersion: number | null): Promise<Reward> {
  const before = await findEntry(trx, await entryVisibility(trx, actor), id);
  if (!before) throw notFound('Entry');
  if (before.proposedBy !== actor.userId) throw forbidden('Only whoever proposed it may change or withdraw a proposal', 'proposer_only');
  if (before.status !== 'proposed') throw alreadyDecided(before.status);
  checkVersion(before, ifVersion);
  return before;
}

/** Write over the version read while still proposed; a lost race is a 409 when decided meanwhile, else a 412. */
async function writeProposed(trx: Db, workspaceId: string, before: Reward, set: Parameters<typeof updateProposedEntry>[4]): Promise<void> {
  if (await updateProposedEntry(trx, workspaceId, before.id, before.version, set)) return;
  const now = await entryState(trx, workspaceId, before.id);
  if (!now) throw notFound('Entry');
  if (now.status !== 'proposed') throw alreadyDecided(now.status);
  throw preconditionFailed(now.version);
}

/** Change a proposal of one's own while it waits. */
export async function updateEntry(core: Core, actor: Actor, id: string, patch: RewardUpdateInput, ifVersion: number | null): Promise<Reward> {
  authorize(actor, 'rewards.propose');
  return core.db.transaction().execute(async (trx) => {
    const before = await ownProposal(trx, actor, id, ifVersion);
    const issues: FieldIssue[] = [];
    const kind = patch.kind ?? before.kind;
    const amount = patch.amount !== undefined ? patch.amount : before.amount;
    const points = patch.points !== undefined ? patch.points : before.points;
    checkAmounts(kind, amount, points, issues);
    const just = patch.justification !== undefined ? await justificationColumns(trx, actor, patch.justification, issues) : undefined;
    if (issues.length) throw invalid(issues, 'The entry has invalid fields');
    const ws = await findWorkspace(trx, actor.workspaceId);
    const now = core.now().toISOString();
    await writeProposed(trx, actor.workspaceId, before, {
      kind,
      reason: patch.reason ?? before.reason,
      amount,
      currency: amount === null ? null : amount === before.amount ? before.currency : (ws?.currency ?? 'VND'),
      points,
      ...(patch.period ? { period: patch.period } : just?.kpi_period ? { period: monthOfPeriod(just.kpi_period)! } : {}),
      ...(just ?? {}),
      updated_at: now,
    });
    const after = await readEntry(trx, actor.workspaceId, id);
    const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length)
      await recordAudit(
        trx,
        {
          ...by(actor),
          action: 'update',
          entityType: ENTITY,
          entityId: id,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
        core.now(),
      );
    return after;
  });
}

/** Withdraw a proposal of one's own. */
export async function withdrawEntry(core: Core, actor: Actor, id: string, ifVersion: number | null): Promise<Reward> {
  authorize(actor, 'rewards.propose');
  return core.db.transaction().execute(async (trx) => {
    const before = await ownProposal(trx, actor, id, ifVersion);
    const now = core.now().toISOString();
    await writeProposed(trx, actor.workspaceId, before, { status: 'withdrawn', decided_by: actor.userId, decided_at: now, updated_at: now });
    const after = await readEntry(trx, actor.workspaceId, id);
    await recordAudit(
      trx,
      { ...by(actor), action: 'withdraw', entityType: ENTITY, entityId: id, before: { status: before.status }, after: { status: after.status } },
      core.now(),
    );
    return after;
  });
}

/** Approve or reject a proposal: once, by an owner or admin who neither proposed it nor is its person (unless the only one). */
export async function decideEntry(
  core: Core,
  actor: Actor,
  id: string,
  decision: 'approved' | 'rejected',
  note: string | null | undefined,
  ifVersion: number | null,
): Promise<Reward> {
  authorize(actor, 'rewards.approve');
  return core.db.transaction().execute(async (trx) => {
    const before = await findEntry(trx, await entryVisibility(trx, actor), id);
    if (!before) throw notFound('Entry');
    if (before.status !== 'proposed') throw alreadyDecided(before.status);
    if ((before.proposedBy === actor.userId || before.personId === actor.userId) && (await approverCount(trx, actor.workspaceId)) > 1)
      throw forbidden(
        before.personId === actor.userId
          ? 'Another owner or admin decides an entry about you'
          : 'Another owner or admin decides a proposal you made (four eyes)',
        'four_eyes',
      );
    checkVersion(before, ifVersion);
    const now = core.now().toISOString();
    await writeProposed(trx, actor.workspaceId, before, {
      status: decision,
      decided_by: actor.userId,
      decided_at: now,
      decision_note: note ?? null,
      updated_at: now,
    });
    const after = await readEntry(trx, actor.workspaceId, id);
    const action: AuditAction = decision === 'approved' ? 'approve' : 'reject';
    await recordAudit(
      trx,
      {
        ...by(actor),
        action,
        entityType: ENTITY,
        entityId: id,
        before: { status: before.status },
        after: { status: after.status, decisionNote: after.decisionNote },
        meta: { ...by(actor).meta, personId: after.personId },
      },
      core.now(),
    );
    return after;
  });
}

/** Entries the actor sees, newest first, filtered. */
export async function listRewards(core: Core, actor: Actor, q: RewardListQueryInput): Promise<{ data: Reward[]; nextCursor: string | null }> {
  authorize(actor, 'rewards.read');
  const v = await entryVisibility(core.db, actor);
  const rows = await listEntries(core.db, v, filtersOf(actor, q), { ...(q.cursor ? { before: q.cursor } : {}), limit: q.limit + 1 });
  const more = rows.length > q.limit;
  const data = more ? rows.slice(0, q.limit) : rows;
  return { data, nextCursor: more ? data.at(-1)!.id : null };
}

export function filtersOf(actor: Actor, q: Pick<RewardListQueryInput, 'personId' | 'kind' | 'status' | 'period' | 'mine'>) {
  return {
    ...(q.personId ? { personId: q.personId } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.period ? { months: monthsIn(q.period) ?? [] } : {}),
    ...(q.mine === 'true' ? { proposedBy: actor.userId } : {}),
  };
}

/** Every entry the actor sees with these filters, page by page (the CSV file): authorized before the first page is asked for. */
export async function rewardPages(core: Core, actor: Actor, q: Parameters<typeof filtersOf>[1]): Promise<AsyncGenerator<Reward[]>> {
  authorize(actor, 'rewards.read');
  const v = await entryVisibility(core.db, actor);
  const f = filtersOf(actor, q);
  return (async function* () {
    let before: string | undefined;
    for (;;) {
      const rows = await listEntries(core.db, v, f, { ...(before ? { before } : {}), limit: 1000 });
      if (rows.length) yield rows;
      if (rows.length < 1000) return;
      before = rows.at(-1)!.id;
    }
  })();
}

/** The most months a record covers at once. */
export const RECORD_MONTHS = 36;

/** A member's record: their approved entries in [from, to] and the totals by month (the last 12 months by default). */
export async function personRecord(core: Core, actor: Actor, userId: string, q: { from?: string | undefined; to?: string | undefined }): Promise<RewardRecord> {
  authorize(actor, 'rewards.read');
  const scope = await peopleScope(core.db, actor, 'rewards.read');
  if (!seesPerson(scope, userId) || !((await isMember(core.db, actor.workspaceId, userId)) || (await hasEntries(core.db, actor.workspaceId, userId))))
    throw notFound('Member');
  const to = q.to ?? (await currentMonth(core, core.db, actor.workspaceId));
  const from = q.from ?? addMonths(to, -11);
  if (from > to) throw invalid([{ path: ['from'], message: 'Must not be after `to`', code: 'invalid' }]);
  if (addMonths(from, RECORD_MONTHS - 1) < to)
    throw invalid([{ path: ['from'], message: `A record covers at most ${RECORD_MONTHS} months`, code: 'too_big', params: { maximum: RECORD_MONTHS } }]);
  const months = monthRange(from, to, RECORD_MONTHS);
  const entries = await approvedEntriesOf(core.db, actor.workspaceId, userId, months);
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const t = totalsByMonth(entries, months);
  return {
    person: { id: userId, name: await userName(core.db, userId) },
    currency: ws?.currency ?? 'VND',
    from,
    to,
    months: t.months,
    totals: t.totals,
    entries,
  };
}
