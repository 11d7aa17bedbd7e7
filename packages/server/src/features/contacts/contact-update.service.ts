import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import type { Contact, ContactUpdateInput } from '@kith/domain/contacts/contact.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit, type AuditEntry } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { updateVersioned } from '../../platform/records/lifecycle.ts';
import { preconditionFailed, scopeFor, visibleTo } from '../../platform/records/visibility.ts';
import { deleteKeys, findContact, findContactsByIds, insertKeys, type ContactWithCompany } from './contact.repository.ts';
import { applyInput, byRow, checkReferences, diff, keysOf, toRow, writeContext, type Path } from './contact.service.ts';

/**
 * Changing contacts: one or many, all or none, over the version read (If-Match) or retried over a race
 * (the write rules they share with creating: contact.service.ts).
 */

export type ContactPatch = { id: string; patch: ContactUpdateInput; ifVersion: number | null };

const MAX_RETRIES = 5;

/**
 * Update contacts, all or none. With `ifVersion` (from If-Match) a row that changed since is a 412 and
 * nothing is written; without it the patch applies to the current state (re-read and retried if another
 * writer got in between, so no field is lost to a race either way).
 */
export async function updateContacts(
  core: Core,
  actor: Actor,
  allPatches: (ContactPatch | null)[],
  opts: { bulk: boolean; issues?: FieldIssue[] },
): Promise<ContactWithCompany[]> {
  const patches = allPatches.map((p, i) => (p ? { ...p, index: i } : null)).filter((p): p is IndexedPatch => p !== null);
  const scope = scopeFor(actor, 'contacts.update');
  for (let attempt = 0; ; attempt++) {
    try {
      return await core.db.transaction().execute(async (trx) => (await updateContactsIn(core, trx, actor, patches, opts)).written);
    } catch (e) {
      if (e instanceof RaceLost && attempt < MAX_RETRIES) {
        const p = patches.find((x) => x.id === e.id);
        if (p && p.ifVersion !== null) {
          const now = await findContact(core.db, scope, e.id);
          throw preconditionFailed(now?.version ?? 0);
        }
        continue;
      }
      if (e instanceof RaceLost) throw busy();
      throw e;
    }
  }
}

export type IndexedPatch = ContactPatch & { index: number };
export const busy = () => new AppError('conflict', 'The contact is being changed by someone else right now; try again', { reason: 'record_busy' });

/**
 * The body of updateContacts inside the caller's transaction (an import writes its creates and updates
 * in one). Throws RaceLost when another writer got in between (the caller retries the transaction).
 * Returns the contacts as written, in the patches' order, and what changed in each.
 */
export async function updateContactsIn(
  core: Core,
  trx: Db,
  actor: Actor,
  patches: IndexedPatch[],
  opts: { bulk: boolean; issues?: FieldIssue[]; meta?: Record<string, unknown> },
): Promise<{ written: ContactWithCompany[]; changes: { id: string; before: Partial<Contact>; after: Partial<Contact> }[] }> {
  const scope = scopeFor(actor, 'contacts.update');
  const ctx = await writeContext(core, trx, actor);
  const current = new Map(
    (
      await findContactsByIds(
        trx,
        scope,
        patches.map((p) => p.id),
      )
    ).map((c) => [c.id, c]),
  );
  const issues: FieldIssue[] = [...(opts.issues ?? [])];
  const now = core.now().toISOString();
  const items: { c: Contact; before: Contact; path: Path; changed: ReturnType<typeof diff> }[] = [];
  patches.forEach((p) => {
    const path: Path = opts.bulk ? ['items', p.index] : [];
    const before = current.get(p.id);
    if (!before) {
      if (!opts.bulk) throw notFound('Contact');
      issues.push({ path: [...path, 'id'], message: 'No such contact (or not yours to edit)' });
      return;
    }
    if (p.ifVersion !== null && p.ifVersion !== before.version) {
      if (!opts.bulk) throw preconditionFailed(before.version);
      issues.push({ path: [...path, 'version'], message: `Changed since you read it: version ${p.ifVersion} is now ${before.version}` });
      return;
    }
    const { company: _c, ...plain } = before;
    const c = applyInput(plain, p.patch, ctx, path, issues, 'update', now);
    items.push({ c, before: plain, path, changed: diff(plain, c) });
  });
  const changedItems = items.filter((x) => x.changed !== null);
  const names = await checkReferences(trx, actor, changedItems, issues);
  if (issues.length > 0) throw invalid(byRow(issues), opts.bulk ? 'Some rows are invalid; nothing was changed' : 'The contact has invalid fields');
  const audits: AuditEntry[] = [];
  const who = by(actor);
  for (const x of changedItems) {
    const changedKeys = Object.keys(x.changed!.after);
    const next = { ...x.c, updatedAt: now, updatedBy: actor.userId, version: x.before.version + 1 };
    const companyName = next.companyId ? (names.get(next.companyId) ?? current.get(x.c.id)?.company?.name ?? null) : null;
    const { id: _id, workspace_id: _ws, created_at: _ca, created_by: _cb, version: _v, ...set } = toRow(next, actor.workspaceId, companyName);
    await updateVersioned(trx, 'contacts', actor.workspaceId, x.before, set, {
      guard: (eb) => visibleTo(eb, scope, 'contacts'),
      lost: () => new RaceLost(x.c.id),
    });
    if (['externalId', 'emails', 'phones', 'tags', 'interests'].some((k) => changedKeys.includes(k))) {
      await deleteKeys(trx, actor.workspaceId, [x.c.id]);
      await insertKeys(trx, keysOf(next, actor.workspaceId));
    }
    audits.push({
      ...who,
      ...(opts.meta ? { meta: { ...who.meta, ...opts.meta } } : {}),
      action: 'update',
      entityType: 'contact',
      entityId: x.c.id,
      before: x.changed!.before,
      after: x.changed!.after,
    });
  }
  await recordAudit(trx, audits, core.now());
  await emitEvent(
    trx,
    changedItems.map((x) => ({
      type: 'contact.updated',
      workspaceId: actor.workspaceId,
      at: now,
      payload: { contactId: x.c.id, fields: Object.keys(x.changed!.after) },
    })),
  );
  // Read back what was written (workspace-wide: an agent may just have handed the record to the pool).
  const written = new Map(
    (
      await findContactsByIds(
        trx,
        { workspaceId: actor.workspaceId, limitTo: null },
        patches.map((p) => p.id),
      )
    ).map((c) => [c.id, c]),
  );
  return {
    written: patches.map((p) => written.get(p.id)!),
    changes: changedItems.map((x) => ({ id: x.c.id, before: x.changed!.before as Partial<Contact>, after: x.changed!.after as Partial<Contact> })),
  };
}

export class RaceLost extends Error {
  readonly id: string;
  constructor(id: string) {
    super('race lost');
    this.id = id;
  }
}
