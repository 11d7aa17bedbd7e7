import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * The assessment (issue 19): a workspace's own copies of frameworks, assessments (each keeps the framework as it
 * was when it started), respondents (members, or outside people through a personal link whose hash only is kept),
 * their answers, the assessor's final decisions, and the workspace's choice to share its scores with the
 * installation's benchmark pool.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('assessment_frameworks')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('base_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addUniqueConstraint('assessment_frameworks_key_uq', ['workspace_id', 'key'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('framework_key', 'text', (c) => c.notNull())
    .addColumn('base_key', 'text', (c) => c.notNull())
    .addColumn('framework_version', 'integer', (c) => c.notNull())
    .addColumn('framework', t.json, (c) => c.notNull())
    .addColumn('team_id', t.id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence', t.json)
    .addColumn('evidence_at', t.ts)
    // On close: the overall and area scores, for history and the benchmark pool.
    .addColumn('results', t.json)
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('closed_at', t.ts)
    .execute();
  await db.schema.createIndex('assessments_ws_idx').on('assessments').columns(['workspace_id', 'created_at']).execute();
  await db.schema.createIndex('assessments_pool_idx').on('assessments').columns(['base_key', 'status']).execute();

  await db.schema
    .createTable('assessment_respondents')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('assessment_id', t.id, (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', t.ts)
    .addColumn('submitted_at', t.ts)
    .addColumn('invited_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addUniqueConstraint('assessment_respondents_user_uq', ['assessment_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('assessment_answers')
    .addColumn('respondent_id', t.id, (c) => c.notNull().references('assessment_respondents.id').onDelete('cascade'))
    .addColumn('assessment_id', t.id, (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('intention', 'integer', (c) => c.notNull())
    .addColumn('reality', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('evidence', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_answers_pk', ['respondent_id', 'practice_id'])
    .execute();
  await db.schema.createIndex('assessment_answers_assessment_idx').on('assessment_answers').column('assessment_id').execute();

  await db.schema
    .createTable('assessment_finals')
    .addColumn('assessment_id', t.id, (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('intention', 'integer', (c) => c.notNull())
    .addColumn('reality', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', t.id)
    .addColumn('decided_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_finals_pk', ['assessment_id', 'practice_id'])
    .execute();

  await db.schema
    .createTable('assessment_settings')
    .addColumn('workspace_id', t.id, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('share_benchmark', t.bool, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
}
