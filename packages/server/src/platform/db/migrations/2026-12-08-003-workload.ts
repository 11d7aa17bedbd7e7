import type { Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Workload (issue 20): how much each member may carry — open tickets, open deals, open tasks — and when they are
 * on duty (weekly shifts; none stored means the workspace's care hours), with the workspace's defaults, whether
 * automatic ticket assignment skips members off duty, and the tickets-per-agent ratio that marks a peak hour.
 * The workspace's row is also what automatic assignment locks while it counts open tickets against capacities.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  await db.schema
    .createTable('workload_settings')
    .addColumn('workspace_id', t.id, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('max_tickets', 'integer')
    .addColumn('max_deals', 'integer')
    .addColumn('max_tasks', 'integer')
    .addColumn('assign_on_duty_only', t.bool, (c) => c.notNull())
    .addColumn('peak_threshold', 'real', (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('member_capacity')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('max_tickets', 'integer')
    .addColumn('max_deals', 'integer')
    .addColumn('max_tasks', 'integer')
    // A JSON array of {weekday, from, to}; NULL: the workspace's care hours.
    .addColumn('shifts', t.json)
    .addColumn('updated_by', t.id)
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_capacity_pk', ['workspace_id', 'user_id'])
    .execute();

  // The peak-time view reads a team's (or the workspace's) tickets by creation time.
  await db.schema.createIndex('tickets_ws_created_idx').on('tickets').columns(['workspace_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_ws_created_idx').execute();
  await db.schema.dropTable('member_capacity').execute();
  await db.schema.dropTable('workload_settings').execute();
}
