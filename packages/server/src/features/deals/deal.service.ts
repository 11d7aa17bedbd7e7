import type { Insertable } from 'kysely';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { DealCreateInput, DealUpdateInput } from '@kith/domain/deals/deal.schema.ts';
import type { Deal, Stage } from '@kith/domain/deals/deal.api.ts';
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
import { checkVersion, softDelete, updateVersioned } from '../../platform/records/lifecycle.ts';
import { authorize, readableContacts, scopeFor, type Scope } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { DealTable } from './deal.table.ts';
import { AUDITED_DEAL_FIELDS, DEAL_FIELD_LIST, type DealFieldName, type DealFieldValues } from '@kith/domain/deals/deal.fields.ts';
import { fieldsReader, fieldsWriter } from '../../platform/records/field-table.ts';
import { companyExists, findDealRow, findStage, insertDealRow, lastPositionIn, readPipelines, setDealOrder, type DealRow } from './deal.repository.ts';
import { ensurePipeline } from './pipeline.service.ts';

/**
 * Deals (their pipelines: pipeline.service.ts; the board and the list: deal-list.service.ts). A deal is in a member's scope by its owner and team, as contacts are
 * (docs/permissions.md); its customer must be one the member may read. Moving a deal to a `won` or
 * `lost` stage closes it; a won deal can become an order for its customer. Every change is audited, and
 * the customer's timeline shows it.
 */

const AUDITED: readonly DealFieldName[] = AUDITED_DEAL_FIELDS;

/** Made once: every row read or written goes through them (records/field-table.ts). */
const readDealFields = fieldsReader<DealFieldValues>(DEAL_FIELD_LIST);
const writeDealFields = fieldsWriter(DEAL_FIELD_LIST);

/** A deal from its row: each field of the table (@kith/domain deals/deal.fields.ts), its customer's name, the record's own. */
export function rowToDeal(r: DealRow): Deal {
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

/** A live deal in the member's scope. */
export async function findDeal(db: Db, scope: Scope, id: string): Promise<Deal | undefined> {
  const r = await findDealRow(db, scope, id);
  return r ? rowToDeal(r) : undefined;
}

/** References of a deal write: the stage (and its pipeline), the customer, the company, owner and team. */
async function checkDeal(db: Db, actor: Actor, d: Deal, before: Deal | null, issues: FieldIssue[]): Promise<Stage | null> {
  const stage = await findStage(db, actor.workspaceId, d.stageId);
  if (!stage) issues.push({ path: ['stageId'], message: 'No such stage', code: 'not_found' });
  else if (stage.pipelineId !== d.pipelineId) issues.push({ path: ['stageId'], message: 'The stage is not in the deal’s pipeline', code: 'invalid' });
  if (d.contactId && d.contactId !== before?.contactId && !(await readableContacts(db, actor, [d.contactId])).has(d.contactId))
    issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
  if (d.companyId && d.companyId !== before?.companyId && !(await companyExists(db, actor.workspaceId, d.companyId)))
    issues.push({ path: ['companyId'], message: 'No such company', code: 'not_found' });
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
    if (input.position === undefined) d.position = (await lastPositionIn(trx, actor.workspaceId, d.stageId)) + 1;
    await insertDealRow(trx, {
      id: d.id,
      workspace_id: actor.workspaceId,
      ...fieldColumns(d),
      created_by: actor.userId,
      updated_by: actor.userId,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      version: 1,
    });
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
    checkVersion(before, ifVersion);
    const next: Deal = { ...before };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    if (patch.stageId && !patch.pipelineId) {
      const s = await findStage(trx, actor.workspaceId, patch.stageId);
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
    await updateVersioned(trx, 'deals', actor.workspaceId, before, { ...fieldColumns(next), updated_by: actor.userId, updated_at: now });
    await emitEvent(trx, dealEvents(actor.workspaceId, before, next, now));
    if (changed.length) {
      const who = by(actor);
      const fromStage = changed.includes('stageId') ? (await findStage(trx, actor.workspaceId, before.stageId))?.name : undefined;
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
    await softDelete(trx, 'deals', actor.workspaceId, d, { at: now, by: actor.userId });
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
    await setDealOrder(trx, id, order!.id, d.version + 1, core.now().toISOString());
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
