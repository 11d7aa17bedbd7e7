import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
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
    | { kind: 'repoint' /** the row's key, `id` by default */; id?: string; unlessSelf?: string }
    | { kind: 'combine'; add: readonly string[] }
    | {
        kind: 'dedupe';
        id?: string;
        key: readonly string[];
        /** Which rows count (both sides) when matching; every row when absent. */
        // biome-ignore lint/suspicious/noExplicitAny: a condition over whichever table the ref names, checked by the tests
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

/** One declaration per column: a second one would make the merge move the rows twice. */
export function checkRefs(refs: readonly ContactRef[]): void {
  const seen = new Set<string>();
  for (const r of refs) {
    const n = refName(r);
    if (seen.has(n)) throw new Error(`contact ref ${n} is declared twice`);
    seen.add(n);
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
