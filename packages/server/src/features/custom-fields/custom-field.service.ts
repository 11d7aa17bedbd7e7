import { sql } from 'kysely';
import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError, invalid, notFound } from '@kith/domain/errors.ts';
import type { CustomField, CustomFieldEntity } from '@kith/domain/custom-fields/custom-field.ts';
import type { z } from 'zod';
import type { CustomFieldCreateSchema, CustomFieldUpdateSchema } from '@kith/domain/custom-fields/custom-field.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { isCurrency } from '@kith/domain/money/money.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { forgetReadContext } from '../workspaces/read-context.ts';
import {
  archiveCustomField,
  findCustomField,
  findCustomFieldByKey,
  insertCustomField,
  listCustomFields,
  updateCustomField,
} from './custom-field.repository.ts';

const MAX_FIELDS = 200;

export async function customFieldsOf(core: Core, actor: Actor, entity?: CustomFieldEntity): Promise<CustomField[]> {
  authorize(actor, 'custom_fields.read');
  return listCustomFields(core.db, actor.workspaceId, entity);
}

export async function createCustomField(core: Core, actor: Actor, input: z.output<typeof CustomFieldCreateSchema>): Promise<CustomField> {
  authorize(actor, 'custom_fields.manage');
  const now = core.now();
  return core.db
    .transaction()
    .execute(async (trx) => {
      if (await findCustomFieldByKey(trx, actor.workspaceId, input.entity, input.key))
        throw new AppError('conflict', `A ${input.entity} field with key "${input.key}" already exists`, {
          reason: 'field_key_taken',
          params: { key: input.key },
        });
      const existing = await listCustomFields(trx, actor.workspaceId, input.entity);
      if (existing.length >= MAX_FIELDS) throw invalid([{ path: ['key'], message: `At most ${MAX_FIELDS} custom fields per record type` }]);
      let currency: string | null = null;
      if (input.type === 'currency') {
        currency = input.currency ?? (await findWorkspace(trx, actor.workspaceId))?.currency ?? 'VND';
        if (!isCurrency(currency)) throw invalid([{ path: ['currency'], message: 'Not an ISO 4217 currency code' }]);
      }
      const f: CustomField = {
        id: uuidv7(),
        entity: input.entity,
        key: input.key,
        label: input.label,
        type: input.type,
        options: input.options ?? [],
        currency,
        required: input.required ?? false,
        position: input.position ?? (existing.length ? Math.max(...existing.map((x) => x.position)) + 1 : 0),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await insertCustomField(trx, actor.workspaceId, f);
      await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'custom_field', entityId: f.id, after: f }, now);
      return f;
    })
    .finally(() => forgetReadContext(core, actor.workspaceId));
}

export async function updateCustomFieldDef(core: Core, actor: Actor, id: string, patch: z.output<typeof CustomFieldUpdateSchema>): Promise<CustomField> {
  authorize(actor, 'custom_fields.manage');
  const now = core.now();
  return core.db
    .transaction()
    .execute(async (trx) => {
      const f = await findCustomField(trx, actor.workspaceId, id);
      if (!f) throw notFound('Custom field');
      if (patch.options !== undefined) {
        if (f.type !== 'select' && f.type !== 'multi_select') throw invalid([{ path: ['options'], message: 'Only select fields have options' }]);
        if (patch.options.length === 0) throw invalid([{ path: ['options'], message: 'A select field needs at least one option' }]);
        if (new Set(patch.options.map((o) => o.value)).size !== patch.options.length)
          throw invalid([{ path: ['options'], message: 'Option values must be unique' }]);
      }
      const next = {
        label: patch.label ?? f.label,
        options: patch.options ?? f.options,
        required: patch.required ?? f.required,
        position: patch.position ?? f.position,
        updatedAt: now.toISOString(),
      };
      await updateCustomField(trx, actor.workspaceId, id, next);
      await recordAudit(
        trx,
        {
          ...by(actor),
          action: 'update',
          entityType: 'custom_field',
          entityId: id,
          before: { label: f.label, options: f.options, required: f.required, position: f.position },
          after: patch,
        },
        now,
      );
      return { ...f, ...next };
    })
    .finally(() => forgetReadContext(core, actor.workspaceId));
}

/** Delete a field: its values are removed from every record of the workspace, in the same transaction. */
export async function deleteCustomField(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'custom_fields.manage');
  const now = core.now();
  await core.db
    .transaction()
    .execute(async (trx) => {
      const f = await findCustomField(trx, actor.workspaceId, id);
      if (!f) throw notFound('Custom field');
      const table = f.entity === 'contact' ? 'contacts' : 'companies';
      const removeKey = core.dialect === 'postgres' ? sql`custom - ${f.key}::text` : sql`json_remove(custom, ${'$.' + f.key})`;
      await trx
        .updateTable(table)
        .set({ custom: removeKey as unknown as string })
        .where('workspace_id', '=', actor.workspaceId)
        .execute();
      await archiveCustomField(trx, actor.workspaceId, id, now.toISOString());
      await trx.deleteFrom('custom_fields').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).execute();
      await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'custom_field', entityId: id, before: f }, now);
    })
    .finally(() => forgetReadContext(core, actor.workspaceId));
}
