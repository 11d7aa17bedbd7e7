/**
 * (e) The contact list sorted by each kind of column, through the code path of GET /api/v1/contacts?sort=…
 * (listContacts, limit 100 as the web grid asks, no total): the first page, and the fifth page reached by
 * following the cursors (what each page costs 400 rows down).
 *
 * Baseline in the same run: the default order (newest first, `-createdAt`), which walks an index.
 * Columns with an index (name, created) answer in a few milliseconds at any depth; the others scan the
 * workspace's rows and keep the top 100 — the figure this benchmark exists to record.
 */
import { listContacts } from '@kith/server/features/contacts/contact-list.service.ts';
import type { Core } from '@kith/server/core.ts';
import { dist, type BenchWorkspace, type Dist } from './lib.ts';

const RUNS = 2;
const DEPTH = 5;

/** The sorts timed: indexed ones first, then one of each kind that is not indexed. */
export const SORTS = [
  '-createdAt',
  'name',
  '-name',
  'updatedAt',
  'lifecycleStage',
  'province',
  'occupation',
  'birthday',
  'emails',
  'company',
  'owner',
] as const;

export type SortResult = { sort: string; first: Dist; deep: Dist }[];

async function page(core: Core, ws: BenchWorkspace, sort: string, cursor: string | null): Promise<{ ms: number; next: string | null }> {
  const t0 = performance.now();
  const r = await listContacts(core, ws.actor, { sort, limit: 100, deleted: 'exclude', includeTotal: false, ...(cursor ? { cursor } : {}), raw: { sort } });
  const ms = performance.now() - t0;
  if (r.data.length !== 100) throw new Error(`sort ${sort}: a page of ${r.data.length} rows`);
  return { ms, next: r.nextCursor };
}

export async function benchSort(core: Core, ws: BenchWorkspace): Promise<SortResult> {
  const out: SortResult = [];
  for (const sort of SORTS) {
    const first: number[] = [];
    const deep: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      let p = await page(core, ws, sort, null);
      if (run > 0) first.push(p.ms);
      for (let i = 2; i <= DEPTH; i++) {
        p = await page(core, ws, sort, p.next);
        if (i === DEPTH && run > 0) deep.push(p.ms);
      }
    }
    out.push({ sort, first: dist(first), deep: dist(deep) });
  }
  return out;
}
