import type { Db } from '../db/create-db.ts';

export type SessionRow = {
  id: string;
  userId: string;
  workspaceId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

type Raw = {
  id: string;
  user_id: string;
  workspace_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
};

const toSession = (r: Raw): SessionRow => ({
  id: r.id,
  userId: r.user_id,
  workspaceId: r.workspace_id,
  csrfToken: r.csrf_token,
  ip: r.ip,
  userAgent: r.user_agent,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const COLUMNS = ['id', 'user_id', 'workspace_id', 'csrf_token', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at'] as const;

export async function insertSession(db: Db, s: SessionRow & { tokenHash: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      workspace_id: s.workspaceId,
      token_hash: s.tokenHash,
      csrf_token: s.csrfToken,
      ip: s.ip,
      user_agent: s.userAgent,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      revoked_at: null,
    })
    .execute();
}

export async function findSessionByHash(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const r = await db.selectFrom('sessions').select(COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && toSession(r);
}

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function setSessionWorkspace(db: Db, id: string, workspaceId: string): Promise<void> {
  await db.updateTable('sessions').set({ workspace_id: workspaceId }).where('id', '=', id).execute();
}

export async function revokeSessionById(db: Db, userId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** End every session of a user (optionally but one, and optionally only in one workspace). */
export async function revokeSessionsOfUser(db: Db, userId: string, now: string, opts: { exceptId?: string; workspaceId?: string } = {}): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (opts.exceptId) q = q.where('id', '!=', opts.exceptId);
  if (opts.workspaceId) q = q.where('workspace_id', '=', opts.workspaceId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listActiveSessions(db: Db, userId: string, now: string): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(toSession);
}

/** The session with its user's current role in the session's workspace (null once they left it) and whether the account is disabled: one query per request. */
export async function findSessionHolder(db: Db, tokenHash: string): Promise<(SessionRow & { role: string | null; userDisabled: boolean }) | undefined> {
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('memberships as m', (j) => j.onRef('m.workspace_id', '=', 's.workspace_id').onRef('m.user_id', '=', 's.user_id'))
    .select([
      's.id',
      's.user_id',
      's.workspace_id',
      's.csrf_token',
      's.ip',
      's.user_agent',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'm.role',
      'u.disabled_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r && { ...toSession(r), role: r.role, userDisabled: r.disabled_at !== null };
}
