import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * KPIs (issue 20): a workspace's own KPI definitions and the weights of every KPI in the score, targets per person
 * or team and period (a member's target may come from splitting a team's), plans per customer segment, the
 * periods closed and the figures frozen by each close. Plus the indexes that find a period's closed deals,
 * done tasks and answered or resolved tickets without reading the rest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('kpi_definitions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base', 'text', (c) => c.notNull())
    .addColumn('builtin', 'text')
    .addColumn('filter', t.json, (c) => c.notNull())
    .addColumn('segment_id', 'text')
    .addColumn('field', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('kpi_definitions_key_uq', ['workspace_id', 'key'])
    .execute();

  await db.schema
    .createTable('kpi_weights')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kpi', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_weights_pk', ['workspace_id', 'kpi'])
    .execute();

  await db.schema
    .createTable('kpi_targets')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kpi', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    // 'user' | 'team'; subject_id is the member's user id or the team's id.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', t.id, (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    // A member's share of a team target: the team target's id (a new split replaces the shares).
    .addColumn('split_from', t.id)
    .addColumn('created_by', t.id)
    .addColumn('updated_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('kpi_targets_uq', ['workspace_id', 'period', 'kpi', 'subject', 'subject_id'])
    .execute();
  await db.schema.createIndex('kpi_targets_subject_idx').on('kpi_targets').columns(['workspace_id', 'subject_id', 'period']).execute();

  await db.schema
    .createTable('segment_plans')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    // acquisition | retention | penetration | efficiency (QCI's REAP)
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('updated_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addUniqueConstraint('segment_plans_uq', ['workspace_id', 'period', 'segment_id', 'measure'])
    .execute();

  await db.schema
    .createTable('kpi_periods')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('closed_at', t.ts, (c) => c.notNull())
    .addColumn('closed_by', t.id)
    .addColumn('recounted_at', t.ts)
    .addColumn('recounted_by', t.id)
    .addColumn('recounts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_periods_pk', ['workspace_id', 'period'])
    .execute();

  await db.schema
    .createTable('kpi_results')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kpi', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', t.id, (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('interval_low', 'double precision')
    .addColumn('interval_high', 'double precision')
    .addColumn('target', 'double precision')
    .addPrimaryKeyConstraint('kpi_results_pk', ['workspace_id', 'period', 'kpi', 'subject', 'subject_id'])
    .execute();

  // A period's figures find their rows by time instead of reading every deal, task and ticket.
  await db.schema.createIndex('deals_ws_closed_idx').on('deals').columns(['workspace_id', 'closed_at']).execute();
  await db.schema.createIndex('tasks_ws_done_idx').on('tasks').columns(['workspace_id', 'done_at']).execute();
  await db.schema.createIndex('tickets_ws_resolved_idx').on('tickets').columns(['workspace_id', 'resolved_at']).execute();
  await db.schema.createIndex('tickets_ws_responded_idx').on('tickets').columns(['workspace_id', 'first_responded_at']).execute();
}
