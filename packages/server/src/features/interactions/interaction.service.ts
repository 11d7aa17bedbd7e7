import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { defaultChannel, type InteractionCreateInput, type InteractionUpdateInput } from '@kith/domain/interactions/interaction.schema.ts';
import type { Interaction } from '@kith/domain/interactions/interaction.api.ts';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '@kith/domain/interactions/timeline.api.ts';
import type { OrderStatus } from '@kith/domain/orders/order.schema.ts';
import type { Core } from '../../core.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { getContact } from '../contacts/contact.service.ts';
import { preconditionFailed, readableContacts, scopeFor, visibleTo, type Scope } from '../../platform/records/visibility.ts';
import type { InteractionTable } from './interaction.table.ts';

/**
 * Interactions (calls, meetings, emails, chats, messages, visits, notes) and the customer's one timeline,
 * which merges them with the customer's orders and the changes to their record, newest first.
 */

const AUDITED = ['kind', 'channel', 'direction', 'occurredAt', 'durationSeconds', 'outcome', 'subject', 'body', 'companyId', 'contactId'] as const;

function rowTo(r: Selectable<InteractionTable>): Interaction {
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

const inScope = (scope: Scope) => (eb: ExpressionBuilder<Database, 'interactions' | 'contacts'>) =>
  visibleTo(eb as unknown as ExpressionBuilder<Database, 'contacts'>, scope, 'contacts') as Expression<SqlBool>;

async function findInteraction(db: Db, scope: Scope, id: string): Promise<Interaction | undefined> {
  const r = await db
    .selectFrom('interactions')
    .innerJoin('contacts', 'contacts.id', 'interactions.contact_id')
    .selectAll('interactions')
    .where('interactions.workspace_id', '=', scope.workspaceId)
    .where('interactions.id', '=', id)
    .where('interactions.deleted_at', 'is', null)
    .where(inScope(scope))
    .executeTakeFirst();
  return r && rowTo(r);
}

async function readableContact(db: Db, actor: Actor, contactId: string): Promise<{ company_id: string | null } | undefined> {
  const c = (await readableContacts(db, actor, [contactId])).get(contactId);
  return c && { company_id: c.companyId };
}

async function checkCompany(db: Db, workspaceId: string, companyId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!companyId) return;
  const c = await db
    .selectFrom('companies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', companyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!c) issues.push({ path: ['companyId'], message: 'No such company', code: 'not_found' });
}

const audited = (i: Interaction) => Object.fromEntries(AUDITED.map((k) => [k, i[k]]));

export async function createInteraction(core: Core, actor: Actor, input: InteractionCreateInput): Promise<Interaction> {
  scopeFor(actor, 'interactions.create');
  return core.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const contact = await readableContact(trx, actor, input.contactId);
    if (!contact) issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
    await checkCompany(trx, actor.workspaceId, input.companyId, issues);
    if (issues.length) throw invalid(issues, 'The interaction has invalid fields');
    const now = core.now().toISOString();
    const i: Interaction = {
      id: uuidv7(),
      contactId: input.contactId,
      companyId: input.companyId !== undefined ? input.companyId : (contact?.company_id ?? null),
      kind: input.kind,
      channel: input.channel !== undefined ? input.channel : defaultChannel(input.kind),
      direction: input.direction ?? null,
      occurredAt: input.occurredAt ?? now,
      durationSeconds: input.durationSeconds ?? null,
      outcome: input.outcome ?? null,
      subject: input.subject ?? null,
      body: input.body ?? null,
      authorId: actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await trx
      .insertInto('interactions')
      .values({
        id: i.id,
        workspace_id: actor.workspaceId,
        contact_id: i.contactId,
        company_id: i.companyId,
        kind: i.kind,
        channel: i.channel,
        direction: i.direction,
        occurred_at: i.occurredAt,
        duration_seconds: i.durationSeconds,
        outcome: i.outcome,
        subject: i.subject,
        body: i.body,
        author_id: i.authorId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      { ...by(actor), action: 'create', entityType: 'interaction', entityId: i.id, after: audited(i), meta: { contactId: i.contactId } },
      core.now(),
    );
    return i;
  });
}

/** Log many interactions at once, all or none (imports, the demo); paths start with `items.N`. */
export async function createInteractions(core: Core, actor: Actor, inputs: InteractionCreateInput[]): Promise<number> {
  scopeFor(actor, 'interactions.create');
  if (inputs.length === 0) return 0;
  return core.db.transaction().execute(async (trx) => (await createInteractionsIn(core, trx, actor, inputs)).length);
}

/** The body of createInteractions inside the caller's transaction (an import); returns the ids, in order. */
export async function createInteractionsIn(
  core: Core,
  trx: Db,
  actor: Actor,
  inputs: InteractionCreateInput[],
  meta?: Record<string, unknown>,
): Promise<string[]> {
  {
    const known = new Map(
      [
        ...(await readableContacts(
          trx,
          actor,
          inputs.map((i) => i.contactId),
        )),
      ].map(([id, c]) => [id, c.companyId]),
    );
    const issues: FieldIssue[] = inputs.flatMap((i, n) =>
      known.has(i.contactId) ? [] : [{ path: ['items', n, 'contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' }],
    );
    if (issues.length) throw invalid(issues, 'Some interactions are invalid; nothing was logged');
    const now = core.now().toISOString();
    const made: Interaction[] = inputs.map((input) => ({
      id: uuidv7(),
      contactId: input.contactId,
      companyId: input.companyId !== undefined ? input.companyId : (known.get(input.contactId) ?? null),
      kind: input.kind,
      channel: input.channel !== undefined ? input.channel : defaultChannel(input.kind),
      direction: input.direction ?? null,
      occurredAt: input.occurredAt ?? now,
      durationSeconds: input.durationSeconds ?? null,
      outcome: input.outcome ?? null,
      subject: input.subject ?? null,
      body: input.body ?? null,
      authorId: actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    for (let k = 0; k < made.length; k += 200) {
      await trx
        .insertInto('interactions')
        .values(
          made.slice(k, k + 200).map((i) => ({
            id: i.id,
            workspace_id: actor.workspaceId,
            contact_id: i.contactId,
            company_id: i.companyId,
            kind: i.kind,
            channel: i.channel,
            direction: i.direction,
            occurred_at: i.occurredAt,
            duration_seconds: i.durationSeconds,
            outcome: i.outcome,
            subject: i.subject,
            body: i.body,
            author_id: i.authorId,
            created_at: now,
            updated_at: now,
            deleted_at: null,
            version: 1,
          })),
        )
        .execute();
    }
    await recordAudit(
      trx,
      made.map((i) => ({
        ...by(actor),
        action: 'create' as const,
        entityType: 'interaction',
        entityId: i.id,
        after: audited(i),
        meta: { ...meta, contactId: i.contactId },
      })),
      core.now(),
    );
    return made.map((i) => i.id);
  }
}

export async function getInteraction(core: Core, actor: Actor, id: string): Promise<Interaction> {
  const i = await findInteraction(core.db, scopeFor(actor, 'contacts.read'), id);
  if (!i) throw notFound('Interaction');
  return i;
}

export async function updateInteraction(core: Core, actor: Actor, id: string, patch: InteractionUpdateInput, ifVersion: number | null): Promise<Interaction> {
  const scope = scopeFor(actor, 'interactions.update');
  return core.db.transaction().execute(async (trx) => {
    const before = await findInteraction(trx, scope, id);
    if (!before) throw notFound('Interaction');
    if (ifVersion !== null && ifVersion !== before.version) throw preconditionFailed(before.version);
    const issues: FieldIssue[] = [];
    if (patch.contactId !== undefined && patch.contactId !== before.contactId && !(await readableContact(trx, actor, patch.contactId)))
      issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
    if (patch.companyId !== undefined) await checkCompany(trx, actor.workspaceId, patch.companyId, issues);
    if (issues.length) throw invalid(issues, 'The interaction has invalid fields');
    const next: Interaction = { ...before };
    for (const k of AUDITED) if (patch[k] !== undefined) (next as Record<string, unknown>)[k] = patch[k];
    const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    if (changed.length === 0) return before;
    const now = core.now().toISOString();
    const r = await trx
      .updateTable('interactions')
      .set({
        contact_id: next.contactId,
        company_id: next.companyId,
        kind: next.kind,
        channel: next.channel,
        direction: next.direction,
        occurred_at: next.occurredAt,
        duration_seconds: next.durationSeconds,
        outcome: next.outcome,
        subject: next.subject,
        body: next.body,
        updated_at: now,
        version: before.version + 1,
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw preconditionFailed(before.version + 1);
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'interaction',
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        meta: { contactId: next.contactId },
      },
      core.now(),
    );
    return { ...next, updatedAt: now, version: before.version + 1 };
  });
}

export async function deleteInteraction(core: Core, actor: Actor, id: string): Promise<void> {
  const scope = scopeFor(actor, 'interactions.update');
  await core.db.transaction().execute(async (trx) => {
    const i = await findInteraction(trx, scope, id);
    if (!i) throw notFound('Interaction');
    const now = core.now().toISOString();
    await trx
      .updateTable('interactions')
      .set({ deleted_at: now, updated_at: now, version: i.version + 1 })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      { ...by(actor), action: 'delete', entityType: 'interaction', entityId: id, before: audited(i), meta: { contactId: i.contactId } },
      core.now(),
    );
  });
}

// -------------------------------------------------------------------------------------------- timeline

type Cursor = { at: string; id: string };
const encode = (c: Cursor) => Buffer.from(`${c.at}|${c.id}`).toString('base64url');
function decode(raw: string): Cursor {
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw new AppError('validation', 'The cursor is not one this list gave', {
      issues: [{ path: ['cursor'], message: 'Not a cursor of this list', code: 'invalid' }],
    });
  return { at, id };
}
/** Newest first, then by id: the same order in every source, so their pages merge. */
const newer = (a: { at: string; id: string }, b: { at: string; id: string }) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

/**
 * The customer's one timeline, newest first: interactions (at when they happened), orders (at when they
 * were placed), tasks (when done, or when set while open) and the changes to the record (at when they were
 * made), optionally only some kinds. Each
 * source is read through its own (workspace, contact, time) index, `limit + 1` rows past the cursor, and the
 * pages are merged here — so a customer with thousands of events costs three short index scans per page.
 */
export async function contactTimeline(
  core: Core,
  actor: Actor,
  contactId: string,
  o: { cursor?: string; limit: number; kinds?: TimelineKind[] },
): Promise<{ data: TimelineEntry[]; nextCursor: string | null }> {
  await getContact(core, actor, contactId);
  const kinds = new Set(o.kinds?.length ? o.kinds : TIMELINE_KINDS);
  const cur = o.cursor ? decode(o.cursor) : null;
  const ws = actor.workspaceId;
  const n = o.limit + 1;
  const parts: TimelineEntry[][] = await Promise.all([
    kinds.has('interaction')
      ? (async () => {
          let q = core.db
            .selectFrom('interactions')
            .selectAll()
            .where('workspace_id', '=', ws)
            .where('contact_id', '=', contactId)
            .where('deleted_at', 'is', null);
          if (cur) q = q.where((eb) => eb.or([eb('occurred_at', '<', cur.at), eb.and([eb('occurred_at', '=', cur.at), eb('id', '<', cur.id)])]));
          const rows = await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(n).execute();
          return rows.map((r) => ({ kind: 'interaction' as const, id: r.id, at: r.occurred_at, actorUserId: r.author_id, interaction: rowTo(r) }));
        })()
      : [],
    kinds.has('order')
      ? (async () => {
          let q = core.db
            .selectFrom('orders')
            .select(['id', 'ordered_at', 'created_by', 'number', 'status', 'total', 'currency', 'channel'])
            .select((eb) =>
              eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('c')).whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'),
            )
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
        })()
      : [],
    kinds.has('task')
      ? (async () => {
          // A task is on the timeline when it was done, or (still open) when it was set.
          const at = sql<string>`coalesce(tasks.done_at, tasks.created_at)`;
          let q = core.db
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
        })()
      : [],
    kinds.has('deal')
      ? (async () => {
          // The customer's deals as they were created and moved: their audit entries (audit ids are text, so by id list).
          const deals = await core.db
            .selectFrom('deals')
            .select(['id', 'title'])
            .where('workspace_id', '=', ws)
            .where('contact_id', '=', contactId)
            .limit(500)
            .execute();
          if (deals.length === 0) return [];
          const titles = new Map(deals.map((d) => [d.id, d.title]));
          let q = core.db
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
            q = q.where((eb) =>
              eb.or([eb('audit_log.created_at', '<', cur.at), eb.and([eb('audit_log.created_at', '=', cur.at), eb('audit_log.id', '<', cur.id)])]),
            );
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
        })()
      : [],
    kinds.has('ticket')
      ? (async () => {
          // Each message of the customer's tickets: what they wrote, the replies, notes and status changes.
          let q = core.db
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
              eb.or([
                eb('ticket_messages.created_at', '<', cur.at),
                eb.and([eb('ticket_messages.created_at', '=', cur.at), eb('ticket_messages.id', '<', cur.id)]),
              ]),
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
        })()
      : [],
    kinds.has('survey')
      ? (async () => {
          let q = core.db
            .selectFrom('survey_responses')
            .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
            .select([
              'survey_responses.id',
              'survey_responses.submitted_at',
              'survey_responses.survey_id',
              'survey_responses.follow_up_ticket_id',
              'surveys.name',
            ])
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
          const answers = await core.db
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
        })()
      : [],
    kinds.has('loyalty')
      ? (async () => {
          // Points earned, spent and expired, and tier changes.
          let q = core.db.selectFrom('points_ledger').selectAll().where('workspace_id', '=', ws).where('contact_id', '=', contactId);
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
        })()
      : [],
    kinds.has('change')
      ? (async () => {
          let q = core.db
            .selectFrom('audit_log')
            .selectAll()
            .where('workspace_id', '=', ws)
            .where('entity_type', '=', 'contact')
            .where('entity_id', '=', contactId);
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
        })()
      : [],
  ]);
  const all = parts.flat().sort(newer);
  const page = all.slice(0, o.limit);
  const last = page[page.length - 1];
  return { data: page, nextCursor: all.length > o.limit && last ? encode({ at: last.at, id: last.id }) : null };
}
