import type { Kysely } from 'kysely';
import type { Db } from '../db/create-db.ts';
import { checkRefs, normaliseLog, refName, type ContactRef, type MergeContext, type MergeLog } from './contact-refs.ts';

/**
 * The SQL of a merge and its undo over the declared contact refs (contact-refs.ts says what each kind does).
 * Generic over the tables, so it reads and writes them through an untyped handle of the caller's transaction.
 */

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const keyOf = (row: Record<string, unknown>, cols: readonly string[]) => JSON.stringify(cols.map((c) => row[c] ?? null));

/**
 * Move everything of `mergedId` to `survivorId` as the refs say, inside the caller's transaction (a failure
 * anywhere rolls back the whole merge). Returns the log the unmerge needs.
 */
export async function mergeContactRefs(trx: Db, refs: readonly ContactRef[], ctx: MergeContext): Promise<MergeLog> {
  checkRefs(refs);
  // biome-ignore lint/suspicious/noExplicitAny: the tables are named by the refs, not known to the type here
  const db = trx as unknown as Kysely<any>;
  const { workspaceId: ws, survivorId: s, mergedId: m, now } = ctx;
  const log: MergeLog = {};
  for (const ref of refs) {
    const name = refName(ref);
    const col = ref.column;
    if (ref.kind === 'keep') continue;
    if (ref.kind === 'repoint') {
      const id = ref.id ?? 'id';
      let q = db.selectFrom(ref.table).select(id).where('workspace_id', '=', ws).where(col, '=', m);
      if (ref.unlessSelf) q = q.where(ref.unlessSelf, '<>', s);
      const ids = (await q.execute()).map((r) => String(r[id]));
      for (const part of chunks(ids))
        await db
          .updateTable(ref.table)
          .set({ [col]: s })
          .where('workspace_id', '=', ws)
          .where(id, 'in', part)
          .execute();
      log[name] = { moved: ids };
    } else if (ref.kind === 'combine') {
      const rows = await db
        .selectFrom(ref.table)
        .select([col, ...ref.add])
        .where('workspace_id', '=', ws)
        .where(col, 'in', [s, m])
        .execute();
      const mine = rows.find((r) => String(r[col]) === s);
      const theirs = rows.find((r) => String(r[col]) === m);
      if (!mine || !theirs) {
        log[name] = { combined: null };
        continue;
      }
      const amounts = (r: Record<string, unknown>) => Object.fromEntries(ref.add.map((c) => [c, Number(r[c] ?? 0)]));
      const survivor = amounts(mine);
      const merged = amounts(theirs);
      await db
        .updateTable(ref.table)
        .set(Object.fromEntries(ref.add.map((c) => [c, survivor[c]! + merged[c]!])))
        .where('workspace_id', '=', ws)
        .where(col, '=', s)
        .execute();
      await db
        .updateTable(ref.table)
        .set(Object.fromEntries(ref.add.map((c) => [c, 0])))
        .where('workspace_id', '=', ws)
        .where(col, '=', m)
        .execute();
      log[name] = { combined: { survivor, merged } };
    } else {
      const id = ref.id ?? 'id';
      const open = ref.open;
      const select = (contact: string, onlyOpen: boolean) => {
        let q = db
          .selectFrom(ref.table)
          .select([id, ...ref.key])
          .where('workspace_id', '=', ws)
          .where(col, '=', contact);
        if (onlyOpen && open) q = q.where((eb) => open(eb, now));
        return q.execute();
      };
      const taken = new Set((await select(s, true)).map((r) => keyOf(r, ref.key)));
      const matching = new Set((await select(m, true)).filter((r) => taken.has(keyOf(r, ref.key))).map((r) => String(r[id])));
      const all = (await select(m, false)).map((r) => String(r[id]));
      const stays = ref.onMatch === 'stay';
      const stayed = stays ? all.filter((x) => matching.has(x)) : [];
      const moved = stays ? all.filter((x) => !matching.has(x)) : all;
      const closed: { id: string; before: Record<string, unknown> }[] = [];
      if (ref.onMatch !== 'stay' && matching.size) {
        const set = ref.onMatch.close(now);
        const cols = Object.keys(set);
        for (const part of chunks([...matching])) {
          const before = await db
            .selectFrom(ref.table)
            .select([id, ...cols])
            .where('workspace_id', '=', ws)
            .where(id, 'in', part)
            .execute();
          for (const b of before) closed.push({ id: String(b[id]), before: Object.fromEntries(cols.map((c) => [c, b[c] ?? null])) });
          await db.updateTable(ref.table).set(set).where('workspace_id', '=', ws).where(id, 'in', part).execute();
        }
      }
      for (const part of chunks(moved))
        await db
          .updateTable(ref.table)
          .set({ [col]: s })
          .where('workspace_id', '=', ws)
          .where(id, 'in', part)
          .execute();
      log[name] = { moved, stayed, closed };
    }
  }
  return log;
}

/**
 * Undo what `mergeContactRefs` did, in reverse order: moved rows go back to the merged contact (those still
 * on the survivor), closed ones reopen as they were, combined amounts are taken back out of the survivor's row.
 * A log written before the refs existed (`{orders: [ids], …}`) reads as re-points of `<table>.contact_id`.
 */
export async function unmergeContactRefs(trx: Db, refs: readonly ContactRef[], ctx: MergeContext, stored: Record<string, unknown>): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: the tables are named by the refs, not known to the type here
  const db = trx as unknown as Kysely<any>;
  const { workspaceId: ws, survivorId: s, mergedId: m } = ctx;
  const log = normaliseLog(stored);
  for (const ref of [...refs].reverse()) {
    const entry = log[refName(ref)];
    if (!entry || ref.kind === 'keep') continue;
    const col = ref.column;
    if ('combined' in entry) {
      if (!entry.combined || ref.kind !== 'combine') continue;
      const { merged } = entry.combined;
      await db
        .updateTable(ref.table)
        .set((eb) => Object.fromEntries(ref.add.map((c) => [c, eb(eb.ref(c), '-', merged[c] ?? 0)])))
        .where('workspace_id', '=', ws)
        .where(col, '=', s)
        .execute();
      await db.updateTable(ref.table).set(merged).where('workspace_id', '=', ws).where(col, '=', m).execute();
      continue;
    }
    const id = ref.kind === 'combine' ? 'id' : (ref.id ?? 'id');
    for (const part of chunks(entry.moved))
      await db
        .updateTable(ref.table)
        .set({ [col]: m })
        .where('workspace_id', '=', ws)
        .where(id, 'in', part)
        .where(col, '=', s)
        .execute();
    if ('closed' in entry)
      for (const c of entry.closed) await db.updateTable(ref.table).set(c.before).where('workspace_id', '=', ws).where(id, '=', c.id).execute();
  }
}
