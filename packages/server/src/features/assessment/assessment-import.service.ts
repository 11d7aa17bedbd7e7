import { parse } from 'csv-parse/sync';
import { AppError, invalid, type FieldIssue } from '@kith/domain/errors.ts';
import { practicesOf } from '@kith/domain/assessment/framework.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { frameworkOf, visibleAssessment } from './assessment.service.ts';
import {
  answersOfRespondent,
  holdOpenRespondent,
  insertRespondents,
  markSubmitted,
  memberUsersByEmail,
  respondentsOf,
  upsertAnswers,
} from './assessment.repository.ts';

/**
 * Answers gathered elsewhere (a workshop, a spreadsheet) imported from CSV: one row per answer, columns
 * `respondent` (a name), `email` (optional: a member's address makes the row theirs), `practice`, `intention`,
 * `reality`, `comment` (optional). Every row is checked first — a problem names its row (the file's line) and
 * column, and nothing is written; then all of it is written in one transaction. Running it again replaces the same
 * answers (re-runnable). `submit` hands every respondent of the file in. Headers may also be the Vietnamese ones
 * (`người trả lời`, `email`, `thực hành`, `ý định`, `thực tế`, `ghi chú`).
 */

const HEADERS: Record<string, 'respondent' | 'email' | 'practice' | 'intention' | 'reality' | 'comment'> = {
  respondent: 'respondent',
  'người trả lời': 'respondent',
  email: 'email',
  practice: 'practice',
  'thực hành': 'practice',
  intention: 'intention',
  'ý định': 'intention',
  reality: 'reality',
  'thực tế': 'reality',
  comment: 'comment',
  'ghi chú': 'comment',
};

export type ImportedAnswers = { rows: number; respondents: number; created: number; submitted: number };

export async function importAnswers(core: Core, actor: Actor, id: string, csv: string, o: { submit?: boolean } = {}): Promise<ImportedAnswers> {
  authorize(actor, 'assessments.manage');
  const { row } = await visibleAssessment(core, actor, id);
  if (row.status === 'closed') throw new AppError('conflict', 'The assessment is closed');
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new AppError('bad_request', `The file is not readable CSV: ${(e as Error).message}`);
  }
  const head = (records[0] ?? []).map((h) => HEADERS[h.toLowerCase().normalize('NFC')]);
  const col = (name: string) => head.indexOf(name as never);
  const missing = ['respondent', 'practice', 'intention', 'reality'].filter((c) => col(c) < 0);
  if (missing.length) throw invalid(missing.map((c) => ({ path: ['header', c], message: `The file has no "${c}" column` })));
  const ids = new Set(practicesOf(frameworkOf(row)).map((p) => p.practice.id));
  const issues: FieldIssue[] = [];
  type Answer = { respondent: string; email: string | null; practice: string; intention: number; reality: number; comment: string | null };
  const answers: Answer[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const get = (c: string) => (col(c) >= 0 ? (r[col(c)] ?? '').trim() : '');
    const respondent = get('respondent');
    const email = get('email').toLowerCase() || null;
    const practice = get('practice');
    const level = (c: 'intention' | 'reality') => {
      const v = get(c);
      if (!/^[0-4]$/.test(v))
        issues.push({ path: ['rows', line, c], message: `Row ${line}: ${c} must be a whole number from 0 to 4 (found "${v.slice(0, 20)}")` });
      return Number(v);
    };
    if (!respondent) issues.push({ path: ['rows', line, 'respondent'], message: `Row ${line}: the respondent is empty` });
    if (!ids.has(practice))
      issues.push({ path: ['rows', line, 'practice'], message: `Row ${line}: no practice "${practice.slice(0, 60)}" in this assessment’s framework` });
    const key = `${email ?? respondent.toLowerCase()}|${practice}`;
    if (seen.has(key)) issues.push({ path: ['rows', line, 'practice'], message: `Row ${line}: the same respondent and practice twice` });
    seen.add(key);
    const intention = level('intention');
    const reality = level('reality');
    answers.push({ respondent: respondent.slice(0, 200), email, practice, intention, reality, comment: get('comment').slice(0, 2000) || null });
  });
  if (issues.length) throw invalid(issues.slice(0, 200), `${issues.length} problem(s) in the file; nothing was imported`);

  const at = core.now().toISOString();
  const members = new Map(
    (await memberUsersByEmail(core.db, actor.workspaceId, [...new Set(answers.flatMap((a) => (a.email ? [a.email] : [])))])).map((u) => [
      u.email.toLowerCase(),
      u,
    ]),
  );
  return core.db.transaction().execute(async (trx) => {
    const existing = await respondentsOf(trx, actor.workspaceId, id);
    const byUser = new Map(existing.flatMap((r) => (r.user_id ? [[r.user_id, r.id] as const] : [])));
    const byOutside = new Map(existing.flatMap((r) => (r.user_id ? [] : [[`${(r.email ?? '').toLowerCase()}|${r.name.toLowerCase()}`, r.id] as const])));
    const groups = new Map<string, Answer[]>();
    let created = 0;
    for (const a of answers) {
      const m = a.email ? members.get(a.email) : undefined;
      let rid = m ? byUser.get(m.id) : byOutside.get(`${a.email ?? ''}|${a.respondent.toLowerCase()}`);
      if (!rid) {
        rid = uuidv7();
        created++;
        await insertRespondents(trx, [
          {
            id: rid,
            workspace_id: actor.workspaceId,
            assessment_id: id,
            user_id: m?.id ?? null,
            name: m?.name ?? a.respondent,
            email: a.email,
            locale: m?.locale ?? 'vi',
            token_hash: null,
            expires_at: null,
            invited_by: actor.userId,
            created_at: at,
          },
        ]);
        if (m) byUser.set(m.id, rid);
        else byOutside.set(`${a.email ?? ''}|${a.respondent.toLowerCase()}`, rid);
      }
      groups.set(rid, [...(groups.get(rid) ?? []), a]);
    }
    const submittedAlready = new Set(existing.filter((r) => r.submitted_at).map((r) => r.id));
    const frozen = [...groups.keys()].filter((r) => submittedAlready.has(r));
    if (frozen.length) throw new AppError('conflict', `${frozen.length} respondent(s) of the file have submitted already; their answers are final`);
    let submitted = 0;
    for (const [rid, list] of groups) {
      if (!(await holdOpenRespondent(trx, rid))) throw new AppError('conflict', 'A respondent of the file has submitted meanwhile; their answers are final');
      await upsertAnswers(
        trx,
        actor.workspaceId,
        id,
        rid,
        list.map((a) => ({ practiceId: a.practice, intention: a.intention, reality: a.reality, comment: a.comment, evidence: '[]' })),
        at,
      );
      if (o.submit) {
        const have = (await answersOfRespondent(trx, rid)).length;
        if (have < ids.size)
          throw invalid(
            [{ path: ['submit'], message: `${list[0]?.respondent}: ${ids.size - have} practice(s) not scored; only complete answers can be submitted` }],
            'Every practice must be scored before submitting; nothing was imported',
          );
        await markSubmitted(trx, rid, at);
        submitted++;
      }
    }
    await recordAudit(
      trx,
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action: 'update',
        entityType: 'assessment_answers',
        entityId: id,
        meta: { imported: answers.length, respondents: groups.size, created, submitted },
      },
      core.now(),
    );
    return { rows: answers.length, respondents: groups.size, created, submitted };
  });
}
