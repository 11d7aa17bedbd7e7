import { scheduleRollupRebuild } from '../surveys/survey-rollup.ts';
import { notFound } from '@kith/domain/errors.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { purge, restore, softDelete } from '../../platform/records/lifecycle.ts';
import { scopeFor, visibleTo, type Scope } from '../../platform/records/visibility.ts';
import { findContact, hasSurveyResponses, type ContactWithCompany } from './contact.repository.ts';

/** A contact's way out: the trash (soft delete), back from it (restore), and for good (purge). */

/** Soft delete: hidden from lists and reads, restorable, purged for good with `purgeContact`. */
export async function deleteContact(core: Core, actor: Actor, id: string, ifVersion: number | null): Promise<void> {
  const scope = scopeFor(actor, 'contacts.delete');
  await core.db.transaction().execute(async (trx) => {
    const c = await findContact(trx, scope, id);
    if (!c) throw notFound('Contact');
    const now = core.now().toISOString();
    await softDelete(trx, 'contacts', actor.workspaceId, c, { at: now, by: actor.userId }, { ifVersion, guard: (eb) => visibleTo(eb, scope, 'contacts') });
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'contact', entityId: id }, core.now());
    await emitEvent(trx, { type: 'contact.deleted', workspaceId: actor.workspaceId, at: now, payload: { contactId: id, purged: false } });
  });
}

export async function restoreContact(core: Core, actor: Actor, id: string): Promise<ContactWithCompany> {
  const scope = scopeFor(actor, 'contacts.delete');
  return core.db.transaction().execute(async (trx) => {
    const c = await findContact(trx, scope, id, 'only');
    const now = core.now().toISOString();
    await restore(trx, 'contacts', actor.workspaceId, c, { at: now, by: actor.userId }, { what: 'Contact', guard: (eb) => visibleTo(eb, scope, 'contacts') });
    await recordAudit(trx, { ...by(actor), action: 'restore', entityType: 'contact', entityId: id }, core.now());
    return (await findContact(trx, scope, id))!;
  });
}

/** Remove a contact for good (its keys go with it). The audit entry keeps only the id. */
export async function purgeContact(core: Core, actor: Actor, id: string): Promise<void> {
  const scope: Scope = scopeFor(actor, 'contacts.purge');
  await core.db.transaction().execute(async (trx) => {
    const answered = await hasSurveyResponses(trx, actor.workspaceId, id);
    await purge(trx, 'contacts', actor.workspaceId, id, { what: 'Contact', guard: (eb) => visibleTo(eb, scope, 'contacts') });
    // Their survey answers went with them: the dashboard's counts are recounted.
    if (answered) await scheduleRollupRebuild(trx, actor.workspaceId, core.now());
    await recordAudit(trx, { ...by(actor), action: 'purge', entityType: 'contact', entityId: id }, core.now());
    await emitEvent(trx, { type: 'contact.deleted', workspaceId: actor.workspaceId, at: core.now(), payload: { contactId: id, purged: true } });
  });
}
