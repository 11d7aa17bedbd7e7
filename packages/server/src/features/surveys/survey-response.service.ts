import type { Selectable } from 'kysely';
import { AppError, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { checkQuestionAnswer, isScale, ResponseSchema, wordingIn, type FollowUp, type SurveyQuestion } from '@kith/domain/surveys/survey.schema.ts';
import { fromZodIssue } from '@kith/domain/schema/issues.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { hashSecret } from '../../platform/auth/secrets.ts';
import { reserve } from '../../platform/auth/throttle.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { countAnswers } from './survey-rollup.ts';
import { loadCare } from '../tickets/care-settings.service.ts';
import type { SurveyInvitationTable, SurveyTable } from './survey.table.ts';
import { insertTicket } from '../tickets/ticket-create.service.ts';
import { questionsOf } from './survey.service.ts';
import { t as message } from '../../platform/i18n/messages.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import { currentScores } from '../analytics/score.repository.ts';

/**
 * The public side of a survey: the page behind an invitation's link and the answers it records, once per
 * invitation; an unhappy answer (a detractor's NPS, a low CSAT) opens a follow-up ticket.
 */

export type PublicSurvey = {
  invitation: Selectable<SurveyInvitationTable>;
  survey: Selectable<SurveyTable>;
  questions: SurveyQuestion[];
  workspaceName: string;
  contactName: string;
};

/** The survey behind a link's token: 404 for a token never given, 410 once expired. */
export async function surveyByToken(core: Core, token: string): Promise<PublicSurvey> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('Survey');
  const invitation = await core.db.selectFrom('survey_invitations').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!invitation) throw notFound('Survey');
  const survey = await core.db.selectFrom('surveys').selectAll().where('id', '=', invitation.survey_id).executeTakeFirst();
  if (!survey || survey.deleted_at) throw notFound('Survey');
  const ws = await findWorkspace(core.db, invitation.workspace_id);
  const contact = await core.db.selectFrom('contacts').select('name').where('id', '=', invitation.contact_id).executeTakeFirst();
  return {
    invitation,
    survey,
    questions: (await questionsOf(core.db, [survey.id])).get(survey.id) ?? [],
    workspaceName: ws?.name ?? '',
    contactName: contact?.name ?? '',
  };
}

export function invitationState(p: PublicSurvey, now: Date): 'open' | 'answered' | 'expired' | 'closed' {
  if (p.invitation.responded_at) return 'answered';
  if (Date.parse(p.invitation.expires_at) <= now.getTime()) return 'expired';
  if (p.survey.status !== 'active') return 'closed';
  return 'open';
}

export async function markOpened(core: Core, invitationId: string): Promise<void> {
  await core.db
    .updateTable('survey_invitations')
    .set({ opened_at: core.now().toISOString() })
    .where('id', '=', invitationId)
    .where('opened_at', 'is', null)
    .execute();
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
  if (attempt.wait > 0)
    throw new AppError('rate_limited', 'Too many submissions for this survey link; try again later', {
      reason: 'too_many_attempts',
      extra: { retryAfter: attempt.wait },
    });
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
  if (!parsed.success)
    throw new AppError('bad_request', 'The answers are not in the expected form', { issues: parsed.error.issues.map((i) => fromZodIssue(i)) });
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
  for (const q of p.questions)
    if (q.required && !seen.has(q.id))
      issues.push({ path: ['answers'], message: `Question ${q.position + 1} needs an answer`, code: 'required', params: { question: q.id } });
  if (issues.length) throw new AppError('bad_request', 'Some answers are missing or out of range', { issues });

  const ws = p.invitation.workspace_id;
  try {
    return await core.db.transaction().execute(async (trx) => {
      const now = core.now();
      const at = now.toISOString();
      const claimed = await trx
        .updateTable('survey_invitations')
        .set({ responded_at: at })
        .where('id', '=', p.invitation.id)
        .where('responded_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('conflict', 'This survey link has already been answered; thank you');
      const responseId = uuidv7();
      await trx
        .insertInto('survey_responses')
        .values({
          id: responseId,
          workspace_id: ws,
          survey_id: p.survey.id,
          invitation_id: p.invitation.id,
          contact_id: p.invitation.contact_id,
          ticket_id: p.invitation.ticket_id,
          follow_up_ticket_id: null,
          submitted_at: at,
        })
        .execute();
      // What the answers are reported by: the ticket asked about (its team, agent and category).
      const about = p.invitation.ticket_id
        ? await trx.selectFrom('tickets').select(['team_id', 'assignee_id', 'category']).where('id', '=', p.invitation.ticket_id).executeTakeFirst()
        : undefined;
      const scored = await currentScores(trx, ws).select('segment').where('contact_id', '=', p.invitation.contact_id).executeTakeFirst();
      const rows = parsed.data.answers.map((a) => {
        const q = byId.get(a.questionId)!;
        return {
          id: uuidv7(),
          workspace_id: ws,
          response_id: responseId,
          survey_id: p.survey.id,
          question_id: q.id,
          contact_id: p.invitation.contact_id,
          type: q.type,
          value_num: isScale(q.type) || q.type === 'single' ? (a.value as number) : null,
          value_text: q.type === 'text' ? String(a.value).normalize('NFC').trim() : null,
          value_choices: q.type === 'multiple' ? JSON.stringify(a.value) : null,
          team_id: about?.team_id ?? null,
          agent_id: about?.assignee_id ?? null,
          category: about?.category ?? null,
          segment: scored?.segment ?? null,
          answered_at: at,
        };
      });
      if (rows.length) await trx.insertInto('survey_answers').values(rows).execute();
      await emitEvent(trx, {
        type: 'survey.answered',
        workspaceId: ws,
        at,
        payload: {
          responseId,
          surveyId: p.survey.id,
          contactId: p.invitation.contact_id,
          nps: rows.find((r) => r.type === 'nps')?.value_num ?? null,
          csat: rows.find((r) => r.type === 'csat')?.value_num ?? null,
        },
      });
      const wsRow = await findWorkspace(trx, ws);
      await countAnswers(
        trx,
        ws,
        wsRow?.timezone ?? 'Asia/Ho_Chi_Minh',
        now,
        rows
          .filter((r) => r.value_num !== null)
          .map((r) => ({
            surveyId: r.survey_id,
            type: r.type,
            value: r.value_num!,
            teamId: r.team_id,
            agentId: r.agent_id,
            category: r.category,
            segment: r.segment,
          })),
      );
      await recordAudit(
        trx,
        {
          workspaceId: ws,
          actorUserId: null,
          action: 'create',
          entityType: 'survey_response',
          entityId: responseId,
          after: { surveyId: p.survey.id, answers: rows.length },
          meta: { contactId: p.invitation.contact_id, via: 'survey link' },
        },
        now,
      );
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
async function maybeFollowUp(
  trx: Db,
  core: Core,
  p: PublicSurvey,
  responseId: string,
  answers: { questionId: string; value: unknown }[],
  now: Date,
): Promise<string | null> {
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
  const about = p.invitation.ticket_id
    ? await trx.selectFrom('tickets').select(['team_id', 'assignee_id', 'number']).where('id', '=', p.invitation.ticket_id).executeTakeFirst()
    : undefined;
  const contact = await trx.selectFrom('contacts').select(['owner_id', 'team_id']).where('id', '=', p.invitation.contact_id).executeTakeFirstOrThrow();
  const scoreText = unhappy.map((a) => `${byId.get(a.questionId)!.type.toUpperCase()} ${a.value as number}`).join(', ');
  const lines = answers.map((a) => {
    const q = byId.get(a.questionId)!;
    const v =
      q.type === 'single'
        ? wordingIn(q.options?.[a.value as number], locale)
        : q.type === 'multiple'
          ? (a.value as number[]).map((i) => wordingIn(q.options?.[i], locale)).join(', ')
          : String(a.value);
    return `• ${wordingIn(q.text, locale)}: ${v}`;
  });
  const surveyName = p.survey.name;
  const subject = message(locale, 'survey.unhappy.subject', { scores: scoreText, survey: surveyName });
  const intro = about
    ? message(locale, 'survey.unhappy.introAboutTicket', { survey: surveyName, number: about.number })
    : message(locale, 'survey.unhappy.intro', { survey: surveyName });
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
