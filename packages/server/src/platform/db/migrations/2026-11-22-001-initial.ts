import { sql, type Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);

  await db.schema
    .createTable('instance')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('phone_region', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('locale', 'text')
    .addColumn('password_changed_at', t.ts)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('disabled_at', t.ts)
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addUniqueConstraint('teams_workspace_name_uq', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', t.id, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_ws_user_idx').on('team_members').columns(['workspace_id', 'user_id']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('team_id', t.id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('expires_at', t.ts, (c) => c.notNull())
    .addColumn('accepted_at', t.ts)
    .addColumn('accepted_by', t.id, (c) => c.references('users.id'))
    .addColumn('revoked_at', t.ts)
    .execute();
  await db.schema.createIndex('invitations_ws_idx').on('invitations').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('last_seen_at', t.ts, (c) => c.notNull())
    .addColumn('expires_at', t.ts, (c) => c.notNull())
    .addColumn('revoked_at', t.ts)
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('last_used_at', t.ts)
    .addColumn('expires_at', t.ts)
    .addColumn('revoked_at', t.ts)
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id', 'workspace_id']).execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('expires_at', t.ts, (c) => c.notNull())
    .addColumn('used_at', t.ts)
    .execute();

  await db.schema
    .createTable('throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', t.bigint, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('website', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('tax_code', 'text')
    .addColumn('industry', 'text')
    .addColumn('size_band', 'text')
    .addColumn('address_line', 'text')
    .addColumn('province', 'text')
    .addColumn('country', 'text')
    .addColumn('owner_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', t.id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('custom', t.json, (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('created_by', t.id)
    .addColumn('updated_by', t.id)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('companies_ws_name_idx').on('companies').columns(['workspace_id', 'name_key', 'id']).execute();
  await db.schema.createIndex('companies_ws_created_idx').on('companies').columns(['workspace_id', 'created_at', 'id']).execute();

  // contacts.seq is an internal, stable row number: the FTS5 rowid on SQLite (an INTEGER PRIMARY KEY
  // never changes on VACUUM, unlike an implicit rowid) and the search cursor on both databases.
  let contacts = db.schema.createTable('contacts');
  contacts = t.pg
    ? contacts.addColumn('seq', 'bigint', (c) => c.notNull().unique().generatedByDefaultAsIdentity()).addColumn('id', 'uuid', (c) => c.primaryKey())
    : contacts.addColumn('seq', 'integer', (c) => c.primaryKey()).addColumn('id', 'text', (c) => c.notNull().unique());
  await contacts
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('emails', t.json, (c) => c.notNull())
    .addColumn('phones', t.json, (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birthday', t.date)
    .addColumn('address_line', 'text')
    .addColumn('ward', 'text')
    .addColumn('district', 'text')
    .addColumn('province', 'text')
    .addColumn('country', 'text')
    .addColumn('hometown', 'text')
    .addColumn('occupation', 'text')
    .addColumn('job_title', 'text')
    .addColumn('company_id', t.id, (c) => c.references('companies.id').onDelete('set null'))
    .addColumn('income_band', 'text')
    .addColumn('education', 'text')
    .addColumn('marital_status', 'text')
    .addColumn('religion', 'text')
    .addColumn('household_size', 'integer')
    .addColumn('interests', t.json, (c) => c.notNull())
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
    .addColumn('owner_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', t.id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('consents', t.json, (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('custom', t.json, (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('created_by', t.id)
    .addColumn('updated_by', t.id)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_ws_created_idx').on('contacts').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('contacts_ws_name_idx').on('contacts').columns(['workspace_id', 'name_key', 'id']).execute();
  await db.schema.createIndex('contacts_ws_owner_idx').on('contacts').columns(['workspace_id', 'owner_id']).execute();
  await db.schema.createIndex('contacts_ws_company_idx').on('contacts').columns(['workspace_id', 'company_id']).execute();
  await db.schema.createIndex('contacts_ws_stage_idx').on('contacts').columns(['workspace_id', 'lifecycle_stage']).execute();
  await db.schema
    .createIndex('contacts_ws_deleted_idx')
    .on('contacts')
    .columns(['workspace_id', 'deleted_at'])
    .where(sql.ref('deleted_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('contact_keys')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_keys_lookup_idx').on('contact_keys').columns(['workspace_id', 'kind', 'value']).execute();
  await db.schema.createIndex('contact_keys_contact_idx').on('contact_keys').column('contact_id').execute();

  if (t.pg) {
    await sql`alter table contacts add column search_tsv tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
    await sql`create index contacts_search_idx on contacts using gin (search_tsv)`.execute(db);
  } else {
    // Contentless FTS5 over the folded search line; `ws` scopes every match to one workspace.
    // Every search token is a prefix query, and a prefix without its own index makes FTS5 merge every
    // term that starts with it: with each contact's email words unique ("anhnguyen12345"), "nguyen*"
    // is ~58,000 terms at a million contacts. Prefix indexes for 1–6 characters (a Vietnamese syllable
    // rarely has more) answer those from one doclist (docs/BENCHMARKS.md).
    await sql`create virtual table contact_fts using fts5(ws, terms, content='', contentless_delete=1, prefix='1 2 3 4 5 6', tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`create trigger contacts_fts_ai after insert on contacts begin
      insert into contact_fts(rowid, ws, terms) values (new.seq, 'w' || replace(new.workspace_id, '-', ''), new.search_text);
    end`.execute(db);
    await sql`create trigger contacts_fts_au after update of search_text on contacts begin
      delete from contact_fts where rowid = old.seq;
      insert into contact_fts(rowid, ws, terms) values (new.seq, 'w' || replace(new.workspace_id, '-', ''), new.search_text);
    end`.execute(db);
    await sql`create trigger contacts_fts_ad after delete on contacts begin
      delete from contact_fts where rowid = old.seq;
    end`.execute(db);
  }

  await db.schema
    .createTable('custom_fields')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options', t.json, (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('required', t.bool, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('archived_at', t.ts)
    .addUniqueConstraint('custom_fields_key_uq', ['workspace_id', 'entity', 'key'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id)
    .addColumn('actor_user_id', t.id)
    .addColumn('actor_token_id', t.id)
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', t.json)
    .addColumn('after', t.json)
    .addColumn('meta', t.json)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_ws_idx').on('audit_log').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['workspace_id', 'entity_type', 'entity_id', 'id']).execute();

  // The audit log is append-only on both databases.
  if (t.pg) {
    await sql`create function kith_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function kith_audit_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The initial migration cannot be reverted; restore a backup instead.');
}
