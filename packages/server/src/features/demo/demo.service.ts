import { randomBytes } from 'node:crypto';
import { demoCompany, demoCompanyCount, demoContact, DEMO_TEAMS } from '@kith/domain/demo/demo-data.ts';
import { DEMO_CATEGORIES, DEMO_PRODUCTS, demoDeal, demoInteractions, demoPurchases, demoTask } from '@kith/domain/demo/demo-commerce.ts';
import type { InteractionCreateInput } from '@kith/domain/interactions/interaction.schema.ts';
import type { OrderCreateInput } from '@kith/domain/orders/order.schema.ts';
import { createOrders } from '../commerce/order-write.service.ts';
import { createCategory, createProduct } from '../commerce/product.service.ts';
import { createInteractions } from '../interactions/interaction.service.ts';
import { createDeal } from '../deals/deal.service.ts';
import { listPipelines } from '../deals/pipeline.service.ts';
import { createTask, updateTask } from '../tasks/task.service.ts';
import type { Core } from '../../core.ts';
import { cliActor, type Actor } from '../../platform/auth/actor.ts';
import { createCompanies } from '../companies/company.service.ts';
import { createContacts } from '../contacts/contact.service.ts';
import { findRole, findUserByEmail, insertMembership, teamIdsOf } from '../../platform/auth/user.repository.ts';
import { addTeamMember, createTeam, listTeams } from '../teams/team.service.ts';
import { createUserInWorkspace, setup } from '../workspaces/workspace.service.ts';
import { listAllWorkspaces } from '../workspaces/workspace.repository.ts';

export type DemoResult = {
  workspaceId: string;
  owner: { email: string; password?: string };
  users: { email: string; role: string; password?: string }[];
  companies: number;
  contacts: number;
  products: number;
  orders: number;
  interactions: number;
  deals: number;
  tasks: number;
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
  const ownerRow = await core.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.role', '=', 'owner')
    .orderBy('m.created_at')
    .executeTakeFirstOrThrow();
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

  // The catalogue (once per workspace: products are found again by SKU on later runs).
  const categoryIds: string[] = [];
  const existingCats = await core.db.selectFrom('product_categories').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute();
  for (const name of DEMO_CATEGORIES) categoryIds.push(existingCats.find((c) => c.name === name)?.id ?? (await createCategory(core, owner, { name })).id);
  const existingProducts = new Map(
    (await core.db.selectFrom('products').select(['id', 'sku']).where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).execute()).map((p) => [
      p.sku,
      p.id,
    ]),
  );
  const productIds: string[] = [];
  for (const [sku, name, cat, price] of DEMO_PRODUCTS)
    productIds.push(existingProducts.get(sku) ?? (await createProduct(core, owner, { sku, name, price, categoryId: categoryIds[cat]!, currency: 'VND' })).id);

  // Purchases and touchpoints run up to the start of today, so a demo made today looks current.
  const end = Math.floor(core.now().getTime() / 86_400_000) * 86_400_000;
  let done = 0;
  let orders = 0;
  let interactions = 0;
  let deals = 0;
  let tasks = 0;
  const stages = (await listPipelines(core, owner))[0]!.stages;
  for (let i = 0; i < o.customers; i += BATCH) {
    const inputs = [];
    const bought: ReturnType<typeof demoPurchases>[] = [];
    for (let j = i; j < Math.min(o.customers, i + BATCH); j++) {
      const { companyIndex, ownerSlot, ...c } = demoContact(o.seed, j, companyTotal);
      const agent = ownerSlot === null ? null : agents[ownerSlot % agents.length]!;
      const purchases = demoPurchases(o.seed, j, end);
      bought.push(purchases);
      // The stage follows the purchases (the workspace's lifecycle rule moves buyers on); people who
      // never bought keep a stage of someone who has not: lead, prospect or lost.
      const stage = purchases.length > 0 || !['lead', 'prospect', 'lost'].includes(c.lifecycleStage ?? 'lead') ? 'prospect' : c.lifecycleStage;
      inputs.push({
        ...c,
        lifecycleStage: stage,
        companyId: companyIndex === null ? null : companyIds[companyIndex]!,
        ownerId: agent?.userId ?? null,
        teamId: agent?.teamId ?? null,
      });
    }
    const made = await createContacts(core, owner, inputs, { bulk: true });
    const orderInputs: OrderCreateInput[] = [];
    const touchInputs: InteractionCreateInput[] = [];
    made.forEach((contact, k) => {
      const purchases = bought[k]!;
      for (const p of purchases) {
        orderInputs.push({
          contactId: contact.id,
          orderedAt: p.orderedAt,
          channel: p.channel,
          status: p.status,
          lines: p.lines.map((l) => ({ productId: productIds[l.productIndex]!, quantity: l.quantity, discount: l.discount })),
        });
      }
      for (const x of demoInteractions(o.seed, i + k, purchases, end)) touchInputs.push({ ...x, contactId: contact.id });
    });
    // Oldest first, so the numbers the shop gives follow the dates.
    orderInputs.sort((a, b) => a.orderedAt!.localeCompare(b.orderedAt!));
    for (let k = 0; k < orderInputs.length; k += 500) orders += (await createOrders(core, owner, orderInputs.slice(k, k + 500), { bulk: true })).length;
    interactions += await createInteractions(core, owner, touchInputs);
    // Deals in the pipeline and follow-up tasks, for some customers, as their owners would have them.
    for (const [k, contact] of made.entries()) {
      const d = demoDeal(o.seed, i + k, end);
      if (d) {
        await createDeal(core, owner, {
          title: d.title,
          contactId: contact.id,
          amount: d.amount,
          stageId: stages[d.stageIndex]!.id,
          expectedClose: d.expectedClose,
          lostReason: d.lostReason,
          ownerId: contact.ownerId,
          teamId: contact.teamId,
          source: 'demo',
        });
        deals++;
      }
      const task = demoTask(o.seed, i + k, end);
      if (task) {
        const made = await createTask(core, owner, {
          title: task.title,
          dueAt: task.dueAt,
          priority: task.priority,
          contactId: contact.id,
          assigneeId: contact.ownerId ?? owner.userId,
        });
        if (task.done) await updateTask(core, owner, made.id, { done: true }, null);
        tasks++;
      }
    }
    done += inputs.length;
    o.onProgress?.(done, o.customers);
  }
  return {
    workspaceId,
    owner: ownerOut,
    users,
    companies: companyTotal,
    contacts: done,
    products: productIds.length,
    orders,
    interactions,
    deals,
    tasks,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** An actor for a workspace member, for scripts and benchmarks. */
export async function actorFor(core: Core, workspaceId: string, email: string): Promise<Actor> {
  const u = await findUserByEmail(core.db, email);
  if (!u) throw new Error(`no user ${email}`);
  const role = await findRole(core.db, workspaceId, u.id);
  if (!role) throw new Error(`${email} is not in ${workspaceId}`);
  return cliActor({ userId: u.id, workspaceId, role, teamIds: await teamIdsOf(core.db, workspaceId, u.id) });
}
