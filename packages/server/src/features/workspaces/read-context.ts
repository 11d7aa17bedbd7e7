import type { CustomField, CustomFieldEntity } from '@kith/domain/custom-fields/custom-field.ts';
import type { Core } from '../../core.ts';
import { listCustomFields } from '../custom-fields/custom-field.repository.ts';
import { findWorkspace, type Workspace } from './workspace.repository.ts';

/**
 * What a list request needs to know about its workspace (settings and custom-field definitions), kept for
 * a few seconds per process: they change rarely and reading them was half the queries of a list request.
 * Only reads use this; every write reads fresh, so a stale definition can never let a bad value in.
 * A change made in this process drops the entry at once; other processes see it within TTL_MS.
 */
const TTL_MS = 5_000;
type Entry = { at: number; workspace: Workspace | undefined; fields: Record<CustomFieldEntity, CustomField[]> };
const cache = new WeakMap<Core, Map<string, Entry>>();

export async function readContext(core: Core, workspaceId: string): Promise<Entry> {
  let byWs = cache.get(core);
  if (!byWs) cache.set(core, (byWs = new Map()));
  const now = Date.now();
  const hit = byWs.get(workspaceId);
  if (hit && now - hit.at < TTL_MS) return hit;
  const [workspace, all] = await Promise.all([findWorkspace(core.db, workspaceId), listCustomFields(core.db, workspaceId)]);
  const entry: Entry = {
    at: now,
    workspace,
    fields: { contact: all.filter((f) => f.entity === 'contact'), company: all.filter((f) => f.entity === 'company') },
  };
  if (byWs.size > 10_000) byWs.clear();
  byWs.set(workspaceId, entry);
  return entry;
}

export function forgetReadContext(core: Core, workspaceId: string): void {
  cache.get(core)?.delete(workspaceId);
}
