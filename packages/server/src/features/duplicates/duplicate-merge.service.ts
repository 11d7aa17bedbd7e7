import { JOINED_CONTACT_FIELDS, PICKED_CONTACT_FIELDS, type PickedContactField } from '@kith/domain/contacts/contact.fields.ts';
import { AppError, notFound } from '@kith/domain/errors.ts';
import type { Contact, ContactUpdateInput } from '@kith/domain/contacts/contact.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import { findContactsByIds, insertKeys, type ContactWithCompany } from '../contacts/contact.repository.ts';
import { RaceLost, updateContactsIn } from '../contacts/contact-update.service.ts';
import { keysOf } from '../contacts/contact.service.ts';
import { scopeFor } from '../../platform/records/visibility.ts';
import { logSummary, movedCounts, normaliseLog, type ContactRef } from '../../platform/records/contact-refs.ts';
import { mergeContactRefs, unmergeContactRefs } from '../../platform/records/contact-refs.repository.ts';
import { contactRefsOf } from '../../kith-module.ts';
import { ordersChanged } from '../commerce/order-events.ts';

/**
 * A merge keeps one contact (the survivor) with the values chosen field by field, joins their phones,
 * emails and tags, moves everything that points at the other to it as each feature's contact references say
 * (records/contact-refs.ts: orders, interactions, tasks, deals, tickets, surveys, loyalty, playbook runs…),
 * soft-deletes the other (pointing at the survivor) and fires the order-change event for both, so points
 * and statistics follow. It is recorded with what it needs to be undone exactly (undoMerge).
 */
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
