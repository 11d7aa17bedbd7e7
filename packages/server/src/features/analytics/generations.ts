import type { Core } from '../../core.ts';
import { dropOtherGenerations } from './score.repository.ts';

/** A write transaction of a refresh or a rebuild committed: new rows written, the generation switched, old rows dropped. */
export type OnGenerationCommit = (e: { step: 'write' | 'switch' | 'drop'; rows: number }) => void | Promise<void>;

/** Delete the workspace's rows of every generation but `keep`, `limit` rows a transaction. */
export async function dropGeneration(
  core: Core,
  table: 'customer_scores' | 'customer_stats',
  workspaceId: string,
  keep: number,
  limit: number,
  onCommit?: OnGenerationCommit,
): Promise<void> {
  for (;;) {
    const n = await core.db.transaction().execute((trx) => dropOtherGenerations(trx, table, workspaceId, keep, limit));
    if (n > 0) await onCommit?.({ step: 'drop', rows: n });
    if (n < limit) return;
  }
}
