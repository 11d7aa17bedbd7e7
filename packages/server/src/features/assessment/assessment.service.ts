import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { grantOf, can } from '@kith/domain/permissions/permissions.ts';
import { practicesOf, type Framework } from '@kith/domain/assessment/framework.ts';
import type {
  Assessment,
  AssessmentCreateBody,
  AssessmentUpdateBody,
  InviteBody,
  Respondent,
  ScoresBody,
  FinalBody,
} from '@kith/domain/assessment/assessment.api.ts';
import type { z } from 'zod';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashSecret, randomSecret } from '../../platform/auth/secrets.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { recordAudit, type AuditEntry } from '../../platform/audit/audit.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { t } from '../../platform/i18n/messages.ts';
import { frameworkView, langOf, pick, resolveFramework } from './assessment-framework.service.ts';
import {
  answersOfRespondent,
  deleteAssessment,
  deleteFinal,
  deleteRespondent,
  getAssessment,
  insertAssessment,
  insertRespondents,
  invitationsOfUser,
  listAssessments,
  markSubmitted,
  memberUsers,
  respondentCounts,
  respondentOfUser,
  respondentsOf,
  teamExists,
  updateAssessment,
  upsertAnswers,
  upsertFinal,
  answersOfAssessment,
  holdOpenRespondent,
  workspaceOf,
  type AssessmentRow,
} from './assessment.repository.ts';

/**
 * Running an assessment: start it (a framework, whole business or a team, a period), invite members or outside
 * people, save and submit answers, and the assessor's final decisions. Who may see what:
 * - everyone with `assessments.read` sees the workspace's assessments; an agent (scoped) only those they are invited to;
 * - an invited respondent who has not submitted sees no one else's answers, nor the report built from them;
 * - answers are saved by their respondent only; the assessor (`assessments.consolidate`) decides final scores.
 */

export const frameworkOf = (row: AssessmentRow): Framework => readJson<Framework>(row.framework, null as never);

const audit = (actor: Actor, e: Omit<AuditEntry, 'workspaceId' | 'actorUserId' | 'actorTokenId'>): AuditEntry => ({
  workspaceId: actor.workspaceId,
  actorUserId: actor.userId,
  actorTokenId: actor.tokenId,
  ...e,
});

/** The assessment, if the actor may see it at all (an agent: only when invited); 404 otherwise. */
export async function visibleAssessment(
  core: Core,
  actor: Actor,
  id: string,
): Promise<{ row: AssessmentRow; me: Awaited<ReturnType<typeof respondentOfUser>> }> {
  authorize(actor, 'assessments.read');
  const row = await getAssessment(core.db, actor.workspaceId, id);
  if (!row) throw notFound('Assessment');
  const me = await respondentOfUser(core.db, actor.workspaceId, id, actor.userId);
  if (grantOf(actor.role, 'assessments.read') === 'scoped' && !me) throw notFound('Assessment');
  return { row, me };
}

/**
 * Whether the actor may see the answers and the report now. An invited respondent who has not submitted may not
 * while anyone else has answered (their own answers alone they may see).
 */
export async function maySeeResults(core: Core, actor: Actor, row: AssessmentRow, me: Awaited<ReturnType<typeof respondentOfUser>>): Promise<boolean> {
  if (me && !me.submitted_at) {
    const others = (await answersOfAssessment(core.db, actor.workspaceId, row.id)).some((a) => a.respondent_id !== me.id);
    if (others) return false;
  }
  return true;
}

/** Of these assessments, the ones whose results the actor may see now (their scope, and the hand-in rule). */
export async function withVisibleResults(core: Core, actor: Actor, rows: readonly AssessmentRow[]): Promise<AssessmentRow[]> {
  authorize(actor, 'assessments.read');
  const scoped = grantOf(actor.role, 'assessments.read') === 'scoped';
  const mine = new Map((await invitationsOfUser(core.db, actor.workspaceId, actor.userId)).map((r) => [r.assessment_id, r]));
  const out: AssessmentRow[] = [];
  for (const r of rows) {
    const me = mine.get(r.id);
    if ((scoped && !me) || !(await maySeeResults(core, actor, r, me))) continue;
    out.push(r);
  }
  return out;
}

export async function requireResults(core: Core, actor: Actor, id: string): Promise<AssessmentRow> {
  const { row, me } = await visibleAssessment(core, actor, id);
  if (!(await maySeeResults(core, actor, row, me)))
    throw new AppError('conflict', 'Submit your own answers first: until then the others’ answers and the report stay hidden');
  return row;
}

async function toOut(
  core: Core,
  actor: Actor,
  rows: readonly AssessmentRow[],
  lang: string,
  overall: (row: AssessmentRow) => Promise<number | null>,
): Promise<Assessment[]> {
  const counts = await respondentCounts(
    core.db,
    actor.workspaceId,
    rows.map((r) => r.id),
  );
  const mine = new Map((await invitationsOfUser(core.db, actor.workspaceId, actor.userId)).map((r) => [r.assessment_id, r]));
  const out: Assessment[] = [];
  for (const r of rows) {
    const f = frameworkOf(r);
    const me = mine.get(r.id);
    const answered = me ? (await answersOfRespondent(core.db, me.id)).length : 0;
    const canSee = await maySeeResults(core, actor, r, me);
    out.push({
      id: r.id,
      name: r.name,
      framework: r.framework_key,
      frameworkName: pick(f.name, lang),
      frameworkVersion: r.framework_version,
      status: r.status as Assessment['status'],
      teamId: r.team_id,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      createdBy: r.created_by,
      createdAt: r.created_at,
      closedAt: r.closed_at,
      practices: practicesOf(f).length,
      respondents: counts.get(r.id)?.respondents ?? 0,
      submitted: counts.get(r.id)?.submitted ?? 0,
      me: me ? { respondentId: me.id, answered, submittedAt: me.submitted_at } : null,
      canSeeResults: canSee,
      overall: canSee ? await overall(r) : null,
    });
  }
  return out;
}

export type OverallOf = (core: Core, row: AssessmentRow) => Promise<number | null>;

export async function listAll(core: Core, actor: Actor, lang: string | undefined, overall: OverallOf): Promise<Assessment[]> {
  authorize(actor, 'assessments.read');
  const scoped = grantOf(actor.role, 'assessments.read') === 'scoped';
  const rows = await listAssessments(core.db, actor.workspaceId, scoped ? actor.userId : null);
  return toOut(core, actor, rows, await langOf(core, actor, lang), (r) => overall(core, r));
}

export async function getOne(core: Core, actor: Actor, id: string, lang: string | undefined, overall: OverallOf): Promise<Assessment> {
  const { row } = await visibleAssessment(core, actor, id);
  const [out] = await toOut(core, actor, [row], await langOf(core, actor, lang), (r) => overall(core, r));
  return out as Assessment;
}

/** The framework as the assessment uses it (its snapshot). */
export async function frameworkOfAssessment(core: Core, actor: Actor, id: string, lang?: string) {
  const { row } = await visibleAssessment(core, actor, id);
  return frameworkView({ framework: frameworkOf(row), custom: row.framework_key !== row.base_key, baseKey: row.base_key }, await langOf(core, actor, lang));
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Start one; the member who starts it answers too (`join`), unless it is started from the command line. */
export async function startAssessment(
  core: Core,
  actor: Actor,
  body: z.output<typeof AssessmentCreateBody>,
  overall: OverallOf,
  join = true,
): Promise<Assessment> {
  authorize(actor, 'assessments.manage');
  const fw = await resolveFramework(core, actor.workspaceId, body.framework);
  const issues: FieldIssue[] = [];
  if (!fw) issues.push({ path: ['framework'], message: `No framework "${body.framework}"` });
  if (body.teamId && !(await teamExists(core.db, actor.workspaceId, body.teamId))) issues.push({ path: ['teamId'], message: 'Not a team of this workspace' });
  const to = body.periodTo ?? isoDay(core.now());
  const from = body.periodFrom ?? isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000));
  if (from > to) issues.push({ path: ['periodFrom'], message: 'The period must start before it ends' });
  if (issues.length || !fw) throw invalid(issues);
  const id = uuidv7();
  const at = core.now().toISOString();
  const [me] = join ? await memberUsers(core.db, actor.workspaceId, [actor.userId]) : [];
  await core.db.transaction().execute(async (trx) => {
    await insertAssessment(trx, {
      id,
      workspaceId: actor.workspaceId,
      name: body.name,
      frameworkKey: fw.framework.key,
      baseKey: fw.baseKey,
      version: fw.framework.version,
      framework: JSON.stringify(fw.framework),
      teamId: body.teamId ?? null,
      periodFrom: from,
      periodTo: to,
      createdBy: actor.userId,
      at,
    });
    // The one who starts it answers too (they may withdraw themselves).
    if (me)
      await insertRespondents(trx, [
        {
          id: uuidv7(),
          workspace_id: actor.workspaceId,
          assessment_id: id,
          user_id: me.id,
          name: me.name,
          email: me.email,
          locale: me.locale ?? 'vi',
          token_hash: null,
          expires_at: null,
          invited_by: actor.userId,
          created_at: at,
        },
      ]);
    await recordAudit(
      trx,
      audit(actor, {
        action: 'create',
        entityType: 'assessment',
        entityId: id,
        after: { name: body.name, framework: fw.framework.key, version: fw.framework.version, teamId: body.teamId ?? null, from, to },
      }),
      core.now(),
    );
  });
  return getOne(core, actor, id, undefined, overall);
}

/** How closing keeps an assessment's evidence (computed before the transaction) and scores (inside it). */
export type Freezer = {
  before: (row: AssessmentRow) => Promise<{ evidence: string; evidenceAt: string }>;
  inside: (trx: Db, row: AssessmentRow) => Promise<string>;
};

export async function changeAssessment(
  core: Core,
  actor: Actor,
  id: string,
  body: z.output<typeof AssessmentUpdateBody>,
  freeze: Freezer,
  overall: OverallOf,
): Promise<Assessment> {
  authorize(actor, 'assessments.manage');
  const { row } = await visibleAssessment(core, actor, id);
  const from = body.periodFrom ?? row.period_from;
  const to = body.periodTo ?? row.period_to;
  if (from > to) throw invalid([{ path: [body.periodFrom ? 'periodFrom' : 'periodTo'], message: 'The period must start before it ends' }]);
  if (row.status === 'closed' && (body.periodFrom || body.periodTo) && body.status !== 'open')
    throw new AppError('conflict', 'A closed assessment keeps its period; reopen it first');
  const closing = body.status === 'closed' && row.status !== 'closed';
  const kept = closing ? await freeze.before({ ...row, period_from: from, period_to: to }) : null;
  const at = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    const set: Parameters<typeof updateAssessment>[3] = {};
    if (body.name) set.name = body.name;
    if (body.periodFrom) set.period_from = body.periodFrom;
    if (body.periodTo) set.period_to = body.periodTo;
    if (closing && kept) {
      const results = await freeze.inside(trx, { ...row, period_from: from, period_to: to });
      Object.assign(set, { status: 'closed', closed_at: at, results, evidence: kept.evidence, evidence_at: kept.evidenceAt });
    } else if (body.status === 'open' && row.status !== 'open') Object.assign(set, { status: 'open', closed_at: null, results: null });
    await updateAssessment(trx, actor.workspaceId, id, set, at);
    await recordAudit(
      trx,
      audit(actor, {
        action: body.status === 'closed' && row.status !== 'closed' ? 'complete' : body.status === 'open' && row.status !== 'open' ? 'reopen' : 'update',
        entityType: 'assessment',
        entityId: id,
        before: { name: row.name, status: row.status, from: row.period_from, to: row.period_to },
        after: { name: body.name ?? row.name, status: body.status ?? row.status, from, to },
      }),
      core.now(),
    );
  });
  return getOne(core, actor, id, undefined, overall);
}

export async function removeAssessment(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'assessments.manage');
  const { row } = await visibleAssessment(core, actor, id);
  await core.db.transaction().execute(async (trx) => {
    await deleteAssessment(trx, actor.workspaceId, id);
    await recordAudit(
      trx,
      audit(actor, { action: 'delete', entityType: 'assessment', entityId: id, before: { name: row.name, framework: row.framework_key } }),
      core.now(),
    );
  });
}

// ---- respondents -----------------------------------------------------------------------------------------

export const assessmentLink = (core: Core, token: string) => `${core.config.publicUrl}/a/${token}`;

export async function listRespondents(core: Core, actor: Actor, id: string): Promise<Respondent[]> {
  const { row } = await visibleAssessment(core, actor, id);
  const total = practicesOf(frameworkOf(row)).length;
  const rows = await respondentsOf(core.db, actor.workspaceId, id);
  return rows.map((r) => ({
    id: r.id,
    kind: r.user_id ? 'member' : 'outside',
    memberId: r.user_id,
    name: r.name,
    email: r.email,
    answered: Number(r.answered),
    total,
    submittedAt: r.submitted_at,
    expiresAt: r.expires_at,
  }));
}

export async function invite(core: Core, actor: Actor, id: string, body: z.output<typeof InviteBody>): Promise<Respondent[]> {
  authorize(actor, 'assessments.manage');
  const { row } = await visibleAssessment(core, actor, id);
  if (row.status === 'closed') throw new AppError('conflict', 'The assessment is closed');
  const memberIds = [...new Set(body.memberIds ?? [])];
  const users = await memberUsers(core.db, actor.workspaceId, memberIds);
  const known = new Set(users.map((u) => u.id));
  const issues: FieldIssue[] = [];
  (body.memberIds ?? []).forEach((m, i) => {
    if (!known.has(m)) issues.push({ path: ['memberIds', i], message: 'Not a member of this workspace' });
  });
  if (issues.length) throw invalid(issues);
  const existing = new Set((await respondentsOf(core.db, actor.workspaceId, id)).flatMap((r) => (r.user_id ? [r.user_id] : [])));
  const at = core.now().toISOString();
  const expires = new Date(core.now().getTime() + (body.expiresDays ?? 14) * 86_400_000).toISOString();
  const links = new Map<string, string>();
  const rows = [
    ...users
      .filter((u) => !existing.has(u.id))
      .map((u) => ({
        id: uuidv7(),
        workspace_id: actor.workspaceId,
        assessment_id: id,
        user_id: u.id,
        name: u.name,
        email: u.email,
        locale: u.locale ?? 'vi',
        token_hash: null,
        expires_at: null,
        invited_by: actor.userId,
        created_at: at,
      })),
    ...(body.outside ?? []).map((o) => {
      const token = randomSecret(32);
      const rid = uuidv7();
      links.set(rid, assessmentLink(core, token));
      return {
        id: rid,
        workspace_id: actor.workspaceId,
        assessment_id: id,
        user_id: null,
        name: o.name,
        email: o.email ?? null,
        locale: o.locale ?? 'vi',
        token_hash: hashSecret(token),
        expires_at: expires,
        invited_by: actor.userId,
        created_at: at,
      };
    }),
  ];
  const ws = body.sendEmail ? await workspaceOf(core.db, actor.workspaceId) : undefined;
  const emailed = new Set<string>();
  await core.db.transaction().execute(async (trx) => {
    await insertRespondents(trx, rows);
    if (body.sendEmail)
      for (const r of rows) {
        if (!r.email) continue;
        const link = links.get(r.id) ?? `${core.config.publicUrl}/assessments/${id}`;
        const date = new Intl.DateTimeFormat(r.locale === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'long', timeZone: ws?.timezone ?? 'Asia/Ho_Chi_Minh' }).format(
          new Date(expires),
        );
        const vars = { name: r.name, assessment: row.name, workspace: ws?.name ?? '', link };
        await queueMail(
          trx,
          {
            workspaceId: actor.workspaceId,
            contactId: null,
            to: r.email,
            subject: t(r.locale, 'assessment.invite.subject', vars),
            text: t(r.locale, 'assessment.invite.body', {
              ...vars,
              expires: r.user_id ? t(r.locale, 'assessment.invite.member') : t(r.locale, 'assessment.invite.expires', { date }),
            }),
            purpose: 'transactional',
            relatedType: 'assessment_respondent',
            relatedId: r.id,
          },
          core.now(),
        );
        emailed.add(r.id);
      }
    if (rows.length)
      await recordAudit(
        trx,
        audit(actor, {
          action: 'create',
          entityType: 'assessment_respondent',
          entityId: id,
          after: { members: rows.filter((r) => r.user_id).length, outside: links.size },
        }),
        core.now(),
      );
  });
  const total = practicesOf(frameworkOf(row)).length;
  return rows.map((r) => ({
    id: r.id,
    kind: r.user_id ? ('member' as const) : ('outside' as const),
    memberId: r.user_id,
    name: r.name,
    email: r.email,
    answered: 0,
    total,
    submittedAt: null,
    expiresAt: r.expires_at,
    ...(links.has(r.id) ? { link: links.get(r.id) as string } : {}),
    ...(body.sendEmail ? { emailed: emailed.has(r.id) } : {}),
  }));
}

export async function withdraw(core: Core, actor: Actor, id: string, respondentId: string): Promise<void> {
  authorize(actor, 'assessments.manage');
  await visibleAssessment(core, actor, id);
  await core.db.transaction().execute(async (trx) => {
    if (!(await deleteRespondent(trx, actor.workspaceId, id, respondentId))) throw notFound('Respondent');
    await recordAudit(
      trx,
      audit(actor, { action: 'delete', entityType: 'assessment_respondent', entityId: respondentId, meta: { assessmentId: id } }),
      core.now(),
    );
  });
}

// ---- answers -------------------------------------------------------------------------------------------

type Scores = z.output<typeof ScoresBody>;
export type ScoresState = {
  scores: { practiceId: string; intention: number; reality: number; comment: string | null; evidence: { kind: string; id?: string; note?: string }[] }[];
  answered: number;
  total: number;
  submittedAt: string | null;
};

export async function scoresOf(core: Core, respondentId: string, total: number, submittedAt: string | null): Promise<ScoresState> {
  const rows = await answersOfRespondent(core.db, respondentId);
  return {
    scores: rows.map((a) => ({
      practiceId: a.practice_id,
      intention: a.intention,
      reality: a.reality,
      comment: a.comment,
      evidence: readJson(a.evidence, []),
    })),
    answered: rows.length,
    total,
    submittedAt,
  };
}

/**
 * Save a respondent's scores (replacing earlier ones of the same practices) and, with `submit`, hand them in.
 * 422 names each entry whose practice the framework lacks, or repeated; submitting with practices unscored is a
 * 422 naming `submit`; a closed assessment or a submitted respondent is a 409. Audited (who, how many).
 */
export async function saveScores(
  core: Core,
  who: { workspaceId: string; actorUserId: string | null; actorTokenId: string | null },
  row: AssessmentRow,
  respondent: { id: string; submitted_at: string | null },
  body: Scores,
): Promise<ScoresState> {
  const f = frameworkOf(row);
  const ids = new Set(practicesOf(f).map((p) => p.practice.id));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  body.scores.forEach((s, i) => {
    if (!ids.has(s.practiceId)) issues.push({ path: ['scores', i, 'practiceId'], message: `No practice "${s.practiceId}" in this assessment’s framework` });
    else if (seen.has(s.practiceId)) issues.push({ path: ['scores', i, 'practiceId'], message: 'The same practice twice' });
    seen.add(s.practiceId);
  });
  if (issues.length) throw invalid(issues, 'Some scores do not fit this assessment');
  if (row.status === 'closed') throw new AppError('conflict', 'The assessment is closed');
  if (respondent.submitted_at) throw new AppError('conflict', 'These answers were submitted and are final');
  const at = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    if (!(await holdOpenRespondent(trx, respondent.id))) throw new AppError('conflict', 'These answers were submitted and are final');
    await upsertAnswers(
      trx,
      row.workspace_id,
      row.id,
      respondent.id,
      body.scores.map((s) => ({
        practiceId: s.practiceId,
        intention: s.intention,
        reality: s.reality,
        comment: s.comment ?? null,
        evidence: JSON.stringify(s.evidence ?? []),
      })),
      at,
    );
    if (body.submit) {
      const answered = new Set((await answersOfRespondent(trx, respondent.id)).map((a) => a.practice_id));
      const missing = [...ids].filter((p) => !answered.has(p));
      if (missing.length)
        throw invalid(
          [{ path: ['submit'], message: `${missing.length} practice(s) are not scored yet (first: ${missing[0]})` }],
          'Every practice must be scored before submitting',
        );
      await markSubmitted(trx, respondent.id, at);
    }
    await recordAudit(
      trx,
      {
        workspaceId: row.workspace_id,
        actorUserId: who.actorUserId,
        actorTokenId: who.actorTokenId,
        action: body.submit ? 'complete' : 'update',
        entityType: 'assessment_answers',
        entityId: respondent.id,
        meta: { assessmentId: row.id, scores: body.scores.length, submitted: body.submit === true },
      },
      core.now(),
    );
  });
  return scoresOf(core, respondent.id, ids.size, body.submit ? at : respondent.submitted_at);
}

/** The caller's respondent record; a member who may manage assessments joins as a respondent on first save. */
async function myRespondent(core: Core, actor: Actor, row: AssessmentRow, create: boolean) {
  const me = await respondentOfUser(core.db, actor.workspaceId, row.id, actor.userId);
  if (me) return me;
  if (!create || !can(actor.role, 'assessments.manage')) throw notFound('Your invitation to this assessment');
  const [u] = await memberUsers(core.db, actor.workspaceId, [actor.userId]);
  if (!u) throw notFound('Member');
  await insertRespondents(core.db, [
    {
      id: uuidv7(),
      workspace_id: actor.workspaceId,
      assessment_id: row.id,
      user_id: u.id,
      name: u.name,
      email: u.email,
      locale: u.locale ?? 'vi',
      token_hash: null,
      expires_at: null,
      invited_by: actor.userId,
      created_at: core.now().toISOString(),
    },
  ]);
  const created = await respondentOfUser(core.db, actor.workspaceId, row.id, actor.userId);
  if (!created) throw notFound('Respondent');
  return created;
}

export async function getMyScores(core: Core, actor: Actor, id: string): Promise<ScoresState> {
  authorize(actor, 'assessments.answer');
  const { row } = await visibleAssessment(core, actor, id);
  const me = await respondentOfUser(core.db, actor.workspaceId, id, actor.userId);
  const total = practicesOf(frameworkOf(row)).length;
  if (!me) return { scores: [], answered: 0, total, submittedAt: null };
  return scoresOf(core, me.id, total, me.submitted_at);
}

export async function putMyScores(core: Core, actor: Actor, id: string, body: Scores): Promise<ScoresState> {
  authorize(actor, 'assessments.answer');
  const { row } = await visibleAssessment(core, actor, id);
  const me = await myRespondent(core, actor, row, true);
  return saveScores(core, { workspaceId: actor.workspaceId, actorUserId: actor.userId, actorTokenId: actor.tokenId }, row, me, body);
}

// ---- final decisions --------------------------------------------------------------------------------------

export async function putFinals(core: Core, actor: Actor, id: string, body: z.output<typeof FinalBody>): Promise<void> {
  authorize(actor, 'assessments.consolidate');
  const row = await requireResults(core, actor, id);
  if (row.status === 'closed') throw new AppError('conflict', 'The assessment is closed; reopen it to change its scores');
  const ids = new Set(practicesOf(frameworkOf(row)).map((p) => p.practice.id));
  const issues: FieldIssue[] = [];
  body.scores.forEach((s, i) => {
    if (!ids.has(s.practiceId)) issues.push({ path: ['scores', i, 'practiceId'], message: `No practice "${s.practiceId}" in this assessment’s framework` });
    if ((s.intention === null) !== (s.reality === null))
      issues.push({ path: ['scores', i, s.intention === null ? 'intention' : 'reality'], message: 'Give both levels, or clear both' });
  });
  if (issues.length) throw invalid(issues);
  const at = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    for (const s of body.scores) {
      if (s.intention === null || s.reality === null) await deleteFinal(trx, actor.workspaceId, id, s.practiceId);
      else
        await upsertFinal(trx, {
          workspaceId: actor.workspaceId,
          assessmentId: id,
          practiceId: s.practiceId,
          intention: s.intention,
          reality: s.reality,
          reason: s.reason ?? null,
          decidedBy: actor.userId,
          at,
        });
    }
    await recordAudit(trx, audit(actor, { action: 'update', entityType: 'assessment_final', entityId: id, after: { scores: body.scores } }), core.now());
  });
}
