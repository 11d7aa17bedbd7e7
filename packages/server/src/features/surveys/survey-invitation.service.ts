import type { Selectable } from 'kysely';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { wordingIn, type InvitationCreateInput, type SurveyTrigger, type Wording } from '@kith/domain/surveys/survey.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashSecret, randomSecret } from '../../platform/auth/secrets.ts';
import { authorize, readableContacts } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { listContacts } from '../contacts/contact-list.service.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import type { SurveyTable } from './survey.table.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { renderTemplate } from '../../platform/mail/templates.ts';
import { findSurvey } from './survey.service.ts';
import { t as message } from '../../platform/i18n/messages.ts';
import type { EventListener } from '../../platform/events/delivery.ts';

/**
 * Survey invitations (issue 6, decision 0011 step 5): one per recipient, by link or email, one at a time or
 * for a list or segment; and the triggers that send them on their own (an order delivered, a ticket resolved).
 */

export const surveyUrl = (core: Core, token: string) => `${core.config.publicUrl}/s/${token}`;

export type NewInvitation = {
  workspaceId: string;
  surveyId: string;
  contactId: string;
  locale?: string;
  channel: 'link' | 'email';
  ticketId?: string | null;
  orderId?: string | null;
  createdBy: string | null;
};

/** Make an invitation (and email it when asked); the token is returned once and only its hash is kept. */
export async function insertInvitation(
  trx: Db,
  core: Core,
  inv: NewInvitation,
  survey: Selectable<SurveyTable>,
): Promise<{ id: string; token: string; url: string; expiresAt: string; mailId: string | null }> {
  const now = core.now();
  const token = randomSecret(32);
  const id = uuidv7();
  const ws = await findWorkspace(trx, inv.workspaceId);
  const locale = inv.locale ?? ws?.locale ?? 'vi';
  const expiresAt = new Date(now.getTime() + survey.expires_days * 86_400_000).toISOString();
  await trx
    .insertInto('survey_invitations')
    .values({
      id,
      workspace_id: inv.workspaceId,
      survey_id: inv.surveyId,
      contact_id: inv.contactId,
      token_hash: hashSecret(token),
      locale,
      ticket_id: inv.ticketId ?? null,
      order_id: inv.orderId ?? null,
      channel: inv.channel,
      expires_at: expiresAt,
      opened_at: null,
      responded_at: null,
      created_by: inv.createdBy,
      created_at: now.toISOString(),
    })
    .execute();
  const url = surveyUrl(core, token);
  let mailId: string | null = null;
  if (inv.channel === 'email') {
    const contact = await trx.selectFrom('contacts').select(['name', 'emails']).where('id', '=', inv.contactId).executeTakeFirstOrThrow();
    const to = readJson<string[]>(contact.emails, [])[0];
    if (to) {
      const title = wordingIn(readJson<Wording>(survey.title, {}), locale) || survey.name;
      const template = message(locale, 'survey.invitation.body');
      const expires = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'long', timeZone: ws?.timezone ?? 'Asia/Ho_Chi_Minh' }).format(
        new Date(expiresAt),
      );
      const body = renderTemplate(template, { contact: { name: contact.name }, workspace: { name: ws?.name ?? '' }, survey: { url, expires } });
      // Asking a customer about a ticket or an order they had is service mail; otherwise it needs consent.
      const purpose = inv.ticketId || inv.orderId ? 'transactional' : 'marketing';
      mailId = await queueMail(
        trx,
        {
          workspaceId: inv.workspaceId,
          contactId: inv.contactId,
          to,
          subject: title,
          text: body.text,
          html: body.html,
          purpose,
          relatedType: 'survey_invitation',
          relatedId: id,
        },
        now,
      );
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
    if (!(await readableContacts(trx, actor, [input.contactId])).has(input.contactId))
      issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
    if (input.ticketId) {
      const t = await trx
        .selectFrom('tickets')
        .select('contact_id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', input.ticketId)
        .executeTakeFirst();
      if (!t || t.contact_id !== input.contactId) issues.push({ path: ['ticketId'], message: 'No such ticket of this customer', code: 'not_found' });
    }
    if (input.orderId) {
      const o = await trx
        .selectFrom('orders')
        .select('contact_id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', input.orderId)
        .executeTakeFirst();
      if (!o || o.contact_id !== input.contactId) issues.push({ path: ['orderId'], message: 'No such order of this customer', code: 'not_found' });
    }
    if (issues.length) throw invalid(issues, 'The invitation is invalid');
    const r = await insertInvitation(
      trx,
      core,
      {
        workspaceId: actor.workspaceId,
        surveyId,
        contactId: input.contactId,
        ...(input.locale ? { locale: input.locale } : {}),
        channel: input.channel,
        ticketId: input.ticketId ?? null,
        orderId: input.orderId ?? null,
        createdBy: actor.userId,
      },
      survey,
    );
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'create',
        entityType: 'survey_invitation',
        entityId: r.id,
        after: { surveyId, channel: input.channel },
        meta: { contactId: input.contactId },
      },
      core.now(),
    );
    return r;
  });
}

export const BULK_MAX = 5_000;

/**
 * Invite a list of customers at once — given by id, or every customer of a saved segment the member may
 * use — in one transaction: all or nothing. Customers the member may not see are refused (422 naming
 * them); those with an unanswered, unexpired invitation to this survey are skipped, not asked twice.
 */
export async function createInvitations(
  core: Core,
  actor: Actor,
  surveyId: string,
  input: { contactIds?: string[]; segmentId?: string; channel: 'link' | 'email'; locale?: 'vi' | 'en' },
) {
  authorize(actor, 'surveys.send');
  let ids = [...new Set(input.contactIds ?? [])];
  if (input.segmentId) {
    let cursor: string | undefined;
    do {
      const page = await listContacts(core, actor, {
        limit: 500,
        deleted: 'exclude',
        includeTotal: false,
        raw: { segment: input.segmentId },
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      if (ids.length > BULK_MAX)
        throw invalid([
          {
            path: ['segmentId'],
            message: `The segment holds more than ${BULK_MAX.toLocaleString('en')} customers; send to a narrower one`,
            code: 'too_many',
            params: { maximum: BULK_MAX },
          },
        ]);
    } while (cursor);
    ids = [...new Set(ids)];
  }
  if (ids.length === 0)
    throw invalid([{ path: [input.segmentId ? 'segmentId' : 'contactIds'], message: 'No customers to invite', code: 'too_few', params: { minimum: 1 } }]);
  if (ids.length > BULK_MAX)
    throw invalid([
      { path: ['contactIds'], message: `At most ${BULK_MAX.toLocaleString('en')} customers at a time`, code: 'too_many', params: { maximum: BULK_MAX } },
    ]);
  return core.db.transaction().execute(async (trx) => {
    const survey = await findSurvey(trx, actor.workspaceId, surveyId);
    if (!survey) throw notFound('Survey');
    if (survey.status !== 'active') throw new AppError('conflict', 'The survey is not active; activate it before sending it');
    const readable = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) for (const id of (await readableContacts(trx, actor, ids.slice(i, i + 500))).keys()) readable.add(id);
    const unknown = ids.map((id, i) => [id, i] as const).filter(([id]) => !readable.has(id));
    if (unknown.length)
      throw invalid(
        unknown.slice(0, 50).map(([, i]) => ({ path: ['contactIds', i], message: 'No such customer (or not one you may see)', code: 'not_found' })),
        'Some customers cannot be invited',
      );
    const now = core.now().toISOString();
    const open = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom('survey_invitations')
        .select('contact_id')
        .where('survey_id', '=', surveyId)
        .where('contact_id', 'in', ids.slice(i, i + 500))
        .where('responded_at', 'is', null)
        .where('expires_at', '>', now)
        .execute();
      for (const r of rows) open.add(r.contact_id);
    }
    const out: { contactId: string; url: string; token: string }[] = [];
    for (const contactId of ids) {
      if (open.has(contactId)) continue;
      const r = await insertInvitation(
        trx,
        core,
        {
          workspaceId: actor.workspaceId,
          surveyId,
          contactId,
          ...(input.locale ? { locale: input.locale } : {}),
          channel: input.channel,
          createdBy: actor.userId,
        },
        survey,
      );
      out.push({ contactId, url: r.url, token: r.token });
    }
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'create',
        entityType: 'survey_invitation',
        entityId: surveyId,
        after: { surveyId, channel: input.channel, invited: out.length, skipped: open.size, ...(input.segmentId ? { segmentId: input.segmentId } : {}) },
      },
      core.now(),
    );
    return {
      invited: out.length,
      skipped: open.size,
      invitations: input.channel === 'link' ? out : out.map(({ contactId }) => ({ contactId, url: null, token: null })),
    };
  });
}

// ------------------------------------------------------------------------------------------ triggers

export const SURVEY_INVITE_JOB = 'survey.invite';
export type SurveyInvitePayload = { surveyId: string; workspaceId: string; contactId: string; ticketId?: string; orderId?: string };

/** Schedule the invitations of the active surveys with this trigger (the job sends them when due). */
export async function scheduleSurveyTriggers(
  trx: Db,
  kind: 'ticket_resolved' | 'order_delivered',
  o: { workspaceId: string; contactId: string; ticketId?: string; orderId?: string },
  now: Date,
): Promise<number> {
  const surveys = await trx
    .selectFrom('surveys')
    .select(['id', 'trigger'])
    .where('workspace_id', '=', o.workspaceId)
    .where('status', '=', 'active')
    .where('deleted_at', 'is', null)
    .execute();
  let n = 0;
  for (const s of surveys) {
    const trigger = readJson<SurveyTrigger>(s.trigger, { kind: 'manual' });
    if (trigger.kind !== kind) continue;
    const delayMs =
      trigger.kind === 'ticket_resolved' ? trigger.delayMinutes * 60_000 : trigger.kind === 'order_delivered' ? trigger.delayDays * 86_400_000 : 0;
    const ref = o.ticketId ?? o.orderId ?? o.contactId;
    const payload: SurveyInvitePayload = {
      surveyId: s.id,
      workspaceId: o.workspaceId,
      contactId: o.contactId,
      ...(o.ticketId ? { ticketId: o.ticketId } : {}),
      ...(o.orderId ? { orderId: o.orderId } : {}),
    };
    // One invitation per survey and ticket (or order), however often it is resolved again.
    if (
      await enqueue(
        trx,
        { kind: SURVEY_INVITE_JOB, workspaceId: o.workspaceId, runAt: new Date(now.getTime() + delayMs), key: `survey:${s.id}:${ref}`, payload },
        now,
      )
    )
      n++;
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
    const r = await insertInvitation(
      trx,
      core,
      {
        workspaceId: p.workspaceId,
        surveyId: p.surveyId,
        contactId: p.contactId,
        channel: 'email',
        ticketId: p.ticketId ?? null,
        orderId: p.orderId ?? null,
        createdBy: null,
      },
      survey,
    );
    return { invitationId: r.id };
  });
}

/** Orders delivered (not imported: an import brings history, delivered long ago) ask for a survey. */
/**
 * A survey's triggers, as a domain-event listener (events/): an order arriving at delivered, a ticket at resolved,
 * schedule the surveys that ask about them, counted from when it happened. Imports emit no such events (a
 * historical delivery asks nobody).
 */
export const surveyTriggers: EventListener = {
  id: 'surveys.triggers',
  on: ['order.delivered', 'ticket.status_changed'],
  async handle(_core, e, trx) {
    const at = new Date(e.occurredAt);
    if (e.type === 'order.delivered')
      await scheduleSurveyTriggers(trx, 'order_delivered', { workspaceId: e.workspaceId, contactId: e.payload.contactId, orderId: e.payload.orderId }, at);
    else if (e.type === 'ticket.status_changed' && e.payload.to === 'resolved' && e.payload.from !== 'resolved' && e.payload.contactId)
      await scheduleSurveyTriggers(trx, 'ticket_resolved', { workspaceId: e.workspaceId, contactId: e.payload.contactId, ticketId: e.payload.ticketId }, at);
  },
};
