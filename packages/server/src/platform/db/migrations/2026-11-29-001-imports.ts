import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Imports (issue 4): a contact's id in another system, and every import recorded — what it was (file,
 * mapping, options), how far it got (a resumed import starts after the last committed batch), what it
 * created or changed (so it can be undone) and the rows it could not take (the error file).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema.alterTable('contacts').addColumn('external_id', 'text').execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_size', t.bigint, (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('delimiter', 'text')
    .addColumn('headers', t.json, (c) => c.notNull())
    .addColumn('mapping', t.json)
    .addColumn('options', t.json)
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('rows_done', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('heartbeat_at', t.ts, (c) => c.notNull())
    .addColumn('started_at', t.ts)
    .addColumn('finished_at', t.ts)
    .addColumn('undone_at', t.ts)
    .addColumn('undone_by', t.id)
    .execute();
  await db.schema.createIndex('imports_ws_idx').on('imports').columns(['workspace_id', 'created_at']).execute();

  // The uploaded file of a web import, kept until the import is finished (the CLI reads from disk).
  await db.schema
    .createTable('import_files')
    .addColumn('import_id', t.id, (c) => c.primaryKey().references('imports.id').onDelete('cascade'))
    .addColumn('data', t.pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('import_items')
    .addColumn('import_id', t.id, (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', t.id, (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', t.json)
    .addColumn('after', t.json)
    .execute();
  await db.schema.createIndex('import_items_import_idx').on('import_items').columns(['import_id', 'entity_type']).execute();

  await db.schema
    .createTable('import_errors')
    .addColumn('import_id', t.id, (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text')
    .addColumn('value', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_errors_import_idx').on('import_errors').columns(['import_id', 'row']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['import_errors', 'import_items', 'import_files', 'imports']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('contacts').dropColumn('external_id').execute();
}
