import { notFound } from '@kith/domain/errors.ts';
import { weightedValue } from '@kith/domain/deals/deal.schema.ts';
import type { DealBoard, DealSort, Pipeline } from '@kith/domain/deals/deal.api.ts';
import { DEAL_FIELD_LIST, DEAL_FIELDS, type DealFieldName } from '@kith/domain/deals/deal.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { scopeFor } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { listDealRows, stageDealRows, stageTotals } from './deal.repository.ts';
import { rowToDeal } from './deal.service.ts';
import { listPipelines } from './pipeline.service.ts';

/** Deals read many at a time: a pipeline's board, and the list (filtered, sorted, paged), in the member's scope. */

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
  const totals = await stageTotals(core.db, scope, pipe.id);
  const columns: BoardColumn[] = [];
  for (const s of pipe.stages) {
    const rows = await stageDealRows(core.db, scope, s.id, 200);
    const t = totals.find((x) => x.stage_id === s.id);
    const amount = Number(t?.amount ?? 0);
    columns.push({ ...s, count: Number(t?.n ?? 0), amount, weighted: weightedValue([{ amount, probability: s.probability }]), deals: rows.map(rowToDeal) });
  }
  return { pipeline: pipe, columns, currency: ws.currency };
}

/** The list's named parameters (`?stageId=…`): the fields the table lets it filter by, each matched by equality. */
const LIST_FILTERS = DEAL_FIELD_LIST.filter((f) => !isSkip(f.filter) && !f.filter.sortOnly);

/** The column of each sort the list takes (DEAL_SORTS): when a deal was made, then the table's sortable fields. */
const sortColumn = (name: string) => (name === 'createdAt' ? 'created_at' : DEAL_FIELDS[name as DealFieldName].column);

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
  const equals: [string, string][] = [];
  for (const f of LIST_FILTERS) {
    const v = (q as Record<string, unknown>)[f.name];
    if (typeof v === 'string' && v) equals.push([f.column, v]);
  }
  const offset = q.cursor ? Number.parseInt(Buffer.from(q.cursor, 'base64url').toString('utf8'), 10) || 0 : 0;
  const rows = await listDealRows(core.db, scope, {
    equals,
    title: q.q,
    sortColumn: sortColumn(q.sort.replace('-', '')),
    desc: q.sort.startsWith('-'),
    limit: q.limit + 1,
    offset,
  });
  const more = rows.length > q.limit;
  return { data: rows.slice(0, q.limit).map(rowToDeal), nextCursor: more ? Buffer.from(String(offset + q.limit)).toString('base64url') : null };
}
