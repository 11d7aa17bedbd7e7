import type { Insertable, Selectable } from 'kysely';
import type { Pipeline, Stage } from '@kith/domain/deals/deal.api.ts';
import type { StageKind } from '@kith/domain/deals/deal.schema.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { visibleTo, type Scope } from '../../platform/records/visibility.ts';
import type { DealTable } from './deal.table.ts';

/**
 * The SQL of deals and their pipelines (deal.service.ts, pipeline.service.ts): the rows read in a member's
 * scope, the pipelines with their stages, and the writes the services make. Nothing here checks or audits.
 */

export type DealRow = Selectable<DealTable> & { contact_name?: string | null };

/** A stage with the pipeline it belongs to. */
export type PipelineStage = Stage & { pipelineId: string };

/** A stage as the pipeline editor writes it (an id when it is kept). */
export type StageInput = { id?: string | undefined; name: string; probability: number; kind: StageKind };

/** Live deals in the member's scope, each with its customer's name. */
export function dealsQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('deals')
    .leftJoin('contacts', 'contacts.id', 'deals.contact_id')
    .selectAll('deals')
    .select('contacts.name as contact_name')
    .where('deals.workspace_id', '=', scope.workspaceId)
    .where('deals.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb as never, scope, 'deals'));
}

export async function findDealRow(db: Db, scope: Scope, id: string): Promise<DealRow | undefined> {
  return dealsQuery(db, scope).where('deals.id', '=', id).executeTakeFirst();
}

/** The workspace's pipelines with their stages, in order. */
export async function readPipelines(db: Db, ws: string): Promise<Pipeline[]> {
  const [pipes, stages] = await Promise.all([
    db.selectFrom('pipelines').selectAll().where('workspace_id', '=', ws).orderBy('position').orderBy('created_at').execute(),
    db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', ws).orderBy('position').execute(),
  ]);
  return pipes.map((p) => ({
    id: p.id,
    name: p.name,
    position: p.position,
    stages: stages
      .filter((s) => s.pipeline_id === p.id)
      .map((s) => ({ id: s.id, name: s.name, position: s.position, probability: s.probability, kind: s.kind as StageKind })),
  }));
}

export async function hasPipeline(db: Db, ws: string): Promise<boolean> {
  return !!(await db.selectFrom('pipelines').select('id').where('workspace_id', '=', ws).limit(1).executeTakeFirst());
}

export async function pipelineExists(db: Db, ws: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('pipelines').select('id').where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst());
}

export async function countPipelines(db: Db, ws: string): Promise<number> {
  const n = await db
    .selectFrom('pipelines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', ws)
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

export async function insertPipeline(db: Db, p: { id: string; workspaceId: string; name: string; position: number; at: string }): Promise<void> {
  await db
    .insertInto('pipelines')
    .values({ id: p.id, workspace_id: p.workspaceId, name: p.name, position: p.position, created_at: p.at, updated_at: p.at })
    .execute();
}

export async function renamePipeline(db: Db, id: string, name: string, at: string): Promise<void> {
  await db.updateTable('pipelines').set({ name, updated_at: at }).where('id', '=', id).execute();
}

export async function pipelineStageIds(db: Db, pipelineId: string): Promise<string[]> {
  return (await db.selectFrom('pipeline_stages').select('id').where('pipeline_id', '=', pipelineId).execute()).map((s) => s.id);
}

/** New stages of a pipeline, each with its position and a fresh id given. */
export async function insertStages(db: Db, ws: string, pipelineId: string, stages: readonly (StageInput & { id: string; position: number })[]): Promise<void> {
  if (stages.length === 0) return;
  await db
    .insertInto('pipeline_stages')
    .values(
      stages.map((s) => ({
        id: s.id,
        workspace_id: ws,
        pipeline_id: pipelineId,
        name: s.name,
        position: s.position,
        probability: s.probability,
        kind: s.kind,
      })),
    )
    .execute();
}

export async function updateStage(db: Db, s: StageInput & { id: string; position: number }): Promise<void> {
  await db
    .updateTable('pipeline_stages')
    .set({ name: s.name, position: s.position, probability: s.probability, kind: s.kind })
    .where('id', '=', s.id)
    .execute();
}

export async function deleteStages(db: Db, ids: readonly string[]): Promise<void> {
  await db.deleteFrom('pipeline_stages').where('id', 'in', ids).execute();
}

/** Whether a live deal sits in one of these stages. */
export async function stagesHoldDeals(db: Db, stageIds: readonly string[]): Promise<boolean> {
  return !!(await db.selectFrom('deals').select('stage_id').where('stage_id', 'in', stageIds).where('deleted_at', 'is', null).limit(1).executeTakeFirst());
}

export async function findStage(db: Db, ws: string, stageId: string): Promise<PipelineStage | undefined> {
  const s = await db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', ws).where('id', '=', stageId).executeTakeFirst();
  return s ? { id: s.id, name: s.name, position: s.position, probability: s.probability, kind: s.kind as StageKind, pipelineId: s.pipeline_id } : undefined;
}

/** Whether a live company of the workspace has this id. */
export async function companyExists(db: Db, ws: string, id: string): Promise<boolean> {
  return !!(await db
    .selectFrom('companies')
    .select('id')
    .where('workspace_id', '=', ws)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst());
}

/** The highest position of a live deal in a stage (0 when none). */
export async function lastPositionIn(db: Db, ws: string, stageId: string): Promise<number> {
  const last = await db
    .selectFrom('deals')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('workspace_id', '=', ws)
    .where('stage_id', '=', stageId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(last?.p ?? 0);
}

export async function insertDealRow(db: Db, row: Insertable<DealTable>): Promise<void> {
  await db.insertInto('deals').values(row).execute();
}

/** Link a deal to the order it became (the version bumped, as before; not over the version read). */
export async function setDealOrder(db: Db, id: string, orderId: string, version: number, at: string): Promise<void> {
  await db.updateTable('deals').set({ order_id: orderId, version, updated_at: at }).where('id', '=', id).execute();
}

/** Each stage's count and amount of the pipeline's live deals in the member's scope. */
export async function stageTotals(db: Db, scope: Scope, pipelineId: string) {
  return db
    .selectFrom('deals')
    .select(['stage_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('workspace_id', '=', scope.workspaceId)
    .where('pipeline_id', '=', pipelineId)
    .where('deleted_at', 'is', null)
    .where((eb) => visibleTo(eb as never, scope, 'deals'))
    .groupBy('stage_id')
    .execute();
}

/** A stage's deals in board order, the first `limit`. */
export async function stageDealRows(db: Db, scope: Scope, stageId: string, limit: number): Promise<DealRow[]> {
  return dealsQuery(db, scope).where('deals.stage_id', '=', stageId).orderBy('deals.position').orderBy('deals.id').limit(limit).execute();
}

/** A page of the list: equality filters on columns, a title search, one sort column, offset paging. */
export async function listDealRows(
  db: Db,
  scope: Scope,
  q: { equals: readonly (readonly [string, string])[]; title?: string | undefined; sortColumn: string; desc: boolean; limit: number; offset: number },
): Promise<DealRow[]> {
  let query = dealsQuery(db, scope);
  for (const [column, v] of q.equals) query = query.where(`deals.${column}` as 'deals.id', '=', v);
  if (q.title) query = query.where('deals.title', 'like', `%${q.title.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query
    .orderBy(`deals.${q.sortColumn}` as 'deals.created_at', q.desc ? 'desc' : 'asc')
    .orderBy('deals.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}
