import { randomBytes } from 'node:crypto';
import { demoCompany, demoCompanyCount, demoContact, DEMO_TEAMS } from '@kith/domain/demo/demo-data.ts';
import type { Core } from '../core.ts';
import { cliActor, type Actor } from '../auth/actor.ts';
import { createCompanies } from '../companies/company.service.ts';
import { createContacts } from '../contacts/contact.service.ts';
import { findRole, findUserByEmail, insertMembership, teamIdsOf } from '../members/user.repository.ts';
import { addTeamMember, createTeam, listTeams } from '../teams/team.service.ts';
import { createUserInWorkspace, setup } from '../workspaces/workspace.service.ts';
import { listAllWorkspaces } from '../workspaces/workspace.repository.ts';

export type DemoResult = {
  workspaceId: string;
  owner: { email: string; password?: string };
  users: { email: string; role: string; password?: string }[];
  companies: number;
  contacts: number;
  seconds: number;
};

const BATCH = 1000;

/**
 * Fill a workspace with realistic Vietnamese demo data through the same service layer the API uses
 * (validation, phone normalisation, search index, audit), in atomic batches of 1,000. Sets Kith up
 * first if nobody has. The people and teams are created once and reused on later runs.
 */
export async function seedDemo(
  core: Core,
  o: { customers: number; seed: number; workspaceId?: string; onProgress?: (done: number, total: number) => void },
): Promise<DemoResult> {
  const t0 = performance.now();
  let workspaceId = o.workspaceId;
  let ownerOut: DemoResult['owner'];
  if (!workspaceId) {
    const all = await listAllWorkspaces(core.db);
    if (all.length === 0) {
      const password = randomBytes(12).toString('base64url');
      const r = await setup(core, { workspace: 'Kith Demo', name: 'Chủ Cửa Hàng', email: 'owner@demo.kith.vn', password }, { ip: null, requestId: null });
      workspaceId = r.workspace.id;
      ownerOut = { email: r.user.email, password };
    } else if (all.length === 1) workspaceId = all[0]!.id;
    else throw new Error(`There are ${all.length} workspaces; pass a workspace id`);
  }
  const ownerRow = await core.db.selectFrom('memberships as m').innerJoin('users as u', 'u.id', 'm.user_id').select(['u.id', 'u.email']).where('m.workspace_id', '=', workspaceId).where('m.role', '=', 'owner').orderBy('m.created_at').executeTakeFirstOrThrow();
  ownerOut ??= { email: ownerRow.email };
  const owner = cliActor({ userId: ownerRow.id, workspaceId, role: 'owner', teamIds: [] });

  // People and teams (idempotent).
  const users: DemoResult['users'] = [];
  const agents: { userId: string; teamId: string }[] = [];
  const existingTeams = await listTeams(core, owner);
  for (const t of DEMO_TEAMS) {
    const team = existingTeams.find((x) => x.name === t.name) ?? (await createTeam(core, owner, t.name));
    for (const [person, role] of [[t.manager, 'manager'], ...t.agents.map((a) => [a, 'agent'] as const)] as const) {
      let u = await findUserByEmail(core.db, person.email);
      let password: string | undefined;
      if (!u) {
        password = randomBytes(12).toString('base64url');
        u = await createUserInWorkspace(core, { email: person.email, name: person.name, password, workspaceId, role }, owner);
      } else if (!(await findRole(core.db, workspaceId, u.id))) {
        await insertMembership(core.db, workspaceId, u.id, role, core.now().toISOString());
      }
      if (!team.memberIds.includes(u.id)) await addTeamMember(core, owner, team.id, u.id);
      users.push({ email: person.email, role, ...(password ? { password } : {}) });
      if (role === 'agent') agents.push({ userId: u.id, teamId: team.id });
    }
  }

  const companyTotal = demoCompanyCount(o.customers);
  const companyIds: string[] = [];
  for (let i = 0; i < companyTotal; i += BATCH) {
    const inputs = [];
    for (let j = i; j < Math.min(companyTotal, i + BATCH); j++) inputs.push(demoCompany(o.seed, j));
    const made = await createCompanies(core, owner, inputs, { bulk: true });
    companyIds.push(...made.map((c) => c.id));
  }

  let done = 0;
  for (let i = 0; i < o.customers; i += BATCH) {
    const inputs = [];
    for (let j = i; j < Math.min(o.customers, i + BATCH); j++) {
      const { companyIndex, ownerSlot, ...c } = demoContact(o.seed, j, companyTotal);
      const agent = ownerSlot === null ? null : agents[ownerSlot % agents.length]!;
      inputs.push({ ...c, companyId: companyIndex === null ? null : companyIds[companyIndex]!, ownerId: agent?.userId ?? null, teamId: agent?.teamId ?? null });
    }
    await createContacts(core, owner, inputs, { bulk: true });
    done += inputs.length;
    o.onProgress?.(done, o.customers);
  }
  return { workspaceId, owner: ownerOut, users, companies: companyTotal, contacts: done, seconds: (performance.now() - t0) / 1000 };
}

/** An actor for a workspace member, for scripts and benchmarks. */
export async function actorFor(core: Core, workspaceId: string, email: string): Promise<Actor> {
  const u = await findUserByEmail(core.db, email);
  if (!u) throw new Error(`no user ${email}`);
  const role = await findRole(core.db, workspaceId, u.id);
  if (!role) throw new Error(`${email} is not in ${workspaceId}`);
  return cliActor({ userId: u.id, workspaceId, role, teamIds: await teamIdsOf(core.db, workspaceId, u.id) });
}
