import { sql, type Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Domain events (issue 17): an outbox written in the transaction of the change (`events`), each record's
 * sequence (`event_streams`: the row a writer locks to number its record's next event, so a record's events are
 * numbered in commit order), and each listener's place in each record's events (`event_cursors`), claimed as a
 * lease by the process that delivers them (packages/server/src/platform/events/).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  const ws = (c: any) => c.notNull().references('workspaces.id').onDelete('cascade');

  await db.schema
    .createTable('event_streams')
    .addColumn('record_key', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_streams_ws_idx').on('event_streams').column('workspace_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('type', 'text', (c) => c.notNull())
    // e.g. contact:<id>; events of one key reach each listener in `seq` order
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('occurred_at', t.ts, (c) => c.notNull())
    // set once the listeners' cursors know of it (fanned out)
    .addColumn('dispatched_at', t.ts)
    .execute();
  await db.schema.createIndex('events_record_idx').on('events').columns(['record_key', 'seq']).unique().execute();
  await db.schema.createIndex('events_ws_idx').on('events').columns(['workspace_id', 'occurred_at']).execute();
  // What is left to fan out, by record: the only index the dispatcher reads.
  await db.schema.createIndex('events_undispatched_idx').on('events').columns(['record_key', 'seq']).where(sql.ref('dispatched_at'), 'is', null).execute();

  await db.schema
    .createTable('event_cursors')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('listener', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('workspace_id', t.id, ws)
    // the listener has handled every event of the record up to this seq
    .addColumn('done_seq', 'integer', (c) => c.notNull())
    // the highest seq fanned out to it
    .addColumn('wanted_seq', 'integer', (c) => c.notNull())
    // when it should be delivered next (null: nothing to do); after a failure, the retry
    .addColumn('due_at', t.ts)
    // failed attempts at the event after done_seq
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // the fencing token: counted by every claim
    .addColumn('claims', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.ts)
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('event_cursors_lane_idx').on('event_cursors').columns(['listener', 'record_key']).unique().execute();
  await db.schema.createIndex('event_cursors_due_idx').on('event_cursors').columns(['due_at']).where(sql.ref('due_at'), 'is not', null).execute();
  await db.schema.createIndex('event_cursors_ws_idx').on('event_cursors').column('workspace_id').execute();

  // An event a listener gave up on after its last attempt (the record's later events then went on).
  await db.schema
    .createTable('event_failures')
    .addColumn('listener', 'text', (c) => c.notNull())
    .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, ws)
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text', (c) => c.notNull())
    .addColumn('failed_at', t.ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_failures_pk', ['listener', 'event_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['event_failures', 'event_cursors', 'events', 'event_streams']) await db.schema.dropTable(table).execute();
}
