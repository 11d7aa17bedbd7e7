import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Reward, RewardRule } from '@kith/domain/rewards/rewards.api.ts';
import type { JustificationType, RewardKind, RewardStatus, RuleComparator } from '@kith/domain/rewards/rewards.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { RewardEntryTable, RewardRuleTable } from './rewards.table.ts';

/**
 * The reward and penalty record's SQL. Every query starts from the workspace; which entries an actor sees is the
 * `EntryVisibility` the service computes from the people scope (rewards.service.ts).
 */

/**
 * Who sees which entries: everything (owners, admins); else their own approved entries, the entries they proposed,
 * and every entry about the `others` (a manager's team members, themselves excluded).
 */
export type EntryVisibility = { workspaceId: string; all: boolean; userId: string; others: readonly string[] };

type Row = RewardEntryTable & { person_name: string | null; proposer_name: string | null; decider_name: string | null };

function rowTo(r: Row): Reward {
  const j = r.justification_type as JustificationType | null;
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    kind: r.kind as RewardKind,
    reason: r.reason,
    amount: r.amount === null ? null : Number(r.amount),
    currency: r.currency,
    points: r.points,
    period: r.period,
    justification: j
      ? {
          type: j,
          kpi: r.kpi,
          period: r.kpi_period,
          value: r.kpi_value === null ? null : Number(r.kpi_value),
          n: r.kpi_n,
          recordId: r.record_id,
          label: r.record_label,
        }
      : null,
    ruleId: r.rule_id,
    status: r.status as RewardStatus,
    proposedBy: r.proposed_by,
    proposedByName: r.proposer_name,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedByName: r.decider_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function selectEntries(db: Db, workspaceId: string) {
  return db
    .selectFrom('reward_entries as e')
    .leftJoin('users as p', 'p.id', 'e.person_id')
    .leftJoin('users as pb', 'pb.id', 'e.proposed_by')
    .leftJoin('users as db', 'db.id', 'e.decided_by')
    .selectAll('e')
    .select(['p.name as person_name', 'pb.name as proposer_name', 'db.name as decider_name'])
    .where('e.workspace_id', '=', workspaceId);
}

/** The entries the visibility reaches (owners and admins: all of the workspace's). */
function visibleEntries(db: Db, v: EntryVisibility) {
  const q = selectEntries(db, v.workspaceId);
  if (v.all) return q;
  return q.where((eb) => {
    const ors = [eb.and([eb('e.person_id', '=', v.userId), eb('e.status', '=', 'approved')]), eb('e.proposed_by', '=', v.userId)];
    if (v.others.length > 0) ors.push(eb('e.person_id', 'in', [...v.others]));
    return eb.or(ors);
  });
}

/** An entry the visibility reaches. */
export async function findEntry(db: Db, v: EntryVisibility, id: string): Promise<Reward | undefined> {
  const r = await visibleEntries(db, v).where('e.id', '=', id).executeTakeFirst();
  return r && rowTo(r as Row);
}

/** An entry just written, as read back. */
export async function readEntry(db: Db, workspaceId: string, id: string): Promise<Reward> {
  return rowTo((await selectEntries(db, workspaceId).where('e.id', '=', id).executeTakeFirstOrThrow()) as Row);
}

export type EntryFilters = { personId?: string; kind?: string; status?: string; months?: readonly string[]; proposedBy?: string };

/** Entries the visibility reaches, newest first, after the cursor (an entry id: ids are UUIDv7, ordered by time). */
export async function listEntries(db: Db, v: EntryVisibility, f: EntryFilters, page: { before?: string; limit: number }): Promise<Reward[]> {
  let q = visibleEntries(db, v);
  if (f.personId) q = q.where('e.person_id', '=', f.personId);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.months) q = q.where('e.period', 'in', f.months.length ? [...f.months] : ['']);
  if (f.proposedBy) q = q.where('e.proposed_by', '=', f.proposedBy);
  if (page.before) q = q.where('e.id', '<', page.before);
  const rows = await q.orderBy('e.id', 'desc').limit(page.limit).execute();
  return rows.map((r) => rowTo(r as Row));
}

/** A member's approved entries counting toward these months. */
export async function approvedEntriesOf(db: Db, workspaceId: string, personId: string, months: readonly string[]): Promise<Reward[]> {
  if (months.length === 0) return [];
  const rows = await selectEntries(db, workspaceId)
    .where('e.person_id', '=', personId)
    .where('e.status', '=', 'approved')
    .where('e.period', 'in', [...months])
    .orderBy('e.period', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  return rows.map((r) => rowTo(r as Row));
}

/** Has this person any entry in the workspace (a former member's record is still theirs)? */
export async function hasEntries(db: Db, workspaceId: string, personId: string): Promise<boolean> {
  const r = await db.selectFrom('reward_entries').select('id').where('workspace_id', '=', workspaceId).where('person_id', '=', personId).executeTakeFirst();
  return r !== undefined;
}

export async function insertEntry(db: Db, row: Insertable<RewardEntryTable>): Promise<void> {
  await db.insertInto('reward_entries').values(row).execute();
}

/** Insert entries a rule proposed, skipping the ones it proposed already (rule × person × period); the ids inserted. */
export async function insertRuleEntries(db: Db, rows: Insertable<RewardEntryTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const out: string[] = [];
  // Small batches: a close proposes a few entries per person at most.
  for (let i = 0; i < rows.length; i += 200) {
    const ins = await db
      .insertInto('reward_entries')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['workspace_id', 'rule_id', 'person_id', 'kpi_period']).doNothing())
      .returning('id')
      .execute();
    out.push(...ins.map((r) => r.id));
  }
  return out;
}

/**
 * Write `set` over the version read, only while the entry is still proposed, and bump the version: true when it
 * was written. Concurrent deciders race on this one statement; exactly one of them wins.
 */
export async function updateProposedEntry(db: Db, workspaceId: string, id: string, version: number, set: Updateable<RewardEntryTable>): Promise<boolean> {
  const r = await db
    .updateTable('reward_entries')
    .set({ ...set, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The entry's status and version now (after a lost race), whoever may see it. */
export async function entryState(db: Db, workspaceId: string, id: string): Promise<{ status: string; version: number } | undefined> {
  return db.selectFrom('reward_entries').select(['status', 'version']).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

// ------------------------------------------------------------------------------------------------ members

/** Is this user a member of the workspace? */
export async function isMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const r = await db.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return r !== undefined;
}

/** Members' names by id (those of the workspace only). */
export async function memberNames(db: Db, workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name'])
      .where('memberships.workspace_id', '=', workspaceId)
      .where('memberships.user_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/** A user's name, member or not. */
export async function userName(db: Db, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? null;
}

/** How many owners and admins the workspace has (one alone may decide their own proposals). */
export async function approverCount(db: Db, workspaceId: string): Promise<number> {
  const r = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', 'in', ['owner', 'admin'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A survey response of the workspace, by the name of its survey. */
export async function surveyResponseLabel(db: Db, workspaceId: string, id: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('survey_responses')
    .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
    .select(['surveys.name', 'survey_responses.submitted_at'])
    .where('survey_responses.workspace_id', '=', workspaceId)
    .where('survey_responses.id', '=', id)
    .executeTakeFirst();
  return r && `${r.name} (${r.submitted_at.slice(0, 10)})`;
}

// ------------------------------------------------------------------------------------------------ rules

function ruleTo(r: Selectable<RewardRuleTable>): RewardRule {
  return {
    id: r.id,
    name: r.name,
    kpi: r.kpi,
    periodKind: r.period_kind as RewardRule['periodKind'],
    comparator: r.comparator as RuleComparator,
    threshold: Number(r.threshold),
    minN: r.min_n,
    kind: r.kind as RewardKind,
    amount: r.amount === null ? null : Number(r.amount),
    points: r.points,
    reasonTemplate: r.reason_template,
    active: Boolean(r.active),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export async function listRules(db: Db, workspaceId: string, o: { activeOnly?: boolean; periodKind?: string } = {}): Promise<RewardRule[]> {
  let q = db.selectFrom('reward_rules').selectAll().where('workspace_id', '=', workspaceId);
  if (o.activeOnly) q = q.where('active', '=', 1);
  if (o.periodKind) q = q.where('period_kind', '=', o.periodKind);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(ruleTo);
}

export async function findRule(db: Db, workspaceId: string, id: string): Promise<RewardRule | undefined> {
  const r = await db.selectFrom('reward_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r && ruleTo(r);
}

export async function insertRule(db: Db, row: Insertable<RewardRuleTable>): Promise<void> {
  await db.insertInto('reward_rules').values(row).execute();
}

/** Write over the version read; false when another writer got in between. */
export async function updateRuleRow(db: Db, workspaceId: string, id: string, version: number, set: Updateable<RewardRuleTable>): Promise<boolean> {
  const r = await db
    .updateTable('reward_rules')
    .set({ ...set, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteRuleRow(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('reward_rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** The language a member reads in: theirs, else the workspace's. */
export async function localeOf(db: Db, workspaceId: string, userId: string): Promise<string> {
  const r = await db
    .selectFrom('workspaces as w')
    .leftJoin('users as u', (j) => j.on('u.id', '=', userId))
    .select(['w.locale as ws', 'u.locale as user'])
    .where('w.id', '=', workspaceId)
    .executeTakeFirst();
  return r?.user ?? r?.ws ?? 'vi';
}
