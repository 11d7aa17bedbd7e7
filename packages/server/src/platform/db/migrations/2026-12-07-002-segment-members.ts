import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * The stored membership of saved segments (issue 17): who is in each segment as of its last recompute, so a
 * change of membership can be told as `segment.entered` / `segment.left` events. `members_computed_at` on the
 * segment says when that was; null (every segment saved before this migration) means never, and the first
 * recompute then records the members without announcing them (a baseline).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema.alterTable('segments').addColumn('members_computed_at', t.ts).execute();
  await db.schema
    .createTable('segment_members')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('segment_id', t.id, (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('entered_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_members_pk', ['segment_id', 'contact_id'])
    .execute();
  // A customer's segments (and what a contact's deletion touches).
  await db.schema.createIndex('segment_members_contact_idx').on('segment_members').columns(['workspace_id', 'contact_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('segment_members').execute();
  await db.schema.alterTable('segments').dropColumn('members_computed_at').execute();
}
