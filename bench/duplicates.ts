/**
 * (i) Duplicate detection over every contact (issue 4): `runDetection` on the benchmark's N contacts —
 * blocks from shared phones, emails and customer ids (grouped in the database), then every contact read
 * in name order along its index and grouped by name with the same birthday, company or province, each
 * pair scored — target under 60 s at 1,000,000 contacts.
 *
 * Baseline in the same run: the reading alone — the same pages of (id, name, birthday, company,
 * province) in name order with nothing done with them — the floor the detection's own work sits on.
 */
import { sql } from 'kysely';
import type { Core } from '@kith/server/core.ts';
import { runDetection, type DetectStats } from '@kith/server/features/duplicates/duplicate-detect.service.ts';
import type { BenchWorkspace } from './lib.ts';

export type DuplicatesResult = { stats: DetectStats; seconds: number; baselineSeconds: number };

export async function benchDuplicates(core: Core, ws: BenchWorkspace): Promise<DuplicatesResult> {
  const t0 = performance.now();
  const stats = await runDetection(core, ws.workspaceId);
  const seconds = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  let last: { key: string; id: string } | null = null;
  let rows = 0;
  for (;;) {
    let q = core.db
      .selectFrom('contacts')
      .select(['id', 'name_key', 'birthday', 'company_id', 'province'])
      .where('workspace_id', '=', ws.workspaceId)
      .where('deleted_at', 'is', null);
    if (last) q = q.where(sql<boolean>`(name_key, id) > (${last.key}, ${last.id})`);
    const page = await q.orderBy('name_key').orderBy('id').limit(10_000).execute();
    rows += page.length;
    if (page.length < 10_000) break;
    last = { key: page[page.length - 1]!.name_key, id: page[page.length - 1]!.id };
  }
  const baselineSeconds = (performance.now() - t1) / 1000;
  if (rows !== stats.contacts) throw new Error(`the baseline read ${rows} contacts, the detection ${stats.contacts}`);
  return { stats, seconds, baselineSeconds };
}
