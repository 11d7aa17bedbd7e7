import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Db } from '../db/create-db.ts';
import type { Database } from '../db/database.ts';

/**
 * The columns that point at a contact, and what a merge does with each (issue 17, "a merge that forgets
 * nothing"). Every feature declares its own next to its tables (`<feature>.refs.ts`); the merge of two
 * contacts runs over all of them in its one transaction and records what it did, so an unmerge puts every
 * row back exactly. A test reads the foreign keys to `contacts` from the migrated schema and fails on a
 * column that no declaration covers (duplicates/contact-refs.test.ts).
 *
 * What a merge of M (the merged contact) into S (the survivor) does, by kind:
 * - `repoint`: every row of M now points at S. `unlessSelf` names the row's other contact column: a row
 *   whose other column already is S keeps M (a customer is never their own referrer).
 * - `combine`: one row per contact (the column is the row's key), holding amounts. When both have a row, S's
 *   row absorbs M's `add` columns and M's are zeroed; M's row stays with M, with what is its own (a referral
 *   code, its referrer). When S has none, nothing is combined: the feature's resync makes S's row (the
 *   loyalty account is recomputed from its ledger, which moved as a `repoint`).
 * - `dedupe`: rows that may exist once per contact and `key` (a playbook's run). M's rows with no match on
 *   S move; one that matches a row of S either stays with M (`onMatch: 'stay'`, e.g. a unique index forbids
 *   two) or moves and is closed (`onMatch: {close}`, e.g. a second open survey invitation is expired).
 *   `open` narrows what counts as a match (only open invitations duplicate each other).
 * - `keep`: never moved, with the reason (derived figures recomputed by the resync, the merge's own log).
 */
type RefBase = {
  table: keyof Database & string;
  column: string;
};

export type ContactRef = RefBase &
  (
    | { kind: 'repoint'; /** the row's key, `id` by default */ id?: string; unlessSelf?: string }
    | { kind: 'combine'; add: readonly string[] }
    | {
        kind: 'dedupe';
        id?: string;
        key: readonly string[];
        /** Which rows count (both sides) when matching; every row when absent. */
        open?: (eb: ExpressionBuilder<any, any>, now: string) => Expression<SqlBool>;
        onMatch: 'stay' | { close: (now: string) => Record<string, string | number | null> };
      }
    | { kind: 'keep'; why: string }
  );

/** What one merge did to one column: enough to undo it exactly. */
export type RefLog =
  | { moved: string[] }
  | { moved: string[]; stayed: string[]; closed: { id: string; before: Record<string, unknown> }[] }
  | { combined: { survivor: Record<string, number>; merged: Record<string, number> } | null };

export type MergeLog = Record<string, RefLog>;
export type MergeContext = { workspaceId: string; survivorId: string; mergedId: string; now: string };

export const refName = (r: { table: string; column: string }): string => `${r.table}.${r.column}`;

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const keyOf = (row: Record<string, unknown>, cols: readonly string[]) => JSON.stringify(cols.map((c) => row[c] ?? null));

/** One declaration per column: a second one would make the merge move the rows twice. */
export function checkRefs(refs: readonly ContactRef[]): void {
  const seen = new Set<string>();
  for (const r of refs) {
    const n = refName(r);
    if (seen.has(n)) throw new Error(`contact ref ${n} is declared twice`);
    seen.add(n);
  }
}

/**
 * Move everything of `mergedId` to `survivorId` as the refs say, inside the caller's transaction (a failure
 * anywhere rolls back the whole merge). Returns the log the unmerge needs.
 */
export async function mergeContactRefs(trx: Db, refs: readonly ContactRef[], ctx: MergeContext): Promise<MergeLog> {
  checkRefs(refs);
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
      for (const part of chunks(ids)) await db.updateTable(ref.table).set({ [col]: s }).where('workspace_id', '=', ws).where(id, 'in', part).execute();
      log[name] = { moved: ids };
    } else if (ref.kind === 'combine') {
      const rows = await db.selectFrom(ref.table).select([col, ...ref.add]).where('workspace_id', '=', ws).where(col, 'in', [s, m]).execute();
      const mine = rows.find((r) => String(r[col]) === s);
      const theirs = rows.find((r) => String(r[col]) === m);
      if (!mine || !theirs) {
        log[name] = { combined: null };
        continue;
      }
      const amounts = (r: Record<string, unknown>) => Object.fromEntries(ref.add.map((c) => [c, Number(r[c] ?? 0)]));
      const survivor = amounts(mine);
      const merged = amounts(theirs);
      await db.updateTable(ref.table).set(Object.fromEntries(ref.add.map((c) => [c, survivor[c]! + merged[c]!]))).where('workspace_id', '=', ws).where(col, '=', s).execute();
      await db.updateTable(ref.table).set(Object.fromEntries(ref.add.map((c) => [c, 0]))).where('workspace_id', '=', ws).where(col, '=', m).execute();
      log[name] = { combined: { survivor, merged } };
    } else {
      const id = ref.id ?? 'id';
      const open = ref.open;
      const select = (contact: string, onlyOpen: boolean) => {
        let q = db.selectFrom(ref.table).select([id, ...ref.key]).where('workspace_id', '=', ws).where(col, '=', contact);
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
          const before = await db.selectFrom(ref.table).select([id, ...cols]).where('workspace_id', '=', ws).where(id, 'in', part).execute();
          for (const b of before) closed.push({ id: String(b[id]), before: Object.fromEntries(cols.map((c) => [c, b[c] ?? null])) });
          await db.updateTable(ref.table).set(set).where('workspace_id', '=', ws).where(id, 'in', part).execute();
        }
      }
      for (const part of chunks(moved)) await db.updateTable(ref.table).set({ [col]: s }).where('workspace_id', '=', ws).where(id, 'in', part).execute();
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
    for (const part of chunks(entry.moved)) await db.updateTable(ref.table).set({ [col]: m }).where('workspace_id', '=', ws).where(id, 'in', part).where(col, '=', s).execute();
    if ('closed' in entry) for (const c of entry.closed) await db.updateTable(ref.table).set(c.before).where('workspace_id', '=', ws).where(id, '=', c.id).execute();
  }
}

/** The log as stored, in the current shape. */
export function normaliseLog(stored: Record<string, unknown>): MergeLog {
  const out: MergeLog = {};
  for (const [k, v] of Object.entries(stored)) {
    if (Array.isArray(v)) out[k.includes('.') ? k : `${k}.contact_id`] = { moved: v.map(String) };
    else if (v && typeof v === 'object') out[k] = v as RefLog;
  }
  return out;
}

/** Rows the merge moved to the survivor, by table: every table a merge moves rows of, 0 when it moved none. */
export function movedCounts(log: MergeLog): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, entry] of Object.entries(log)) {
    if (!('moved' in entry)) continue;
    const table = name.slice(0, name.indexOf('.'));
    out[table] = (out[table] ?? 0) + entry.moved.length;
  }
  return out;
}

/** What the audit entry of a merge says it did, per column: moved, stayed, closed, combined. */
export function logSummary(log: MergeLog): Record<string, Record<string, number | boolean>> {
  const out: Record<string, Record<string, number | boolean>> = {};
  for (const [name, e] of Object.entries(log)) {
    if ('combined' in e) {
      if (e.combined) out[name] = { combined: true };
      continue;
    }
    const x: Record<string, number> = {};
    if (e.moved.length) x.moved = e.moved.length;
    if ('stayed' in e && e.stayed.length) x.stayed = e.stayed.length;
    if ('closed' in e && e.closed.length) x.closed = e.closed.length;
    if (Object.keys(x).length) out[name] = x;
  }
  return out;
}
