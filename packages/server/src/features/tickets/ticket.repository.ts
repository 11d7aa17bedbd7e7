import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import type { TicketStatus } from '@kith/domain/tickets/tickets.ts';
import type { TicketMessage } from '@kith/domain/tickets/ticket.api.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { filterCondition, orderBySql, type Filter, type Sort } from '../../platform/records/list-query.ts';
import type { TicketTable } from './ticket.table.ts';

/** The tickets' SQL: scope, reads, the list's query, writes of tickets and their messages, and the checks' lookups. */

export type Row = Selectable<TicketTable> & { contact_name: string | null };

export const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'waiting_on_customer', 'reopened'];

/**
 * Scope (docs/permissions.md): owners, admins and viewers see every ticket; an agent the tickets assigned to
 * them, those of their teams and the unassigned pool (no assignee, no team); a manager also those assigned to
 * members of their teams.
 */
export function ticketScope(actor: Actor, action: 'tickets.read' | 'tickets.write') {
  const grant = grantOf(actor.role, action);
  return (eb: ExpressionBuilder<Database, 'tickets'>) => {
    const ws = eb('tickets.workspace_id', '=', actor.workspaceId);
    if (grant === true) return ws;
    const mine = [eb('tickets.assignee_id', '=', actor.userId), eb.and([eb('tickets.assignee_id', 'is', null), eb('tickets.team_id', 'is', null)])];
    if (actor.teamIds.length) {
      mine.push(eb('tickets.team_id', 'in', actor.teamIds));
      if (actor.role === 'manager')
        mine.push(
          sql<boolean>`tickets.assignee_id in (select tm.user_id from team_members tm where tm.workspace_id = ${actor.workspaceId} and tm.team_id in (${sql.join(actor.teamIds)}))` as never,
        );
    }
    return eb.and([ws, eb.or(mine)]);
  };
}

export function selectTickets(db: Db) {
  return db
    .selectFrom('tickets')
    .innerJoin('contacts', 'contacts.id', 'tickets.contact_id')
    .selectAll('tickets')
    .select('contacts.name as contact_name')
    .where('tickets.deleted_at', 'is', null);
}

export async function findTicketRow(db: Db, actor: Actor, action: 'tickets.read' | 'tickets.write', id: string): Promise<Row | undefined> {
  return (await selectTickets(db).where(ticketScope(actor, action)).where('tickets.id', '=', id).executeTakeFirst()) as Row | undefined;
}

// ---------------------------------------------------------------------------------------------- list

/** When a ticket's next target falls: the first response until answered, then the resolution. */
const nextDue = sql<
  string | null
>`case when tickets.first_responded_at is null and tickets.first_response_due_at is not null then tickets.first_response_due_at else tickets.effective_resolution_due_at end`;

export type TicketRowsQuery = {
  workspaceId: string;
  status: 'open' | 'resolved' | 'closed' | 'any';
  /** Assigned to this member; to one of these teams (none: nothing); to no one; next target due before this instant. */
  assigneeId?: string;
  teamIds?: readonly string[];
  unassigned?: boolean;
  breachingBefore?: string;
  contactId?: string;
  priority?: string;
  category?: string;
  q?: string;
  filters: Filter[];
  /** A field's order; the next SLA target first when none. */
  sort: Sort | null;
  limit: number;
  offset: number;
  dialect: Parameters<typeof filterCondition>[2]['dialect'];
};

/** A page of the tickets in the actor's scope that match, and how many match in all. */
export async function listTicketRows(db: Db, actor: Actor, q: TicketRowsQuery): Promise<{ rows: Row[]; total: number }> {
  let query = selectTickets(db).where(ticketScope(actor, 'tickets.read'));
  if (q.status === 'open') query = query.where('tickets.status', 'in', OPEN_STATUSES);
  else if (q.status !== 'any') query = query.where('tickets.status', '=', q.status);
  if (q.assigneeId) query = query.where('tickets.assignee_id', '=', q.assigneeId);
  if (q.teamIds) query = q.teamIds.length ? query.where('tickets.team_id', 'in', q.teamIds) : query.where(sql<boolean>`1 = 0`);
  if (q.unassigned) query = query.where('tickets.assignee_id', 'is', null);
  if (q.breachingBefore) query = query.where('tickets.status', 'in', ['new', 'open', 'reopened']).where(nextDue, '<=', q.breachingBefore);
  if (q.contactId) query = query.where('tickets.contact_id', '=', q.contactId);
  if (q.priority) query = query.where('tickets.priority', '=', q.priority);
  if (q.category) query = query.where('tickets.category', '=', q.category);
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const n = Number(q.q.replace(/^#/, ''));
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(tickets.subject)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(contacts.name)`, 'like', sql`${like} escape '\\'`),
        ...(Number.isInteger(n) && n > 0 && n < 2 ** 31 ? [eb('tickets.number', '=', n)] : []),
      ]),
    );
  }
  const ctx = { dialect: q.dialect, table: 'tickets', workspaceId: q.workspaceId };
  for (const f of q.filters) query = query.where((eb) => filterCondition(eb, f, ctx));
  const total = Number(
    (
      await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const ordered = q.sort
    ? query.orderBy(orderBySql(q.sort, 'tickets.id'))
    : query.orderBy(sql`case when ${nextDue} is null then 1 else 0 end`).orderBy(nextDue).orderBy('tickets.created_at', 'desc').orderBy('tickets.id');
  const rows = await ordered.limit(q.limit).offset(q.offset).execute();
  return { rows: rows as Row[], total };
}

// --------------------------------------------------------------------------------------------- writes

/** The next ticket number of the workspace. */
export async function nextTicketNumber(trx: Db, workspaceId: string): Promise<number> {
  const seq = await trx
    .updateTable('care_settings')
    .set((eb) => ({ ticket_seq: eb('ticket_seq', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .returning('ticket_seq')
    .executeTakeFirstOrThrow();
  return Number(seq.ticket_seq);
}

export async function insertTicketRow(trx: Db, row: Insertable<TicketTable>): Promise<void> {
  await trx.insertInto('tickets').values(row).execute();
}

/** Write a change if the ticket is still at `version`; false when someone else changed it first. */
export async function updateTicketRow(trx: Db, workspaceId: string, id: string, version: number, set: Updateable<TicketTable>): Promise<boolean> {
  const r = await trx
    .updateTable('tickets')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type NewMessage = {
  workspaceId: string;
  ticketId: string;
  contactId: string;
  kind: TicketMessage['kind'];
  body: string;
  meta?: unknown;
  authorId: string | null;
  at: string;
  mailId?: string | null;
};

export async function insertMessage(db: Db, m: NewMessage): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('ticket_messages')
    .values({
      id,
      workspace_id: m.workspaceId,
      ticket_id: m.ticketId,
      contact_id: m.contactId,
      kind: m.kind,
      body: m.body,
      meta: m.meta === undefined ? null : JSON.stringify(m.meta),
      author_id: m.authorId,
      mail_id: m.mailId ?? null,
      created_at: m.at,
    })
    .execute();
  return id;
}

/** A ticket's conversation, oldest first, with the state of each emailed reply. */
export function selectMessages(db: Db, workspaceId: string, ticketId: string) {
  return db
    .selectFrom('ticket_messages')
    .leftJoin('mail_outbox', 'mail_outbox.id', 'ticket_messages.mail_id')
    .selectAll('ticket_messages')
    .select('mail_outbox.status as mail_status')
    .where('ticket_messages.workspace_id', '=', workspaceId)
    .where('ticket_messages.ticket_id', '=', ticketId)
    .orderBy('ticket_messages.created_at')
    .orderBy('ticket_messages.id')
    .execute();
}

// --------------------------------------------------------------------------------------------- lookups

export async function teamExists(db: Db, workspaceId: string, teamId: string): Promise<boolean> {
  return !!(await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst());
}

export function findMembership(db: Db, workspaceId: string, userId: string) {
  return db.selectFrom('memberships').select(['user_id', 'role']).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
}

export async function isTeamMate(db: Db, workspaceId: string, teamIds: readonly string[], userId: string): Promise<boolean> {
  const mate = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', teamIds)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!mate;
}

/** A live order's customer, or undefined when there is no such order. */
export function findOrderContact(db: Db, workspaceId: string, orderId: string) {
  return db
    .selectFrom('orders')
    .select(['contact_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', orderId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function liveContactExists(db: Db, workspaceId: string, contactId: string): Promise<boolean> {
  const c = await db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return !!c;
}

/** The customer's email addresses (a stored JSON list), for a reply's email. */
export async function contactEmails(trx: Db, contactId: string): Promise<unknown> {
  return (await trx.selectFrom('contacts').select(['emails']).where('id', '=', contactId).executeTakeFirst())?.emails ?? null;
}

export async function workspaceName(trx: Db, workspaceId: string): Promise<string | null> {
  return (await trx.selectFrom('workspaces').select(['name']).where('id', '=', workspaceId).executeTakeFirst())?.name ?? null;
}
