import { uuidv7 } from '../../platform/db/ids.ts';
import { defineHook, emit } from '../../kith-module.ts';
import { AppError, invalid } from '@kith/domain/errors.ts';
import { passwordProblem } from '@kith/domain/auth/password-policy.ts';
import { accountEmailProblem, normalizeEmail } from '@kith/domain/emails/email.ts';
import { isRegion } from '@kith/domain/phones/phone.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { findUserByEmail, insertMembership, insertUser, type UserRow } from '../../platform/auth/user.repository.ts';
import { forgetReadContext } from './read-context.ts';
import { isCurrency } from '@kith/domain/money/money.ts';
import { findWorkspace, insertWorkspace, updateWorkspace, WORKSPACE_DEFAULTS, type Workspace } from './workspace.repository.ts';

/** Any IANA name the runtime resolves, aliases included (ICU lists Asia/Ho_Chi_Minh under its alias Asia/Saigon). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

async function newWorkspace(db: Db, name: string, now: string): Promise<Workspace> {
  const w: Workspace = { id: uuidv7(), name, ...WORKSPACE_DEFAULTS, createdAt: now, updatedAt: now };
  await insertWorkspace(db, w);
  return w;
}

/**
 * First-run setup: the first workspace and its owner. Exactly once per instance: the `instance.setup`
 * row's primary key makes two racing setups end with one 201 and one 409.
 */
export async function setup(
  core: Core,
  input: { workspace: string; name: string; email: string; password: string },
  info: { ip: string | null; requestId: string | null },
): Promise<{ workspace: Workspace; user: UserRow }> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, { email, name: input.name });
  if (problem) throw invalid([{ path: ['password'], ...problem }]);
  const existing = await core.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (existing) throw new AppError('conflict', 'Kith is already set up; sign in instead', { reason: 'already_set_up' });
  const hash = await hashPassword(input.password);
  const now = core.now().toISOString();
  try {
    return await core.db.transaction().execute(async (trx) => {
      await trx.insertInto('instance').values({ key: 'setup', value: now, created_at: now }).execute();
      const workspace = await newWorkspace(trx, input.workspace, now);
      const userId = uuidv7();
      await insertUser(trx, { id: userId, email, name: input.name, passwordHash: hash }, now);
      await insertMembership(trx, workspace.id, userId, 'owner', now);
      await recordAudit(
        trx,
        [
          {
            workspaceId: workspace.id,
            actorUserId: userId,
            action: 'create',
            entityType: 'workspace',
            entityId: workspace.id,
            after: { name: workspace.name },
            meta: { via: 'setup', ip: info.ip, requestId: info.requestId },
          },
          {
            workspaceId: workspace.id,
            actorUserId: userId,
            action: 'member.join',
            entityType: 'user',
            entityId: userId,
            after: { role: 'owner', email },
            meta: { via: 'setup' },
          },
        ],
        core.now(),
      );
      return { workspace, user: { id: userId, email, name: input.name, passwordHash: hash, locale: null, createdAt: now, disabledAt: null } };
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (await core.db.selectFrom('instance').select('key').where('key', '=', 'setup').executeTakeFirst()) {
      throw new AppError('conflict', 'Kith is already set up; sign in instead', { reason: 'already_set_up' });
    }
    throw e;
  }
}

/** Another workspace, owned by the caller. */
export async function createWorkspace(core: Core, actor: Actor, name: string): Promise<Workspace> {
  const now = core.now();
  return core.db.transaction().execute(async (trx) => {
    const w = await newWorkspace(trx, name, now.toISOString());
    await insertMembership(trx, w.id, actor.userId, 'owner', now.toISOString());
    await recordAudit(trx, { ...by(actor), workspaceId: w.id, action: 'create', entityType: 'workspace', entityId: w.id, after: { name } }, now);
    return w;
  });
}

export async function getWorkspace(core: Core, actor: Actor): Promise<Workspace> {
  const w = await findWorkspace(core.db, actor.workspaceId);
  if (!w) throw new AppError('not_found', 'Workspace not found');
  return w;
}

/** A workspace's time zone changed, in the changing transaction (the surveys listen: their counts are kept by local day). */
export type WorkspaceZoneChanged = { workspaceId: string; from: string; to: string; now: Date };
export const workspaceZoneChangedHook = defineHook<WorkspaceZoneChanged>('workspace.zone-changed');

export type WorkspacePatch = Partial<Pick<Workspace, 'name' | 'currency' | 'timezone' | 'phoneRegion' | 'locale' | 'lifecycleAuto' | 'loyalAfter'>>;

export async function updateWorkspaceSettings(core: Core, actor: Actor, patch: WorkspacePatch): Promise<Workspace> {
  const issues = [];
  if (patch.currency !== undefined && !isCurrency(patch.currency)) issues.push({ path: ['currency'], message: 'Not an ISO 4217 currency code' });
  if (patch.timezone !== undefined && !isTimeZone(patch.timezone))
    issues.push({ path: ['timezone'], message: 'Not an IANA time zone such as Asia/Ho_Chi_Minh' });
  if (patch.phoneRegion !== undefined && !isRegion(patch.phoneRegion))
    issues.push({ path: ['phoneRegion'], message: 'Not a region code with phone numbering, such as VN' });
  if (issues.length > 0) throw invalid(issues);
  const now = core.now();
  return core.db
    .transaction()
    .execute(async (trx) => {
      const before = await findWorkspace(trx, actor.workspaceId);
      if (!before) throw new AppError('not_found', 'Workspace not found');
      await updateWorkspace(trx, actor.workspaceId, patch, now.toISOString());
      const after = (await findWorkspace(trx, actor.workspaceId))!;
      const changed = Object.keys(patch) as (keyof WorkspacePatch)[];
      if (patch.timezone !== undefined && patch.timezone !== before.timezone)
        await emit(trx, core, workspaceZoneChangedHook, { workspaceId: actor.workspaceId, from: before.timezone, to: patch.timezone, now });
      await recordAudit(
        trx,
        { ...by(actor), action: 'update', entityType: 'workspace', entityId: actor.workspaceId, before: pick(before, changed), after: pick(after, changed) },
        now,
      );
      return after;
    })
    .finally(() => forgetReadContext(core, actor.workspaceId));
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;
}

/** A user with a password, added to a workspace (CLI `kith user create`; invitations use the same rules). */
export async function createUserInWorkspace(
  core: Core,
  input: { email: string; name: string; password: string; workspaceId: string; role: Actor['role'] },
  actor: Actor | null,
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  const bad = accountEmailProblem(email);
  if (bad) throw invalid([{ path: ['email'], ...bad }]);
  const problem = passwordProblem(input.password, { email, name: input.name });
  if (problem) throw invalid([{ path: ['password'], ...problem }]);
  if (await findUserByEmail(core.db, email))
    throw new AppError('conflict', `A user with email ${email} already exists`, { reason: 'email_taken', params: { email } });
  const hash = await hashPassword(input.password);
  const now = core.now();
  const id = uuidv7();
  await core.db.transaction().execute(async (trx) => {
    await insertUser(trx, { id, email, name: input.name, passwordHash: hash }, now.toISOString());
    await insertMembership(trx, input.workspaceId, id, input.role, now.toISOString());
    await recordAudit(
      trx,
      {
        ...(actor ? by(actor) : { workspaceId: input.workspaceId, actorUserId: null }),
        workspaceId: input.workspaceId,
        action: 'member.join',
        entityType: 'user',
        entityId: id,
        after: { role: input.role, email },
      },
      now,
    );
  });
  return { id, email, name: input.name, passwordHash: hash, locale: null, createdAt: now.toISOString(), disabledAt: null };
}
