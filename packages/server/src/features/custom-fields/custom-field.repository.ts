import type { CustomField, CustomFieldEntity } from '@kith/domain/custom-fields/custom-field.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';

type Raw = {
  id: string;
  entity: string;
  key: string;
  label: string;
  type: string;
  options: unknown;
  currency: string | null;
  required: number | boolean;
  position: number;
  created_at: string;
  updated_at: string;
};

const toField = (r: Raw): CustomField => ({
  id: r.id,
  entity: r.entity as CustomField['entity'],
  key: r.key,
  label: r.label,
  type: r.type as CustomField['type'],
  options: readJson<CustomField['options']>(r.options, []),
  currency: r.currency,
  required: Boolean(r.required),
  position: r.position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listCustomFields(db: Db, workspaceId: string, entity?: CustomFieldEntity): Promise<CustomField[]> {
  let q = db.selectFrom('custom_fields').selectAll().where('workspace_id', '=', workspaceId).where('archived_at', 'is', null);
  if (entity) q = q.where('entity', '=', entity);
  const rows = await q.orderBy('entity').orderBy('position').orderBy('key').execute();
  return rows.map((r) => toField(r as Raw));
}

export async function findCustomField(db: Db, workspaceId: string, id: string): Promise<CustomField | undefined> {
  const r = await db
    .selectFrom('custom_fields')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return r && toField(r as Raw);
}

export async function findCustomFieldByKey(db: Db, workspaceId: string, entity: string, key: string): Promise<boolean> {
  const r = await db
    .selectFrom('custom_fields')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .where('key', '=', key)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertCustomField(db: Db, workspaceId: string, f: CustomField): Promise<void> {
  await db
    .insertInto('custom_fields')
    .values({
      id: f.id,
      workspace_id: workspaceId,
      entity: f.entity,
      key: f.key,
      label: f.label,
      type: f.type,
      options: JSON.stringify(f.options),
      currency: f.currency,
      required: f.required ? 1 : 0,
      position: f.position,
      created_at: f.createdAt,
      updated_at: f.updatedAt,
      archived_at: null,
    })
    .execute();
}

export async function updateCustomField(
  db: Db,
  workspaceId: string,
  id: string,
  f: Pick<CustomField, 'label' | 'options' | 'required' | 'position' | 'updatedAt'>,
): Promise<void> {
  await db
    .updateTable('custom_fields')
    .set({ label: f.label, options: JSON.stringify(f.options), required: f.required ? 1 : 0, position: f.position, updated_at: f.updatedAt })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function archiveCustomField(db: Db, workspaceId: string, id: string, now: string): Promise<void> {
  await db.updateTable('custom_fields').set({ archived_at: now, updated_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
