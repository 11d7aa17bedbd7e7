import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * The reward and penalty record (issue 20): entries about members (recognition, bonus, warning, penalty) proposed
 * by a manager and decided by an owner or admin, and the rules that propose entries from KPI figures when a period
 * closes. A rule proposes at most one entry per person and period: the unique index makes a recount a no-op (manual
 * entries have no rule, and NULLs never collide).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('reward_rules')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kpi', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text', (c) => c.notNull())
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('min_n', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', t.bigint)
    .addColumn('points', 'integer')
    .addColumn('reason_template', 'text', (c) => c.notNull())
    .addColumn('active', t.bool, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reward_rules_ws_idx').on('reward_rules').columns(['workspace_id', 'kpi']).execute();

  await db.schema
    .createTable('reward_entries')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('amount', t.bigint)
    .addColumn('currency', 'text')
    .addColumn('points', 'integer')
    // The month it counts toward, YYYY-MM.
    .addColumn('period', 'text', (c) => c.notNull())
    // What justifies it: 'kpi' (key, period, value then, observations) or a record (type, id, its name then).
    .addColumn('justification_type', 'text')
    .addColumn('kpi', 'text')
    .addColumn('kpi_period', 'text')
    .addColumn('kpi_value', 'double precision')
    .addColumn('kpi_n', 'integer')
    .addColumn('record_id', t.id)
    .addColumn('record_label', 'text')
    // The rule that proposed it at a period's close (kept when the rule is deleted: no foreign key).
    .addColumn('rule_id', t.id)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', t.id)
    .addColumn('proposed_at', t.ts, (c) => c.notNull())
    .addColumn('decided_by', t.id)
    .addColumn('decided_at', t.ts)
    .addColumn('decision_note', 'text')
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reward_entries_person_idx').on('reward_entries').columns(['workspace_id', 'person_id', 'period']).execute();
  await db.schema.createIndex('reward_entries_status_idx').on('reward_entries').columns(['workspace_id', 'status', 'id']).execute();
  await db.schema.createIndex('reward_entries_rule_uq').on('reward_entries').columns(['workspace_id', 'rule_id', 'person_id', 'kpi_period']).unique().execute();
}
