import type { Db } from '../db/create-db.ts';

export type TokenRow = {
  id: string;
  userId: string;
  workspaceId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

type Raw = {
  id: string;
  user_id: string;
  workspace_id: string;
  name: string;
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};
const toToken = (r: Raw): TokenRow => ({
  id: r.id,
  userId: r.user_id,
  workspaceId: r.workspace_id,
  name: r.name,
  prefix: r.token_prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});
const COLUMNS = ['id', 'user_id', 'workspace_id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'] as const;

export async function insertToken(db: Db, t: TokenRow & { tokenHash: string }): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      user_id: t.userId,
      workspace_id: t.workspaceId,
      name: t.name,
      token_hash: t.tokenHash,
      token_prefix: t.prefix,
      created_at: t.createdAt,
      last_used_at: null,
      expires_at: t.expiresAt,
      revoked_at: null,
    })
    .execute();
}

export async function touchToken(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function listTokensOf(db: Db, userId: string, workspaceId: string): Promise<TokenRow[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toToken);
}

export async function revokeToken(db: Db, userId: string, workspaceId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function revokeTokensOfUser(db: Db, userId: string, now: string, workspaceId?: string): Promise<number> {
  let q = db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (workspaceId) q = q.where('workspace_id', '=', workspaceId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The token with its holder's current role in the token's workspace (null once they left it) and whether the account is disabled: one query per API request. */
export async function findTokenHolder(db: Db, tokenHash: string): Promise<(TokenRow & { role: string | null; userDisabled: boolean }) | undefined> {
  const r = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('memberships as m', (j) => j.onRef('m.workspace_id', '=', 't.workspace_id').onRef('m.user_id', '=', 't.user_id'))
    .select([
      't.id',
      't.user_id',
      't.workspace_id',
      't.name',
      't.token_prefix',
      't.created_at',
      't.last_used_at',
      't.expires_at',
      't.revoked_at',
      'm.role',
      'u.disabled_at',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r && { ...toToken(r), role: r.role, userDisabled: r.disabled_at !== null };
}
