import { v7 as uuidv7 } from 'uuid';
import type { Role } from '@kith/domain/permissions/permissions.ts';
import { cliActor, type Actor } from '../src/platform/auth/actor.ts';
import { createToken } from '../src/platform/auth/auth.service.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import type { Core } from '../src/core.ts';
import { insertMembership, insertUser } from '../src/platform/auth/user.repository.ts';
import { insertWorkspace, WORKSPACE_DEFAULTS } from '../src/features/workspaces/workspace.repository.ts';
import { deliverDueEvents } from '../src/platform/events/delivery.ts';
import { runDueJobs } from '../src/platform/jobs/runner.ts';
import { eventListenersOf } from '../src/kith-module.ts';

/**
 * Test factories (outline's habit): overrides welcome, missing parents created, fixed inputs. They write
 * through the repositories, not through the API under test.
 */
export const PASSWORD = 'a long test password 42';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));
let n = 0;
const unique = () => `${process.pid}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

export type TestUser = { userId: string; email: string; password: string; workspaceId: string; role: Role; actor: Actor; token: string };

export async function makeWorkspace(core: Core, o: { name?: string; phoneRegion?: string } = {}): Promise<{ workspaceId: string; owner: TestUser }> {
  const now = core.now().toISOString();
  const workspaceId = uuidv7();
  await insertWorkspace(core.db, {
    id: workspaceId,
    name: o.name ?? `Workspace ${unique()}`,
    ...WORKSPACE_DEFAULTS,
    ...(o.phoneRegion ? { phoneRegion: o.phoneRegion } : {}),
    createdAt: now,
    updatedAt: now,
  });
  const owner = await makeMember(core, workspaceId, 'owner');
  return { workspaceId, owner };
}

export async function makeMember(
  core: Core,
  workspaceId: string,
  role: Role,
  o: { email?: string; name?: string; teamIds?: string[] } = {},
): Promise<TestUser> {
  const now = core.now().toISOString();
  const userId = uuidv7();
  const email = o.email ?? `${role}-${unique()}@example.com`;
  await insertUser(core.db, { id: userId, email, name: o.name ?? `Test ${role}`, passwordHash: await passwordHash() }, now);
  await insertMembership(core.db, workspaceId, userId, role, now);
  for (const teamId of o.teamIds ?? []) {
    await core.db.insertInto('team_members').values({ team_id: teamId, user_id: userId, workspace_id: workspaceId, created_at: now }).execute();
  }
  // No expiry: many tests move the clock months ahead, and the member's token is their way in (tokens' lifetime is tested in auth.routes.test.ts).
  const { token } = await createToken(core, userId, workspaceId, 'test', { ip: null, userAgent: null, requestId: null }, null);
  return { userId, email, password: PASSWORD, workspaceId, role, token, actor: cliActor({ userId, workspaceId, role, teamIds: o.teamIds ?? [] }) };
}

export async function makeTeam(core: Core, workspaceId: string, name = `Team ${unique()}`): Promise<string> {
  const now = core.now().toISOString();
  const id = uuidv7();
  await core.db.insertInto('teams').values({ id, workspace_id: workspaceId, name, created_at: now, updated_at: now }).execute();
  return id;
}

/** Every row count that a request could change, to prove a rejected request wrote nothing. */
export async function snapshotCounts(core: Core): Promise<Record<string, number>> {
  const tables = [
    'workspaces',
    'users',
    'memberships',
    'teams',
    'team_members',
    'invitations',
    'api_tokens',
    'companies',
    'contacts',
    'contact_keys',
    'custom_fields',
    'audit_log',
    'saved_views',
    'product_categories',
    'products',
    'orders',
    'order_lines',
    'interactions',
    'tasks',
    'imports',
    'import_files',
    'import_items',
    'import_errors',
    'duplicate_candidates',
    'merges',
    'pipelines',
    'pipeline_stages',
    'deals',
    'tickets',
    'ticket_messages',
    'canned_replies',
    'surveys',
    'survey_invitations',
    'survey_responses',
    'survey_answers',
    'mail_outbox',
    'playbooks',
    'playbook_runs',
    'playbook_run_steps',
    'events',
    'training_courses',
    'training_competencies',
    'training_course_competencies',
    'training_requirements',
    'training_records',
    'training_reminders',
    'workload_settings',
    'member_capacity',
    'reward_entries',
    'reward_rules',
  ] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await core.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  const v = await core.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.sum<number>('version').as('v'))
    .executeTakeFirstOrThrow();
  out.contact_versions = Number(v.v ?? 0);
  const o = await core.db
    .selectFrom('orders')
    .select((eb) => eb.fn.sum<number>('version').as('v'))
    .executeTakeFirstOrThrow();
  out.order_versions = Number(o.v ?? 0);
  const rw = await core.db
    .selectFrom('reward_entries')
    .select((eb) => eb.fn.sum<number>('version').as('v'))
    .executeTakeFirstOrThrow();
  out.reward_versions = Number(rw.v ?? 0);
  return out;
}

/**
 * Deliver the domain events that are due to the Core's modules' listeners, as a server's delivery loop would
 * (main.ts): tests call it where a listener's effect (a survey scheduled after a delivery) is what they check.
 */
export async function deliverEvents(core: Core): Promise<void> {
  await deliverDueEvents(core, eventListenersOf(core.modules));
}

/**
 * Run the jobs that are due (of `kinds`, or every kind the Core's modules handle) until none is left, as a
 * server's job runner would (main.ts): tests call it where work started in the background (an import run, a
 * score refresh) is what they wait for.
 */
export async function runJobsUntilIdle(core: Core, kinds?: readonly string[]): Promise<void> {
  await runDueJobs(core, 'test', kinds ? { kinds } : {});
}
