import { AppError } from '@kith/domain/errors.ts';
import type { ContactUpdateInput } from '@kith/domain/contacts/contact.schema.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { findContactsByIds } from '../contacts/contact.repository.ts';
import { RaceLost, updateContactsIn, type IndexedPatch } from '../contacts/contact-update.service.ts';
import { authorize, scopeFor, visibleTo } from '../../platform/records/visibility.ts';
import { HANDLERS, revertPatch, type UndoItem, type UndoResult } from './kinds.ts';
import { toSummary, type ImportSummary } from './engine.ts';

/**
 * Undoing an import: what it changed goes back to what it was — field by field, and only where the value
 * is still the one the import wrote (a field someone has edited since is kept, and named in the result) —
 * and what it created is deleted (soft: restorable from the trash). Every step is audited with the
 * import's id; running the undo again after an interruption finishes it without doing anything twice.
 */

const CHUNK = 500;

export async function undoImport(core: Core, actor: Actor, importId: string): Promise<{ import: ImportSummary; result: UndoResult }> {
  const scope = scopeFor(actor, 'imports.undo');
  const rec = await core.db.selectFrom('imports').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', '=', importId).executeTakeFirst();
  if (!rec || (scope.limitTo && rec.created_by !== actor.userId)) throw new AppError('not_found', 'No such import');
  if (rec.status === 'undone') throw new AppError('conflict', 'This import is already undone', { reason: 'import_finished' });
  if (rec.status === 'uploaded') throw new AppError('conflict', 'This import has not run; there is nothing to undo', { reason: 'import_finished' });
  const handler = HANDLERS[rec.kind as keyof typeof HANDLERS];
  if (!handler) throw new AppError('validation', `Undoing an import of ${rec.kind} is not supported`);
  await core.db.updateTable('imports').set({ status: 'undoing', heartbeat_at: core.now().toISOString() }).where('id', '=', importId).execute();
  const rows = await core.db
    .selectFrom('import_items')
    .select(['entity_type', 'entity_id', 'action', 'before', 'after'])
    .where('import_id', '=', importId)
    .execute();
  const items: UndoItem[] = rows.flatMap((r): UndoItem[] =>
    r.action === 'created'
      ? readJson<string[]>(r.after, []).map((id) => ({ entityType: r.entity_type, entityId: id, action: 'create', before: null, after: null }))
      : [
          {
            entityType: r.entity_type,
            entityId: r.entity_id,
            action: r.action as 'create' | 'update',
            before: readJson<Record<string, unknown> | null>(r.before, null),
            after: readJson<Record<string, unknown> | null>(r.after, null),
          },
        ],
  );
  const result = await handler.undo(core, actor, items, { importId });
  const now = core.now().toISOString();
  await core.db
    .updateTable('imports')
    .set({ status: 'undone', undone_at: now, undone_by: actor.userId, heartbeat_at: now })
    .where('id', '=', importId)
    .execute();
  const after = await core.db.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
  return { import: toSummary(after), result };
}

/** Put back the fields an import changed, where they still hold what it wrote. */
export async function revertFields(core: Core, actor: Actor, items: UndoItem[], meta: { importId: string }): Promise<Pick<UndoResult, 'restored' | 'kept'>> {
  const out: Pick<UndoResult, 'restored' | 'kept'> = { restored: 0, kept: [] };
  if (items.length === 0) return out;
  authorize(actor, 'contacts.update');
  // Later changes of one contact are undone first (an import can change a contact in two batches).
  const ordered = [...items].reverse();
  for (let i = 0; i < ordered.length; i += CHUNK) {
    const chunk = ordered.slice(i, i + CHUNK);
    for (let attempt = 0; ; attempt++) {
      try {
        await core.db.transaction().execute(async (trx) => {
          const current = new Map(
            (
              await findContactsByIds(
                trx,
                scopeFor(actor, 'contacts.update'),
                chunk.map((x) => x.entityId),
              )
            ).map((c) => [c.id, c]),
          );
          const patches: IndexedPatch[] = [];
          const seen = new Set<string>();
          chunk.forEach((x, index) => {
            const c = current.get(x.entityId) as Record<string, unknown> | undefined;
            if (!c) {
              out.kept.push({ id: x.entityId, reason: 'deleted since, or not yours to change' });
              return;
            }
            if (seen.has(x.entityId)) return;
            seen.add(x.entityId);
            const { patch, kept } = revertPatch(c, x, x.entityId);
            out.kept.push(...kept);
            if (Object.keys(patch).length) patches.push({ id: x.entityId, patch: patch as ContactUpdateInput, ifVersion: null, index });
          });
          if (patches.length) out.restored += (await updateContactsIn(core, trx, actor, patches, { bulk: true, meta: { ...meta, undo: true } })).changes.length;
        });
        break;
      } catch (e) {
        if (e instanceof RaceLost && attempt < 5) continue;
        throw e;
      }
    }
  }
  return out;
}

/** Soft-delete what an import created (contacts, then the companies it added), each with its audit entry. */
export async function softDeleteContactsIn(
  core: Core,
  actor: Actor,
  contactIds: string[],
  companyIds: string[],
  meta: { importId: string },
): Promise<Pick<UndoResult, 'removed' | 'kept'>> {
  const out: Pick<UndoResult, 'removed' | 'kept'> = { removed: 0, kept: [] };
  const who = by(actor);
  const audit = { ...who, meta: { ...who.meta, ...meta, undo: true } };
  for (const [table, ids, action] of [
    ['contacts', contactIds, 'contacts.delete'],
    ['companies', companyIds, 'companies.delete'],
  ] as const) {
    if (ids.length === 0) continue;
    const scope = scopeFor(actor, action);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await core.db.transaction().execute(async (trx) => {
        const now = core.now().toISOString();
        const done = await trx
          .updateTable(table)
          .set((eb) => ({ deleted_at: now, updated_at: now, updated_by: actor.userId, version: eb('version', '+', 1) }))
          .where('id', 'in', chunk)
          .where('deleted_at', 'is', null)
          .where((eb) => visibleTo(eb as never, scope, table))
          .returning('id')
          .execute();
        out.removed += done.length;
        const gone = new Set(done.map((r) => r.id));
        const entity = table === 'contacts' ? 'contact' : 'company';
        await recordAudit(
          trx,
          done.map((r) => ({ ...audit, action: 'delete' as const, entityType: entity, entityId: r.id })),
          core.now(),
        );
        if (table === 'contacts')
          await emitEvent(
            trx,
            done.map((r) => ({ type: 'contact.deleted' as const, workspaceId: actor.workspaceId, at: now, payload: { contactId: r.id, purged: false } })),
          );
        const left = chunk.filter((id) => !gone.has(id));
        if (table === 'contacts' && left.length) {
          const still = await trx
            .selectFrom('contacts')
            .select('id')
            .where('workspace_id', '=', actor.workspaceId)
            .where('id', 'in', left)
            .where('deleted_at', 'is', null)
            .execute();
          for (const r of still) out.kept.push({ id: r.id, reason: 'not yours to delete' });
        }
      });
    }
  }
  return out;
}
