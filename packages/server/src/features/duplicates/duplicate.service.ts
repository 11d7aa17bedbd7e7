import { AppError, notFound } from '@kith/domain/errors.ts';
import type { DuplicateReason } from '@kith/domain/duplicates/score.ts';
import type { Core } from '../../core.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { findContactsByIds, type ContactWithCompany } from '../contacts/contact.repository.ts';
import { scopeFor } from '../../platform/records/visibility.ts';

/** The duplicate candidates found by detection (duplicate-detect.service.ts): listed with both contacts, and dismissed. */
export type ContactBrief = Pick<
  ContactWithCompany,
  | 'id'
  | 'name'
  | 'externalId'
  | 'emails'
  | 'phones'
  | 'birthday'
  | 'gender'
  | 'province'
  | 'company'
  | 'companyId'
  | 'ownerId'
  | 'lifecycleStage'
  | 'tags'
  | 'jobTitle'
  | 'occupation'
  | 'addressLine'
  | 'notes'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
>;
export type Candidate = { id: string; score: number; reasons: DuplicateReason[]; status: string; detectedAt: string; a: ContactBrief; b: ContactBrief };

/** Open candidates, likeliest first, whose two contacts the caller may both read. */
export async function listCandidates(
  core: Core,
  actor: Actor,
  o: { limit: number; cursor?: string | undefined; contactId?: string | undefined },
): Promise<{ data: Candidate[]; nextCursor: string | null }> {
  const scope = scopeFor(actor, 'contacts.read');
  const data: Candidate[] = [];
  let after = o.cursor ? decodeCandidateCursor(o.cursor) : null;
  // Read in pages until the page is full: pairs out of the caller's scope are left out.
  for (let guard = 0; guard < 20 && data.length < o.limit; guard++) {
    let q = core.db
      .selectFrom('duplicate_candidates')
      .select(['id', 'a_id', 'b_id', 'score', 'reasons', 'status', 'detected_at'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('status', '=', 'open');
    const only = o.contactId;
    if (only) q = q.where((eb) => eb.or([eb('a_id', '=', only), eb('b_id', '=', only)]));
    if (after) {
      const a = after;
      q = q.where((eb) => eb.or([eb('score', '<', a.score), eb.and([eb('score', '=', a.score), eb('id', '>', a.id)])]));
    }
    const rows = await q
      .orderBy('score', 'desc')
      .orderBy('id')
      .limit(o.limit * 2)
      .execute();
    if (rows.length === 0) break;
    const contacts = new Map((await findContactsByIds(core.db, scope, [...new Set(rows.flatMap((r) => [r.a_id, r.b_id]))])).map((c) => [c.id, c]));
    for (const r of rows) {
      after = { score: Number(r.score), id: r.id };
      const a = contacts.get(r.a_id);
      const b = contacts.get(r.b_id);
      if (!a || !b) continue;
      data.push({ id: r.id, score: Number(r.score), reasons: readJson(r.reasons, []), status: r.status, detectedAt: r.detected_at, a: brief(a), b: brief(b) });
      if (data.length === o.limit) break;
    }
    if (rows.length < o.limit * 2) {
      if (data.length < o.limit) after = null;
      break;
    }
  }
  return { data, nextCursor: after && data.length === o.limit ? Buffer.from(JSON.stringify(after)).toString('base64url') : null };
}

function decodeCandidateCursor(c: string): { score: number; id: string } {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { score: unknown; id: unknown };
    if (typeof v.score === 'number' && typeof v.id === 'string') return { score: v.score, id: v.id };
  } catch {
    // fall through
  }
  throw new AppError('validation', 'Not a valid cursor', { issues: [{ path: ['cursor'], message: 'Not a valid cursor', code: 'invalid_format' }] });
}

function brief(c: ContactWithCompany): ContactBrief {
  const {
    id,
    name,
    externalId,
    emails,
    phones,
    birthday,
    gender,
    province,
    company,
    companyId,
    ownerId,
    lifecycleStage,
    tags,
    jobTitle,
    occupation,
    addressLine,
    notes,
    createdAt,
    updatedAt,
    version,
  } = c;
  return {
    id,
    name,
    externalId,
    emails,
    phones,
    birthday,
    gender,
    province,
    company,
    companyId,
    ownerId,
    lifecycleStage,
    tags,
    jobTitle,
    occupation,
    addressLine,
    notes,
    createdAt,
    updatedAt,
    version,
  };
}

export async function dismissCandidate(core: Core, actor: Actor, id: string): Promise<void> {
  const scope = scopeFor(actor, 'contacts.update');
  const c = await core.db
    .selectFrom('duplicate_candidates')
    .select(['id', 'a_id', 'b_id', 'status'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c || (await findContactsByIds(core.db, scope, [c.a_id, c.b_id])).length < 2) throw notFound('Duplicate pair');
  await core.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('duplicate_candidates')
      .set({ status: 'dismissed', resolved_at: core.now().toISOString(), resolved_by: actor.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'duplicate',
        entityId: id,
        before: { status: c.status },
        after: { status: 'dismissed' },
        meta: { ...by(actor).meta, contacts: [c.a_id, c.b_id] },
      },
      core.now(),
    );
  });
}
