import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { defaultStages, type PipelineInput } from '@kith/domain/deals/deal.schema.ts';
import type { Pipeline } from '@kith/domain/deals/deal.api.ts';
import type { Core } from '../../core.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import {
  countPipelines,
  deleteStages,
  hasPipeline,
  insertPipeline,
  insertStages,
  pipelineExists,
  pipelineStageIds,
  readPipelines,
  renamePipeline,
  stagesHoldDeals,
  updateStage,
} from './deal.repository.ts';

/**
 * A workspace's pipelines and their stages (deals move through them: deal.service.ts). A workspace gets a
 * default pipeline on its first visit; managing them is its own permission, and every save is audited.
 */

/** The workspace's pipelines with their stages; a workspace without one gets the default pipeline. */
export async function listPipelines(core: Core, actor: Actor): Promise<Pipeline[]> {
  authorize(actor, 'deals.read');
  await ensurePipeline(core, actor.workspaceId);
  return readPipelines(core.db, actor.workspaceId);
}

/** Make the default pipeline (its name and stages in the workspace's language) unless the workspace has one. */
export async function ensurePipeline(core: Core, ws: string): Promise<void> {
  if (await hasPipeline(core.db, ws)) return;
  const w = await findWorkspace(core.db, ws);
  const now = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    // Two first visits at once: the second finds the first's pipeline.
    if (await hasPipeline(trx, ws)) return;
    const id = uuidv7();
    await insertPipeline(trx, { id, workspaceId: ws, name: w?.phoneRegion === 'VN' ? 'Bán hàng' : 'Sales', position: 0, at: now });
    await insertStages(
      trx,
      ws,
      id,
      defaultStages(w?.phoneRegion === 'VN').map((s, i) => ({ id: uuidv7(), name: s.name, position: i, probability: s.probability, kind: s.kind })),
    );
  });
}

/** Create a pipeline, or replace one's name and stages (stages keep their ids; one holding deals cannot go). */
export async function savePipeline(core: Core, actor: Actor, id: string | null, input: PipelineInput): Promise<Pipeline> {
  authorize(actor, 'pipelines.manage');
  const ws = actor.workspaceId;
  const now = core.now().toISOString();
  const pid = id ?? uuidv7();
  await core.db.transaction().execute(async (trx) => {
    const existing = id ? await pipelineExists(trx, ws, id) : false;
    if (id && !existing) throw notFound('Pipeline');
    const current = id ? await pipelineStageIds(trx, id) : [];
    const keep = new Set(input.stages.map((s) => s.id).filter(Boolean));
    const issues: FieldIssue[] = [];
    input.stages.forEach((s, i) => {
      if (s.id && !current.includes(s.id)) issues.push({ path: ['stages', i, 'id'], message: 'Not a stage of this pipeline', code: 'not_found' });
    });
    if (issues.length) throw invalid(issues);
    const dropped = current.filter((c) => !keep.has(c));
    if (dropped.length) {
      if (await stagesHoldDeals(trx, dropped))
        throw new AppError('conflict', 'A stage that still holds deals cannot be removed; move its deals first', { reason: 'record_busy' });
      await deleteStages(trx, dropped);
    }
    if (existing) await renamePipeline(trx, pid, input.name, now);
    else await insertPipeline(trx, { id: pid, workspaceId: ws, name: input.name, position: await countPipelines(trx, ws), at: now });
    for (const [i, s] of input.stages.entries()) {
      const stage = { name: s.name, position: i, probability: s.probability, kind: s.kind };
      if (s.id) await updateStage(trx, { ...stage, id: s.id });
      else await insertStages(trx, ws, pid, [{ ...stage, id: uuidv7() }]);
    }
    await recordAudit(trx, { ...by(actor), action: id ? 'update' : 'create', entityType: 'pipeline', entityId: pid, after: input }, core.now());
  });
  return (await readPipelines(core.db, ws)).find((p) => p.id === pid)!;
}
