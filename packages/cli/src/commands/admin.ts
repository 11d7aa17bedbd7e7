import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import { AppError } from '@kith/domain/errors.ts';
import { isRole, ROLES, type Role } from '@kith/domain/permissions/permissions.ts';
import { adminSetPassword, createToken, tokenExpiry } from '@kith/server/platform/auth/auth.service.ts';
import { cliActor, type Actor } from '@kith/server/platform/auth/actor.ts';
import type { Core } from '@kith/server/core.ts';
import { findRole, findUserByEmail } from '@kith/server/platform/auth/user.repository.ts';
import { listAllWorkspaces } from '@kith/server/features/workspaces/workspace.repository.ts';
import { createUserInWorkspace, setup } from '@kith/server/features/workspaces/workspace.service.ts';
import { normalizeEmail } from '@kith/domain/emails/email.ts';
import { print, withCore } from '../output.ts';

/** The workspace a command acts on: the one named, or the instance's only one. */
export async function resolveWorkspace(core: Core, id: string | undefined): Promise<string> {
  const all = await listAllWorkspaces(core.db);
  if (id) {
    if (!all.some((w) => w.id === id)) throw new AppError('not_found', `No workspace ${id}; see \`kith workspace list\``);
    return id;
  }
  if (all.length === 0) throw new AppError('not_found', 'Kith is not set up yet: run `kith setup` or open the web app');
  if (all.length > 1) throw new AppError('validation', `There are ${all.length} workspaces; pass --workspace <id> (see \`kith workspace list\`)`);
  return all[0]!.id;
}

/** The CLI acts as the workspace's first owner (it runs where the server runs, by whoever runs it). */
export async function ownerActor(core: Core, workspaceId: string): Promise<Actor> {
  const owner = await core.db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  return cliActor({ userId: owner.user_id, workspaceId, role: 'owner', teamIds: [] });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A password from --password-stdin, or a generated one (printed once). */
async function passwordFrom(opts: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (opts.passwordStdin) return { password: await readStdin(), generated: false };
  return { password: randomBytes(15).toString('base64url'), generated: true };
}

export function registerAdminCommands(program: Command): void {
  program
    .command('setup')
    .description('first run from the command line: the first workspace and its owner (same as POST /api/v1/setup)')
    .requiredOption('--workspace <name>', 'workspace name')
    .requiredOption('--name <name>', 'owner’s full name')
    .requiredOption('--email <email>', 'owner’s email')
    .option('--password-stdin', 'read the password from standard input (otherwise one is generated and printed)')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace: string; name: string; email: string; passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      const { password, generated } = await passwordFrom(opts);
      await withCore(cmd, async (core) => {
        const r = await setup(core, { workspace: opts.workspace, name: opts.name, email: opts.email, password }, { ip: null, requestId: null });
        const out = {
          workspace: { id: r.workspace.id, name: r.workspace.name },
          user: { id: r.user.id, email: r.user.email },
          ...(generated ? { password } : {}),
        };
        print(
          out,
          Boolean(opts.json),
          () => `workspace ${r.workspace.name} (${r.workspace.id})\nowner ${r.user.email}${generated ? `\npassword ${password}` : ''}`,
        );
      });
    });

  const ws = program.command('workspace').description('workspaces');
  ws.command('list')
    .description('every workspace of this instance')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const all = await listAllWorkspaces(core.db);
        print(all, Boolean(opts.json), () => (all.length ? all.map((w) => `${w.id}  ${w.name}`).join('\n') : 'no workspaces yet (run `kith setup`)'));
      });
    });

  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user in a workspace')
    .requiredOption('--email <email>', 'email (their sign-in)')
    .requiredOption('--name <name>', 'full name')
    .addOption(new Option('--role <role>', 'role in the workspace').choices([...ROLES]).default('agent'))
    .option('--workspace <id>', 'workspace id (default: the only one)')
    .option('--password-stdin', 'read the password from standard input (otherwise one is generated and printed)')
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; name: string; role: string; workspace?: string; passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      if (!isRole(opts.role)) throw new AppError('validation', `Unknown role ${opts.role}`);
      const { password, generated } = await passwordFrom(opts);
      await withCore(cmd, async (core) => {
        const workspaceId = await resolveWorkspace(core, opts.workspace);
        const u = await createUserInWorkspace(core, { email: opts.email, name: opts.name, password, workspaceId, role: opts.role as Role }, null);
        const out = { id: u.id, email: u.email, role: opts.role, workspaceId, ...(generated ? { password } : {}) };
        print(out, Boolean(opts.json), () => `user ${u.email} (${u.id}) is ${opts.role} in ${workspaceId}${generated ? `\npassword ${password}` : ''}`);
      });
    });

  user
    .command('reset-password')
    .description('set a new password for a user; ends all their sessions and API tokens')
    .requiredOption('--email <email>', 'the user’s email')
    .option('--password-stdin', 'read the new password from standard input (otherwise one is generated and printed)')
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      const { password, generated } = await passwordFrom(opts);
      await withCore(cmd, async (core) => {
        const u = await adminSetPassword(core, opts.email, password);
        print(
          { email: u.email, ...(generated ? { password } : {}) },
          Boolean(opts.json),
          () => `password of ${u.email} changed${generated ? `\npassword ${password}` : ''}`,
        );
      });
    });

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create a personal API token for a user (printed once)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--workspace <id>', 'workspace id (default: the user’s only one, or the instance’s only one)')
    .option('--expires-in-days <n>', 'days the token lives (default: KITH_TOKEN_TTL_DAYS, 90)')
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; name: string; workspace?: string; expiresInDays?: string; json?: boolean }, cmd: Command) => {
      await withCore(cmd, async (core) => {
        const u = await findUserByEmail(core.db, normalizeEmail(opts.email));
        if (!u) throw new AppError('not_found', `No user with email ${opts.email}`);
        const workspaceId = await resolveWorkspace(core, opts.workspace);
        if (!(await findRole(core.db, workspaceId, u.id))) throw new AppError('forbidden', `${u.email} is not a member of workspace ${workspaceId}`);
        const days = opts.expiresInDays === undefined ? undefined : Number(opts.expiresInDays);
        if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650))
          throw new AppError('validation', '--expires-in-days must be a whole number of days from 1 to 3650');
        const t = await createToken(core, u.id, workspaceId, opts.name, { ip: null, userAgent: 'kith-cli', requestId: null }, tokenExpiry(core, days));
        print({ token: t.token, id: t.row.id, workspaceId, expiresAt: t.row.expiresAt }, Boolean(opts.json), () => t.token);
      });
    });
}
