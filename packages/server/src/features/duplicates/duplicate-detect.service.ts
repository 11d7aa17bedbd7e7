import { sql } from 'kysely';
import { DUPLICATE_THRESHOLD, scoreDuplicate, type DuplicateFacts, type DuplicateReason } from '@kith/domain/duplicates/score.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { refreshPlannerStats } from '../../platform/db/planner-stats.ts';
import { pacer } from '../../platform/db/pace.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';

/**
 * Duplicate detection (issue 4, "one customer, one record"): blocks of contacts that share a key — a phone, an
 * email or a customer id, or a folded name together with the birthday, the company or the province — every pair
 * within a block compared (blocks larger than MAX_BLOCK are skipped: a key shared by that many is not an
 * identity), and the pairs scoring at least DUPLICATE_THRESHOLD kept with their reasons as candidates. A
 * dismissed pair stays dismissed. The candidates are listed and dismissed in duplicate.service.ts, merged in
 * duplicate-merge.service.ts.
 */

export const MAX_BLOCK = 50;
const KEY_KINDS = ['email', 'phone', 'external'] as const;

type Facts = DuplicateFacts & { id: string };
export type DetectStats = {
  contacts: number;
  blocks: number;
  pairsCompared: number;
  candidates: number;
  added: number;
  seconds: number;
  steps: { keys: number; names: number; store: number };
};

/** Pairs from blocks of ids (each block ≤ MAX_BLOCK), as "a|b" with a < b. */
function addPairs(pairs: Set<string>, block: readonly string[]): void {
  if (block.length < 2 || block.length > MAX_BLOCK) return;
  const ids = [...new Set(block)].sort();
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.add(`${ids[i]}|${ids[j]}`);
}

type NameRow = {
  id: string;
  name_key: string;
  name: string;
  external_id: string | null;
  emails: unknown;
  phones: unknown;
  birthday: string | null;
  company_id: string | null;
  province: string | null;
};
const NAME_ROW = ['id', 'name_key', 'name', 'external_id', 'emails', 'phones', 'birthday', 'company_id', 'province'] as const;

const factsOfRow = (r: Omit<NameRow, 'name_key'>): Facts => ({
  id: r.id,
  name: r.name,
  externalId: r.external_id,
  emails: readJson(r.emails, []),
  phones: readJson(r.phones, []),
  birthday: r.birthday,
  companyId: r.company_id,
  province: r.province,
});

async function factsOf(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, Facts>> {
  const out = new Map<string, Facts>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'name', 'external_id', 'emails', 'phones', 'birthday', 'company_id', 'province'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids.slice(i, i + 500))
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) out.set(r.id, factsOfRow(r));
  }
  return out;
}

/** Blocks from shared lookup keys (phone, email, customer id), whole workspace or around some contacts. */
async function keyBlocks(db: Db, workspaceId: string, pairs: Set<string>, around: string[] | null): Promise<number> {
  let blocks = 0;
  const pace = pacer();
  for (const kind of KEY_KINDS) {
    let values: string[];
    if (around) {
      values = [];
      for (let i = 0; i < around.length; i += 500) {
        const rows = await db
          .selectFrom('contact_keys')
          .select('value')
          .where('workspace_id', '=', workspaceId)
          .where('kind', '=', kind)
          .where('contact_id', 'in', around.slice(i, i + 500))
          .execute();
        values.push(...rows.map((r) => r.value));
      }
    } else {
      // The index alone, in order (joining every key to its contact to leave out deleted ones read a million
      // contact pages at random: minutes); deleted contacts are left out when the blocks' members are read.
      const rows = await db
        .selectFrom('contact_keys')
        .select('value')
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .groupBy('value')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .having((eb) => eb.fn.countAll(), '<=', MAX_BLOCK * 2)
        .execute();
      values = rows.map((r) => r.value);
    }
    values = [...new Set(values)];
    for (let i = 0; i < values.length; i += 500) {
      await pace();
      const rows = await db
        .selectFrom('contact_keys as k')
        .innerJoin('contacts as c', 'c.id', 'k.contact_id')
        .select(['k.value', 'k.contact_id'])
        .where('k.workspace_id', '=', workspaceId)
        .where('k.kind', '=', kind)
        .where('k.value', 'in', values.slice(i, i + 500))
        .where('c.deleted_at', 'is', null)
        .execute();
      const byValue = new Map<string, string[]>();
      for (const r of rows) byValue.set(r.value, [...(byValue.get(r.value) ?? []), r.contact_id]);
      for (const ids of byValue.values()) {
        if (ids.length > 1) blocks++;
        addPairs(pairs, ids);
      }
    }
  }
  return blocks;
}

/**
 * The pairs within one name (every row shares its folded name) that also share the birthday, the company or
 * the province, scored from the rows in hand. `skip` holds pairs already scored from a shared key.
 */
function scoreNameGroup(rows: NameRow[], skip: ReadonlySet<string>, found: Found): { blocks: number; pairs: number } {
  let blocks = 0;
  let pairs = 0;
  const seen = new Set<string>();
  const facts = new Map<string, Facts>();
  const factsFor = (r: NameRow) => facts.get(r.id) ?? (facts.set(r.id, factsOfRow(r)), facts.get(r.id)!);
  // Name and province alone score below the threshold, so only small blocks (an uncommon name) are worth
  // comparing — common names share provinces by the hundred at a million contacts.
  for (const [key, max] of [
    ['birthday', MAX_BLOCK],
    ['company_id', MAX_BLOCK],
    ['province', 5],
  ] as const) {
    const by = new Map<string, NameRow[]>();
    for (const r of rows) {
      const v = r[key];
      if (!v) continue;
      const b = by.get(v);
      if (b) b.push(r);
      else by.set(v, [r]);
    }
    for (const block of by.values()) {
      if (block.length < 2 || block.length > max) continue;
      blocks++;
      block.sort((x, y) => (x.id < y.id ? -1 : 1));
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const p = `${block[i]!.id}|${block[j]!.id}`;
          if (skip.has(p) || seen.has(p)) continue;
          seen.add(p);
          pairs++;
          const s = scoreDuplicate(factsFor(block[i]!), factsFor(block[j]!));
          if (s.score >= DUPLICATE_THRESHOLD) found.set(p, s);
        }
      }
    }
  }
  return { blocks, pairs };
}

type Found = Map<string, { score: number; reasons: DuplicateReason[] }>;

/**
 * Find duplicate candidates: in the whole workspace, or (after a create or an import) around some
 * contacts only. Open candidates are refreshed; a full run drops open ones no longer found.
 */
export async function detectDuplicates(core: Core, actor: Actor, o: { around?: string[] } = {}): Promise<DetectStats> {
  authorize(actor, o.around ? 'contacts.create' : 'contacts.delete');
  return runDetection(core, actor.workspaceId, o);
}

/**
 * Detection itself (no role check): also run by an import once it has written its contacts.
 *
 * Shared keys first (few pairs, their contacts read by id), then the names: the whole workspace walked in
 * name order along its index, each name's rows scored as they come with the facts already read — a
 * million contacts are read once, in order, instead of once more each at random for their pairs.
 */
export async function runDetection(core: Core, ws: string, o: { around?: string[] } = {}): Promise<DetectStats> {
  const t0 = performance.now();
  const lap = (() => {
    let t = t0;
    return () => {
      const now = performance.now();
      const d = (now - t) / 1000;
      t = now;
      return d;
    };
  })();
  const db = core.db;
  const around = o.around ?? null;
  const found: Found = new Map();
  // On SQLite every query runs on this thread: the event loop gets a turn every few pages (a full run over
  // 200,000 contacts held every other request for 1.5 s in one go — BENCHMARKS (n)).
  const pace = pacer();
  // The name walk is planned from the statistics: fresh ones after a large import (db/planner-stats.ts).
  if (!around) await refreshPlannerStats(core.dbHandle);

  // Shared phones, emails and customer ids: pairs scored from their contacts read by id.
  const keyPairs = new Set<string>();
  let blocks = await keyBlocks(db, ws, keyPairs, around);
  const list = [...keyPairs];
  for (let i = 0; i < list.length; i += 2000) {
    const chunk = list.slice(i, i + 2000);
    const facts = await factsOf(db, ws, [...new Set(chunk.flatMap((p) => p.split('|')))]);
    for (const p of chunk) {
      const [a, b] = p.split('|') as [string, string];
      const fa = facts.get(a);
      const fb = facts.get(b);
      if (!fa || !fb) continue;
      const s = scoreDuplicate(fa, fb);
      if (s.score >= DUPLICATE_THRESHOLD) found.set(p, s);
    }
    await pace();
  }
  const steps = { keys: lap(), names: 0, store: 0 };
  let pairsCompared = keyPairs.size;
  let contacts = 0;

  const flush = (group: NameRow[]) => {
    if (group.length < 2) return;
    const r = scoreNameGroup(group, keyPairs, found);
    blocks += r.blocks;
    pairsCompared += r.pairs;
  };
  if (around) {
    const keys = new Set<string>();
    for (let i = 0; i < around.length; i += 500) {
      for (const r of await db
        .selectFrom('contacts')
        .select('name_key')
        .where('workspace_id', '=', ws)
        .where('id', 'in', around.slice(i, i + 500))
        .execute())
        keys.add(r.name_key);
    }
    const names = [...keys];
    for (let i = 0; i < names.length; i += 500) {
      const rows: NameRow[] = await db
        .selectFrom('contacts')
        .select(NAME_ROW)
        .where('workspace_id', '=', ws)
        .where('name_key', 'in', names.slice(i, i + 500))
        .where('deleted_at', 'is', null)
        .execute();
      contacts += rows.length;
      const byName = new Map<string, NameRow[]>();
      for (const r of rows) {
        const g = byName.get(r.name_key);
        if (g) g.push(r);
        else byName.set(r.name_key, [r]);
      }
      for (const g of byName.values()) flush(g);
    }
  } else {
    // Pages in (name_key, id) order along the index, so memory holds one page and one name at a time.
    let group: NameRow[] = [];
    let last: { key: string; id: string } | null = null;
    for (;;) {
      let q = db.selectFrom('contacts').select(NAME_ROW).where('workspace_id', '=', ws).where('deleted_at', 'is', null);
      // A row value, so the index range starts at the cursor (an OR of the two made SQLite rescan from the top: minutes at 1M).
      if (last) q = q.where(sql<boolean>`(name_key, id) > (${last.key}, ${last.id})`);
      await pace();
      const page: NameRow[] = await q.orderBy('name_key').orderBy('id').limit(10_000).execute();
      for (const r of page) {
        contacts++;
        if (group.length && group[0]!.name_key !== r.name_key) {
          flush(group);
          group = [];
        }
        group.push(r);
      }
      if (page.length < 10_000) break;
      last = { key: page[page.length - 1]!.name_key, id: page[page.length - 1]!.id };
    }
    flush(group);
  }
  steps.names = lap();

  // Store: new pairs open; open ones refreshed; dismissed and merged ones left as they are.
  const now = core.now().toISOString();
  let added = 0;
  await db.transaction().execute(async (trx) => {
    const existing = new Map<string, { id: string; status: string; score: number; reasons: string }>();
    const base = trx.selectFrom('duplicate_candidates').select(['id', 'a_id', 'b_id', 'status', 'score', 'reasons']).where('workspace_id', '=', ws);
    const keep = (rows: { id: string; a_id: string; b_id: string; status: string; score: number; reasons: unknown }[]) => {
      for (const r of rows)
        existing.set(`${r.a_id}|${r.b_id}`, {
          id: r.id,
          status: r.status,
          score: Number(r.score),
          reasons: typeof r.reasons === 'string' ? r.reasons : JSON.stringify(r.reasons),
        });
    };
    if (around) {
      for (let i = 0; i < around.length; i += 500) {
        const ids = around.slice(i, i + 500);
        keep(await base.where('a_id', 'in', ids).execute());
        keep(await base.where('b_id', 'in', ids).execute());
      }
    } else keep(await base.execute());
    const inserts: { id: string; workspace_id: string; a_id: string; b_id: string; score: number; reasons: string; status: string; detected_at: string }[] = [];
    const touches = around ? new Set(around) : null;
    for (const [p, s] of found) {
      const [a, b] = p.split('|') as [string, string];
      // Around some contacts, only their pairs: others (two older contacts of the same name) are a full run's.
      if (touches && !touches.has(a) && !touches.has(b)) continue;
      const had = existing.get(p);
      const reasons = JSON.stringify(s.reasons);
      if (!had) inserts.push({ id: uuidv7(), workspace_id: ws, a_id: a, b_id: b, score: s.score, reasons, status: 'open', detected_at: now });
      // Only what changed is written: a second run over a million contacts finds the same pairs.
      else if (had.status === 'open' && (had.score !== s.score || had.reasons !== reasons)) {
        await trx.updateTable('duplicate_candidates').set({ score: s.score, reasons, detected_at: now }).where('id', '=', had.id).execute();
      }
    }
    // A concurrent run may have stored the same pair since: it stays as that run left it.
    for (let i = 0; i < inserts.length; i += 300) {
      const [r] = await trx
        .insertInto('duplicate_candidates')
        .values(inserts.slice(i, i + 300))
        .onConflict((oc) => oc.columns(['workspace_id', 'a_id', 'b_id']).doNothing())
        .execute();
      added += Number(r?.numInsertedOrUpdatedRows ?? 0);
    }
    if (!around) {
      const stale = [...existing].filter(([p, v]) => v.status === 'open' && !found.has(p)).map(([, v]) => v.id);
      for (let i = 0; i < stale.length; i += 500)
        await trx
          .deleteFrom('duplicate_candidates')
          .where('id', 'in', stale.slice(i, i + 500))
          .execute();
    }
  });
  const open = await db
    .selectFrom('duplicate_candidates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', ws)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  steps.store = lap();
  return { contacts, blocks, pairsCompared, candidates: Number(open.n), added, seconds: (performance.now() - t0) / 1000, steps };
}
