import { randomBytes } from 'node:crypto';
import { demoCompany, demoCompanyCount, demoContact, DEMO_TEAMS } from '@kith/domain/demo/demo-data.ts';
import { DEMO_CATEGORIES, DEMO_PRODUCTS, demoDeal, demoInteractions, demoPurchases, demoTask } from '@kith/domain/demo/demo-commerce.ts';
import type { InteractionCreateInput } from '@kith/domain/interactions/interaction.schema.ts';
import type { OrderCreateInput } from '@kith/domain/orders/order.schema.ts';
import { AppError, invalid } from '@kith/domain/errors.ts';
import { createOrdersIn } from '../commerce/order-write.service.ts';
import { createCategory, createProduct } from '../commerce/product.service.ts';
import { createInteractionsIn } from '../interactions/interaction.service.ts';
import { createDeal } from '../deals/deal.service.ts';
import { listPipelines } from '../deals/pipeline.service.ts';
import { createTask, updateTask } from '../tasks/task.service.ts';
import type { Core } from '../../core.ts';
import { cliActor, type Actor } from '../../platform/auth/actor.ts';
import { prepareNewCompanies, writeNewCompanies } from '../companies/company.service.ts';
import { prepareNewContacts, writeNewContacts } from '../contacts/contact.service.ts';
import { findRole, findUserByEmail, insertMembership, teamIdsOf } from '../../platform/auth/user.repository.ts';
import { addTeamMember, createTeam, listTeams } from '../teams/team.service.ts';
import { createUserInWorkspace, setup } from '../workspaces/workspace.service.ts';
import { findWorkspace, listAllWorkspaces } from '../workspaces/workspace.repository.ts';
import { refreshScores, scoreLease } from '../analytics/score.service.ts';
import { releaseLease, takeLease } from '../analytics/leases.ts';
import {
  categoryNames,
  contactsWithDemoDeals,
  demoIds,
  firstOwner,
  liveContacts,
  liveProductSkus,
  recordDemoBatch,
  tasksOfContacts,
} from './demo.repository.ts';

export type DemoResult = {
  workspaceId: string;
  seed: number;
  owner: { email: string; password?: string };
  users: { email: string; role: string; password?: string }[];
  /** What this run added (a run after a complete one adds nothing: `alreadyThere`). */
  companies: number;
  contacts: number;
  products: number;
  orders: number;
  interactions: number;
  deals: number;
  tasks: number;
  /** The seed's demo people in the workspace now (those added before, by a run that stopped or finished, and now). */
  totalContacts: number;
  /** A run before this one had made part of it (and stopped): this run finished it. */
  resumed: boolean;
  /** Everything was there already; nothing was added. */
  alreadyThere: boolean;
  /** The customers' scores (RFM, lifetime value, value tiers), computed at the end of every run. */
  scores: { customers: number; asOf: string; note: string | null };
  seconds: number;
};

/**
 * Each step is one transaction: a step of companies, or of people with their orders and touchpoints, writes its
 * records and the row of `demo_batches` that says it is done. Steps are small, so a step holds the SQLite write lock
 * (which a running server shares) for a short time: about 100 ms for a hundred people and their orders.
 */
const COMPANY_STEP = 500;
const PEOPLE_STEP = 100;
/** How long the demo waits for a score refresh another process is running before it computes its own. */
const SCORE_WAIT_MS = 120_000;

/** [start, end) runs of consecutive numbers from start to end (exclusive) for which `want` holds. */
function runsOf(start: number, end: number, want: (i: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let i = start; i < end; i++) {
    if (!want(i)) continue;
    const last = out[out.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  }
  return out;
}

/**
 * Fill a workspace with realistic Vietnamese demo data through the same service layer the API uses
 * (validation, phone normalisation, search index, audit, events), and compute the customers' scores. Sets Kith up
 * first if nobody has; the people and teams are created once and reused on later runs.
 *
 * Resumable, never twice: the seed's companies and people are numbered, and each step records in its own
 * transaction which numbers it made (`demo_batches`). A run makes only what no earlier run recorded: after a run
 * that stopped part way (an error, a kill), the same command finishes it; after a complete one it adds nothing and
 * says so. A larger `customers` with the same seed adds the people past those there; another seed adds others.
 * Deals and tasks are made one by one (their services' own transactions) and recognised again by customer.
 */
export async function seedDemo(
  core: Core,
  o: {
    customers: number;
    seed: number;
    workspaceId?: string;
    onProgress?: (done: number, total: number) => void;
    /** An account the demo made, with its password, as soon as it is made (a run that stops later has printed it). */
    onAccount?: (a: { email: string; role: string; password: string }) => void;
  },
): Promise<DemoResult> {
  const t0 = performance.now();
  const seed = o.seed;
  let workspaceId = o.workspaceId;
  let ownerOut: DemoResult['owner'];
  if (!workspaceId) {
    const all = await listAllWorkspaces(core.db);
    if (all.length === 0) {
      const password = randomBytes(12).toString('base64url');
      const r = await setup(core, { workspace: 'Kith Demo', name: 'Chủ Cửa Hàng', email: 'owner@demo.kith.vn', password }, { ip: null, requestId: null });
      workspaceId = r.workspace.id;
      ownerOut = { email: r.user.email, password };
      o.onAccount?.({ email: r.user.email, role: 'owner', password });
    } else if (all.length === 1) workspaceId = all[0]!.id;
    else throw new Error(`There are ${all.length} workspaces; pass a workspace id`);
  }
  const ws = workspaceId;
  const ownerRow = await firstOwner(core.db, ws);
  ownerOut ??= { email: ownerRow.email };
  const owner = cliActor({ userId: ownerRow.id, workspaceId: ws, role: 'owner', teamIds: [] });
  const at = () => core.now().toISOString();

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
        u = await createUserInWorkspace(core, { email: person.email, name: person.name, password, workspaceId: ws, role }, owner);
        o.onAccount?.({ email: person.email, role, password });
      } else if (!(await findRole(core.db, ws, u.id))) {
        await insertMembership(core.db, ws, u.id, role, core.now().toISOString());
      }
      if (!team.memberIds.includes(u.id)) await addTeamMember(core, owner, team.id, u.id);
      users.push({ email: person.email, role, ...(password ? { password } : {}) });
      if (role === 'agent') agents.push({ userId: u.id, teamId: team.id });
    }
  }

  // Companies: those of the seed not made yet, a step at a time.
  const companyTotal = demoCompanyCount(o.customers);
  const companyIds = await demoIds(core.db, ws, seed, 'companies');
  const companiesBefore = companyIds.size;
  for (const [from, to] of runsOf(0, companyTotal, (j) => !companyIds.has(j))) {
    for (let a = from; a < to; a += COMPANY_STEP) {
      const b = Math.min(to, a + COMPANY_STEP);
      const inputs = [];
      for (let j = a; j < b; j++) inputs.push(demoCompany(seed, j));
      const { companies, issues } = await prepareNewCompanies(core, owner, inputs, { bulk: true });
      if (issues.length > 0) throw invalid(issues, 'The demo made companies that are not valid');
      await core.db.transaction().execute(async (trx) => {
        await writeNewCompanies(core, trx, owner, companies);
        await recordDemoBatch(trx, { workspaceId: ws, seed, kind: 'companies', start: a, ids: companies.map((c) => c.id), at: at() });
      });
      companies.forEach((c, k) => companyIds.set(a + k, c.id));
    }
  }

  // The catalogue (once per workspace: products are found again by SKU on later runs).
  const categoryIds: string[] = [];
  const existingCats = await categoryNames(core.db, ws);
  for (const name of DEMO_CATEGORIES) categoryIds.push(existingCats.find((c) => c.name === name)?.id ?? (await createCategory(core, owner, { name })).id);
  const existingProducts = await liveProductSkus(core.db, ws);
  const productIds: string[] = [];
  let productsAdded = 0;
  for (const [sku, name, cat, price] of DEMO_PRODUCTS) {
    const id = existingProducts.get(sku) ?? (await createProduct(core, owner, { sku, name, price, categoryId: categoryIds[cat]!, currency: 'VND' })).id;
    if (!existingProducts.has(sku)) productsAdded++;
    productIds.push(id);
  }

  // Purchases and touchpoints run up to the start of today, so a demo made today looks current.
  const end = Math.floor(core.now().getTime() / 86_400_000) * 86_400_000;
  const workspace = (await findWorkspace(core.db, ws))!;
  const stages = (await listPipelines(core, owner))[0]!.stages;
  const contactIds = await demoIds(core.db, ws, seed, 'contacts');
  const followed = await demoIds(core.db, ws, seed, 'followups');
  const resumed = contactIds.size > 0 || companiesBefore > 0;
  const added = { contacts: 0, orders: 0, interactions: 0, deals: 0, tasks: 0 };
  const person = (j: number) => {
    const { companyIndex, ownerSlot, ...c } = demoContact(seed, j, companyTotal);
    return { c, companyIndex, agent: ownerSlot === null ? null : agents[ownerSlot % agents.length]! };
  };

  /** People [from, to) with their orders and touchpoints: one transaction. */
  const makePeople = async (from: number, to: number) => {
    const inputs = [];
    const bought: ReturnType<typeof demoPurchases>[] = [];
    for (let j = from; j < to; j++) {
      const { c, companyIndex, agent } = person(j);
      const purchases = demoPurchases(seed, j, end);
      bought.push(purchases);
      // The stage follows the purchases (the workspace's lifecycle rule moves buyers on); people who
      // never bought keep a stage of someone who has not: lead, prospect or lost.
      const stage = purchases.length > 0 || !['lead', 'prospect', 'lost'].includes(c.lifecycleStage ?? 'lead') ? 'prospect' : c.lifecycleStage;
      inputs.push({
        ...c,
        lifecycleStage: stage,
        companyId: companyIndex === null ? null : (companyIds.get(companyIndex) ?? null),
        ownerId: agent?.userId ?? null,
        teamId: agent?.teamId ?? null,
      });
    }
    const { items, issues, names } = await prepareNewContacts(core, owner, inputs, { bulk: true });
    if (issues.length > 0) throw invalid(issues, 'The demo made people who are not valid');
    const made = items.map((x) => x.c);
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
      for (const x of demoInteractions(seed, from + k, purchases, end)) touchInputs.push({ ...x, contactId: contact.id });
    });
    // Oldest first, so the numbers the shop gives follow the dates.
    orderInputs.sort((a, b) => a.orderedAt!.localeCompare(b.orderedAt!));
    await core.db.transaction().execute(async (trx) => {
      await writeNewContacts(core, trx, owner, made, names);
      if (orderInputs.length) await createOrdersIn(core, trx, owner, workspace, orderInputs, { bulk: true, readBack: false });
      if (touchInputs.length) await createInteractionsIn(core, trx, owner, touchInputs);
      await recordDemoBatch(trx, { workspaceId: ws, seed, kind: 'contacts', start: from, ids: made.map((c) => c.id), at: at() });
    });
    made.forEach((c, k) => contactIds.set(from + k, c.id));
    added.contacts += made.length;
    added.orders += orderInputs.length;
    added.interactions += touchInputs.length;
  };

  /**
   * Deals in the pipeline and follow-up tasks of people [from, to), as their owners would have them: each through
   * its service (its own transaction), skipped when the customer has it already (a run that stopped among them).
   */
  const followUp = async (from: number, to: number) => {
    const ids: string[] = [];
    for (let j = from; j < to; j++) ids.push(contactIds.get(j)!);
    const live = await liveContacts(core.db, ws, ids);
    const withDeal = await contactsWithDemoDeals(core.db, ws, ids);
    const tasks = await tasksOfContacts(core.db, ws, ids);
    for (let j = from; j < to; j++) {
      const contactId = contactIds.get(j)!;
      if (!live.has(contactId)) continue;
      const { agent } = person(j);
      const d = demoDeal(seed, j, end);
      if (d && !withDeal.has(contactId)) {
        await createDeal(core, owner, {
          title: d.title,
          contactId,
          amount: d.amount,
          stageId: stages[d.stageIndex]!.id,
          expectedClose: d.expectedClose,
          lostReason: d.lostReason,
          ownerId: agent?.userId ?? null,
          teamId: agent?.teamId ?? null,
          source: 'demo',
        });
        added.deals++;
      }
      const task = demoTask(seed, j, end);
      if (task) {
        let had = tasks.find((x) => x.contactId === contactId && x.title === task.title);
        if (!had) {
          const made = await createTask(core, owner, {
            title: task.title,
            dueAt: task.dueAt,
            priority: task.priority,
            contactId,
            assigneeId: agent?.userId ?? owner.userId,
          });
          had = { id: made.id, contactId, title: task.title, done: false, deleted: false };
          added.tasks++;
        }
        if (task.done && !had.done && !had.deleted) await updateTask(core, owner, had.id, { done: true }, null);
      }
    }
    await core.db.transaction().execute((trx) => recordDemoBatch(trx, { workspaceId: ws, seed, kind: 'followups', start: from, ids, at: at() }));
    ids.forEach((id, k) => followed.set(from + k, id));
  };

  for (let i = 0; i < o.customers; i += PEOPLE_STEP) {
    const stepEnd = Math.min(o.customers, i + PEOPLE_STEP);
    for (const [from, to] of runsOf(i, stepEnd, (j) => !contactIds.has(j))) await makePeople(from, to);
    for (const [from, to] of runsOf(i, stepEnd, (j) => !followed.has(j))) await followUp(from, to);
    o.onProgress?.(stepEnd, o.customers);
  }

  // The customers' scores, as the hourly refresh would compute them, under the same lease (one at a time).
  const scores = await demoScores(core, owner);
  const companiesAdded = companyIds.size - companiesBefore;
  return {
    workspaceId: ws,
    seed,
    owner: ownerOut,
    users,
    companies: companiesAdded,
    contacts: added.contacts,
    products: productsAdded,
    orders: added.orders,
    interactions: added.interactions,
    deals: added.deals,
    tasks: added.tasks,
    totalContacts: contactIds.size,
    resumed: resumed && (companiesAdded > 0 || Object.values(added).some((n) => n > 0)),
    alreadyThere: companiesAdded === 0 && productsAdded === 0 && Object.values(added).every((n) => n === 0),
    scores,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Refresh the workspace's scores, waiting while another process (a server's job) is computing them. */
async function demoScores(core: Core, owner: Actor): Promise<DemoResult['scores']> {
  const lease = scoreLease(owner.workspaceId);
  const holder = `demo-${process.pid}-${randomBytes(6).toString('hex')}`;
  const t0 = performance.now();
  while (!(await takeLease(core, lease, holder, core.now(), 60 * 60_000))) {
    if (performance.now() - t0 > SCORE_WAIT_MS)
      throw new AppError('conflict', 'The scores are being computed by another process; the demo data is all there: run the demo again to compute them');
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    const run = await refreshScores(core, owner);
    return { customers: run.customers, asOf: run.asOf, note: run.note };
  } finally {
    await releaseLease(core, lease, holder, core.now());
  }
}

/** An actor for a workspace member, for scripts and benchmarks. */
export async function actorFor(core: Core, workspaceId: string, email: string): Promise<Actor> {
  const u = await findUserByEmail(core.db, email);
  if (!u) throw new Error(`no user ${email}`);
  const role = await findRole(core.db, workspaceId, u.id);
  if (!role) throw new Error(`${email} is not in ${workspaceId}`);
  return cliActor({ userId: u.id, workspaceId, role, teamIds: await teamIdsOf(core.db, workspaceId, u.id) });
}
