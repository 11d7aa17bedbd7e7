import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Care playbooks, loyalty points and referrals (issue 6, decision 0011 step 6). A playbook is a sequence of
 * steps for a group of customers; a run is one customer going through it, each step a job of the runner.
 * Points are a ledger (earned per order, redeemed, expired, rewarded for referrals); an account keeps the
 * balance and tier derived from it, and the customer's referral code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  const ws = (c: any) => c.notNull().references('workspaces.id').onDelete('cascade');

  await db.schema
    .createTable('playbooks')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('key', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // {kind: 'lifecycle', stages: [...]} | {kind: 'segment', segmentId}
    .addColumn('audience', t.json, (c) => c.notNull())
    // [{id, delayDays, action: task|email|survey, title, body, surveyId, dueInDays}]
    .addColumn('steps', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Enrol customers who enter the audience automatically (or only by hand).
    .addColumn('auto_enroll', t.bool, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('playbooks_key_idx').on('playbooks').columns(['workspace_id', 'key']).unique().execute();

  await db.schema
    .createTable('playbook_runs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('playbook_id', t.id, (c) => c.notNull().references('playbooks.id').onDelete('cascade'))
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    // running, completed, stopped
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', t.ts, (c) => c.notNull())
    .addColumn('finished_at', t.ts)
    .addColumn('stopped_by', t.id)
    .addColumn('enrolled_by', t.id)
    .execute();
  // A customer goes through a playbook once (a stopped run can be restarted, which reuses the row).
  await db.schema.createIndex('playbook_runs_once_idx').on('playbook_runs').columns(['playbook_id', 'contact_id']).unique().execute();
  await db.schema.createIndex('playbook_runs_contact_idx').on('playbook_runs').columns(['workspace_id', 'contact_id']).execute();

  await db.schema
    .createTable('playbook_run_steps')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('run_id', t.id, (c) => c.notNull().references('playbook_runs.id').onDelete('cascade'))
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('due_at', t.ts, (c) => c.notNull())
    // scheduled, done, skipped, failed, stopped
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', t.ts)
    .addColumn('outcome', t.json)
    .execute();
  await db.schema.createIndex('playbook_run_steps_idx').on('playbook_run_steps').columns(['run_id', 'step_index']).unique().execute();

  // A workspace's own SMTP server (the connection encrypted with a key derived from the server's secret).
  await db.schema
    .createTable('workspace_mail')
    .addColumn('workspace_id', t.id, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('smtp', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('updated_by', t.id)
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();

  // The workspace's programme: points per amount, tiers, expiry, referral rewards (null row: the defaults).
  await db.schema
    .createTable('loyalty_settings')
    .addColumn('workspace_id', t.id, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('settings', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('loyalty_accounts')
    .addColumn('contact_id', t.id, (c) => c.primaryKey().references('contacts.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, ws)
    .addColumn('balance', 'integer', (c) => c.notNull())
    .addColumn('earned_12m', 'integer', (c) => c.notNull())
    .addColumn('lifetime_earned', 'integer', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('tier_since', t.ts, (c) => c.notNull())
    .addColumn('referral_code', 'text', (c) => c.notNull())
    .addColumn('referred_by', t.id, (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('loyalty_accounts_code_idx').on('loyalty_accounts').columns(['workspace_id', 'referral_code']).unique().execute();
  await db.schema.createIndex('loyalty_accounts_tier_idx').on('loyalty_accounts').columns(['workspace_id', 'tier']).execute();
  await db.schema.createIndex('loyalty_accounts_referrer_idx').on('loyalty_accounts').columns(['workspace_id', 'referred_by']).execute();

  await db.schema
    .createTable('points_ledger')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    // earn, reverse, redeem, expire, adjust, referral, tier
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('order_id', t.id)
    .addColumn('related_contact_id', t.id)
    // Idempotency: one earn per order, one reward per referral, one expiry per day…
    .addColumn('key', 'text')
    .addColumn('reason', 'text')
    .addColumn('meta', t.json)
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('points_ledger_key_idx').on('points_ledger').columns(['workspace_id', 'key']).unique().execute();
  await db.schema.createIndex('points_ledger_contact_idx').on('points_ledger').columns(['workspace_id', 'contact_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['workspace_mail', 'points_ledger', 'loyalty_accounts', 'loyalty_settings', 'playbook_run_steps', 'playbook_runs', 'playbooks'])
    await db.schema.dropTable(table).execute();
}
