import type { Insertable, Selectable } from 'kysely';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import {
  defaultStages,
  weightedValue,
  type DealCreateInput,
  type DealUpdateInput,
  type PipelineInput,
  type StageKind,
} from '@kith/domain/deals/deal.schema.ts';
import type { Deal, Pipeline, Stage } from '@kith/domain/deals/deal.api.ts';
import type { Order } from '@kith/domain/orders/order.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { NewEvent } from '@kith/domain/events/event-types.ts';
import { createOrdersIn } from '../commerce/order-write.service.ts';
import { checkAssignments } from '../../platform/records/assignment.ts';
import { authorize, preconditionFailed, readableContacts, scopeFor, visibleTo, type Scope } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { DealTable } from './deal.table.ts';
import { AUDITED_DEAL_FIELDS, DEAL_FIELD_LIST, DEAL_FIELDS, type DealFieldName, type DealFieldValues } from '@kith/domain/deals/deal.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import type { DealBoard, DealSort } from '@kith/domain/deals/deal.api.ts';
import { fieldsReader, fieldsWriter } from '../../platform/records/field-table.ts';

/**
 * Deals and their pipelines. A deal is in a member's scope by its owner and team, as contacts are
 * (docs/permissions.md); its customer must be one the member may read. Moving a deal to a `won` or
 * `lost` stage closes it; a won deal can become an order for its customer. Every change is audited, and
 * the customer's timeline shows it.
 */

const AUDITED: readonly DealFieldName[] = AUDITED_DEAL_FIELDS;

/** Made once: every row read or written goes through them (records/field-table.ts). */
const readDealFields = fieldsReader<DealFieldValues>(DEAL_FIELD_LIST);
const writeDealFields = fieldsWriter(DEAL_FIELD_LIST);

type Row = Selectable<DealTable> & { contact_name?: string | null };

/** A deal from its row: each field of the table (@kith/domain deals/deal.fields.ts), its customer's name, the record's own. */
function rowToDeal(r: Row): Deal {
  return {
    id: r.id,
    ...readDealFields(r as unknown as Record<string, unknown>),
    contactName: r.contact_name ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** A deal's columns as stored: its fields'. */
const fieldColumns = (d: Deal) =>
  writeDealFields(d) as Pick<
    Insertable<DealTable>,
    | 'title'
    | 'pipeline_id'
    | 'stage_id'
    | 'status'
    | 'contact_id'
    | 'company_id'
    | 'amount'
    | 'currency'
    | 'expected_close'
    | 'owner_id'
    | 'team_id'
    | 'source'
    | 'lost_reason'
    | 'notes'
    | 'position'
    | 'order_id'
    | 'closed_at'
  >;

const audited = (d: Deal) => Object.fromEntries(AUDITED.map((k) => [k, d[k]]));

function dealsQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('deals')
    .leftJoin('contacts', 'contacts.id', 'deals.contact_id')
    .selectAll('deals')
    .select('contacts.name as contact_name')
    .where('deals.workspace_id', '=', scope.workspaceId)
    .where('deals.deleted_at', 'is', null)
    .where((eb) => visibleTo(eb as never, scope, 'deals'));
}

async function findDeal(db: Db, scope: Scope, id: string): Promise<Deal | undefined> {
  const r = await dealsQuery(db, scope).where('deals.id', '=', id).executeTakeFirst();
  return r ? rowToDeal(r) : undefined;
}

/** The workspace's pipelines with their stages; a workspace without one gets the default pipeline. */
export async function listPipelines(core: Core, actor: Actor): Promise<Pipeline[]> {
  authorize(actor, 'deals.read');
  await ensurePipeline(core, actor.workspaceId);
  return readPipelines(core.db, actor.workspaceId);
}

async function readPipelines(db: Db, ws: string): Promise<Pipeline[]> {
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

async function ensurePipeline(core: Core, ws: string): Promise<void> {
  const has = await core.db.selectFrom('pipelines').select('id').where('workspace_id', '=', ws).limit(1).executeTakeFirst();
  if (has) return;
  const w = await findWorkspace(core.db, ws);
  const now = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    // Two first visits at once: the second finds the first's pipeline.
    if (await trx.selectFrom('pipelines').select('id').where('workspace_id', '=', ws).limit(1).executeTakeFirst()) return;
    const id = uuidv7();
    await trx
      .insertInto('pipelines')
      .values({ id, workspace_id: ws, name: w?.phoneRegion === 'VN' ? 'Bán hàng' : 'Sales', position: 0, created_at: now, updated_at: now })
      .execute();
    await trx
      .insertInto('pipeline_stages')
      .values(
        defaultStages(w?.phoneRegion === 'VN').map((s, i) => ({
          id: uuidv7(),
          workspace_id: ws,
          pipeline_id: id,
          name: s.name,
          position: i,
          probability: s.probability,
          kind: s.kind,
        })),
      )
      .execute();
  });
}

/** Create a pipeline, or replace one's name and stages (stages keep their ids; one holding deals cannot go). */
export async function savePipeline(core: Core, actor: Actor, id: string | null, input: PipelineInput): Promise<Pipeline> {
  authorize(actor, 'pipelines.manage');
  const ws = actor.workspaceId;
  const now = core.now().toISOString();
  const pid = id ?? uuidv7();
  await core.db.transaction().execute(async (trx) => {
    const existing = id ? await trx.selectFrom('pipelines').select('id').where('workspace_id', '=', ws).where('id', '=', id).executeTakeFirst() : null;
    if (id && !existing) throw notFound('Pipeline');
    const current = id ? await trx.selectFrom('pipeline_stages').select('id').where('pipeline_id', '=', id).execute() : [];
    const keep = new Set(input.stages.map((s) => s.id).filter(Boolean));
    const issues: FieldIssue[] = [];
    input.stages.forEach((s, i) => {
      if (s.id && !current.some((c) => c.id === s.id)) issues.push({ path: ['stages', i, 'id'], message: 'Not a stage of this pipeline', code: 'not_found' });
    });
    if (issues.length) throw invalid(issues);
    const dropped = current.filter((c) => !keep.has(c.id)).map((c) => c.id);
    if (dropped.length) {
      const used = await trx
        .selectFrom('deals')
        .select('stage_id')
        .where('stage_id', 'in', dropped)
        .where('deleted_at', 'is', null)
        .limit(1)
        .executeTakeFirst();
      if (used) throw new AppError('conflict', 'A stage that still holds deals cannot be removed; move its deals first', { reason: 'record_busy' });
      await trx.deleteFrom('pipeline_stages').where('id', 'in', dropped).execute();
    }
    if (existing) await trx.updateTable('pipelines').set({ name: input.name, updated_at: now }).where('id', '=', pid).execute();
    else {
      const n = await trx
        .selectFrom('pipelines')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', ws)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('pipelines')
        .values({ id: pid, workspace_id: ws, name: input.name, position: Number(n.n), created_at: now, updated_at: now })
        .execute();
    }
    for (const [i, s] of input.stages.entries()) {
      if (s.id)
        await trx.updateTable('pipeline_stages').set({ name: s.name, position: i, probability: s.probability, kind: s.kind }).where('id', '=', s.id).execute();
      else
        await trx
          .insertInto('pipeline_stages')
          .values({ id: uuidv7(), workspace_id: ws, pipeline_id: pid, name: s.name, position: i, probability: s.probability, kind: s.kind })
          .execute();
    }
    await recordAudit(trx, { ...by(actor), action: id ? 'update' : 'create', entityType: 'pipeline', entityId: pid, after: input }, core.now());
  });
  return (await readPipelines(core.db, ws)).find((p) => p.id === pid)!;
}

async function stageOf(db: Db, ws: string, stageId: string): Promise<(Stage & { pipelineId: string }) | undefined> {
  const s = await db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', ws).where('id', '=', stageId).executeTakeFirst();
  return s ? { id: s.id, name: s.name, position: s.position, probability: s.probability, kind: s.kind as StageKind, pipelineId: s.pipeline_id } : undefined;
}

/** References of a deal write: the stage (and its pipeline), the customer, the company, owner and team. */
async function checkDeal(db: Db, actor: Actor, d: Deal, before: Deal | null, issues: FieldIssue[]): Promise<Stage | null> {
  const stage = await stageOf(db, actor.workspaceId, d.stageId);
  if (!stage) issues.push({ path: ['stageId'], message: 'No such stage', code: 'not_found' });
  else if (stage.pipelineId !== d.pipelineId) issues.push({ path: ['stageId'], message: 'The stage is not in the deal’s pipeline', code: 'invalid' });
  if (d.contactId && d.contactId !== before?.contactId && !(await readableContacts(db, actor, [d.contactId])).has(d.contactId))
    issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
  if (d.companyId && d.companyId !== before?.companyId) {
    const c = await db
      .selectFrom('companies')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', d.companyId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!c) issues.push({ path: ['companyId'], message: 'No such company', code: 'not_found' });
  }
  await checkAssignments(
    db,
    actor,
    'contacts.assign',
    [{ ownerId: d.ownerId, teamId: d.teamId, before: before ? { ownerId: before.ownerId, teamId: before.teamId } : null, path: [] }],
    issues,
  );
  return stage ?? null;
}

export async function createDeal(core: Core, actor: Actor, input: DealCreateInput): Promise<Deal> {
  scopeFor(actor, 'deals.write');
  await ensurePipeline(core, actor.workspaceId);
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;
  const pipes = await readPipelines(core.db, actor.workspaceId);
  const pipe = input.pipelineId
    ? pipes.find((p) => p.id === input.pipelineId)
    : input.stageId
      ? pipes.find((p) => p.stages.some((s) => s.id === input.stageId))
      : pipes[0];
  if (!pipe) throw invalid([{ path: ['pipelineId'], message: 'No such pipeline', code: 'not_found' }]);
  const now = core.now().toISOString();
  const stageId = input.stageId ?? pipe.stages.find((s) => s.kind === 'open')?.id ?? pipe.stages[0]!.id;
  const d: Deal = {
    id: uuidv7(),
    title: input.title,
    pipelineId: pipe.id,
    stageId,
    status: 'open',
    contactId: input.contactId ?? null,
    contactName: null,
    companyId: input.companyId ?? null,
    amount: input.amount ?? 0,
    currency: input.currency ?? ws.currency,
    expectedClose: input.expectedClose ?? null,
    ownerId: input.ownerId !== undefined ? input.ownerId : actor.userId,
    teamId: input.teamId ?? null,
    source: input.source ?? null,
    lostReason: input.lostReason ?? null,
    notes: input.notes ?? null,
    position: input.position ?? 0,
    orderId: null,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return core.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const stage = await checkDeal(trx, actor, d, null, issues);
    if (issues.length) throw invalid(issues, 'The deal has invalid fields');
    d.status = stage!.kind;
    if (d.status !== 'open') d.closedAt = now;
    if (input.position === undefined) {
      const last = await trx
        .selectFrom('deals')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('workspace_id', '=', actor.workspaceId)
        .where('stage_id', '=', d.stageId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      d.position = Number(last?.p ?? 0) + 1;
    }
    await trx
      .insertInto('deals')
      .values({
        id: d.id,
        workspace_id: actor.workspaceId,
        ...fieldColumns(d),
        created_by: actor.userId,
        updated_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        version: 1,
      })
      .execute();
    const who = by(actor);
    await recordAudit(
      trx,
      { ...who, meta: { ...who.meta, contactId: d.contactId, stage: stage!.name }, action: 'create', entityType: 'deal', entityId: d.id, after: audited(d) },
      core.now(),
    );
    await emitEvent(trx, dealEvents(actor.workspaceId, null, d, now));
    return (await findDeal(trx, { workspaceId: actor.workspaceId, limitTo: null }, d.id))!;
  });
}

export async function getDeal(core: Core, actor: Actor, id: string): Promise<Deal> {
  const d = await findDeal(core.db, scopeFor(actor, 'deals.read'), id);
  if (!d) throw notFound('Deal');
  return d;
}

/** Change a deal; moving it to another stage (the board's drag and drop) re-works its status. */
export async function updateDeal(core: Core, actor: Actor, id: string, patch: DealUpdateInput, ifVersion: number | null): Promise<Deal> {
  const scope = scopeFor(actor, 'deals.write');
  return core.db.transaction().execute(async (trx) => {
    const before = await findDeal(trx, scope, id);
    if (!before) throw notFound('Deal');
    if (ifVersion !== null && ifVersion !== before.version) throw preconditionFailed(before.version);
    const next: Deal = { ...before };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    if (patch.stageId && !patch.pipelineId) {
      const s = await stageOf(trx, actor.workspaceId, patch.stageId);
      if (s) next.pipelineId = s.pipelineId;
    }
    const issues: FieldIssue[] = [];
    const stage = await checkDeal(trx, actor, next, before, issues);
    if (issues.length) throw invalid(issues, 'The deal has invalid fields');
    const now = core.now().toISOString();
    next.status = stage!.kind;
    if (next.status !== before.status) next.closedAt = next.status === 'open' ? null : now;
    if (next.status !== 'lost' && patch.lostReason === undefined) next.lostReason = before.status === 'lost' ? null : next.lostReason;
    const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    const moved = next.position !== before.position;
    if (changed.length === 0 && !moved) return before;
    const ok = await trx
      .updateTable('deals')
      .set({
        ...fieldColumns(next),
        updated_by: actor.userId,
        updated_at: now,
        version: before.version + 1,
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(ok.numUpdatedRows) === 0) throw preconditionFailed(before.version + 1);
    await emitEvent(trx, dealEvents(actor.workspaceId, before, next, now));
    if (changed.length) {
      const who = by(actor);
      const fromStage = changed.includes('stageId') ? (await stageOf(trx, actor.workspaceId, before.stageId))?.name : undefined;
      await recordAudit(
        trx,
        {
          ...who,
          meta: { ...who.meta, contactId: next.contactId, ...(fromStage ? { fromStage, toStage: stage!.name } : {}) },
          action: 'update',
          entityType: 'deal',
          entityId: id,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        },
        core.now(),
      );
    }
    return (await findDeal(trx, { workspaceId: actor.workspaceId, limitTo: null }, id))!;
  });
}

export async function deleteDeal(core: Core, actor: Actor, id: string): Promise<void> {
  const scope = scopeFor(actor, 'deals.delete');
  await core.db.transaction().execute(async (trx) => {
    const d = await findDeal(trx, scope, id);
    if (!d) throw notFound('Deal');
    const now = core.now().toISOString();
    await trx
      .updateTable('deals')
      .set({ deleted_at: now, updated_at: now, updated_by: actor.userId, version: d.version + 1 })
      .where('id', '=', id)
      .execute();
    const who = by(actor);
    await recordAudit(trx, { ...who, meta: { ...who.meta, contactId: d.contactId }, action: 'delete', entityType: 'deal', entityId: id }, core.now());
  });
}

/** A deal's domain events: moved to another stage, and won or lost when its status became so. */
function dealEvents(workspaceId: string, before: Deal | null, d: Deal, at: string): NewEvent[] {
  const facts = { dealId: d.id, contactId: d.contactId, pipelineId: d.pipelineId, stageId: d.stageId };
  const out: NewEvent[] = [];
  if (before && before.stageId !== d.stageId) out.push({ type: 'deal.stage_changed', workspaceId, at, payload: { ...facts, fromStageId: before.stageId } });
  if (d.status === 'won' && before?.status !== 'won')
    out.push({ type: 'deal.won', workspaceId, at, payload: { ...facts, amount: d.amount, currency: d.currency } });
  if (d.status === 'lost' && before?.status !== 'lost')
    out.push({ type: 'deal.lost', workspaceId, at, payload: { ...facts, amount: d.amount, currency: d.currency, reason: d.lostReason } });
  return out;
}

type BoardColumn = DealBoard['columns'][number];

/** A pipeline as the board shows it: each stage's deals in order (the first 200), their count, value and weighted value. */
export async function dealBoard(
  core: Core,
  actor: Actor,
  pipelineId: string | null,
): Promise<{ pipeline: Pipeline; columns: BoardColumn[]; currency: string }> {
  const scope = scopeFor(actor, 'deals.read');
  const pipes = await listPipelines(core, actor);
  const pipe = pipelineId ? pipes.find((p) => p.id === pipelineId) : pipes[0];
  if (!pipe) throw notFound('Pipeline');
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;
  const totals = await core.db
    .selectFrom('deals')
    .select(['stage_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('workspace_id', '=', actor.workspaceId)
    .where('pipeline_id', '=', pipe.id)
    .where('deleted_at', 'is', null)
    .where((eb) => visibleTo(eb as never, scope, 'deals'))
    .groupBy('stage_id')
    .execute();
  const columns: BoardColumn[] = [];
  for (const s of pipe.stages) {
    const rows = await dealsQuery(core.db, scope).where('deals.stage_id', '=', s.id).orderBy('deals.position').orderBy('deals.id').limit(200).execute();
    const t = totals.find((x) => x.stage_id === s.id);
    const amount = Number(t?.amount ?? 0);
    columns.push({ ...s, count: Number(t?.n ?? 0), amount, weighted: weightedValue([{ amount, probability: s.probability }]), deals: rows.map(rowToDeal) });
  }
  return { pipeline: pipe, columns, currency: ws.currency };
}

/** The list's named parameters (`?stageId=…`): the fields the table lets it filter by, each matched by equality. */
const LIST_FILTERS = DEAL_FIELD_LIST.filter((f) => !isSkip(f.filter) && !f.filter.sortOnly);

/** The column of each sort the list takes (DEAL_SORTS): when a deal was made, then the table's sortable fields. */
const sortColumn = (name: string) => `deals.${name === 'createdAt' ? 'created_at' : DEAL_FIELDS[name as DealFieldName].column}` as 'deals.created_at';

export type DealListParams = Partial<Record<'pipelineId' | 'stageId' | 'status' | 'contactId', string | undefined>>;

/** Deals as a list: filtered, sorted, paged. */
export async function listDeals(
  core: Core,
  actor: Actor,
  q: DealListParams & {
    q?: string | undefined;
    sort: DealSort;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const scope = scopeFor(actor, 'deals.read');
  let query = dealsQuery(core.db, scope);
  for (const f of LIST_FILTERS) {
    const v = (q as Record<string, unknown>)[f.name];
    if (typeof v === 'string' && v) query = query.where(`deals.${f.column}` as 'deals.id', '=', v);
  }
  if (q.q) query = query.where('deals.title', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const offset = q.cursor ? Number.parseInt(Buffer.from(q.cursor, 'base64url').toString('utf8'), 10) || 0 : 0;
  const rows = await query
    .orderBy(sortColumn(q.sort.replace('-', '')), q.sort.startsWith('-') ? 'desc' : 'asc')
    .orderBy('deals.id')
    .limit(q.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > q.limit;
  return { data: rows.slice(0, q.limit).map(rowToDeal), nextCursor: more ? Buffer.from(String(offset + q.limit)).toString('base64url') : null };
}

/** A won deal becomes an order for its customer: one line with the deal's title and amount, unless lines are given. */
export async function orderFromDeal(core: Core, actor: Actor, id: string): Promise<{ deal: Deal; order: Order }> {
  const scope = scopeFor(actor, 'deals.write');
  authorize(actor, 'orders.create');
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;
  return core.db.transaction().execute(async (trx) => {
    const d = await findDeal(trx, scope, id);
    if (!d) throw notFound('Deal');
    if (d.status !== 'won') throw new AppError('conflict', 'Only a won deal becomes an order; move it to a won stage first', { reason: 'record_busy' });
    if (d.orderId) throw new AppError('conflict', 'This deal already has its order', { reason: 'record_busy' });
    if (!d.contactId) throw invalid([{ path: ['contactId'], message: 'The deal needs a customer to make an order for', code: 'required' }]);
    const [order] = await createOrdersIn(
      core,
      trx,
      actor,
      ws,
      [
        {
          contactId: d.contactId,
          currency: d.currency,
          status: 'placed',
          lines: [{ name: d.title, quantity: 1, unitPrice: d.amount }],
          tags: [],
          notes: `Deal: ${d.title}`,
        },
      ],
      { bulk: false, meta: { dealId: d.id } },
    );
    await trx
      .updateTable('deals')
      .set({ order_id: order!.id, version: d.version + 1, updated_at: core.now().toISOString() })
      .where('id', '=', id)
      .execute();
    const who = by(actor);
    await recordAudit(
      trx,
      {
        ...who,
        meta: { ...who.meta, contactId: d.contactId },
        action: 'update',
        entityType: 'deal',
        entityId: id,
        before: { orderId: null },
        after: { orderId: order!.id },
      },
      core.now(),
    );
    return { deal: (await findDeal(trx, { workspaceId: actor.workspaceId, limitTo: null }, id))!, order: order! };
  });
}
