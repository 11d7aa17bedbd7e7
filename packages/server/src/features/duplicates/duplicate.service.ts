import { JOINED_CONTACT_FIELDS, PICKED_CONTACT_FIELDS, type PickedContactField } from '@kith/domain/contacts/contact.fields.ts';
import { sql } from 'kysely';
import { AppError, notFound } from '@kith/domain/errors.ts';
import type { Contact, ContactUpdateInput } from '@kith/domain/contacts/contact.schema.ts';
import { DUPLICATE_THRESHOLD, scoreDuplicate, type DuplicateFacts, type DuplicateReason } from '@kith/domain/duplicates/score.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { refreshPlannerStats } from '../../platform/db/planner-stats.ts';
import { pacer } from '../../platform/db/pace.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import { findContactsByIds, insertKeys, type ContactWithCompany } from '../contacts/contact.repository.ts';
import { keysOf, RaceLost, updateContactsIn } from '../contacts/contact.service.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import { logSummary, movedCounts, normaliseLog, type ContactRef } from '../../platform/records/contact-refs.ts';
import { mergeContactRefs, unmergeContactRefs } from '../../platform/records/contact-refs.repository.ts';
import { contactRefsOf } from '../../kith-module.ts';
import { ordersChanged } from '../commerce/order-events.ts';

/**
 * Duplicate detection and merging (issue 4, "one customer, one record").
 *
 * Detection forms blocks of contacts that share a key — a phone, an email or a customer id, or a folded
 * name together with the birthday, the company or the province — compares every pair within a block
 * (blocks larger than MAX_BLOCK are skipped: a key shared by that many is not an identity) and keeps the
 * pairs scoring at least DUPLICATE_THRESHOLD, with their reasons. A dismissed pair stays dismissed.
 *
 * A merge keeps one contact (the survivor) with the values chosen field by field, joins their phones,
 * emails and tags, moves everything that points at the other to it as each feature's contact references say
 * (records/contact-refs.ts: orders, interactions, tasks, deals, tickets, surveys, loyalty, playbook runs…),
 * soft-deletes the other (pointing at the survivor) and fires the order-change event for both, so points
 * and statistics follow. It is recorded with what it needs to be undone exactly.
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

export type ContactBrief = Pick<
  ContactWithCompany,
  | 'id'
  | 'name'
  | 'externalId'
  | 'emails'
  | 'phones'
  | 'birthday'
  | 'gender'
  | 'province'
  | 'company'
  | 'companyId'
  | 'ownerId'
  | 'lifecycleStage'
  | 'tags'
  | 'jobTitle'
  | 'occupation'
  | 'addressLine'
  | 'notes'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
>;
export type Candidate = { id: string; score: number; reasons: DuplicateReason[]; status: string; detectedAt: string; a: ContactBrief; b: ContactBrief };

/** Open candidates, likeliest first, whose two contacts the caller may both read. */
export async function listCandidates(
  core: Core,
  actor: Actor,
  o: { limit: number; cursor?: string | undefined; contactId?: string | undefined },
): Promise<{ data: Candidate[]; nextCursor: string | null }> {
  const scope = scopeFor(actor, 'contacts.read');
  const data: Candidate[] = [];
  let after = o.cursor ? decodeCandidateCursor(o.cursor) : null;
  // Read in pages until the page is full: pairs out of the caller's scope are left out.
  for (let guard = 0; guard < 20 && data.length < o.limit; guard++) {
    let q = core.db
      .selectFrom('duplicate_candidates')
      .select(['id', 'a_id', 'b_id', 'score', 'reasons', 'status', 'detected_at'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('status', '=', 'open');
    const only = o.contactId;
    if (only) q = q.where((eb) => eb.or([eb('a_id', '=', only), eb('b_id', '=', only)]));
    if (after) {
      const a = after;
      q = q.where((eb) => eb.or([eb('score', '<', a.score), eb.and([eb('score', '=', a.score), eb('id', '>', a.id)])]));
    }
    const rows = await q
      .orderBy('score', 'desc')
      .orderBy('id')
      .limit(o.limit * 2)
      .execute();
    if (rows.length === 0) break;
    const contacts = new Map((await findContactsByIds(core.db, scope, [...new Set(rows.flatMap((r) => [r.a_id, r.b_id]))])).map((c) => [c.id, c]));
    for (const r of rows) {
      after = { score: Number(r.score), id: r.id };
      const a = contacts.get(r.a_id);
      const b = contacts.get(r.b_id);
      if (!a || !b) continue;
      data.push({ id: r.id, score: Number(r.score), reasons: readJson(r.reasons, []), status: r.status, detectedAt: r.detected_at, a: brief(a), b: brief(b) });
      if (data.length === o.limit) break;
    }
    if (rows.length < o.limit * 2) {
      if (data.length < o.limit) after = null;
      break;
    }
  }
  return { data, nextCursor: after && data.length === o.limit ? Buffer.from(JSON.stringify(after)).toString('base64url') : null };
}

function decodeCandidateCursor(c: string): { score: number; id: string } {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { score: unknown; id: unknown };
    if (typeof v.score === 'number' && typeof v.id === 'string') return { score: v.score, id: v.id };
  } catch {
    // fall through
  }
  throw new AppError('validation', 'Not a valid cursor', { issues: [{ path: ['cursor'], message: 'Not a valid cursor', code: 'invalid_format' }] });
}

function brief(c: ContactWithCompany): ContactBrief {
  const {
    id,
    name,
    externalId,
    emails,
    phones,
    birthday,
    gender,
    province,
    company,
    companyId,
    ownerId,
    lifecycleStage,
    tags,
    jobTitle,
    occupation,
    addressLine,
    notes,
    createdAt,
    updatedAt,
    version,
  } = c;
  return {
    id,
    name,
    externalId,
    emails,
    phones,
    birthday,
    gender,
    province,
    company,
    companyId,
    ownerId,
    lifecycleStage,
    tags,
    jobTitle,
    occupation,
    addressLine,
    notes,
    createdAt,
    updatedAt,
    version,
  };
}

export async function dismissCandidate(core: Core, actor: Actor, id: string): Promise<void> {
  const scope = scopeFor(actor, 'contacts.update');
  const c = await core.db
    .selectFrom('duplicate_candidates')
    .select(['id', 'a_id', 'b_id', 'status'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c || (await findContactsByIds(core.db, scope, [c.a_id, c.b_id])).length < 2) throw notFound('Duplicate pair');
  await core.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('duplicate_candidates')
      .set({ status: 'dismissed', resolved_at: core.now().toISOString(), resolved_by: actor.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'duplicate',
        entityId: id,
        before: { status: c.status },
        after: { status: 'dismissed' },
        meta: { ...by(actor).meta, contacts: [c.a_id, c.b_id] },
      },
      core.now(),
    );
  });
}

/** Single-valued fields a merge chooses between (the survivor's by default, the other's when the survivor has none): the field table's `merge: 'pick'`. */
export const MERGE_FIELDS = PICKED_CONTACT_FIELDS;
export type MergeField = PickedContactField;
/** Lists a merge joins (the field table's `merge: 'union'`); notes, consents and custom values have their own rules below. */
const LISTS = JOINED_CONTACT_FIELDS;

/** `moved`: how many rows of each table now point at the survivor (every table a merge moves rows of, 0 for none). */
export type MergeResult = { id: string; survivorId: string; mergedId: string; moved: Record<string, number>; contact: ContactWithCompany };

/**
 * After rows moved between two contacts (orders, the points ledger): `contact.orders_changed` for both, so their
 * purchase statistics are recomputed and their loyalty points and tiers re-synced after the commit (listeners).
 */
async function resync(trx: Db, core: Core, workspaceId: string, ids: string[]): Promise<void> {
  await ordersChanged(trx, { workspaceId, contactIds: ids, at: core.now() });
}

/** The survivor's fields after a merge: chosen ones from the other, empty ones filled, lists joined. */
export function mergedPatch(survivor: Contact, other: Contact, prefer: Partial<Record<MergeField, 'survivor' | 'merged'>>): ContactUpdateInput {
  const patch: Record<string, unknown> = {};
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  for (const f of MERGE_FIELDS) {
    const mine = survivor[f];
    const theirs = other[f];
    const take = prefer[f] === 'merged' || (prefer[f] !== 'survivor' && empty(mine) && !empty(theirs));
    if (take && JSON.stringify(mine) !== JSON.stringify(theirs)) patch[f] = theirs;
  }
  if (!prefer.notes && survivor.notes && other.notes && survivor.notes !== other.notes) patch.notes = `${survivor.notes}\n\n${other.notes}`.slice(0, 10_000);
  for (const f of LISTS) {
    const fold = (x: string) => (f === 'tags' || f === 'interests' ? x.toLowerCase() : x);
    const seen = new Set(survivor[f].map(fold));
    const add = other[f].filter((x) => !seen.has(fold(x)) && (seen.add(fold(x)), true));
    if (add.length) patch[f] = [...survivor[f], ...add].slice(0, f === 'emails' || f === 'phones' ? 10 : 50);
  }
  const consents: Record<string, unknown> = {};
  for (const [ch, v] of Object.entries(other.consents))
    if (!(ch in survivor.consents) && v) consents[ch] = { status: v.status, ...(v.source ? { source: v.source } : {}), at: v.at };
  if (Object.keys(consents).length) patch.consents = consents;
  const custom: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(other.custom)) if (!(k in survivor.custom)) custom[k] = v;
  if (Object.keys(custom).length) patch.custom = custom;
  return patch as ContactUpdateInput;
}

/** `refs`: every column that points at a contact, as the Core's modules declare them (tests may pass others). */
export async function mergeContacts(
  core: Core,
  actor: Actor,
  o: { survivorId: string; mergedId: string; prefer?: Partial<Record<MergeField, 'survivor' | 'merged'>> },
  refs: readonly ContactRef[] = contactRefsOf(core),
): Promise<MergeResult> {
  if (o.survivorId === o.mergedId)
    throw new AppError('validation', 'A contact cannot be merged with itself', {
      issues: [{ path: ['mergedId'], message: 'The same contact twice', code: 'invalid' }],
    });
  const del = scopeFor(actor, 'contacts.delete');
  const upd = scopeFor(actor, 'contacts.update');
  for (let attempt = 0; ; attempt++) {
    try {
      return await core.db.transaction().execute(async (trx) => {
        const [survivor] = await findContactsByIds(trx, upd, [o.survivorId]);
        const [other] = await findContactsByIds(trx, del, [o.mergedId]);
        if (!survivor) throw notFound('Contact');
        if (!other) throw notFound('Contact to merge');
        const mergeId = uuidv7();
        const meta = { mergeId, mergedId: other.id };
        const { company: _a, ...s } = survivor;
        const { company: _b, ...m } = other;
        const patch = mergedPatch(s, m, o.prefer ?? {});
        const now = core.now().toISOString();
        // Everything that points at the other contact moves to the survivor (or is combined, or deduplicated).
        const log = await mergeContactRefs(trx, refs, { workspaceId: actor.workspaceId, survivorId: survivor.id, mergedId: other.id, now });
        const moved = movedCounts(log);
        // The other goes first (its keys with it), so the survivor may take its email or phone.
        await trx
          .updateTable('contacts')
          .set({ deleted_at: now, merged_into: survivor.id, updated_at: now, updated_by: actor.userId, version: other.version + 1 })
          .where('id', '=', other.id)
          .execute();
        await trx.deleteFrom('contact_keys').where('workspace_id', '=', actor.workspaceId).where('contact_id', '=', other.id).execute();
        const r = Object.keys(patch).length
          ? await updateContactsIn(core, trx, actor, [{ id: survivor.id, patch, ifVersion: null, index: 0 }], { bulk: false, meta })
          : null;
        const after = r?.written[0] ?? survivor;
        const who = by(actor);
        await recordAudit(
          trx,
          [
            {
              ...who,
              meta: { ...who.meta, ...meta, moved, refs: logSummary(log) },
              action: 'merge',
              entityType: 'contact',
              entityId: survivor.id,
              before: { mergedId: other.id },
              after: { mergedInto: survivor.id },
            },
            { ...who, meta: { ...who.meta, mergeId, mergedInto: survivor.id }, action: 'delete', entityType: 'contact', entityId: other.id },
          ],
          core.now(),
        );
        await trx
          .insertInto('merges')
          .values({
            id: mergeId,
            workspace_id: actor.workspaceId,
            survivor_id: survivor.id,
            merged_id: other.id,
            survivor_before: JSON.stringify(s),
            survivor_after_version: after.version,
            moved: JSON.stringify(log),
            created_by: actor.userId,
            created_at: now,
          })
          .execute();
        await trx
          .updateTable('duplicate_candidates')
          .set({ status: 'merged', resolved_at: now, resolved_by: actor.userId })
          .where('workspace_id', '=', actor.workspaceId)
          .where('status', '=', 'open')
          .where((eb) => eb.or([eb('a_id', '=', other.id), eb('b_id', '=', other.id)]))
          .execute();
        // Points and statistics follow the moved orders and ledger (both contacts: the other's account empties).
        await resync(trx, core, actor.workspaceId, [survivor.id, other.id]);
        await emitEvent(trx, {
          type: 'contact.merged',
          workspaceId: actor.workspaceId,
          at: now,
          payload: { contactId: survivor.id, mergedId: other.id, mergeId },
        });
        return { id: mergeId, survivorId: survivor.id, mergedId: other.id, moved, contact: after };
      });
    } catch (e) {
      if (e instanceof RaceLost && attempt < 5) continue;
      throw e;
    }
  }
}

/** Undo a merge: the survivor as it was, the other contact back, everything moved back to it (as its log says). Refused when the survivor changed since. */
export async function undoMerge(
  core: Core,
  actor: Actor,
  mergeId: string,
  refs: readonly ContactRef[] = contactRefsOf(core),
): Promise<{ survivor: ContactWithCompany; restored: ContactWithCompany }> {
  const del = scopeFor(actor, 'contacts.delete');
  const upd = scopeFor(actor, 'contacts.update');
  return core.db.transaction().execute(async (trx) => {
    const mrow = await trx.selectFrom('merges').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', mergeId).executeTakeFirst();
    if (!mrow) throw notFound('Merge');
    if (mrow.undone_at) throw new AppError('conflict', 'This merge is already undone', { reason: 'record_busy' });
    const [survivor] = await findContactsByIds(trx, upd, [mrow.survivor_id]);
    const [other] = await findContactsByIds(trx, del, [mrow.merged_id], 'only');
    if (!survivor || !other) throw notFound('Merge');
    if (survivor.version !== mrow.survivor_after_version)
      throw new AppError('precondition_failed', 'The contact changed after the merge; the merge can no longer be undone as a whole', {
        extra: { currentVersion: survivor.version },
      });
    const before = readJson<Contact>(mrow.survivor_before, survivor);
    const now = core.now().toISOString();
    // The other first, with its keys: then the survivor gives back what it took.
    await trx
      .updateTable('contacts')
      .set({ deleted_at: null, merged_into: null, updated_at: now, updated_by: actor.userId, version: other.version + 1 })
      .where('id', '=', other.id)
      .execute();
    const patch: Record<string, unknown> = {};
    const { company: _c, ...cur } = survivor;
    for (const f of [...MERGE_FIELDS, ...LISTS, 'consents', 'custom'] as const) if (JSON.stringify(cur[f]) !== JSON.stringify(before[f])) patch[f] = before[f];
    if (patch.consents) {
      // Channels the merge added are taken away; the others keep their stored form.
      const c: Record<string, unknown> = {};
      for (const ch of Object.keys(cur.consents)) if (!(ch in before.consents)) c[ch] = null;
      patch.consents = c;
    }
    if (patch.custom) {
      const c: Record<string, unknown> = {};
      for (const k of Object.keys(cur.custom)) if (!(k in before.custom)) c[k] = null;
      patch.custom = c;
    }
    const meta = { mergeId, undo: true };
    const r = Object.keys(patch).length
      ? await updateContactsIn(core, trx, actor, [{ id: survivor.id, patch: patch as ContactUpdateInput, ifVersion: null, index: 0 }], { bulk: false, meta })
      : null;
    const { company: _d, ...o } = other;
    await insertKeys(trx, keysOf(o, actor.workspaceId));
    const log = normaliseLog(readJson<Record<string, unknown>>(mrow.moved, {}));
    await unmergeContactRefs(trx, refs, { workspaceId: actor.workspaceId, survivorId: survivor.id, mergedId: other.id, now }, log);
    await resync(trx, core, actor.workspaceId, [survivor.id, other.id]);
    await trx.updateTable('merges').set({ undone_at: now, undone_by: actor.userId }).where('id', '=', mergeId).execute();
    await trx
      .updateTable('duplicate_candidates')
      .set({ status: 'open', resolved_at: null, resolved_by: null })
      .where('workspace_id', '=', actor.workspaceId)
      .where('status', '=', 'merged')
      .where((eb) => eb.or([eb('a_id', '=', other.id), eb('b_id', '=', other.id)]))
      .execute();
    const who = by(actor);
    await recordAudit(
      trx,
      [
        {
          ...who,
          meta: { ...who.meta, ...meta, movedBack: movedCounts(log), refs: logSummary(log) },
          action: 'restore',
          entityType: 'contact',
          entityId: other.id,
        },
      ],
      core.now(),
    );
    const [restored] = await findContactsByIds(trx, { workspaceId: actor.workspaceId, limitTo: null }, [other.id]);
    return { survivor: r?.written[0] ?? survivor, restored: restored! };
  });
}
