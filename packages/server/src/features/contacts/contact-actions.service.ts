/**
 * What the contacts list does to many records at once (assign an owner, add or remove tags, change the
 * lifecycle stage, delete), and the timeline of one contact.
 *
 * A bulk action is applied record by record, each in its own transaction with its own audit entry,
 * and answers with what succeeded and, for each failure, the record and the reason: one record that
 * is not the caller's to change, or that someone is editing, does not hold back the others. (The
 * all-or-none bulk update stays at PATCH /contacts/bulk.) The role check comes first: a role that may
 * not do the action at all gets a 403 and nothing is touched.
 */
import { AppError, isAppError, type ErrorCode } from '@kith/domain/errors.ts';
import type { LifecycleStage } from '@kith/domain/contacts/contact.schema.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listAudit } from '../../platform/audit/audit.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { getContact } from './contact-list.service.ts';
import { deleteContact } from './contact-trash.service.ts';
import { updateContacts } from './contact-update.service.ts';

export type BulkAction =
  | { type: 'assign'; ownerId: string | null }
  | { type: 'addTags'; tags: string[] }
  | { type: 'removeTags'; tags: string[] }
  | { type: 'setStage'; lifecycleStage: LifecycleStage }
  | { type: 'delete' };

export type BulkFailure = { id: string; code: ErrorCode | 'internal'; detail: string };
export type BulkResult = { succeeded: string[]; failed: BulkFailure[] };

const ATTEMPTS = 3;

function describe(e: AppError): string {
  return e.issues.length ? `${e.message}: ${e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` : e.message;
}

export async function applyBulkAction(core: Core, actor: Actor, ids: string[], action: BulkAction): Promise<BulkResult> {
  authorize(actor, action.type === 'delete' ? 'contacts.delete' : action.type === 'assign' ? 'contacts.assign' : 'contacts.update');
  const unique = [...new Set(ids)];
  const result: BulkResult = { succeeded: [], failed: [] };
  for (const id of unique) {
    try {
      if (action.type === 'delete') {
        await deleteContact(core, actor, id, null);
      } else {
        await patchOne(core, actor, id, action);
      }
      result.succeeded.push(id);
    } catch (e) {
      if (!isAppError(e)) throw e;
      result.failed.push({ id, code: e.code, detail: describe(e) });
    }
  }
  return result;
}

/** One record: read, compute the change from what is there now, write with that version; re-read if someone got in between. */
async function patchOne(core: Core, actor: Actor, id: string, action: Exclude<BulkAction, { type: 'delete' }>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const c = await getContact(core, actor, id);
    let patch;
    switch (action.type) {
      case 'assign':
        if (c.ownerId === action.ownerId) return;
        patch = { ownerId: action.ownerId };
        break;
      case 'setStage':
        if (c.lifecycleStage === action.lifecycleStage) return;
        patch = { lifecycleStage: action.lifecycleStage };
        break;
      case 'addTags': {
        const have = new Set(c.tags.map((t) => t.toLowerCase()));
        const add = action.tags.filter((t) => !have.has(t.toLowerCase()));
        if (add.length === 0) return;
        patch = { tags: [...c.tags, ...add] };
        break;
      }
      case 'removeTags': {
        const drop = new Set(action.tags.map((t) => t.toLowerCase()));
        const keep = c.tags.filter((t) => !drop.has(t.toLowerCase()));
        if (keep.length === c.tags.length) return;
        patch = { tags: keep };
        break;
      }
    }
    try {
      await updateContacts(core, actor, [{ id, patch, ifVersion: c.version }], { bulk: false });
      return;
    } catch (e) {
      if (isAppError(e) && e.code === 'precondition_failed' && attempt < ATTEMPTS) continue;
      throw e;
    }
  }
}
