import { normalizeEmail } from '@kith/domain/emails/email.ts';
import type { Action } from '@kith/domain/permissions/permissions.ts';
import { normalizePhone } from '@kith/domain/phones/phone.ts';
import type { ImportEntity } from '@kith/domain/import/mapping.ts';
import type { DateOrder } from '@kith/domain/import/values.ts';
import { MATCH_KEYS, type MatchKey } from '@kith/domain/import/import.api.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { ImportError } from './engine.ts';
import { contactsHandler } from './contacts.kind.ts';
import { ordersHandler } from './orders.kind.ts';
import { interactionsHandler } from './interactions.kind.ts';
import { productsHandler } from './products.kind.ts';
import { companiesHandler } from './companies.kind.ts';

/** What a batch would do; `fieldsChanged` counts, by field, the changes its updates make to existing records. */
export type PrepareCounts = { created: number; updated: number; skipped: number; fieldsChanged?: Record<string, number> };

/** A row of the file after mapping: its row number and its non-empty cells by field. */
export type MappedRow = { row: number; values: Record<string, string> };
// How a row finds the record it updates: the list the imports' contract declares.
export { MATCH_KEYS, type MatchKey };

/** How a run reads and writes its rows (engine.ts runImport). */
export type KindOptions = {
  matchBy: MatchKey[];
  onExisting: 'update' | 'skip';
  /** A matched contact's name changes only when the user asks for it. */
  updateNames: boolean;
  /** The order of the file's day-month dates. */
  dateOrder: DateOrder;
  /** The preset's words for stored values, per field (its statuses, its stages). */
  values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The preset the file is read with (its id), if any: Kith's own files bring back what no other file may (consents). */
  preset: string | null;
};

export type PrepareContext = {
  headerOf: (field: string) => string;
  options: KindOptions;
  /** The handler's own state across the batches of one run (newState). */
  state: unknown;
  dryRun: boolean;
  /** The import the batch is written for (null in a dry run): a kind may make the rows it writes, audit entries included, while it prepares. */
  importId?: string | null;
};

export type Written = {
  created: { type: string; id: string }[];
  updated: { type: string; id: string; before: unknown; after: unknown }[];
  skipped: number;
  errors: ImportError[];
};

/**
 * What an import of one kind of record does with a batch: `prepare` checks and normalises every row and
 * matches it to an existing record (reads only; a dry run stops there), `write` writes the plan inside
 * the batch's transaction, `undo` takes back what an import did.
 */
export interface KindHandler<Plan, State> {
  kind: ImportEntity;
  entityType: string;
  /** The role action needed to start an import of this kind. */
  action: Action;
  defaultMatchBy: MatchKey[];
  /** The workspace's own import targets (its custom fields) by the folded headers that name them. */
  workspaceTargets?(core: Core, actor: Actor): Promise<ReadonlyMap<string, string>>;
  /** A message when the mapping lacks a field the kind needs, else null. */
  missing(fields: Set<string>): string | null;
  newState(): State;
  /** Rows of one group (an order's lines) are never split between batches. */
  groupOf?(row: MappedRow): string | null;
  prepare(core: Core, actor: Actor, rows: MappedRow[], ctx: PrepareContext): Promise<{ plan: Plan; errors: ImportError[]; counts: PrepareCounts }>;
  /** After a batch (written, or checked in a dry run): remember what it created, so later rows match it. */
  commitState?(state: State, plan: Plan, dryRun: boolean): void;
  write(core: Core, trx: Db, actor: Actor, plan: Plan, meta: { importId: string }): Promise<Written>;
  /**
   * What a plan may collide with in another batch's plan (the match keys of its rows, the names of the
   * companies it creates). A kind that gives them has its next batch prepared while the previous one is
   * written; when the two share a key, the next batch is prepared again once the previous one is in.
   */
  planKeys?(plan: Plan): Iterable<string>;
  undo(core: Core, actor: Actor, items: UndoItem[], meta: { importId: string }): Promise<UndoResult>;
}

/** The lookup keys of a row's customer (its customer id, email, phone), as contactsByKeys takes them: for orders and interactions. */
export function customerKeys(
  v: { customerExternalId?: string | undefined; customerEmail?: string | undefined; customerPhone?: string | undefined },
  phoneRegion: string,
): string[] {
  const out: string[] = [];
  if (v.customerExternalId) out.push(`external:${v.customerExternalId}`);
  if (v.customerEmail) out.push(`email:${normalizeEmail(v.customerEmail)}`);
  if (v.customerPhone) {
    const p = normalizePhone(v.customerPhone, phoneRegion);
    if (p.ok) out.push(`phone:${p.e164}`);
  }
  return out;
}

/**
 * What undoing a change of one record puts back: each field the import changed, where the record still holds
 * the value the import wrote; a field edited since is kept, and named.
 */
export function revertPatch(
  current: Record<string, unknown>,
  change: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
  id: string,
): { patch: Record<string, unknown>; kept: { id: string; reason: string }[] } {
  const patch: Record<string, unknown> = {};
  const kept: { id: string; reason: string }[] = [];
  for (const [k, v] of Object.entries(change.after ?? {})) {
    if (JSON.stringify(current[k] ?? null) === JSON.stringify(v ?? null)) patch[k] = (change.before ?? {})[k] ?? (Array.isArray(v) ? [] : null);
    else kept.push({ id, reason: `${k} was changed after the import` });
  }
  return { patch, kept };
}

export type UndoItem = {
  entityType: string;
  entityId: string;
  action: 'create' | 'update';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
export type UndoResult = { removed: number; restored: number; kept: { id: string; reason: string }[] };

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own row and input types; the engine only passes one handler's values back to the same handler
export const HANDLERS: Partial<Record<ImportEntity, KindHandler<any, any>>> = {
  contacts: contactsHandler,
  orders: ordersHandler,
  interactions: interactionsHandler,
  products: productsHandler,
  companies: companiesHandler,
};
