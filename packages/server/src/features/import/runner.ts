import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who runs an import, and whether they still do. A running import records its runner, `host/pid/boot id`
 * (imports.runner), and renews its heartbeat every HEARTBEAT_MS while it runs. Another process — or this one
 * after a restart — asks runnerAlive before taking it over:
 *
 * - no runner: it was stopped on purpose (a shutdown) or never started — free at once;
 * - this process: alive exactly while this process is running it (the RUNNING set);
 * - this host, this pid but another boot id: this process's earlier life — dead (a server in a container
 *   is pid 1 every time);
 * - this host, a pid that no longer exists: dead;
 * - otherwise (a live pid here, or another host): alive until its heartbeat is STALE_AFTER_MS old.
 *
 * So a server killed in the middle of an import resumes it as soon as it is back, instead of answering 409
 * for a minute (issue 16). A wrong guess cannot write twice: each batch's bookkeeping is written only
 * `where runner = me`, so a runner that was taken over stops at its next batch (LostImport).
 */

/** This process: its host name, pid and a boot id of its own (a pid is reused; the boot id is not). */
export const RUNNER_ID = `${hostname()}/${process.pid}/${randomUUID()}`;
const [HOST, PID, BOOT] = RUNNER_ID.split('/') as [string, string, string];

/** A running import renews its heartbeat this often… */
export const HEARTBEAT_MS = 10_000;
/** …and one whose runner cannot be checked (another host) is taken as stopped once its heartbeat is this old. */
export const STALE_AFTER_MS = 30_000;

/** The imports this process is running now. */
const RUNNING = new Set<string>();

export function markRunning(importId: string): void {
  RUNNING.add(importId);
}
export function markStopped(importId: string): void {
  RUNNING.delete(importId);
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is someone still running this import? */
export function runnerAlive(rec: { id: string; runner: string | null; heartbeat_at: string }, now: Date): boolean {
  if (!rec.runner) return false;
  const [host, pid, boot] = rec.runner.split('/');
  if (boot === BOOT) return RUNNING.has(rec.id);
  if (host === HOST && pid !== undefined && /^\d+$/.test(pid)) {
    if (pid === PID) return false;
    if (!pidExists(Number(pid))) return false;
  }
  return now.getTime() - Date.parse(rec.heartbeat_at) < STALE_AFTER_MS;
}

/** Thrown inside a batch when the import's record names another runner: someone took it over; this run stops. */
export class LostImport extends Error {
  constructor() {
    super('Another process took this import over');
  }
}
