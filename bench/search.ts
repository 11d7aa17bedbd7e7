/**
 * (b) Search latency over the benchmark's contacts, through the code path of GET /api/v1/contacts?q=…
 * (listContacts with limit 50, deleted=exclude, no total), over a mix of queries built from the demo
 * data set itself: full names with and without diacritics, family + middle names, common single words,
 * names typed letter by letter, phone numbers full and partial, emails full and partial, and misses.
 *
 * Baselines in the same run: the search index query alone (SQLite: the FTS5 MATCH the repository sends,
 * rowids only; PostgreSQL: the tsquery over the GIN index, seq only), for the same query mix, and an
 * indexed primary-key lookup of one contact.
 *
 * One untimed pass warms the caches, then every query runs PASSES times; percentiles are over all the
 * timed runs, the worst queries are ranked by their median.
 */
import { sql } from 'kysely';
import { demoCompanyCount, demoContact } from '@kith/domain/demo/demo-data.ts';
import { parseSearchQuery } from '@kith/domain/search/contact-search.ts';
import { fold } from '@kith/domain/text/fold.ts';
import { normalizePhone } from '@kith/domain/phones/phone.ts';
import { listContacts } from '@kith/server/features/contacts/contact-list.service.ts';
import type { Core } from '@kith/server/core.ts';
import { dist, env, type BenchWorkspace, type Dist } from './lib.ts';

const PASSES = Number(process.env.KITH_BENCH_SEARCH_PASSES ?? 3);

export type Query = { kind: string; q: string };

/** A small deterministic generator (mulberry32), so every run asks the same questions. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The query mix: about 350 queries over contacts that exist (and some that do not). */
export function queryMix(total: number): Query[] {
  const r = rng(env.seed * 7919 + 17);
  const companies = demoCompanyCount(total);
  const someone = () => demoContact(env.seed, Math.floor(r() * total), companies);
  const out: Query[] = [];
  const add = (kind: string, q: string) => out.push({ kind, q });
  const digits = (p: string) => {
    const n = normalizePhone(p, 'VN');
    return n.ok ? `0${n.e164.slice(3)}` : p.replace(/\D/g, '');
  };

  for (let k = 0; k < 40; k++) add('full name', someone().name);
  for (let k = 0; k < 40; k++) add('full name, folded', fold(someone().name));
  for (let k = 0; k < 20; k++) {
    const c = someone();
    add('family + middle', c.name.split(' ').slice(0, 2).join(' '));
  }
  for (const w of [
    'nguyen',
    'tran',
    'le',
    'pham',
    'hoang',
    'phan',
    'vu',
    'do',
    'anh',
    'minh',
    'linh',
    'huy',
    'thi',
    'van',
    'ngoc',
    'an',
    'trang',
    'hung',
    'nam',
    'lan',
    'duc',
    'Nguyễn',
    'Anh',
    'Thị',
    'Đức',
  ])
    add('common word', w);
  for (let k = 0; k < 8; k++) {
    const name = fold(someone().name);
    for (let n = 1; n <= name.length; n++) if (name[n - 1] !== ' ') add('typed letter by letter', name.slice(0, n));
  }
  let phones = 0;
  while (phones < 35) {
    const c = someone();
    const p = c.phones?.[0];
    if (!p) continue;
    phones++;
    if (phones <= 25) add('phone, full', digits(p));
    else if (phones <= 30) add('phone, full', p);
    else add('phone, full', `+84 ${digits(p).slice(1)}`);
  }
  for (let k = 0; k < 20; ) {
    const p = someone().phones?.[0];
    if (!p) continue;
    add('phone, partial', digits(p).slice(0, k < 10 ? 4 : 7));
    k++;
  }
  for (let k = 0; k < 2; ) {
    const p = someone().phones?.[0];
    if (!p) continue;
    const d = digits(p);
    for (let n = 3; n <= d.length; n++) add('phone, typed digit by digit', d.slice(0, n));
    k++;
  }
  for (let k = 0; k < 40; ) {
    const e = someone().emails?.[0];
    if (!e) continue;
    const local = e.split('@')[0]!;
    if (k < 20) add('email, full', e);
    else if (k < 30) add('email, local part', local);
    else add('email, partial', local.slice(0, Math.max(3, Math.floor(local.length / 2))));
    k++;
  }
  for (const q of [
    'zzzz',
    'qwxz',
    'xylophone',
    'john smith',
    'müller',
    'pierre dupont',
    'nguyen xyzt',
    'tran qqq',
    'wolfgang',
    'kowalski',
    'nobody@example.org',
    'zz@zz.zz',
    '0000000000',
    '+1 415 555 0100',
    '8888888',
    'abcdefgh',
    'phuong zzz',
    'yyy',
    'kith',
    'xin chao ban',
  ])
    add('miss', q);
  return out;
}

/** What the repository sends to FTS5 (contact.repository.ts, ftsQuery), rebuilt here for the SQL-only baseline. */
function ftsQuery(workspaceId: string, tokens: string[]): string {
  return `ws : "w${workspaceId.replace(/-/g, '')}" AND terms : (${tokens.map((t) => `"${t}" *`).join(' AND ')})`;
}

function indexOnly(core: Core, workspaceId: string, tokens: string[]) {
  return core.dialect === 'sqlite'
    ? sql`select rowid from contact_fts where contact_fts match ${ftsQuery(workspaceId, tokens)} order by rowid desc limit 51`
    : sql`select seq from contacts where workspace_id = ${workspaceId} and search_tsv @@ to_tsquery('simple', ${tokens.map((t) => `${t}:*`).join(' & ')}) order by seq desc limit 51`;
}

export type PerQuery = { kind: string; q: string; medianMs: number; maxMs: number; hits: number; indexMedianMs: number };

export type SearchResult = {
  queries: number;
  passes: number;
  api: Dist;
  index: Dist;
  pk: Dist;
  byKind: { kind: string; n: number; p50: number; p95: number; max: number }[];
  worst: PerQuery[];
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSearch(core: Core, ws: BenchWorkspace, total: number): Promise<SearchResult> {
  const mix = queryMix(total);
  const run = async (q: string) => {
    const t = performance.now();
    const r = await listContacts(core, ws.actor, { q, limit: 50, deleted: 'exclude', includeTotal: false, raw: { q } });
    return { ms: performance.now() - t, hits: r.data.length };
  };
  const runIndex = async (tokens: string[]) => {
    const t = performance.now();
    await indexOnly(core, ws.workspaceId, tokens).execute(core.db);
    return performance.now() - t;
  };

  // Warm-up: every query once, both ways.
  for (const { q } of mix) {
    await run(q);
    const tokens = parseSearchQuery(q);
    if (tokens.length) await runIndex(tokens);
  }
  const apiSamples: number[] = [];
  const indexSamples: number[] = [];
  const per = mix.map((m) => ({ ...m, samples: [] as number[], index: [] as number[], hits: 0 }));
  for (let pass = 0; pass < PASSES; pass++) {
    for (const m of per) {
      const { ms, hits } = await run(m.q);
      m.samples.push(ms);
      m.hits = hits;
      apiSamples.push(ms);
      const tokens = parseSearchQuery(m.q);
      if (tokens.length) {
        const i = await runIndex(tokens);
        m.index.push(i);
        indexSamples.push(i);
      }
    }
  }

  // Primary-key lookups of random existing contacts.
  const r = rng(99);
  const maxSeq = Number(
    (
      await core.db
        .selectFrom('contacts')
        .select((eb) => eb.fn.max('seq').as('m'))
        .executeTakeFirstOrThrow()
    ).m,
  );
  const seqs = Array.from({ length: 1000 }, () => 1 + Math.floor(r() * maxSeq));
  const ids = (await core.db.selectFrom('contacts').select('id').where('seq', 'in', seqs).execute()).map((x) => x.id);
  const pkSamples: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    for (const id of ids) {
      const t = performance.now();
      await sql`select * from contacts where id = ${id}`.execute(core.db);
      if (pass === 1) pkSamples.push(performance.now() - t);
    }
  }

  const perQuery: PerQuery[] = per.map((m) => ({
    kind: m.kind,
    q: m.q,
    medianMs: median(m.samples),
    maxMs: Math.max(...m.samples),
    hits: m.hits,
    indexMedianMs: m.index.length ? median(m.index) : NaN,
  }));
  const kinds = [...new Set(mix.map((m) => m.kind))];
  return {
    queries: mix.length,
    passes: PASSES,
    api: dist(apiSamples),
    index: dist(indexSamples),
    pk: dist(pkSamples),
    byKind: kinds.map((kind) => {
      const d = dist(per.filter((m) => m.kind === kind).flatMap((m) => m.samples));
      return { kind, n: per.filter((m) => m.kind === kind).length, p50: d.p50, p95: d.p95, max: d.max };
    }),
    worst: [...perQuery].sort((a, b) => b.medianMs - a.medianMs).slice(0, 12),
  };
}
