import { sql } from 'kysely';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Insertable, Selectable } from 'kysely';
import type { KpiDefinitionTable, KpiResultTable, KpiTargetTable, SegmentPlanTable } from './kpi.table.ts';

/** The KPI feature's own rows: definitions, weights, targets, segment plans, closed periods and their frozen figures. */

export type DefinitionRow = Selectable<KpiDefinitionTable>;
export type TargetRow = Selectable<KpiTargetTable>;
export type PlanRow = Selectable<SegmentPlanTable>;
export type ResultRow = Selectable<KpiResultTable>;

export const definitionFilter = (r: DefinitionRow): Record<string, string> => readJson<Record<string, string>>(r.filter, {});

export async function listDefinitionRows(db: Db, ws: string): Promise<DefinitionRow[]> {
  return db.selectFrom('kpi_definitions').selectAll().where('workspace_id', '=', ws).where('deleted_at', 'is', null).orderBy('created_at').execute();
}

export async function findDefinitionRow(db: Db, ws: string, key: string): Promise<DefinitionRow | undefined> {
  return db.selectFrom('kpi_definitions').selectAll().where('workspace_id', '=', ws).where('key', '=', key).executeTakeFirst();
}

export async function insertDefinitionRow(db: Db, row: Insertable<KpiDefinitionTable>): Promise<boolean> {
  const r = await db
    .insertInto('kpi_definitions')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateDefinitionRow(db: Db, ws: string, key: string, version: number, set: Partial<Insertable<KpiDefinitionTable>>): Promise<boolean> {
  const r = await db
    .updateTable('kpi_definitions')
    .set({ ...set, version: version + 1 })
    .where('workspace_id', '=', ws)
    .where('key', '=', key)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteDefinitionRow(db: Db, ws: string, key: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('kpi_definitions')
    .set({ deleted_at: at, updated_at: at, key: sql<string>`key || ':' || id` })
    .where('workspace_id', '=', ws)
    .where('key', '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listWeights(db: Db, ws: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('kpi_weights').select(['kpi', 'weight']).where('workspace_id', '=', ws).execute();
  return new Map(rows.map((r) => [r.kpi, Number(r.weight)]));
}

export async function upsertWeight(db: Db, ws: string, kpi: string, weight: number, at: string): Promise<void> {
  await db
    .insertInto('kpi_weights')
    .values({ workspace_id: ws, kpi, weight, updated_at: at })
    .onConflict((oc) => oc.columns(['workspace_id', 'kpi']).doUpdateSet({ weight, updated_at: at }))
    .execute();
}

// ------------------------------------------------------------------------------------------------ targets

export async function listTargetRows(db: Db, ws: string, o: { periods: readonly string[]; subjectIds?: readonly string[] }): Promise<TargetRow[]> {
  if (o.periods.length === 0) return [];
  let q = db
    .selectFrom('kpi_targets')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('period', 'in', [...o.periods]);
  if (o.subjectIds) {
    if (o.subjectIds.length === 0) return [];
    q = q.where('subject_id', 'in', [...o.subjectIds]);
  }
  return q.orderBy('period').orderBy('kpi').execute();
}

export async function findTargetRow(db: Db, ws: string, id: string): Promise<TargetRow | undefined> {
  return db.selectFrom('kpi_targets').selectAll().where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst();
}

export async function findTargetBySubject(
  db: Db,
  ws: string,
  k: { kpi: string; period: string; subject: string; subjectId: string },
): Promise<TargetRow | undefined> {
  return db
    .selectFrom('kpi_targets')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('kpi', '=', k.kpi)
    .where('period', '=', k.period)
    .where('subject', '=', k.subject)
    .where('subject_id', '=', k.subjectId)
    .executeTakeFirst();
}

/** Insert or replace a target (one per KPI, period and person or team); the row as stored. */
export async function upsertTargetRow(db: Db, row: Insertable<KpiTargetTable>): Promise<void> {
  await db
    .insertInto('kpi_targets')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'period', 'kpi', 'subject', 'subject_id']).doUpdateSet((eb) => ({
        target: eb.ref('excluded.target'),
        split_from: eb.ref('excluded.split_from'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
        version: sql<number>`kpi_targets.version + 1`,
      })),
    )
    .execute();
}

export async function deleteTargetRow(db: Db, ws: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('kpi_targets').where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Remove the members' shares of a team target (a new split replaces them). */
export async function deleteSplitRows(db: Db, ws: string, teamTargetId: string): Promise<number> {
  const r = await db.deleteFrom('kpi_targets').where('workspace_id', '=', ws).where('split_from', '=', teamTargetId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Which members (of those given) and which KPIs have a target in these periods (the assessment's evidence). */
export async function targetCoverage(
  db: Db,
  ws: string,
  periods: readonly string[],
  userIds: readonly string[],
): Promise<{ users: Set<string>; kpis: Set<string> }> {
  if (periods.length === 0) return { users: new Set(), kpis: new Set() };
  const rows = await db
    .selectFrom('kpi_targets')
    .select(['kpi', 'subject', 'subject_id'])
    .where('workspace_id', '=', ws)
    .where('period', 'in', [...periods])
    .execute();
  const members = new Set(userIds);
  return {
    users: new Set(rows.filter((r) => r.subject === 'user' && members.has(r.subject_id)).map((r) => r.subject_id)),
    kpis: new Set(rows.map((r) => r.kpi)),
  };
}

// ------------------------------------------------------------------------------------------------ segment plans

export async function listPlanRows(db: Db, ws: string, periods: readonly string[]): Promise<PlanRow[]> {
  if (periods.length === 0) return [];
  return db
    .selectFrom('segment_plans')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('period', 'in', [...periods])
    .orderBy('segment_id')
    .orderBy('measure')
    .execute();
}

export async function upsertPlanRow(db: Db, row: Insertable<SegmentPlanTable>): Promise<void> {
  await db
    .insertInto('segment_plans')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'period', 'segment_id', 'measure']).doUpdateSet((eb) => ({
        target: eb.ref('excluded.target'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function findPlanRow(db: Db, ws: string, k: { segmentId: string; period: string; measure: string }): Promise<PlanRow | undefined> {
  return db
    .selectFrom('segment_plans')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('segment_id', '=', k.segmentId)
    .where('period', '=', k.period)
    .where('measure', '=', k.measure)
    .executeTakeFirst();
}

export async function deletePlanRow(db: Db, ws: string, id: string): Promise<PlanRow | undefined> {
  const row = await db.selectFrom('segment_plans').selectAll().where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst();
  if (row) await db.deleteFrom('segment_plans').where('workspace_id', '=', ws).where('id', '=', id).execute();
  return row;
}

/** Saved segments with a plan in these periods, of those given (the assessment's evidence). */
export async function segmentsWithPlans(db: Db, ws: string, periods: readonly string[]): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const rows = await db
    .selectFrom('segment_plans')
    .where('workspace_id', '=', ws)
    .where('period', 'in', [...periods])
    .select('segment_id')
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.segment_id));
}

// ------------------------------------------------------------------------------------------------ periods and frozen figures

export async function findPeriodRow(db: Db, ws: string, period: string) {
  return db.selectFrom('kpi_periods').selectAll().where('workspace_id', '=', ws).where('period', '=', period).executeTakeFirst();
}

export async function listPeriodRows(db: Db, ws: string) {
  return db.selectFrom('kpi_periods').selectAll().where('workspace_id', '=', ws).orderBy('period', 'desc').execute();
}

/** Claim a period's close: false when it is already closed (someone else's close won). */
export async function insertPeriodRow(db: Db, ws: string, period: string, by: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('kpi_periods')
    .values({ workspace_id: ws, period, closed_at: at, closed_by: by, recounted_at: null, recounted_by: null, recounts: 0 })
    .onConflict((oc) => oc.columns(['workspace_id', 'period']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Mark a recount, only if the period still has `recounts` recounts (a concurrent recount makes this one lose). */
export async function markRecount(db: Db, ws: string, period: string, recounts: number, by: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('kpi_periods')
    .set({ recounts: recounts + 1, recounted_at: at, recounted_by: by })
    .where('workspace_id', '=', ws)
    .where('period', '=', period)
    .where('recounts', '=', recounts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listResultRows(db: Db, ws: string, periods: readonly string[], subject?: 'user' | 'team'): Promise<ResultRow[]> {
  if (periods.length === 0) return [];
  let q = db
    .selectFrom('kpi_results')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('period', 'in', [...periods]);
  if (subject) q = q.where('subject', '=', subject);
  return q.execute();
}

export async function replaceResultRows(db: Db, ws: string, period: string, rows: Insertable<KpiResultTable>[]): Promise<void> {
  await db.deleteFrom('kpi_results').where('workspace_id', '=', ws).where('period', '=', period).execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('kpi_results')
      .values(rows.slice(i, i + 500))
      .execute();
}
