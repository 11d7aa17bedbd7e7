import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Training and competencies (issue 20): a workspace's courses and competencies (which courses grant which), the
 * items each role is required to hold (in one team or all), each member's records (completed on, passed or
 * failed, score, expiry, evidence), and the reminders the daily job gave for them (one per record, threshold
 * and expiry, so a second run gives none and a changed expiry arms them again).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  const real = t.pg ? 'double precision' : 'real';
  await db.schema
    .createTable('training_competencies')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_competencies_ws_idx').on('training_competencies').column('workspace_id').execute();

  await db.schema
    .createTable('training_courses')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('validity_months', 'integer')
    .addColumn('archived', t.bool, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_courses_ws_idx').on('training_courses').column('workspace_id').execute();

  await db.schema
    .createTable('training_course_competencies')
    .addColumn('course_id', t.id, (c) => c.notNull().references('training_courses.id').onDelete('cascade'))
    .addColumn('competency_id', t.id, (c) => c.notNull().references('training_competencies.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_course_competencies_pk', ['course_id', 'competency_id'])
    .execute();
  await db.schema.createIndex('training_course_competencies_ws_idx').on('training_course_competencies').column('workspace_id').execute();

  await db.schema
    .createTable('training_requirements')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('course_id', t.id, (c) => c.references('training_courses.id').onDelete('cascade'))
    .addColumn('competency_id', t.id, (c) => c.references('training_competencies.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('team_id', t.id, (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_requirements_ws_idx').on('training_requirements').column('workspace_id').execute();

  await db.schema
    .createTable('training_records')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', t.id, (c) => c.notNull().references('training_courses.id'))
    .addColumn('completed_on', t.date, (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('score', real)
    .addColumn('expires_on', t.date)
    .addColumn('expiry_overridden', t.bool, (c) => c.notNull())
    .addColumn('evidence_note', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('recorded_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_records_user_idx').on('training_records').columns(['workspace_id', 'user_id']).execute();
  await db.schema.createIndex('training_records_expiry_idx').on('training_records').columns(['workspace_id', 'expires_on']).execute();
  await db.schema.createIndex('training_records_course_idx').on('training_records').column('course_id').execute();

  await db.schema
    .createTable('training_reminders')
    .addColumn('record_id', t.id, (c) => c.notNull().references('training_records.id').onDelete('cascade'))
    .addColumn('threshold', 'text', (c) => c.notNull())
    .addColumn('expires_on', t.date, (c) => c.notNull())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_reminders_pk', ['record_id', 'threshold', 'expires_on'])
    .execute();
  await db.schema.createIndex('training_reminders_ws_idx').on('training_reminders').column('workspace_id').execute();
}
