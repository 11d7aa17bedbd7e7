import { AppError, type FieldIssue, invalid, notFound } from '@kith/domain/errors.ts';
import type { Kpi } from '@kith/domain/kpis/kpi.api.ts';
import { BUILTIN_KPIS, isBuiltinKpi, type KpiFilter, type KpiFilterKey } from '@kith/domain/kpis/kpis.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { authorize, preconditionFailed } from '../../platform/records/visibility.ts';
import { customOut, kpiDefinitions } from './kpi.service.ts';
import { categoryExists, sharedSegmentExists } from './kpi-refs.repository.ts';
import { deleteDefinitionRow, findDefinitionRow, insertDefinitionRow, listWeights, updateDefinitionRow, upsertWeight } from './kpi.repository.ts';

/** A workspace's own KPIs and every KPI's weight in the score (kpis.configure). */

/** The filter's keys must narrow the built-in, and what they name must exist in the workspace. */
async function checkFilter(db: Db, ws: string, of: keyof typeof BUILTIN_KPIS, f: KpiFilter, issues: FieldIssue[]): Promise<void> {
  const allowed = BUILTIN_KPIS[of].narrowBy as readonly KpiFilterKey[];
  for (const [k, v] of Object.entries(f) as [KpiFilterKey, string | undefined][]) {
    if (v === undefined) continue;
    if (!allowed.includes(k)) {
      issues.push({ path: ['filter', k], message: `${of} cannot be narrowed by ${k}`, code: 'invalid' });
      continue;
    }
    if (k === 'productCategoryId' && !(await categoryExists(db, ws, v)))
      issues.push({ path: ['filter', k], message: 'No such product category', code: 'not_found' });
    if (k === 'segmentId' && !(await sharedSegmentExists(db, ws, v)))
      issues.push({ path: ['filter', k], message: 'No such shared segment (a KPI is the workspace’s: save the segment as shared)', code: 'not_found' });
  }
}

export async function createKpi(
  core: Core,
  actor: Actor,
  input: {
    key: string;
    name: string;
    base: 'narrowed' | 'segment_count' | 'segment_sum';
    of?: string | undefined;
    filter: KpiFilter;
    segmentId?: string | undefined;
    field?: 'spend' | 'orders' | undefined;
    direction?: 'higher' | 'lower' | undefined;
    weight?: number | undefined;
  },
): Promise<Kpi> {
  authorize(actor, 'kpis.configure');
  const ws = actor.workspaceId;
  const issues: FieldIssue[] = [];
  if (isBuiltinKpi(input.key)) issues.push({ path: ['key'], message: 'This key is a built-in KPI’s', code: 'duplicate' });
  let direction = input.direction ?? 'higher';
  if (input.base === 'narrowed') {
    if (!input.of || !isBuiltinKpi(input.of)) issues.push({ path: ['of'], message: 'Name the built-in KPI to narrow', code: 'not_found' });
    else {
      if (Object.values(input.filter).every((v) => v === undefined))
        issues.push({ path: ['filter'], message: 'A narrowed KPI needs at least one filter', code: 'required' });
      await checkFilter(core.db, ws, input.of, input.filter, issues);
      direction = input.direction ?? BUILTIN_KPIS[input.of].direction;
    }
  } else {
    if (!input.segmentId) issues.push({ path: ['segmentId'], message: 'Name the saved segment', code: 'required' });
    else if (!(await sharedSegmentExists(core.db, ws, input.segmentId)))
      issues.push({ path: ['segmentId'], message: 'No such shared segment (a KPI is the workspace’s: save the segment as shared)', code: 'not_found' });
    if (input.base === 'segment_sum' && !input.field) issues.push({ path: ['field'], message: 'Name what to sum: spend or orders', code: 'required' });
  }
  if (issues.length) throw invalid(issues);
  return core.db.transaction().execute(async (trx) => {
    const at = core.now().toISOString();
    const ok = await insertDefinitionRow(trx, {
      id: uuidv7(),
      workspace_id: ws,
      key: input.key,
      name: input.name,
      base: input.base,
      builtin: input.base === 'narrowed' ? (input.of ?? null) : null,
      filter: JSON.stringify(input.base === 'narrowed' ? input.filter : {}),
      segment_id: input.base === 'narrowed' ? null : (input.segmentId ?? null),
      field: input.base === 'segment_sum' ? (input.field ?? null) : null,
      direction,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      version: 1,
    });
    if (!ok) throw invalid([{ path: ['key'], message: 'A KPI with this key exists', code: 'duplicate' }]);
    if (input.weight !== undefined) await upsertWeight(trx, ws, input.key, input.weight, at);
    const row = (await findDefinitionRow(trx, ws, input.key))!;
    const out = customOut(row, await listWeights(trx, ws));
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'kpi_definition', entityId: row.id, after: out }, core.now());
    return out;
  });
}

export async function updateKpi(
  core: Core,
  actor: Actor,
  key: string,
  input: { name?: string | undefined; filter?: KpiFilter | undefined; direction?: 'higher' | 'lower' | undefined; weight?: number | undefined },
  ifMatch: number | null,
): Promise<Kpi> {
  authorize(actor, 'kpis.configure');
  const ws = actor.workspaceId;
  const all = await kpiDefinitions(core.db, ws);
  const current = all.find((k) => k.key === key);
  if (!current) throw notFound('KPI');
  if (current.builtin && (input.name !== undefined || input.filter !== undefined || input.direction !== undefined))
    throw invalid([
      {
        path: [input.name !== undefined ? 'name' : input.filter !== undefined ? 'filter' : 'direction'],
        message: 'A built-in KPI changes only its weight',
        code: 'invalid',
      },
    ]);
  const issues: FieldIssue[] = [];
  if (input.filter && current.base === 'narrowed' && current.of && isBuiltinKpi(current.of)) await checkFilter(core.db, ws, current.of, input.filter, issues);
  else if (input.filter && current.base !== 'narrowed') issues.push({ path: ['filter'], message: 'Only a narrowed KPI has a filter', code: 'invalid' });
  if (issues.length) throw invalid(issues);
  return core.db.transaction().execute(async (trx) => {
    const at = core.now().toISOString();
    if (!current.builtin) {
      const row = await findDefinitionRow(trx, ws, key);
      if (!row || row.deleted_at) throw notFound('KPI');
      if (ifMatch !== null && ifMatch !== Number(row.version)) throw preconditionFailed(Number(row.version));
      const set = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filter !== undefined ? { filter: JSON.stringify(input.filter) } : {}),
        ...(input.direction !== undefined ? { direction: input.direction } : {}),
        updated_at: at,
      };
      if (!(await updateDefinitionRow(trx, ws, key, Number(row.version), set)))
        throw new AppError('conflict', 'Someone changed this KPI at the same moment; reload it', { reason: 'record_busy' });
    }
    if (input.weight !== undefined) await upsertWeight(trx, ws, key, input.weight, at);
    const after = (await kpiDefinitions(trx, ws)).find((k) => k.key === key)!;
    await recordAudit(trx, { ...by(actor), action: 'update', entityType: 'kpi_definition', entityId: null, before: current, after, meta: { key } }, core.now());
    return after;
  });
}

export async function removeKpi(core: Core, actor: Actor, key: string): Promise<void> {
  authorize(actor, 'kpis.configure');
  if (isBuiltinKpi(key))
    throw invalid([{ path: ['key'], message: 'A built-in KPI is not removed (give it weight 0 to leave it out of the score)', code: 'invalid' }]);
  await core.db.transaction().execute(async (trx) => {
    const row = await findDefinitionRow(trx, actor.workspaceId, key);
    if (!row || row.deleted_at || !(await deleteDefinitionRow(trx, actor.workspaceId, key, core.now().toISOString()))) throw notFound('KPI');
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'kpi_definition', entityId: row.id, before: { key, name: row.name } }, core.now());
  });
}
