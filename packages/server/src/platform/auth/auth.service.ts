import { uuidv7 } from '../db/ids.ts';
import { AppError, invalid } from '@kith/domain/errors.ts';
import { normalizeEmail } from '@kith/domain/emails/email.ts';
import { passwordProblem } from '@kith/domain/auth/password-policy.ts';
import { isRole, type Role } from '@kith/domain/permissions/permissions.ts';
import type { Core } from '../../core.ts';
import { by, recordAudit } from '../audit/audit.repository.ts';
import { findUserByEmail, findUserById, setPasswordHash, teamIdsOf, workspacesOfUser, type UserRow } from './user.repository.ts';
import type { Actor } from './actor.ts';
import { joinAs, pendingByToken } from '../../features/invitations/invitation.service.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashSecret, hmac, randomSecret, safeEqual } from './secrets.ts';
import { findSessionByHash, findSessionHolder, insertSession, revokeSessionsOfUser, touchSession, type SessionRow } from './session.repository.ts';
import { clear, consume, reserve, type Limit } from './throttle.ts';
import { findTokenHolder, insertToken, revokeTokensOfUser, touchToken, type TokenRow } from './token.repository.ts';
import { bothLanguages } from '../i18n/messages.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const SESSION_IDLE_MS = 7 * DAY;
const TOUCH_EVERY_MS = 5 * MINUTE;
const TOKEN_USE_AUDIT_EVERY_MS = HOUR;
const RESET_LIFETIME_MS = HOUR;

export type RequestInfo = { ip: string | null; userAgent: string | null; requestId: string | null };

/**
 * Login throttling (OWASP's "device cookie" scheme): failures count per IP, per account+IP, and per
 * account. The per-account limit does not apply to a browser that has signed in to that account
 * before (it holds a signed device cookie), so an attacker hammering an account from many addresses
 * cannot lock its owner out.
 */
function loginLimits(email: string, ip: string | null, trustedDevice: boolean): Limit[] {
  const limits: Limit[] = [
    { key: `login:ip:${ip ?? '-'}`, max: 50, windowMs: 15 * MINUTE },
    { key: `login:pair:${email}:${ip ?? '-'}`, max: 10, windowMs: 15 * MINUTE },
  ];
  if (!trustedDevice) limits.push({ key: `login:acct:${email}`, max: 20, windowMs: HOUR });
  return limits;
}

export function deviceCookieFor(core: Core, userId: string): string {
  return `${userId}.${hmac(core.config.secret, `device:${userId}`)}`;
}

function deviceTrusts(core: Core, cookie: string | undefined, userId: string | undefined): boolean {
  if (!cookie || !userId) return false;
  return safeEqual(cookie, deviceCookieFor(core, userId));
}

/**
 * Check an email and password under the throttle. The attempt is counted before the (slow) password check,
 * atomically, so a burst of parallel guesses gets at most each limit's worth of checks; a right password
 * gives its attempt back. Throws 401 with one message for every failure (unknown email, wrong password,
 * disabled account), 429 when throttled — whether or not the password was right.
 */
export async function authenticatePassword(core: Core, rawEmail: string, password: string, info: RequestInfo & { deviceCookie?: string }): Promise<UserRow> {
  const email = normalizeEmail(rawEmail);
  const nowMs = core.now().getTime();
  const user = await findUserByEmail(core.db, email);
  const attempt = await reserve(core.db, loginLimits(email, info.ip, deviceTrusts(core, info.deviceCookie, user?.id)), nowMs);
  if (attempt.wait > 0) throw tooMany('Too many failed sign-in attempts; try again later', attempt.wait);
  const ok = await verifyPassword(user?.passwordHash, password.slice(0, 1024));
  if (!ok || !user || user.disabledAt) {
    await recordAudit(
      core.db,
      {
        workspaceId: null,
        actorUserId: user?.id ?? null,
        action: 'login.failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        meta: { ip: info.ip, requestId: info.requestId },
      },
      core.now(),
    );
    throw new AppError('unauthenticated', 'Invalid email or password');
  }
  await attempt.refund();
  await clear(core.db, [`login:pair:${email}:${info.ip ?? '-'}`]);
  return user;
}

function tooMany(message: string, retryAfter: number): AppError {
  return new AppError('rate_limited', message, { reason: 'too_many_attempts', extra: { retryAfter } });
}

/**
 * A signed-in user proving it is still them (before minting an API token, say): the same throttle as
 * changing the password, counted before the check.
 */
export async function confirmOwnPassword(core: Core, actor: Actor, password: string, path: string): Promise<UserRow> {
  const user = await findUserById(core.db, actor.userId);
  if (!user || user.disabledAt) throw new AppError('unauthenticated', 'Sign in again');
  const attempt = await reserve(core.db, [{ key: `pwcheck:${user.id}`, max: 10, windowMs: HOUR }], core.now().getTime());
  if (attempt.wait > 0) throw tooMany('Too many attempts; try again later', attempt.wait);
  if (!(await verifyPassword(user.passwordHash, password.slice(0, 1024)))) throw invalid([{ path: [path], message: 'The password is wrong' }]);
  await attempt.refund();
  return user;
}

/**
 * The workspace a credential is bound to: the one asked for (if the user belongs to it), or the user's only
 * one. A browser session of someone in several workspaces opens the one they were last in (the web app
 * switches between them); an API token must say which.
 */
async function chooseWorkspace(
  core: Core,
  userId: string,
  requested: string | undefined,
  kind: 'session' | 'token',
): Promise<{ workspaceId: string; role: Role }> {
  const list = await workspacesOfUser(core.db, userId);
  if (requested) {
    const w = list.find((x) => x.id === requested);
    if (!w) throw invalid([{ path: ['workspace'], message: 'You are not a member of this workspace' }]);
    return { workspaceId: w.id, role: w.role };
  }
  if (list.length === 0) throw new AppError('forbidden', 'This account belongs to no workspace', { reason: 'no_workspace' });
  if (list.length > 1 && kind === 'session') {
    const last = await core.db
      .selectFrom('sessions')
      .select('workspace_id')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const w = list.find((x) => x.id === last?.workspace_id) ?? list[0]!;
    return { workspaceId: w.id, role: w.role };
  }
  if (list.length > 1) {
    throw new AppError('validation', 'This account belongs to several workspaces; say which one', {
      issues: [{ path: ['workspace'], message: 'Required: one of your workspace ids' }],
      extra: { workspaces: list.map((w) => ({ id: w.id, name: w.name })) },
    });
  }
  return { workspaceId: list[0]!.id, role: list[0]!.role };
}

export type NewSession = { token: string; session: SessionRow; user: UserRow; role: Role };

/**
 * Sign in: a fresh session (the old one, if any, is ended: session ids rotate on every login). With an
 * invitation link, signing in is how an existing account accepts it: the session opens in its workspace.
 */
export async function login(
  core: Core,
  input: { email: string; password: string; workspace?: string | undefined; invitation?: string | undefined },
  info: RequestInfo & { deviceCookie?: string; previousSessionToken?: string },
): Promise<NewSession> {
  const invitation = input.invitation ? await pendingByToken(core, input.invitation) : null;
  const user = await authenticatePassword(core, input.email, input.password, info);
  const ws = invitation
    ? { workspaceId: (await joinAs(core, invitation, user)).workspaceId, role: invitation.role as Role }
    : await chooseWorkspace(core, user.id, input.workspace, 'session');
  const now = core.now();
  if (info.previousSessionToken) {
    const prev = await findSessionByHash(core.db, hashSecret(info.previousSessionToken));
    if (prev && !prev.revokedAt) await core.db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', prev.id).execute();
  }
  const token = randomSecret(32);
  const session: SessionRow = {
    id: uuidv7(),
    userId: user.id,
    workspaceId: ws.workspaceId,
    csrfToken: randomSecret(24),
    ip: info.ip,
    userAgent: info.userAgent?.slice(0, 300) ?? null,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    revokedAt: null,
  };
  await insertSession(core.db, { ...session, tokenHash: hashSecret(token) });
  await recordAudit(
    core.db,
    {
      workspaceId: ws.workspaceId,
      actorUserId: user.id,
      action: 'login',
      entityType: 'session',
      entityId: session.id,
      meta: { via: 'session', ip: info.ip, requestId: info.requestId },
    },
    now,
  );
  return { token, session, user, role: ws.role };
}

/** The actor behind a credential whose holder still belongs to the workspace; team ids only where they decide scope. */
async function actorOf(
  core: Core,
  h: { userId: string; workspaceId: string; role: string | null; userDisabled: boolean },
  via: Actor['via'],
  ids: { sessionId: string | null; tokenId: string | null },
  info: RequestInfo,
): Promise<Actor | null> {
  if (!h.role || !isRole(h.role) || h.userDisabled) return null;
  const teamIds = h.role === 'manager' || h.role === 'agent' ? await teamIdsOf(core.db, h.workspaceId, h.userId) : [];
  return {
    userId: h.userId,
    workspaceId: h.workspaceId,
    role: h.role,
    teamIds,
    via,
    sessionId: ids.sessionId,
    tokenId: ids.tokenId,
    requestId: info.requestId,
    ip: info.ip,
  };
}

/** Who holds this session cookie, if anyone. A session ends when revoked, expired, idle too long, or when its user leaves the workspace. */
export async function resolveSession(core: Core, token: string, info: RequestInfo): Promise<{ actor: Actor; session: SessionRow } | null> {
  if (token.length < 20 || token.length > 100) return null;
  const session = await findSessionHolder(core.db, hashSecret(token));
  const now = core.now();
  if (!session || session.revokedAt) return null;
  if (session.expiresAt <= now.toISOString()) return null;
  if (new Date(session.lastSeenAt).getTime() + SESSION_IDLE_MS <= now.getTime()) return null;
  const actor = await actorOf(core, session, 'session', { sessionId: session.id, tokenId: null }, info);
  if (!actor) return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) await touchSession(core.db, session.id, now.toISOString());
  return { actor, session };
}

export const TOKEN_PREFIX = 'kith_';

/** Who holds this API token, if anyone. Use is recorded (last_used_at at most every minute; an audit entry at most hourly per token). */
export async function resolveToken(core: Core, token: string, info: RequestInfo): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await findTokenHolder(core.db, hashSecret(token));
  const now = core.now();
  if (!row || row.revokedAt) return null;
  if (row.expiresAt && row.expiresAt <= now.toISOString()) return null;
  const actor = await actorOf(core, row, 'token', { sessionId: null, tokenId: row.id }, info);
  if (!actor) return null;
  const last = row.lastUsedAt ? new Date(row.lastUsedAt).getTime() : 0;
  if (now.getTime() - last > MINUTE) {
    await touchToken(core.db, row.id, now.toISOString());
    if (now.getTime() - last > TOKEN_USE_AUDIT_EVERY_MS) {
      await recordAudit(core.db, { ...by(actor), action: 'token.use', entityType: 'api_token', entityId: row.id }, now);
    }
  }
  return actor;
}

export type CreatedToken = { token: string; row: TokenRow };

/** When a token made now expires: in `days`, or the instance's default (KITH_TOKEN_TTL_DAYS; 0 means none). */
export function tokenExpiry(core: Core, days?: number): string | null {
  const d = days ?? core.config.tokenTtlDays;
  return d > 0 ? new Date(core.now().getTime() + d * DAY).toISOString() : null;
}

/** A personal API token, shown once and stored hashed; it expires after the instance's default lifetime unless told otherwise. */
export async function createToken(
  core: Core,
  userId: string,
  workspaceId: string,
  name: string,
  info: RequestInfo,
  expiresAt: string | null = tokenExpiry(core),
): Promise<CreatedToken> {
  const token = `${TOKEN_PREFIX}${randomSecret(32)}`;
  const now = core.now();
  const row: TokenRow = {
    id: uuidv7(),
    userId,
    workspaceId,
    name,
    prefix: token.slice(0, 12),
    createdAt: now.toISOString(),
    lastUsedAt: null,
    expiresAt,
    revokedAt: null,
  };
  await core.db.transaction().execute(async (trx) => {
    await insertToken(trx, { ...row, tokenHash: hashSecret(token) });
    await recordAudit(
      trx,
      {
        workspaceId,
        actorUserId: userId,
        action: 'token.create',
        entityType: 'api_token',
        entityId: row.id,
        after: { name, prefix: row.prefix, expiresAt },
        meta: { ip: info.ip, requestId: info.requestId },
      },
      now,
    );
  });
  return { token, row };
}

/** POST /api/v1/auth/tokens with email and password: the credential check is throttled exactly like sign-in. */
export async function createTokenWithPassword(
  core: Core,
  input: { email: string; password: string; name: string; workspace?: string; expiresInDays?: number },
  info: RequestInfo & { deviceCookie?: string },
): Promise<CreatedToken> {
  const user = await authenticatePassword(core, input.email, input.password, info);
  const ws = await chooseWorkspace(core, user.id, input.workspace, 'token');
  return createToken(core, user.id, ws.workspaceId, input.name, info, tokenExpiry(core, input.expiresInDays));
}

/** Change one's own password: every other session and every API token of the user ends. */
export async function changePassword(core: Core, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  const user = await findUserById(core.db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in again');
  const attempt = await reserve(core.db, [{ key: `pwchange:${user.id}`, max: 10, windowMs: HOUR }], core.now().getTime());
  if (attempt.wait > 0) throw tooMany('Too many attempts; try again later', attempt.wait);
  if (!(await verifyPassword(user.passwordHash, currentPassword.slice(0, 1024)))) {
    throw invalid([{ path: ['currentPassword'], message: 'The current password is wrong' }]);
  }
  await attempt.refund();
  const problem = passwordProblem(newPassword, { email: user.email, name: user.name });
  if (problem) throw invalid([{ path: ['newPassword'], ...problem }]);
  const hash = await hashPassword(newPassword);
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash, now.toISOString());
    await revokeSessionsOfUser(trx, user.id, now.toISOString(), actor.sessionId ? { exceptId: actor.sessionId } : {});
    await revokeTokensOfUser(trx, user.id, now.toISOString());
    await cancelResetLinks(trx, user.id, now.toISOString());
    await recordAudit(trx, { ...by(actor), action: 'password.change', entityType: 'user', entityId: user.id }, now);
  });
}

/**
 * Ask for a reset link. Always the same answer; the work happens after the response so its timing
 * says nothing either. Throttled per address and per IP, silently.
 */
export async function requestPasswordReset(core: Core, rawEmail: string, info: RequestInfo): Promise<void> {
  const email = normalizeEmail(rawEmail);
  const nowMs = core.now().getTime();
  const overEmail = await consume(core.db, { key: `reset:email:${email}`, max: 3, windowMs: HOUR }, nowMs);
  const overIp = await consume(core.db, { key: `reset:ip:${info.ip ?? '-'}`, max: 20, windowMs: HOUR }, nowMs);
  if (overEmail > 0 || overIp > 0) return;
  const user = await findUserByEmail(core.db, email);
  if (!user || user.disabledAt) return;
  const token = randomSecret(32);
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_resets')
      .values({
        id: uuidv7(),
        user_id: user.id,
        token_hash: hashSecret(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + RESET_LIFETIME_MS).toISOString(),
        used_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        workspaceId: null,
        actorUserId: null,
        action: 'password.reset.request',
        entityType: 'user',
        entityId: user.id,
        meta: { ip: info.ip, requestId: info.requestId },
      },
      now,
    );
  });
  const link = `${core.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const sent = await core.mailer.send({
    to: user.email,
    // Kith does not know the language of someone who cannot sign in: both, Vietnamese first.
    subject: `Kith: ${bothLanguages('auth.reset.subject')}`,
    text: [bothLanguages('auth.reset.body', { name: user.name, link }, '\n\n'), '', bothLanguages('auth.reset.notYou')].join('\n'),
  });
  if (!sent) core.log.warn('password reset requested but no mail could be sent; an administrator can run `kith user reset-password`');
}

/** Every reset link of the user still outstanding stops working: a new password, however it was set, ends them all. */
async function cancelResetLinks(db: Core['db'], userId: string, now: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** Use a reset link: new password, every session and token of the user ended. */
export async function confirmPasswordReset(core: Core, token: string, newPassword: string, info: RequestInfo): Promise<void> {
  const now = core.now();
  const row = await core.db.selectFrom('password_resets').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= now.toISOString()) {
    throw invalid([{ path: ['token'], message: 'This reset link is invalid or has expired; ask for a new one' }]);
  }
  const user = await findUserById(core.db, row.user_id);
  if (!user || user.disabledAt) throw invalid([{ path: ['token'], message: 'This reset link is invalid or has expired; ask for a new one' }]);
  const problem = passwordProblem(newPassword, { email: user.email, name: user.name });
  if (problem) throw invalid([{ path: ['password'], ...problem }]);
  const hash = await hashPassword(newPassword);
  await core.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw invalid([{ path: ['token'], message: 'This reset link has already been used' }]);
    await setPasswordHash(trx, user.id, hash, now.toISOString());
    await revokeSessionsOfUser(trx, user.id, now.toISOString());
    await revokeTokensOfUser(trx, user.id, now.toISOString());
    await cancelResetLinks(trx, user.id, now.toISOString());
    await recordAudit(
      trx,
      {
        workspaceId: null,
        actorUserId: user.id,
        action: 'password.reset',
        entityType: 'user',
        entityId: user.id,
        meta: { ip: info.ip, requestId: info.requestId },
      },
      now,
    );
  });
  await clear(core.db, [`login:acct:${user.email}`]);
}

/** Set a user's password from the command line (`kith user reset-password`): every session and token of theirs ends. */
export async function adminSetPassword(core: Core, rawEmail: string, newPassword: string): Promise<UserRow> {
  const email = normalizeEmail(rawEmail);
  const user = await findUserByEmail(core.db, email);
  if (!user) throw new AppError('not_found', `No user with email ${email}`);
  const problem = passwordProblem(newPassword, { email: user.email, name: user.name });
  if (problem) throw invalid([{ path: ['password'], ...problem }]);
  const hash = await hashPassword(newPassword);
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash, now.toISOString());
    await revokeSessionsOfUser(trx, user.id, now.toISOString());
    await revokeTokensOfUser(trx, user.id, now.toISOString());
    await cancelResetLinks(trx, user.id, now.toISOString());
    await recordAudit(
      trx,
      { workspaceId: null, actorUserId: null, action: 'password.reset', entityType: 'user', entityId: user.id, meta: { via: 'cli' } },
      now,
    );
  });
  await clear(core.db, [`login:acct:${email}`]);
  return user;
}
