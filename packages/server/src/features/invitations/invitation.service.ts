import { uuidv7 } from '../../platform/db/ids.ts';
import { AppError, invalid, notFound } from '@kith/domain/errors.ts';
import { passwordProblem } from '@kith/domain/auth/password-policy.ts';
import { normalizeEmail } from '@kith/domain/emails/email.ts';
import { canManageRole, type Role } from '@kith/domain/permissions/permissions.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { reserve } from '../../platform/auth/throttle.ts';
import { hashSecret, randomSecret } from '../../platform/auth/secrets.ts';
import { findRole, findUserByEmail, findUserById, insertMembership, insertUser, type UserRow } from '../../platform/auth/user.repository.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { bothLanguages, t } from '../../platform/i18n/messages.ts';
import type { Invitation } from '@kith/domain/invitations/invitation.api.ts';

const LIFETIME_MS = 7 * 24 * 3600 * 1000;

type Raw = {
  id: string;
  email: string;
  role: string;
  team_id: string | null;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
};

function toInvitation(r: Raw, now: string): Invitation {
  const status = r.accepted_at ? 'accepted' : r.revoked_at ? 'revoked' : r.expires_at <= now ? 'expired' : 'pending';
  return {
    id: r.id,
    email: r.email,
    role: r.role as Role,
    teamId: r.team_id,
    invitedBy: r.invited_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    status,
  };
}

/**
 * Invite someone by link. The link is emailed when SMTP is configured; either way it is returned once to
 * the admin who created it (only a hash is stored), so it can be passed on by Zalo or in person.
 */
export async function invite(
  core: Core,
  actor: Actor,
  input: { email: string; role: Role; teamId?: string | null },
): Promise<{ invitation: Invitation; url: string; emailed: boolean }> {
  authorize(actor, 'members.invite');
  if (!canManageRole(actor.role, input.role)) throw invalid([{ path: ['role'], message: `Your role (${actor.role}) cannot invite a ${input.role}` }]);
  const email = normalizeEmail(input.email);
  const existing = await findUserByEmail(core.db, email);
  if (existing && (await findRole(core.db, actor.workspaceId, existing.id)))
    throw new AppError('conflict', `${email} is already a member of this workspace`, { reason: 'already_member', params: { email } });
  if (input.teamId) {
    const team = await core.db.selectFrom('teams').select('id').where('workspace_id', '=', actor.workspaceId).where('id', '=', input.teamId).executeTakeFirst();
    if (!team) throw invalid([{ path: ['teamId'], message: 'No such team in this workspace' }]);
  }
  const token = randomSecret(32);
  const now = core.now();
  const row = {
    id: uuidv7(),
    workspace_id: actor.workspaceId,
    email,
    role: input.role,
    team_id: input.teamId ?? null,
    token_hash: hashSecret(token),
    invited_by: actor.userId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + LIFETIME_MS).toISOString(),
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
  };
  await core.db.transaction().execute(async (trx) => {
    await trx.insertInto('invitations').values(row).execute();
    await recordAudit(
      trx,
      { ...by(actor), action: 'invitation.create', entityType: 'invitation', entityId: row.id, after: { email, role: input.role, teamId: row.team_id } },
      now,
    );
  });
  const url = `${core.config.publicUrl}/invite/${token}`;
  const ws = await findWorkspace(core.db, actor.workspaceId);
  const emailed = await core.mailer.send({
    to: email,
    subject: `Kith: ${bothLanguages('invitation.subject', { workspace: ws?.name ?? '' })}`,
    text: [
      t('vi', 'invitation.body', { workspace: ws?.name ?? '', role: enumLabel('role', input.role, 'vi'), link: url }),
      '',
      t('en', 'invitation.body', { workspace: ws?.name ?? '', role: enumLabel('role', input.role, 'en'), link: url }),
    ].join('\n'),
  });
  return { invitation: toInvitation(row, now.toISOString()), url, emailed };
}

export async function listInvitations(core: Core, actor: Actor): Promise<Invitation[]> {
  authorize(actor, 'members.invite');
  const rows = await core.db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  const now = core.now().toISOString();
  return rows.map((r) => toInvitation(r, now));
}

export async function revokeInvitation(core: Core, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'members.invite');
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('invitations')
      .set({ revoked_at: now.toISOString() })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound('Pending invitation');
    await recordAudit(trx, { ...by(actor), action: 'invitation.revoke', entityType: 'invitation', entityId: id }, now);
  });
}

/** The invitation of a link, if it can still be accepted (404 otherwise). */
export async function pendingByToken(core: Core, token: string) {
  const r = await core.db.selectFrom('invitations').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!r || r.accepted_at || r.revoked_at || r.expires_at <= core.now().toISOString())
    throw new AppError('not_found', 'This invitation is invalid, used, revoked or expired');
  return r;
}

/**
 * What the invitation page shows before accepting. Not whether the address already has a Kith account:
 * whoever made the invitation holds the link, and must not learn that (nor anything else about the account).
 */
export async function previewInvitation(core: Core, token: string): Promise<{ workspaceName: string; email: string; role: Role }> {
  const r = await pendingByToken(core, token);
  const ws = await findWorkspace(core.db, r.workspace_id);
  return { workspaceName: ws?.name ?? '', email: r.email, role: r.role as Role };
}

const MINUTE = 60_000;
/** Per address and per link, counted before any work: the accept route must not become anyone's guessing ground. */
function acceptLimits(token: string, ip: string | null) {
  return [
    { key: `invite:ip:${ip ?? '-'}`, max: 30, windowMs: 15 * MINUTE },
    { key: `invite:link:${hashSecret(token).slice(0, 32)}`, max: 10, windowMs: 15 * MINUTE },
  ];
}

const SIGN_IN_TO_ACCEPT = 'To accept this invitation with an existing Kith account, sign in to that account';

/**
 * Accept an invitation. Someone new chooses a name and a password, which makes their account. Someone
 * who already has an account proves it by signing in — to the account of the invited address — never by
 * a password typed into the invitation: the inviter holds the link too, and could otherwise try the
 * invitee's password here. Throttled per address and per link (429) before any work.
 */
export async function acceptInvitation(
  core: Core,
  token: string,
  input: { name?: string | undefined; password?: string | undefined },
  who: { actor: Actor | null; ip: string | null },
): Promise<{ userId: string; workspaceId: string; email: string }> {
  const attempt = await reserve(core.db, acceptLimits(token, who.ip), core.now().getTime());
  if (attempt.wait > 0)
    throw new AppError('rate_limited', 'Too many attempts for this invitation; try again later', {
      reason: 'too_many_attempts',
      extra: { retryAfter: attempt.wait },
    });
  const r = await pendingByToken(core, token);
  if (who.actor) {
    const user = await findUserById(core.db, who.actor.userId);
    if (!user) throw new AppError('unauthenticated', 'Sign in again');
    return joinAs(core, r, user);
  }
  if (!input.name || input.password === undefined) {
    throw invalid([
      ...(!input.name ? [{ path: ['name'], message: 'Required to make a new account; or sign in to accept with an existing one' }] : []),
      ...(input.password === undefined ? [{ path: ['password'], message: 'Required' }] : []),
    ]);
  }
  // The password is never checked against an existing account here.
  if (await findUserByEmail(core.db, r.email)) throw new AppError('conflict', SIGN_IN_TO_ACCEPT, { reason: 'sign_in_to_accept' });
  const problem = passwordProblem(input.password, { email: r.email, name: input.name });
  if (problem) throw invalid([{ path: ['password'], ...problem }]);
  const newUser = { id: uuidv7(), hash: await hashPassword(input.password), name: input.name };
  return join(core, r, newUser.id, newUser);
}

/**
 * A signed-in user accepting: only the account of the invited address may (the link may have been
 * forwarded, or be the inviter's own). Used by the accept route with a session or token, and by sign-in
 * with an invitation.
 */
export async function joinAs(core: Core, r: PendingInvitation, user: UserRow): Promise<{ userId: string; workspaceId: string; email: string }> {
  if (normalizeEmail(user.email) !== r.email) {
    throw new AppError('forbidden', `This invitation is for ${r.email}; sign in with that address to accept it`, { reason: 'invitation_for_someone_else' });
  }
  return join(core, r, user.id, null);
}

export type PendingInvitation = Awaited<ReturnType<typeof pendingByToken>>;

async function join(
  core: Core,
  r: PendingInvitation,
  userId: string,
  newUser: { hash: string; name: string } | null,
): Promise<{ userId: string; workspaceId: string; email: string }> {
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    // The new account first (accepted_by refers to it); if the invitation was used meanwhile, the transaction undoes both.
    if (newUser) await insertUser(trx, { id: userId, email: r.email, name: newUser.name, passwordHash: newUser.hash }, now.toISOString());
    const used = await trx
      .updateTable('invitations')
      .set({ accepted_at: now.toISOString(), accepted_by: userId })
      .where('id', '=', r.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('not_found', 'This invitation is invalid, used, revoked or expired');
    if (await findRole(trx, r.workspace_id, userId))
      throw new AppError('conflict', 'You are already a member of this workspace', { reason: 'you_already_member' });
    await insertMembership(trx, r.workspace_id, userId, r.role as Role, now.toISOString());
    if (r.team_id) {
      await trx
        .insertInto('team_members')
        .values({ team_id: r.team_id, user_id: userId, workspace_id: r.workspace_id, created_at: now.toISOString() })
        .execute();
    }
    await recordAudit(
      trx,
      [
        { workspaceId: r.workspace_id, actorUserId: userId, action: 'invitation.accept', entityType: 'invitation', entityId: r.id },
        {
          workspaceId: r.workspace_id,
          actorUserId: userId,
          action: 'member.join',
          entityType: 'user',
          entityId: userId,
          after: { role: r.role, email: r.email, teamId: r.team_id },
        },
      ],
      now,
    );
  });
  return { userId, workspaceId: r.workspace_id, email: r.email };
}
