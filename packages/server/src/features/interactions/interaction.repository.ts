import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Interaction } from '@kith/domain/interactions/interaction.api.ts';
import type { TimelineEntry } from '@kith/domain/interactions/timeline.api.ts';
import type { OrderStatus } from '@kith/domain/orders/order.schema.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { visibleTo, type Scope } from '../../platform/records/visibility.ts';
import type { InteractionTable } from './interaction.table.ts';

export function rowToInteraction(r: Selectable<InteractionTable>): Interaction {
  return {
    id: r.id,
    contactId: r.contact_id,
    companyId: r.company_id,
    kind: r.kind as Interaction['kind'],
    channel: r.channel as Interaction['channel'],
    direction: r.direction as Interaction['direction'],
    occurredAt: r.occurred_at,
    durationSeconds: r.duration_seconds,
    outcome: r.outcome,
    subject: r.subject,
    body: r.body,
    authorId: r.author_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** An interaction is in scope when its customer is (records/visibility.ts). */
const inScope = (scope: Scope) => (eb: ExpressionBuilder<Database, 'interactions' | 'contacts'>) =>
  visibleTo(eb as unknown as ExpressionBuilder<Database, 'contacts'>, scope, 'contacts') as Expression<SqlBool>;

/** A live interaction about a customer in scope. */
export async function findInteraction(db: Db, scope: Scope, id: string): Promise<Interaction | undefined> {
  const r = await db
    .selectFrom('interactions')
    .innerJoin('contacts', 'contacts.id', 'interactions.contact_id')
    .selectAll('interactions')
    .where('interactions.workspace_id', '=', scope.workspaceId)
    .where('interactions.id', '=', id)
    .where('interactions.deleted_at', 'is', null)
    .where(inScope(scope))
    .executeTakeFirst();
  return r && rowToInteraction(r);
}

/** Is this a live company of the workspace? */
export async function liveCompanyExists(db: Db, workspaceId: string, companyId: string): Promise<boolean> {
  const c = await db
    .selectFrom('companies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', companyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return c !== undefined;
}

/** Insert interactions, 200 rows a statement. */
export async function insertInteractionRows(db: Db, rows: Insertable<InteractionTable>[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 200)
    await db
      .insertInto('interactions')
      .values(rows.slice(k, k + 200))
      .execute();
}

// -------------------------------------------------------------------------------------------- timeline

/**
 * The customer's timeline is read source by source (interaction.service.ts merges them): each reads `n` rows
 * past the cursor, newest first, then by id, through its own (workspace, contact, time) index.
 */
export type TimelineCursor = { at: string; id: string };

export async function timelineInteractions(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  let q = db.selectFrom('interactions').selectAll().where('workspace_id', '=', ws).where('contact_id', '=', contactId).where('deleted_at', 'is', null);
  if (cur) q = q.where((eb) => eb.or([eb('occurred_at', '<', cur.at), eb.and([eb('occurred_at', '=', cur.at), eb('id', '<', cur.id)])]));
  const rows = await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(n).execute();
  return rows.map((r) => ({ kind: 'interaction' as const, id: r.id, at: r.occurred_at, actorUserId: r.author_id, interaction: rowToInteraction(r) }));
}

export async function timelineOrders(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  let q = db
    .selectFrom('orders')
    .select(['id', 'ordered_at', 'created_by', 'number', 'status', 'total', 'currency', 'channel'])
    .select((eb) => eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('c')).whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'))
    .where('workspace_id', '=', ws)
    .where('contact_id', '=', contactId)
    .where('deleted_at', 'is', null);
  if (cur) q = q.where((eb) => eb.or([eb('ordered_at', '<', cur.at), eb.and([eb('ordered_at', '=', cur.at), eb('id', '<', cur.id)])]));
  const rows = await q.orderBy('ordered_at', 'desc').orderBy('id', 'desc').limit(n).execute();
  return rows.map((r) => ({
    kind: 'order' as const,
    id: r.id,
    at: r.ordered_at,
    actorUserId: r.created_by,
    order: {
      number: r.number,
      status: r.status as OrderStatus,
      total: Number(r.total),
      currency: r.currency,
      channel: r.channel,
      lineCount: Number(r.line_count ?? 0),
    },
  }));
}

export async function timelineTasks(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  // A task is on the timeline when it was done, or (still open) when it was set.
  const at = sql<string>`coalesce(tasks.done_at, tasks.created_at)`;
  let q = db
    .selectFrom('tasks')
    .select(['id', 'title', 'due_at', 'done_at', 'done_by', 'created_by', 'assignee_id', 'priority', at.as('at')])
    .where('workspace_id', '=', ws)
    .where('contact_id', '=', contactId)
    .where('deleted_at', 'is', null);
  if (cur) q = q.where((eb) => eb.or([eb(at, '<', cur.at), eb.and([eb(at, '=', cur.at), eb('id', '<', cur.id)])]));
  const rows = await q.orderBy(at, 'desc').orderBy('id', 'desc').limit(n).execute();
  return rows.map((r) => ({
    kind: 'task' as const,
    id: r.id,
    at: typeof r.at === 'string' ? r.at : new Date(r.at as unknown as Date).toISOString(),
    actorUserId: r.done_by ?? r.created_by,
    task: { title: r.title, dueAt: r.due_at, doneAt: r.done_at, assigneeId: r.assignee_id, priority: r.priority },
  }));
}

export async function timelineDeals(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  // The customer's deals as they were created and moved: their audit entries (audit ids are text, so by id list).
  const deals = await db.selectFrom('deals').select(['id', 'title']).where('workspace_id', '=', ws).where('contact_id', '=', contactId).limit(500).execute();
  if (deals.length === 0) return [];
  const titles = new Map(deals.map((d) => [d.id, d.title]));
  let q = db
    .selectFrom('audit_log')
    .select([
      'audit_log.id',
      'audit_log.created_at',
      'audit_log.actor_user_id',
      'audit_log.action',
      'audit_log.before',
      'audit_log.after',
      'audit_log.meta',
      'audit_log.entity_id',
    ])
    .where('audit_log.workspace_id', '=', ws)
    .where('audit_log.entity_type', '=', 'deal')
    .where('audit_log.entity_id', 'in', [...titles.keys()]);
  if (cur)
    q = q.where((eb) => eb.or([eb('audit_log.created_at', '<', cur.at), eb.and([eb('audit_log.created_at', '=', cur.at), eb('audit_log.id', '<', cur.id)])]));
  const rows = await q.orderBy('audit_log.created_at', 'desc').orderBy('audit_log.id', 'desc').limit(n).execute();
  return rows.map((r) => {
    const meta = readJson<{ fromStage?: string; toStage?: string; stage?: string }>(r.meta, {});
    return {
      kind: 'deal' as const,
      id: r.id,
      at: r.created_at,
      actorUserId: r.actor_user_id,
      deal: {
        dealId: r.entity_id!,
        title: titles.get(r.entity_id!) ?? '',
        action: r.action,
        fromStage: meta.fromStage ?? null,
        toStage: meta.toStage ?? meta.stage ?? null,
        before: readJson(r.before, null),
        after: readJson(r.after, null),
      },
    };
  });
}

export async function timelineTickets(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  // Each message of the customer's tickets: what they wrote, the replies, notes and status changes.
  let q = db
    .selectFrom('ticket_messages')
    .innerJoin('tickets', 'tickets.id', 'ticket_messages.ticket_id')
    .select([
      'ticket_messages.id',
      'ticket_messages.created_at',
      'ticket_messages.author_id',
      'ticket_messages.kind',
      'ticket_messages.body',
      'ticket_messages.meta',
      'tickets.id as ticket_id',
      'tickets.number',
      'tickets.subject',
      'tickets.status',
    ])
    .where('ticket_messages.workspace_id', '=', ws)
    .where('ticket_messages.contact_id', '=', contactId)
    .where('tickets.deleted_at', 'is', null);
  if (cur)
    q = q.where((eb) =>
      eb.or([eb('ticket_messages.created_at', '<', cur.at), eb.and([eb('ticket_messages.created_at', '=', cur.at), eb('ticket_messages.id', '<', cur.id)])]),
    );
  const rows = await q.orderBy('ticket_messages.created_at', 'desc').orderBy('ticket_messages.id', 'desc').limit(n).execute();
  return rows.map((r) => ({
    kind: 'ticket' as const,
    id: r.id,
    at: r.created_at,
    actorUserId: r.author_id,
    ticket: {
      ticketId: r.ticket_id,
      number: Number(r.number),
      subject: r.subject,
      status: r.status,
      message: { kind: r.kind, body: r.body, meta: readJson(r.meta, null) },
    },
  }));
}

export async function timelineSurveys(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  let q = db
    .selectFrom('survey_responses')
    .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
    .select(['survey_responses.id', 'survey_responses.submitted_at', 'survey_responses.survey_id', 'survey_responses.follow_up_ticket_id', 'surveys.name'])
    .where('survey_responses.workspace_id', '=', ws)
    .where('survey_responses.contact_id', '=', contactId);
  if (cur)
    q = q.where((eb) =>
      eb.or([
        eb('survey_responses.submitted_at', '<', cur.at),
        eb.and([eb('survey_responses.submitted_at', '=', cur.at), eb('survey_responses.id', '<', cur.id)]),
      ]),
    );
  const rows = await q.orderBy('survey_responses.submitted_at', 'desc').orderBy('survey_responses.id', 'desc').limit(n).execute();
  if (rows.length === 0) return [];
  const answers = await db
    .selectFrom('survey_answers')
    .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
    .select([
      'survey_answers.response_id',
      'survey_answers.type',
      'survey_questions.text',
      'survey_questions.position',
      'survey_answers.value_num',
      'survey_answers.value_text',
      'survey_answers.value_choices',
    ])
    .where(
      'survey_answers.response_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('survey_questions.position')
    .execute();
  return rows.map((r) => ({
    kind: 'survey' as const,
    id: r.id,
    at: r.submitted_at,
    actorUserId: null,
    survey: {
      surveyId: r.survey_id,
      name: r.name,
      responseId: r.id,
      followUpTicketId: r.follow_up_ticket_id,
      answers: answers
        .filter((a) => a.response_id === r.id)
        .map((a) => ({
          type: a.type,
          text: readJson(a.text, null),
          value: a.value_num === null ? null : Number(a.value_num),
          valueText: a.value_text,
          choices: readJson(a.value_choices, null),
        })),
    },
  }));
}

export async function timelineLoyalty(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  // Points earned, spent and expired, and tier changes.
  let q = db.selectFrom('points_ledger').selectAll().where('workspace_id', '=', ws).where('contact_id', '=', contactId);
  if (cur) q = q.where((eb) => eb.or([eb('created_at', '<', cur.at), eb.and([eb('created_at', '=', cur.at), eb('id', '<', cur.id)])]));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(n).execute();
  return rows.map((r) => ({
    kind: 'loyalty' as const,
    id: r.id,
    at: r.created_at,
    actorUserId: r.created_by,
    loyalty: {
      kind: r.kind,
      points: Number(r.points),
      orderId: r.order_id,
      relatedContactId: r.related_contact_id,
      reason: r.reason,
      meta: readJson(r.meta, null),
    },
  }));
}

export async function timelineChanges(db: Db, ws: string, contactId: string, cur: TimelineCursor | null, n: number): Promise<TimelineEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', ws).where('entity_type', '=', 'contact').where('entity_id', '=', contactId);
  if (cur) q = q.where((eb) => eb.or([eb('created_at', '<', cur.at), eb.and([eb('created_at', '=', cur.at), eb('id', '<', cur.id)])]));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(n).execute();
  return rows.map((r) => ({
    kind: 'change' as const,
    id: r.id,
    at: r.created_at,
    actorUserId: r.actor_user_id,
    viaToken: r.actor_token_id !== null,
    action: r.action,
    before: readJson(r.before, null),
    after: readJson(r.after, null),
    meta: readJson(r.meta, null),
  }));
}
