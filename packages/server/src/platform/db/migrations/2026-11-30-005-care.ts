import { sql, type Kysely } from 'kysely';
import { portableTypes } from './_portable.ts';

/**
 * Customer care (issue 6, decision 0011): the workspace's working calendar and SLA policies, tickets and
 * their conversations, canned replies, team assignment rules, a database-backed job queue, the email
 * outbox, and surveys with their invitations, responses and answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = portableTypes(db);
  const ws = (c: any) => c.notNull().references('workspaces.id').onDelete('cascade');

  // One row per workspace: the working calendar, categories, follow-up rules, the ticket number sequence.
  await db.schema
    .createTable('care_settings')
    .addColumn('workspace_id', t.id, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('settings', t.json, (c) => c.notNull())
    .addColumn('ticket_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('category', 'text')
    .addColumn('first_response_minutes', 'integer')
    .addColumn('resolution_minutes', 'integer')
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_policies_ws_idx').on('sla_policies').columns(['workspace_id', 'position']).execute();

  // How a team's new tickets are given out, and to whom it gave the last one (round-robin's place).
  await db.schema
    .createTable('team_assignment')
    .addColumn('team_id', t.id, (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('workspace_id', t.id, ws)
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('last_assigned_id', t.id)
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('order_id', t.id, (c) => c.references('orders.id').onDelete('set null'))
    .addColumn('category', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', t.id, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('root_cause', 'text')
    .addColumn('resolution', 'text')
    .addColumn('sla_policy_id', t.id)
    .addColumn('first_response_due_at', t.ts)
    .addColumn('resolution_due_at', t.ts)
    .addColumn('first_responded_at', t.ts)
    .addColumn('resolved_at', t.ts)
    .addColumn('closed_at', t.ts)
    // Spans waited on the customer ([{from, to|null}]): they extend the resolution target (care/tickets.ts).
    .addColumn('sla_pauses', t.json, (c) => c.notNull())
    // The resolution due time with the pauses added (what the inbox sorts and the escalation job looks at).
    .addColumn('effective_resolution_due_at', t.ts)
    .addColumn('sla_warned', 'text')
    .addColumn('sla_breached', 'text')
    .addColumn('source', 'text')
    .addColumn('source_id', t.id)
    .addColumn('last_message_at', t.ts, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tickets_number_idx').on('tickets').columns(['workspace_id', 'number']).unique().execute();
  await db.schema.createIndex('tickets_contact_idx').on('tickets').columns(['workspace_id', 'contact_id', 'created_at']).execute();
  await db.schema.createIndex('tickets_queue_idx').on('tickets').columns(['workspace_id', 'status', 'assignee_id', 'first_response_due_at']).execute();
  await db.schema.createIndex('tickets_team_idx').on('tickets').columns(['workspace_id', 'team_id', 'status']).execute();
  // One follow-up ticket per survey response, however often the response is processed.
  await db.schema.createIndex('tickets_source_idx').on('tickets').columns(['workspace_id', 'source', 'source_id']).unique().execute();

  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('ticket_id', t.id, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    // customer (from the customer), reply (to the customer), note (internal), event (a status, assignment or SLA change)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('meta', t.json)
    .addColumn('author_id', t.id)
    .addColumn('mail_id', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_messages_ticket_idx').on('ticket_messages').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('ticket_messages_contact_idx').on('ticket_messages').columns(['workspace_id', 'contact_id', 'created_at']).execute();

  await db.schema
    .createTable('canned_replies')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('canned_replies_ws_idx').on('canned_replies').columns(['workspace_id', 'title']).execute();

  // Scheduled work, claimed by any server process (jobs/runner.ts): a claim is a lease until locked_until.
  await db.schema
    .createTable('jobs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text')
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('run_at', t.ts, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.ts)
    .addColumn('done_at', t.ts)
    .addColumn('failed_at', t.ts)
    .addColumn('cancelled_at', t.ts)
    .addColumn('last_error', 'text')
    .addColumn('result', t.json)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .execute();
  // Pending work in due order: the only index the claim reads.
  await db.schema
    .createIndex('jobs_due_idx')
    .on('jobs')
    .columns(['run_at'])
    .where(sql.ref('done_at'), 'is', null)
    .where(sql.ref('failed_at'), 'is', null)
    .where(sql.ref('cancelled_at'), 'is', null)
    .execute();
  await db.schema.createIndex('jobs_key_idx').on('jobs').columns(['key']).unique().execute();
  await db.schema.createIndex('jobs_ws_idx').on('jobs').columns(['workspace_id', 'kind', 'created_at']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('contact_id', t.id, (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    // transactional (a ticket reply, a survey the customer asked for) or marketing (needs consent)
    .addColumn('purpose', 'text', (c) => c.notNull())
    // queued, sending, sent, failed (after the last retry), suppressed (no consent, unsubscribed, no SMTP)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.ts)
    .addColumn('last_error', 'text')
    .addColumn('related_type', 'text')
    .addColumn('related_id', t.id)
    .addColumn('sent_at', t.ts)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_outbox_ws_idx').on('mail_outbox').columns(['workspace_id', 'created_at']).execute();
  await db.schema.createIndex('mail_outbox_related_idx').on('mail_outbox').columns(['workspace_id', 'related_type', 'related_id']).execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', t.json, (c) => c.notNull())
    .addColumn('intro', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // manual | ticket_resolved | order_delivered (with a delay in days)
    .addColumn('trigger', t.json, (c) => c.notNull())
    // {npsMax, csatMax, enabled}: which answers open a follow-up ticket
    .addColumn('follow_up', t.json, (c) => c.notNull())
    .addColumn('expires_days', 'integer', (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .addColumn('updated_at', t.ts, (c) => c.notNull())
    .addColumn('deleted_at', t.ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('survey_id', t.id, (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('text', t.json, (c) => c.notNull())
    .addColumn('options', t.json)
    .addColumn('required', t.bool, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_questions_survey_idx').on('survey_questions').columns(['survey_id', 'position']).execute();

  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('survey_id', t.id, (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    // sha256 of the token; the token itself is only in the link.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('ticket_id', t.id, (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('order_id', t.id, (c) => c.references('orders.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.ts, (c) => c.notNull())
    .addColumn('opened_at', t.ts)
    .addColumn('responded_at', t.ts)
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_invitations_token_idx').on('survey_invitations').columns(['token_hash']).unique().execute();
  await db.schema.createIndex('survey_invitations_survey_idx').on('survey_invitations').columns(['workspace_id', 'survey_id', 'created_at']).execute();
  await db.schema.createIndex('survey_invitations_time_idx').on('survey_invitations').columns(['workspace_id', 'created_at', 'survey_id']).execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('survey_id', t.id, (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('invitation_id', t.id, (c) => c.notNull().references('survey_invitations.id').onDelete('cascade'))
    .addColumn('contact_id', t.id, (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('ticket_id', t.id)
    .addColumn('follow_up_ticket_id', t.id)
    .addColumn('submitted_at', t.ts, (c) => c.notNull())
    .execute();
  // One response per invitation, enforced by the database (a flood of submissions counts once).
  await db.schema.createIndex('survey_responses_invitation_idx').on('survey_responses').columns(['invitation_id']).unique().execute();
  await db.schema.createIndex('survey_responses_contact_idx').on('survey_responses').columns(['workspace_id', 'contact_id', 'submitted_at']).execute();
  await db.schema.createIndex('survey_responses_time_idx').on('survey_responses').columns(['workspace_id', 'submitted_at', 'survey_id']).execute();

  // Answers carry what they are reported by (the type, the team, agent and category of the ticket asked
  // about), so the dashboard's figures are one indexed scan of this table.
  await db.schema
    .createTable('survey_answers')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, ws)
    .addColumn('response_id', t.id, (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
    .addColumn('survey_id', t.id, (c) => c.notNull())
    .addColumn('question_id', t.id, (c) => c.notNull())
    .addColumn('contact_id', t.id, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value_num', 'integer')
    .addColumn('value_text', 'text')
    .addColumn('value_choices', t.json)
    .addColumn('team_id', t.id)
    .addColumn('agent_id', t.id)
    .addColumn('category', 'text')
    // The customer's RFM segment when they answered (like the team and agent: who they were then).
    .addColumn('segment', 'text')
    .addColumn('answered_at', t.ts, (c) => c.notNull())
    .execute();
  // Covering: the dashboard's aggregates read the index alone (a million answers in well under a second).
  await db.schema
    .createIndex('survey_answers_type_idx')
    .on('survey_answers')
    .columns(['workspace_id', 'type', 'answered_at', 'value_num', 'survey_id', 'team_id', 'agent_id', 'category'])
    .execute();
  await db.schema.createIndex('survey_answers_response_idx').on('survey_answers').columns(['response_id']).execute();

  // The dashboard's counts: answers on scales by local day, type and value, per dimension (dim 'all' with key
  // '', 'team', 'agent', 'category', 'segment' with the id or name, '' for none), kept with every response and rebuilt from the
  // answers when the workspace's zone changes or a customer is purged.
  await db.schema
    .createTable('survey_answer_days')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('survey_id', t.id, (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_answer_days_pk', ['workspace_id', 'dim', 'day', 'survey_id', 'key', 'type', 'value'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'survey_answer_days',
    'survey_answers',
    'survey_responses',
    'survey_invitations',
    'survey_questions',
    'surveys',
    'mail_outbox',
    'jobs',
    'canned_replies',
    'ticket_messages',
    'tickets',
    'team_assignment',
    'sla_policies',
    'care_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
