import { AppError } from '@kith/domain/errors.ts';
import type { Role } from '@kith/domain/permissions/permissions.ts';
import type { Core } from '../../core.ts';

/**
 * What one member may make the server do with a file (issue 16: any agent could upload 100 MB, and five
 * hostile workbooks in parallel took the server to 6.2 GB):
 *
 * - the file's size: KITH_IMPORT_MAX_BYTES (100 MiB) for owners and admins, who bring a business's whole
 *   history in; a quarter of it for managers and agents, who import their own lists (25 MiB is about
 *   250,000 contacts as CSV);
 * - imports in progress at once (an upload being read, a dry run, a run): KITH_IMPORT_CONCURRENCY (2) per
 *   workspace and four times that in the whole process (anyone may create a workspace). A slot is taken
 *   before the body is read, synchronously — so fifty uploads sent together cannot all start — and given
 *   back when the response is sent, or, for a run, when the run in the background ends. Beyond it: 429.
 *
 * The slots are counted in this process; several processes sharing a PostgreSQL database each count their own.
 */

export function importByteLimit(core: Core, role: Role): number {
  const max = core.config.importMaxBytes;
  return role === 'owner' || role === 'admin' ? max : Math.floor(max / 4);
}

export const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

export function tooLarge(core: Core, role: Role, size: number): AppError | null {
  const limit = importByteLimit(core, role);
  if (size <= limit) return null;
  return new AppError(
    'payload_too_large',
    `The file is ${mib(size)}; a ${role} may import files of up to ${mib(limit)} (split it, or ask an owner or admin to import it)`,
    {
      issues: [{ path: ['file'], message: `At most ${mib(limit)}`, code: 'too_big', params: { limit } }],
    },
  );
}

type Counts = { total: number; byWorkspace: Map<string, number> };
const counts = new WeakMap<Core, Counts>();

export type ImportSlot = { release(): void };

/**
 * Take a slot for an import in this workspace, or throw 429 when the workspace (or the process) has none
 * free. Synchronous: nothing runs between the check and the count.
 */
export function takeImportSlot(core: Core, workspaceId: string): ImportSlot {
  let c = counts.get(core);
  if (!c) counts.set(core, (c = { total: 0, byWorkspace: new Map() }));
  const perWorkspace = core.config.importConcurrency;
  const mine = c.byWorkspace.get(workspaceId) ?? 0;
  if (mine >= perWorkspace) {
    throw new AppError(
      'rate_limited',
      `This workspace already has ${perWorkspace} import${perWorkspace > 1 ? 's' : ''} in progress (uploads, dry runs and runs count); wait for one to finish and try again`,
      { extra: { retryAfter: 10 } },
    );
  }
  if (c.total >= perWorkspace * 4)
    throw new AppError('rate_limited', 'The server is busy with other imports; try again in a minute', { extra: { retryAfter: 30 } });
  c.byWorkspace.set(workspaceId, mine + 1);
  c.total++;
  let released = false;
  const cc = c;
  return {
    release() {
      if (released) return;
      released = true;
      cc.total--;
      const n = (cc.byWorkspace.get(workspaceId) ?? 1) - 1;
      if (n <= 0) cc.byWorkspace.delete(workspaceId);
      else cc.byWorkspace.set(workspaceId, n);
    },
  };
}
