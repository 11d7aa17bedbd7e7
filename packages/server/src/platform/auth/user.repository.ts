import type { Role } from '@kith/domain/permissions/permissions.ts';
import type { Db } from '../db/create-db.ts';

export type UserRow = {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  locale: string | null;
  createdAt: string;
  disabledAt: string | null;
};

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const r = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return r && toUser(r);
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toUser(r);
}

function toUser(r: {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  locale: string | null;
  created_at: string;
  disabled_at: string | null;
}): UserRow {
  return { id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash, locale: r.locale, createdAt: r.created_at, disabledAt: r.disabled_at };
}

export async function insertUser(
  db: Db,
  u: { id: string; email: string; name: string; passwordHash: string; locale?: string | null },
  now: string,
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      locale: u.locale ?? null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
      disabled_at: null,
    })
    .execute();
}

export async function setPasswordHash(db: Db, userId: string, hash: string, now: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash, password_changed_at: now, updated_at: now }).where('id', '=', userId).execute();
}

/** Change a user's own name or language (a key left out stays as it is). */
export async function updateUserProfile(db: Db, userId: string, patch: { name?: string; locale?: string | null }, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

export async function insertMembership(db: Db, workspaceId: string, userId: string, role: Role, now: string): Promise<void> {
  await db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: userId, role, created_at: now, updated_at: now }).execute();
}

export async function findRole(db: Db, workspaceId: string, userId: string): Promise<Role | undefined> {
  const r = await db.selectFrom('memberships').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return r?.role as Role | undefined;
}

export async function teamIdsOf(db: Db, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

export type WorkspaceOfUser = { id: string; name: string; role: Role };

export async function workspacesOfUser(db: Db, userId: string): Promise<WorkspaceOfUser[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select(['w.id', 'w.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as Role }));
}

export type Member = { userId: string; email: string; name: string; role: Role; teamIds: string[]; joinedAt: string; disabled: boolean };

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.created_at', 'u.disabled_at'])
    .where('m.workspace_id', '=', workspaceId)
    .orderBy('u.name')
    .execute();
  const teams = await db.selectFrom('team_members').select(['user_id', 'team_id']).where('workspace_id', '=', workspaceId).execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    teamIds: teams.filter((t) => t.user_id === r.id).map((t) => t.team_id),
    joinedAt: r.created_at,
    disabled: r.disabled_at !== null,
  }));
}

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const r = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The workspace's members' ids and emails: what files name a member by (an owner in an export, and back in an import). */
export async function memberEmails(db: Db, workspaceId: string): Promise<{ id: string; email: string }[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email'])
    .where('memberships.workspace_id', '=', workspaceId)
    .execute();
}
