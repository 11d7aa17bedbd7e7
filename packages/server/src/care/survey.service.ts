import { sql, type Selectable } from 'kysely';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { checkQuestionAnswer, isScale, ResponseSchema, SURVEY_STATUSES, wordingIn, type FollowUp, type InvitationCreateInput, type QuestionInputT, type QuestionType, type SurveyCreateInput, type SurveyQuestion, type SurveyTrigger, type SurveyUpdateInput, type Wording } from '@kith/domain/care/survey.schema.ts';
import { timeZoneOf } from '@kith/domain/time/zone.ts';
import { cesSummary, csatSummary, npsSummary, trend, type NpsSummary, type ScoreSummary, type TrendBucket } from '@kith/domain/care/survey-stats.ts';
import { fromZodIssue } from '@kith/domain/schema/issues.ts';
import type { Core } from '../core.ts';
import type { Db } from '../db/create-db.ts';
import { readJson } from '../db/column-types.ts';
import { uuidv7 } from '../db/ids.ts';
import { by, recordAudit } from '../audit/audit.repository.ts';
import { emitEvent } from '../events/emit.ts';
import type { Actor } from '../auth/actor.ts';
import { hashSecret, randomSecret } from '../auth/secrets.ts';
import { reserve } from '../auth/throttle.ts';
import { authorize, readableContacts } from '../records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { listContacts } from '../contacts/contact.service.ts';
import { enqueue } from '../jobs/queue.ts';
import { onOrdersChanged } from '../commerce/order-events.ts';
import { countAnswers, dayRange, type RollupDim } from './survey-rollup.ts';
import { loadCare } from './care-settings.service.ts';
import type { SurveyInvitationTable, SurveyTable, TicketTable } from './care.table.ts';
import { queueMail } from './outbox.ts';
import { renderTemplate } from './templates.ts';
import { insertTicket, onResolved } from './ticket.service.ts';

/**
 * Surveys (issue 6, decision 0011 step 5): a survey is a list of questions; each recipient gets an
 * invitation whose token (32 random bytes) is only in the link — the database keeps its SHA-256 — which
 * expires and is answered once (a unique index on the invitation makes a second response impossible, not
 * merely unlikely). An unhappy answer (a detractor's NPS, a low CSAT) opens a follow-up ticket.
 */

export type Survey = {
  id: string;
  name: string;
  title: Wording;
  intro: Wording;
  status: (typeof SURVEY_STATUSES)[number];
  trigger: SurveyTrigger;
  followUp: FollowUp;
  expiresDays: number;
  questions: SurveyQuestion[];
  createdAt: string;
  updatedAt: string;
  version: number;
  stats: { invited: number; responded: number };
};

async function questionsOf(db: Db, surveyIds: string[]): Promise<Map<string, SurveyQuestion[]>> {
  const out = new Map<string, SurveyQuestion[]>();
  if (surveyIds.length === 0) return out;
  const rows = await db.selectFrom('survey_questions').selectAll().where('survey_id', 'in', surveyIds).orderBy('survey_id').orderBy('position').execute();
  for (const r of rows) {
    let list = out.get(r.survey_id);
    if (!list) out.set(r.survey_id, (list = []));
    list.push({ id: r.id, position: r.position, type: r.type as QuestionType, text: readJson<Wording>(r.text, {}), options: readJson<Wording[] | null>(r.options, null), required: Boolean(r.required) });
  }
  return out;
}

function toSurvey(r: Selectable<SurveyTable>, questions: SurveyQuestion[], stats = { invited: 0, responded: 0 }): Survey {
  return {
    id: r.id,
    name: r.name,
    title: readJson<Wording>(r.title, {}),
    intro: readJson<Wording>(r.intro, {}),
    status: r.status as Survey['status'],
    trigger: readJson<SurveyTrigger>(r.trigger, { kind: 'manual' }),
    followUp: readJson<FollowUp>(r.follow_up, { enabled: true, npsMax: 6, csatMax: 2, priority: 'high' }),
    expiresDays: r.expires_days,
    questions,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    stats,
  };
}

async function insertQuestions(db: Db, workspaceId: string, surveyId: string, questions: QuestionInputT[]): Promise<void> {
  await db
    .insertInto('survey_questions')
    .values(questions.map((q, i) => ({ id: uuidv7(), workspace_id: workspaceId, survey_id: surveyId, position: i, type: q.type, text: JSON.stringify(q.text), options: q.options ? JSON.stringify(q.options) : null, required: (q.required ?? q.type !== 'text') ? 1 : 0 })))
    .execute();
}

export async function createSurvey(core: Core, actor: Actor, input: SurveyCreateInput): Promise<Survey> {
  authorize(actor, 'surveys.manage');
  const id = uuidv7();
  await core.db.transaction().execute(async (trx) => {
    const now = core.now().toISOString();
    await trx
      .insertInto('surveys')
      .values({ id, workspace_id: actor.workspaceId, name: input.name, title: JSON.stringify(input.title ?? { vi: input.name, en: input.name }), intro: JSON.stringify(input.intro ?? {}), status: input.status, trigger: JSON.stringify(input.trigger), follow_up: JSON.stringify(input.followUp), expires_days: input.expiresDays, created_by: actor.userId, created_at: now, updated_at: now, deleted_at: null, version: 1 })
      .execute();
    await insertQuestions(trx, actor.workspaceId, id, input.questions);
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'survey', entityId: id, after: { name: input.name, questions: input.questions.length, trigger: input.trigger } }, core.now());
  });
  return getSurvey(core, actor, id);
}

async function findSurvey(db: Db, workspaceId: string, id: string): Promise<Selectable<SurveyTable> | undefined> {
  return db.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

async function statsOf(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, { invited: number; responded: number }>> {
  const out = new Map<string, { invited: number; responded: number }>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('survey_invitations')
    .select(['survey_id', (eb) => eb.fn.countAll<number>().as('invited'), (eb) => eb.fn.count<number>('responded_at').as('responded')])
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', 'in', ids)
    .groupBy('survey_id')
    .execute();
  for (const r of rows) out.set(r.survey_id, { invited: Number(r.invited), responded: Number(r.responded) });
  return out;
}

export async function getSurvey(core: Core, actor: Actor, id: string): Promise<Survey> {
  authorize(actor, 'surveys.read');
  const r = await findSurvey(core.db, actor.workspaceId, id);
  if (!r) throw notFound('Survey');
  return toSurvey(r, (await questionsOf(core.db, [id])).get(id) ?? [], (await statsOf(core.db, actor.workspaceId, [id])).get(id));
}

export async function listSurveys(core: Core, actor: Actor): Promise<{ data: Survey[] }> {
  authorize(actor, 'surveys.read');
  const rows = await core.db.selectFrom('surveys').selectAll().where('workspace_id', '=', actor.workspaceId).where('deleted_at', 'is', null).orderBy('created_at', 'desc').limit(500).execute();
  const ids = rows.map((r) => r.id);
  const qs = await questionsOf(core.db, ids);
  const stats = await statsOf(core.db, actor.workspaceId, ids);
  return { data: rows.map((r) => toSurvey(r, qs.get(r.id) ?? [], stats.get(r.id))) };
}

/** The active surveys a member may send (id, name, questions count), newest first: what an agent picks from to invite a customer. */
export async function sendableSurveys(core: Core, actor: Actor): Promise<{ data: { id: string; name: string; title: Wording; questions: number }[] }> {
  authorize(actor, 'surveys.send');
  const rows = await core.db
    .selectFrom('surveys')
    .select(['surveys.id', 'surveys.name', 'surveys.title'])
    .select((eb) => eb.selectFrom('survey_questions').select(eb.fn.countAll<number>().as('n')).whereRef('survey_questions.survey_id', '=', 'surveys.id').as('questions'))
    .where('surveys.workspace_id', '=', actor.workspaceId)
    .where('surveys.status', '=', 'active')
    .where('surveys.deleted_at', 'is', null)
    // Newest first, like the survey list: the one just made is the one offered.
    .orderBy('surveys.created_at', 'desc')
    .limit(500)
    .execute();
  return { data: rows.map((r) => ({ id: r.id, name: r.name, title: readJson<Wording>(r.title, {}), questions: Number(r.questions ?? 0) })) };
}

export async function updateSurvey(core: Core, actor: Actor, id: string, patch: SurveyUpdateInput): Promise<Survey> {
  authorize(actor, 'surveys.manage');
  await core.db.transaction().execute(async (trx) => {
    const before = await findSurvey(trx, actor.workspaceId, id);
    if (!before) throw notFound('Survey');
    const now = core.now().toISOString();
    if (patch.questions) {
      const answered = await trx.selectFrom('survey_responses').select('id').where('survey_id', '=', id).limit(1).executeTakeFirst();
      if (answered) throw new AppError('conflict', 'The questions of a survey that has answers cannot change (the answers point at them); copy the survey instead');
      await trx.deleteFrom('survey_questions').where('survey_id', '=', id).execute();
      await insertQuestions(trx, actor.workspaceId, id, patch.questions);
    }
    await trx
      .updateTable('surveys')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.title !== undefined ? { title: JSON.stringify(patch.title) } : {}),
        ...(patch.intro !== undefined ? { intro: JSON.stringify(patch.intro) } : {}),
        ...(patch.trigger !== undefined ? { trigger: JSON.stringify(patch.trigger) } : {}),
        ...(patch.followUp !== undefined ? { follow_up: JSON.stringify(patch.followUp) } : {}),
        ...(patch.expiresDays !== undefined ? { expires_days: patch.expiresDays } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: now,
        version: before.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { ...by(actor), action: 'update', entityType: 'survey', entityId: id, before: { name: before.name, status: before.status }, after: { ...patch, questions: patch.questions?.length } }, core.now());
  });
  return getSurvey(core, actor, id);
}

export async function deleteSurvey(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'surveys.manage');
  await core.db.transaction().execute(async (trx) => {
    const before = await findSurvey(trx, actor.workspaceId, id);
    if (!before) throw notFound('Survey');
    const now = core.now().toISOString();
    await trx.updateTable('surveys').set({ deleted_at: now, status: 'archived', updated_at: now, version: before.version + 1 }).where('id', '=', id).execute();
    await recordAudit(trx, { ...by(actor), action: 'delete', entityType: 'survey', entityId: id, before: { name: before.name } }, core.now());
  });
}

// ------------------------------------------------------------------------------------------ invitations

export const surveyUrl = (core: Core, token: string) => `${core.config.publicUrl}/s/${token}`;

export type NewInvitation = { workspaceId: string; surveyId: string; contactId: string; locale?: string; channel: 'link' | 'email'; ticketId?: string | null; orderId?: string | null; createdBy: string | null };

/** Make an invitation (and email it when asked); the token is returned once and only its hash is kept. */
export async function insertInvitation(trx: Db, core: Core, inv: NewInvitation, survey: Selectable<SurveyTable>): Promise<{ id: string; token: string; url: string; expiresAt: string; mailId: string | null }> {
  const now = core.now();
  const token = randomSecret(32);
  const id = uuidv7();
  const ws = await findWorkspace(trx, inv.workspaceId);
  const locale = inv.locale ?? ws?.locale ?? 'vi';
  const expiresAt = new Date(now.getTime() + survey.expires_days * 86_400_000).toISOString();
  await trx
    .insertInto('survey_invitations')
    .values({ id, workspace_id: inv.workspaceId, survey_id: inv.surveyId, contact_id: inv.contactId, token_hash: hashSecret(token), locale, ticket_id: inv.ticketId ?? null, order_id: inv.orderId ?? null, channel: inv.channel, expires_at: expiresAt, opened_at: null, responded_at: null, created_by: inv.createdBy, created_at: now.toISOString() })
    .execute();
  const url = surveyUrl(core, token);
  let mailId: string | null = null;
  if (inv.channel === 'email') {
    const contact = await trx.selectFrom('contacts').select(['name', 'emails']).where('id', '=', inv.contactId).executeTakeFirstOrThrow();
    const to = readJson<string[]>(contact.emails, [])[0];
    if (to) {
      const title = wordingIn(readJson<Wording>(survey.title, {}), locale) || survey.name;
      const template =
        locale === 'en'
          ? 'Dear {{contact.name}},\n\nThank you for choosing {{workspace.name}}. Could you tell us how we did? It takes a minute:\n\n{{survey.url}}\n\nThe link works until {{survey.expires}}.\n\n{{workspace.name}}'
          : 'Kính gửi {{contact.name}},\n\nCảm ơn anh/chị đã tin chọn {{workspace.name}}. Anh/chị vui lòng dành một phút cho chúng tôi biết cảm nhận của mình:\n\n{{survey.url}}\n\nĐường dẫn dùng được đến {{survey.expires}}.\n\n{{workspace.name}}';
      const expires = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'long', timeZone: ws?.timezone ?? 'Asia/Ho_Chi_Minh' }).format(new Date(expiresAt));
      const body = renderTemplate(template, { contact: { name: contact.name }, workspace: { name: ws?.name ?? '' }, survey: { url, expires } });
      // Asking a customer about a ticket or an order they had is service mail; otherwise it needs consent.
      const purpose = inv.ticketId || inv.orderId ? 'transactional' : 'marketing';
      mailId = await queueMail(trx, { workspaceId: inv.workspaceId, contactId: inv.contactId, to, subject: title, text: body.text, html: body.html, purpose, relatedType: 'survey_invitation', relatedId: id }, now);
    }
  }
  return { id, token, url, expiresAt, mailId };
}

export async function createInvitation(core: Core, actor: Actor, surveyId: string, input: InvitationCreateInput) {
  authorize(actor, 'surveys.send');
  return core.db.transaction().execute(async (trx) => {
    const survey = await findSurvey(trx, actor.workspaceId, surveyId);
    if (!survey) throw notFound('Survey');
    if (survey.status !== 'active') throw new AppError('conflict', 'The survey is not active; activate it before sending it');
    const issues: FieldIssue[] = [];
    if (!(await readableContacts(trx, actor, [input.contactId])).has(input.contactId)) issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
    if (input.ticketId) {
      const t = await trx.selectFrom('tickets').select('contact_id').where('workspace_id', '=', actor.workspaceId).where('id', '=', input.ticketId).executeTakeFirst();
      if (!t || t.contact_id !== input.contactId) issues.push({ path: ['ticketId'], message: 'No such ticket of this customer', code: 'not_found' });
    }
    if (input.orderId) {
      const o = await trx.selectFrom('orders').select('contact_id').where('workspace_id', '=', actor.workspaceId).where('id', '=', input.orderId).executeTakeFirst();
      if (!o || o.contact_id !== input.contactId) issues.push({ path: ['orderId'], message: 'No such order of this customer', code: 'not_found' });
    }
    if (issues.length) throw invalid(issues, 'The invitation is invalid');
    const r = await insertInvitation(trx, core, { workspaceId: actor.workspaceId, surveyId, contactId: input.contactId, ...(input.locale ? { locale: input.locale } : {}), channel: input.channel, ticketId: input.ticketId ?? null, orderId: input.orderId ?? null, createdBy: actor.userId }, survey);
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'survey_invitation', entityId: r.id, after: { surveyId, channel: input.channel }, meta: { contactId: input.contactId } }, core.now());
    return r;
  });
}

export const BULK_MAX = 5_000;

/**
 * Invite a list of customers at once — given by id, or every customer of a saved segment the member may
 * use — in one transaction: all or nothing. Customers the member may not see are refused (422 naming
 * them); those with an unanswered, unexpired invitation to this survey are skipped, not asked twice.
 */
export async function createInvitations(core: Core, actor: Actor, surveyId: string, input: { contactIds?: string[]; segmentId?: string; channel: 'link' | 'email'; locale?: 'vi' | 'en' }) {
  authorize(actor, 'surveys.send');
  let ids = [...new Set(input.contactIds ?? [])];
  if (input.segmentId) {
    let cursor: string | undefined;
    do {
      const page = await listContacts(core, actor, { limit: 500, deleted: 'exclude', includeTotal: false, raw: { segment: input.segmentId }, ...(cursor ? { cursor } : {}) });
      ids.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      if (ids.length > BULK_MAX) throw invalid([{ path: ['segmentId'], message: `The segment holds more than ${BULK_MAX.toLocaleString('en')} customers; send to a narrower one`, code: 'too_many', params: { maximum: BULK_MAX } }]);
    } while (cursor);
    ids = [...new Set(ids)];
  }
  if (ids.length === 0) throw invalid([{ path: [input.segmentId ? 'segmentId' : 'contactIds'], message: 'No customers to invite', code: 'too_few', params: { minimum: 1 } }]);
  if (ids.length > BULK_MAX) throw invalid([{ path: ['contactIds'], message: `At most ${BULK_MAX.toLocaleString('en')} customers at a time`, code: 'too_many', params: { maximum: BULK_MAX } }]);
  return core.db.transaction().execute(async (trx) => {
    const survey = await findSurvey(trx, actor.workspaceId, surveyId);
    if (!survey) throw notFound('Survey');
    if (survey.status !== 'active') throw new AppError('conflict', 'The survey is not active; activate it before sending it');
    const readable = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) for (const id of (await readableContacts(trx, actor, ids.slice(i, i + 500))).keys()) readable.add(id);
    const unknown = ids.map((id, i) => [id, i] as const).filter(([id]) => !readable.has(id));
    if (unknown.length) throw invalid(unknown.slice(0, 50).map(([, i]) => ({ path: ['contactIds', i], message: 'No such customer (or not one you may see)', code: 'not_found' })), 'Some customers cannot be invited');
    const now = core.now().toISOString();
    const open = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx.selectFrom('survey_invitations').select('contact_id').where('survey_id', '=', surveyId).where('contact_id', 'in', ids.slice(i, i + 500)).where('responded_at', 'is', null).where('expires_at', '>', now).execute();
      for (const r of rows) open.add(r.contact_id);
    }
    const out: { contactId: string; url: string; token: string }[] = [];
    for (const contactId of ids) {
      if (open.has(contactId)) continue;
      const r = await insertInvitation(trx, core, { workspaceId: actor.workspaceId, surveyId, contactId, ...(input.locale ? { locale: input.locale } : {}), channel: input.channel, createdBy: actor.userId }, survey);
      out.push({ contactId, url: r.url, token: r.token });
    }
    await recordAudit(trx, { ...by(actor), action: 'create', entityType: 'survey_invitation', entityId: surveyId, after: { surveyId, channel: input.channel, invited: out.length, skipped: open.size, ...(input.segmentId ? { segmentId: input.segmentId } : {}) } }, core.now());
    return { invited: out.length, skipped: open.size, invitations: input.channel === 'link' ? out : out.map(({ contactId }) => ({ contactId, url: null, token: null })) };
  });
}

// ------------------------------------------------------------------------------------------ the public side

export type PublicSurvey = { invitation: Selectable<SurveyInvitationTable>; survey: Selectable<SurveyTable>; questions: SurveyQuestion[]; workspaceName: string; contactName: string };

/** The survey behind a link's token: 404 for a token never given, 410 once expired. */
export async function surveyByToken(core: Core, token: string): Promise<PublicSurvey> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('Survey');
  const invitation = await core.db.selectFrom('survey_invitations').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!invitation) throw notFound('Survey');
  const survey = await core.db.selectFrom('surveys').selectAll().where('id', '=', invitation.survey_id).executeTakeFirst();
  if (!survey || survey.deleted_at) throw notFound('Survey');
  const ws = await findWorkspace(core.db, invitation.workspace_id);
  const contact = await core.db.selectFrom('contacts').select('name').where('id', '=', invitation.contact_id).executeTakeFirst();
  return { invitation, survey, questions: (await questionsOf(core.db, [survey.id])).get(survey.id) ?? [], workspaceName: ws?.name ?? '', contactName: contact?.name ?? '' };
}

export function invitationState(p: PublicSurvey, now: Date): 'open' | 'answered' | 'expired' | 'closed' {
  if (p.invitation.responded_at) return 'answered';
  if (Date.parse(p.invitation.expires_at) <= now.getTime()) return 'expired';
  if (p.survey.status !== 'active') return 'closed';
  return 'open';
}

export async function markOpened(core: Core, invitationId: string): Promise<void> {
  await core.db.updateTable('survey_invitations').set({ opened_at: core.now().toISOString() }).where('id', '=', invitationId).where('opened_at', 'is', null).execute();
}

/** Per link: a handful of tries (someone fixing a missing answer); per address: a page of links at a time. */
export const TOKEN_LIMIT = { max: 10, windowMs: 10 * 60_000 };
export const ADDRESS_LIMIT = { max: 120, windowMs: 10 * 60_000 };

/**
 * Record the answers of one invitation. Rate-limited per token and per address (429); 404 for an unknown
 * token, 410 once expired, 409 once answered (also when two submissions race: the unique index decides);
 * 400 naming `/answers/i/value` for an answer out of range. Unhappy answers open a follow-up ticket.
 */
export async function submitResponse(core: Core, token: string, body: unknown, ip: string | null): Promise<{ id: string; followUpTicketId: string | null }> {
  const nowMs = core.now().getTime();
  // Refused tries count against the link (a script replaying it, someone guessing); every try counts against the address.
  const tokenLimit = { key: `survey:${hashSecret(String(token)).slice(0, 32)}`, ...TOKEN_LIMIT };
  const ipLimit = ip ? [{ key: `survey-ip:${ip}`, ...ADDRESS_LIMIT }] : [];
  // Counted before the work (a burst of parallel submissions sees distinct counts); an accepted answer gives the link's try back.
  const attempt = await reserve(core.db, [tokenLimit, ...ipLimit], nowMs);
  if (attempt.wait > 0) throw new AppError('rate_limited', 'Too many submissions for this survey link; try again later', { reason: 'too_many_attempts', extra: { retryAfter: attempt.wait } });
  const r = await recordResponse(core, token, body);
  await attempt.refund([tokenLimit.key]);
  return r;
}

async function recordResponse(core: Core, token: string, body: unknown): Promise<{ id: string; followUpTicketId: string | null }> {
  const p = await surveyByToken(core, token);
  const state = invitationState(p, core.now());
  if (state === 'answered') throw new AppError('conflict', 'This survey link has already been answered; thank you');
  if (state === 'expired') throw new AppError('gone', 'This survey link has expired');
  if (state === 'closed') throw new AppError('gone', 'This survey is closed');

  const parsed = ResponseSchema.safeParse(body);
  if (!parsed.success) throw new AppError('bad_request', 'The answers are not in the expected form', { issues: parsed.error.issues.map((i) => fromZodIssue(i)) });
  if (parsed.data.website) throw new AppError('bad_request', 'The answers are not in the expected form');
  const byId = new Map(p.questions.map((q) => [q.id, q]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  parsed.data.answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    if (!q) return void issues.push({ path: ['answers', i, 'questionId'], message: 'Not a question of this survey', code: 'not_found' });
    if (seen.has(a.questionId)) return void issues.push({ path: ['answers', i, 'questionId'], message: 'This question is answered twice', code: 'not_unique' });
    seen.add(a.questionId);
    const why = checkQuestionAnswer(q, a.value);
    if (why) issues.push({ path: ['answers', i, 'value'], message: why.charAt(0).toUpperCase() + why.slice(1), code: 'invalid' });
  });
  for (const q of p.questions) if (q.required && !seen.has(q.id)) issues.push({ path: ['answers'], message: `Question ${q.position + 1} needs an answer`, code: 'required', params: { question: q.id } });
  if (issues.length) throw new AppError('bad_request', 'Some answers are missing or out of range', { issues });

  const ws = p.invitation.workspace_id;
  try {
    return await core.db.transaction().execute(async (trx) => {
      const now = core.now();
      const at = now.toISOString();
      const claimed = await trx.updateTable('survey_invitations').set({ responded_at: at }).where('id', '=', p.invitation.id).where('responded_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('conflict', 'This survey link has already been answered; thank you');
      const responseId = uuidv7();
      await trx.insertInto('survey_responses').values({ id: responseId, workspace_id: ws, survey_id: p.survey.id, invitation_id: p.invitation.id, contact_id: p.invitation.contact_id, ticket_id: p.invitation.ticket_id, follow_up_ticket_id: null, submitted_at: at }).execute();
      // What the answers are reported by: the ticket asked about (its team, agent and category).
      const about = p.invitation.ticket_id ? await trx.selectFrom('tickets').select(['team_id', 'assignee_id', 'category']).where('id', '=', p.invitation.ticket_id).executeTakeFirst() : undefined;
      const scored = await trx.selectFrom('customer_scores').select('segment').where('contact_id', '=', p.invitation.contact_id).where('workspace_id', '=', ws).executeTakeFirst();
      const rows = parsed.data.answers.map((a) => {
        const q = byId.get(a.questionId)!;
        return {
          id: uuidv7(), workspace_id: ws, response_id: responseId, survey_id: p.survey.id, question_id: q.id, contact_id: p.invitation.contact_id, type: q.type,
          value_num: isScale(q.type) || q.type === 'single' ? (a.value as number) : null,
          value_text: q.type === 'text' ? String(a.value).normalize('NFC').trim() : null,
          value_choices: q.type === 'multiple' ? JSON.stringify(a.value) : null,
          team_id: about?.team_id ?? null, agent_id: about?.assignee_id ?? null, category: about?.category ?? null, segment: scored?.segment ?? null, answered_at: at,
        };
      });
      if (rows.length) await trx.insertInto('survey_answers').values(rows).execute();
      await emitEvent(trx, { type: 'survey.answered', workspaceId: ws, at, payload: { responseId, surveyId: p.survey.id, contactId: p.invitation.contact_id, nps: rows.find((r) => r.type === 'nps')?.value_num ?? null, csat: rows.find((r) => r.type === 'csat')?.value_num ?? null } });
      const wsRow = await findWorkspace(trx, ws);
      await countAnswers(trx, ws, wsRow?.timezone ?? 'Asia/Ho_Chi_Minh', now, rows.filter((r) => r.value_num !== null).map((r) => ({ surveyId: r.survey_id, type: r.type, value: r.value_num!, teamId: r.team_id, agentId: r.agent_id, category: r.category, segment: r.segment })));
      await recordAudit(trx, { workspaceId: ws, actorUserId: null, action: 'create', entityType: 'survey_response', entityId: responseId, after: { surveyId: p.survey.id, answers: rows.length }, meta: { contactId: p.invitation.contact_id, via: 'survey link' } }, now);
      const followUpTicketId = await maybeFollowUp(trx, core, p, responseId, parsed.data.answers, now);
      if (followUpTicketId) await trx.updateTable('survey_responses').set({ follow_up_ticket_id: followUpTicketId }).where('id', '=', responseId).execute();
      return { id: responseId, followUpTicketId };
    });
  } catch (e) {
    // Two submissions at once: the loser's insert breaks the unique index on the invitation.
    if (e instanceof AppError) throw e;
    if (/unique|duplicate key/i.test(String((e as Error).message))) throw new AppError('conflict', 'This survey link has already been answered; thank you');
    throw e;
  }
}

/** A detractor's NPS or a low CSAT opens a ticket for the customer, with the team or agent who served them. */
async function maybeFollowUp(trx: Db, core: Core, p: PublicSurvey, responseId: string, answers: { questionId: string; value: unknown }[], now: Date): Promise<string | null> {
  const f = readJson<FollowUp>(p.survey.follow_up, { enabled: true, npsMax: 6, csatMax: 2, priority: 'high' });
  if (!f.enabled) return null;
  const byId = new Map(p.questions.map((q) => [q.id, q]));
  const unhappy = answers.filter((a) => {
    const q = byId.get(a.questionId)!;
    return (q.type === 'nps' && (a.value as number) <= f.npsMax) || (q.type === 'csat' && (a.value as number) <= f.csatMax);
  });
  if (unhappy.length === 0) return null;
  const ws = p.invitation.workspace_id;
  const care = await loadCare(trx, ws, now);
  const locale = care.locale;
  const about = p.invitation.ticket_id ? await trx.selectFrom('tickets').select(['team_id', 'assignee_id', 'number']).where('id', '=', p.invitation.ticket_id).executeTakeFirst() : undefined;
  const contact = await trx.selectFrom('contacts').select(['owner_id', 'team_id']).where('id', '=', p.invitation.contact_id).executeTakeFirstOrThrow();
  const scoreText = unhappy.map((a) => `${byId.get(a.questionId)!.type.toUpperCase()} ${a.value as number}`).join(', ');
  const lines = answers.map((a) => {
    const q = byId.get(a.questionId)!;
    const v = q.type === 'single' ? wordingIn(q.options?.[a.value as number], locale) : q.type === 'multiple' ? (a.value as number[]).map((i) => wordingIn(q.options?.[i], locale)).join(', ') : String(a.value);
    return `• ${wordingIn(q.text, locale)}: ${v}`;
  });
  const surveyName = p.survey.name;
  const subject = locale === 'en' ? `Unhappy survey answer (${scoreText}): ${surveyName}` : `Khách chưa hài lòng (${scoreText}): ${surveyName}`;
  const intro = locale === 'en' ? `The customer answered the survey "${surveyName}"${about ? ` about ticket #${about.number}` : ''}:` : `Khách hàng đã trả lời khảo sát "${surveyName}"${about ? ` về yêu cầu #${about.number}` : ''}:`;
  const t = await insertTicket(
    trx,
    core,
    null,
    ws,
    {
      contactId: p.invitation.contact_id,
      subject: subject.slice(0, 200),
      priority: f.priority,
      category: care.settings.categories.includes('complaint') ? 'complaint' : null,
      channel: 'survey',
      message: `${intro}\n${lines.join('\n')}`.slice(0, 20_000),
      assigneeId: about?.assignee_id ?? contact.owner_id ?? null,
      teamId: about?.team_id ?? contact.team_id ?? null,
    },
    { source: 'survey_response', sourceId: responseId, createdBy: null },
  );
  return t.id;
}

// ------------------------------------------------------------------------------------------ triggers

export const SURVEY_INVITE_JOB = 'survey.invite';
export type SurveyInvitePayload = { surveyId: string; workspaceId: string; contactId: string; ticketId?: string; orderId?: string };

/** Schedule the invitations of the active surveys with this trigger (the job sends them when due). */
export async function scheduleSurveyTriggers(trx: Db, kind: 'ticket_resolved' | 'order_delivered', o: { workspaceId: string; contactId: string; ticketId?: string; orderId?: string }, now: Date): Promise<number> {
  const surveys = await trx.selectFrom('surveys').select(['id', 'trigger']).where('workspace_id', '=', o.workspaceId).where('status', '=', 'active').where('deleted_at', 'is', null).execute();
  let n = 0;
  for (const s of surveys) {
    const trigger = readJson<SurveyTrigger>(s.trigger, { kind: 'manual' });
    if (trigger.kind !== kind) continue;
    const delayMs = trigger.kind === 'ticket_resolved' ? trigger.delayMinutes * 60_000 : trigger.kind === 'order_delivered' ? trigger.delayDays * 86_400_000 : 0;
    const ref = o.ticketId ?? o.orderId ?? o.contactId;
    const payload: SurveyInvitePayload = { surveyId: s.id, workspaceId: o.workspaceId, contactId: o.contactId, ...(o.ticketId ? { ticketId: o.ticketId } : {}), ...(o.orderId ? { orderId: o.orderId } : {}) };
    // One invitation per survey and ticket (or order), however often it is resolved again.
    if (await enqueue(trx, { kind: SURVEY_INVITE_JOB, workspaceId: o.workspaceId, runAt: new Date(now.getTime() + delayMs), key: `survey:${s.id}:${ref}`, payload }, now)) n++;
  }
  return n;
}

/** The job: make the invitation and email it (a customer without an email address gets the link on their timeline only). */
export async function runSurveyInvite(core: Core, p: SurveyInvitePayload): Promise<{ invitationId: string | null }> {
  return core.db.transaction().execute(async (trx) => {
    const survey = await findSurvey(trx, p.workspaceId, p.surveyId);
    if (!survey || survey.status !== 'active') return { invitationId: null };
    const contact = await trx.selectFrom('contacts').select(['id', 'deleted_at']).where('id', '=', p.contactId).executeTakeFirst();
    if (!contact || contact.deleted_at) return { invitationId: null };
    const r = await insertInvitation(trx, core, { workspaceId: p.workspaceId, surveyId: p.surveyId, contactId: p.contactId, channel: 'email', ticketId: p.ticketId ?? null, orderId: p.orderId ?? null, createdBy: null }, survey);
    return { invitationId: r.id };
  });
}

onOrdersChanged(async (trx, core, e) => {
  // An import brings history: its orders were delivered long ago and trigger nothing.
  if (e.bulk) return;
  for (const c of e.changes) {
    if (c.to === 'delivered' && c.from !== 'delivered') await scheduleSurveyTriggers(trx, 'order_delivered', { workspaceId: e.workspaceId, contactId: c.contactId, orderId: c.orderId }, core.now());
  }
});

onResolved(async (trx, _core, t: Selectable<TicketTable>, now) => {
  await scheduleSurveyTriggers(trx, 'ticket_resolved', { workspaceId: t.workspace_id, contactId: t.contact_id, ticketId: t.id }, now);
});

// ------------------------------------------------------------------------------------------ results

export type Breakdown = 'none' | 'team' | 'agent' | 'category' | 'segment' | 'survey' | 'product';
export type Results = {
  nps: NpsSummary & { trend: TrendBucket<{ n: number; nps: number | null; low: number | null; high: number | null }>[]; distribution: number[] };
  csat: ScoreSummary & { trend: TrendBucket<{ n: number; mean: number | null; satisfied: number | null }>[]; distribution: number[] };
  ces: ScoreSummary & { distribution: number[] };
  groups: { key: string | null; nps: number | null; npsN: number; npsInterval: { low: number; high: number } | null; csat: number | null; csatN: number }[];
  responses: number;
  invited: number;
};

function expand(counts: number[], min: number): number[] {
  const out: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) out.push(i + min);
  });
  return out;
}

/**
 * NPS, CSAT and CES over the answers given on the workspace's local days from `from` to `to` — of one survey
 * or all — with intervals, trends by week or month, and a breakdown by team, agent, category (of the ticket
 * asked about), survey, RFM segment (the customer's when they answered) or product. Totals, trends and all
 * but the product breakdown are sums over the daily counts (survey-rollup.ts: a few thousand rows a year);
 * the product breakdown joins the answers to their orders' lines, over the same days.
 */
export async function surveyResults(core: Core, actor: Actor, o: { surveyId?: string; from: string; to: string; bucket: 'week' | 'month'; by: Breakdown }): Promise<Results> {
  authorize(actor, 'surveys.read');
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const tz = ws?.timezone ?? 'Asia/Ho_Chi_Minh';
  const { first, last } = dayRange(tz, o.from, o.to);
  const zone = timeZoneOf(tz);
  const counts = (dim: RollupDim) => {
    let q = core.db.selectFrom('survey_answer_days').where('workspace_id', '=', actor.workspaceId).where('dim', '=', dim).where('day', '>=', first).where('day', '<=', last);
    if (o.surveyId) q = q.where('survey_id', '=', o.surveyId);
    return q;
  };
  const byDay = (await counts('all').select(['type', 'value', 'day', (eb) => eb.fn.sum<number>('n').as('n')]).groupBy(['type', 'value', 'day']).execute()).map((r) => ({ type: r.type, v: Number(r.value), d: r.day, n: Number(r.n) }));

  const groups = new Map<string | null, { nps: number[]; csat: number[] }>();
  const add = (key: string | null, type: string, v: number, n: number) => {
    if (type !== 'nps' && type !== 'csat') return;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { nps: Array(11).fill(0), csat: Array(5).fill(0) }));
    const i = v - (type === 'nps' ? 0 : 1);
    g[type][i] = (g[type][i] ?? 0) + n;
  };
  if (o.by === 'team' || o.by === 'agent' || o.by === 'category' || o.by === 'segment') {
    for (const r of await counts(o.by).select(['type', 'value', 'key', (eb) => eb.fn.sum<number>('n').as('n')]).groupBy(['type', 'value', 'key']).execute()) add(r.key === '' ? null : r.key, r.type, Number(r.value), Number(r.n));
  } else if (o.by === 'survey') {
    for (const r of await counts('all').select(['type', 'value', 'survey_id', (eb) => eb.fn.sum<number>('n').as('n')]).groupBy(['type', 'value', 'survey_id']).execute()) add(r.survey_id, r.type, Number(r.value), Number(r.n));
  } else if (o.by === 'product') {
    // The same local days as instants: from the first day's midnight to the midnight after the last.
    const fromAt = new Date(zone.wallToUtc(Date.parse(`${first}T00:00:00Z`))).toISOString();
    const toAt = new Date(zone.wallToUtc(Date.parse(`${last}T00:00:00Z`) + 86_400_000)).toISOString();
    let q = core.db
      .selectFrom('survey_answers')
      .where('survey_answers.workspace_id', '=', actor.workspaceId)
      .where('survey_answers.type', 'in', ['nps', 'csat'])
      .where('survey_answers.answered_at', '>=', fromAt)
      .where('survey_answers.answered_at', '<', toAt);
    if (o.surveyId) q = q.where('survey_answers.survey_id', '=', o.surveyId);
    // By product: an answer about an order counts for each product on it (answers about no order are left out).
    q = q
      .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .innerJoin('survey_invitations', 'survey_invitations.id', 'survey_responses.invitation_id')
      .innerJoin('order_lines', 'order_lines.order_id', 'survey_invitations.order_id')
      .where('order_lines.product_id', 'is not', null) as unknown as typeof q;
    const groupCol = sql<string | null>`order_lines.product_id`;
    const rows = await q.select([sql<string>`survey_answers.type`.as('type'), sql<number>`survey_answers.value_num`.as('v'), groupCol.as('g'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy([sql`1`, sql`2`, sql`3`] as never).execute();
    for (const r of rows) add(r.g === null || r.g === undefined ? null : String(r.g), r.type, Number(r.v), Number(r.n));
  }

  const dist = { nps: Array(11).fill(0) as number[], csat: Array(5).fill(0) as number[], ces: Array(7).fill(0) as number[] };
  for (const r of byDay) {
    const d = dist[r.type as 'nps' | 'csat' | 'ces'];
    const i = r.v - (r.type === 'nps' ? 0 : 1);
    d[i] = (d[i] ?? 0) + r.n;
  }
  // Trends: one timed entry per (day, value) row, at local noon of its day, whose value is the row's index, so
  // a bucket's summary adds up the counts.
  const instantOf = (d: string) => new Date(zone.wallToUtc(Date.parse(`${d}T12:00:00Z`))).toISOString();
  const trendOf = <T,>(type: 'nps' | 'csat', summarise: (counts: number[]) => T) => {
    const own = byDay.filter((r) => r.type === type);
    const size = type === 'nps' ? 11 : 5;
    const min = type === 'nps' ? 0 : 1;
    return trend(
      own.map((r, i) => ({ at: instantOf(r.d), value: i })),
      o.bucket,
      tz,
      (idx) => {
        const counts = Array(size).fill(0) as number[];
        for (const i of idx) counts[own[i]!.v - min]! += own[i]!.n;
        return summarise(counts);
      },
    );
  };
  const npsAll = npsSummary(expand(dist.nps, 0));
  const csatAll = csatSummary(expand(dist.csat, 1));
  const cesAll = cesSummary(expand(dist.ces, 1));
  const responses = await core.db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('submitted_at', '>=', o.from)
    .where('submitted_at', '<', o.to)
    .$if(Boolean(o.surveyId), (qb) => qb.where('survey_id', '=', o.surveyId!))
    .executeTakeFirstOrThrow();
  const invited = await core.db
    .selectFrom('survey_invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', actor.workspaceId)
    .where('created_at', '>=', o.from)
    .where('created_at', '<', o.to)
    .$if(Boolean(o.surveyId), (qb) => qb.where('survey_id', '=', o.surveyId!))
    .executeTakeFirstOrThrow();
  return {
    nps: {
      ...npsAll,
      distribution: dist.nps,
      trend: trendOf('nps', (c) => {
        const s = npsSummary(expand(c, 0));
        return { n: s.n, nps: s.nps, low: s.interval?.low ?? null, high: s.interval?.high ?? null };
      }),
    },
    csat: {
      ...csatAll,
      distribution: dist.csat,
      trend: trendOf('csat', (c) => {
        const s = csatSummary(expand(c, 1));
        return { n: s.n, mean: s.mean, satisfied: s.favourableShare };
      }),
    },
    ces: { ...cesAll, distribution: dist.ces },
    groups: [...groups.entries()]
      .map(([key, g]) => {
        const n = npsSummary(expand(g.nps, 0));
        const c = csatSummary(expand(g.csat, 1));
        return { key, nps: n.nps, npsN: n.n, npsInterval: n.interval, csat: c.favourableShare, csatN: c.n };
      })
      .sort((a, b) => b.npsN + b.csatN - (a.npsN + a.csatN)),
    responses: Number(responses.n),
    invited: Number(invited.n),
  };
}

/** Free-text answers, newest first, searchable (case-insensitive substring), with who gave them. */
export async function textAnswers(core: Core, actor: Actor, o: { q?: string; surveyId?: string; limit: number }): Promise<{ data: { id: string; surveyId: string; contactId: string; contactName: string | null; text: string; answeredAt: string }[] }> {
  authorize(actor, 'surveys.read');
  let q = core.db
    .selectFrom('survey_answers')
    .innerJoin('contacts', 'contacts.id', 'survey_answers.contact_id')
    .select(['survey_answers.id', 'survey_answers.survey_id', 'survey_answers.contact_id', 'contacts.name', 'survey_answers.value_text', 'survey_answers.answered_at'])
    .where('survey_answers.workspace_id', '=', actor.workspaceId)
    .where('survey_answers.type', '=', 'text')
    .where('survey_answers.value_text', '<>', '');
  if (o.surveyId) q = q.where('survey_answers.survey_id', '=', o.surveyId);
  if (o.q) {
    const like = `%${o.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql`lower(survey_answers.value_text)`, 'like', sql`${like} escape '\\'`);
  }
  const rows = await q.orderBy('survey_answers.answered_at', 'desc').orderBy('survey_answers.id', 'desc').limit(o.limit).execute();
  return { data: rows.map((r) => ({ id: r.id, surveyId: r.survey_id, contactId: r.contact_id, contactName: r.name, text: r.value_text ?? '', answeredAt: r.answered_at })) };
}
