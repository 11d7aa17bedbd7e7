import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findOrders } from '../commerce/order.service.ts';
import { listCategories, listProducts } from '../commerce/product.service.ts';
import { listCompanies } from '../companies/company.service.ts';
import { listContacts } from '../contacts/contact-list.service.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { readContext } from '../workspaces/read-context.ts';

export const WORKSPACE_EXPORT_FORMAT = 'kith.workspace.jsonl/1';

/**
 * A whole workspace as JSON Lines, one record per line — `{"type":"contact","data":{…}}` — for backups a
 * person can read, moving to another system, or feeding a data warehouse. The first line names the format
 * and the workspace; then custom fields, companies, contacts, categories, products, orders (with their
 * lines), interactions and tasks, each streamed page by page (memory stays flat). Nothing secret leaves:
 * no password hashes, sessions or API tokens; members appear only as ids and emails.
 */
export async function exportWorkspace(core: Core, actor: Actor, out: Writable): Promise<Record<string, number>> {
  authorize(actor, 'workspace.export');
  const counts: Record<string, number> = {};
  const write = async (type: string, data: unknown) => {
    counts[type] = (counts[type] ?? 0) + 1;
    if (!out.write(`${JSON.stringify({ type, data })}\n`)) await once(out, 'drain');
  };
  const ws = await findWorkspace(core.db, actor.workspaceId);
  if (!out.write(`${JSON.stringify({ type: 'export', data: { format: WORKSPACE_EXPORT_FORMAT, exportedAt: core.now().toISOString(), workspace: ws } })}\n`))
    await once(out, 'drain');

  const members = await core.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role'])
    .where('memberships.workspace_id', '=', actor.workspaceId)
    .execute();
  for (const m of members) await write('member', m);
  const { fields } = await readContext(core, actor.workspaceId);
  for (const f of [...fields.contact, ...fields.company]) await write('custom_field', f);

  let cursor: string | null = null;
  do {
    const page: { data: unknown[]; nextCursor: string | null } = await listCompanies(core, actor, {
      limit: 500,
      deleted: 'exclude',
      raw: {},
      sort: 'createdAt',
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.data) await write('company', c);
    cursor = page.nextCursor;
  } while (cursor);
  do {
    const page: { data: unknown[]; nextCursor: string | null } = await listContacts(core, actor, {
      limit: 1000,
      deleted: 'exclude',
      includeTotal: false,
      raw: {},
      sort: 'createdAt',
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.data) await write('contact', c);
    cursor = page.nextCursor;
  } while (cursor);
  for (const c of await listCategories(core, actor)) await write('product_category', c);
  do {
    const page: { data: unknown[]; nextCursor: string | null } = await listProducts(core, actor, {
      limit: 500,
      deleted: 'exclude',
      raw: {},
      sort: 'createdAt',
      ...(cursor ? { cursor } : {}),
    });
    for (const p of page.data) await write('product', p);
    cursor = page.nextCursor;
  } while (cursor);

  // Orders, interactions and tasks by time then id, in pages of 500 (keyset, as everywhere).
  const scope = { workspaceId: actor.workspaceId, limitTo: null };
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = core.db.selectFrom('orders').select(['id', 'ordered_at']).where('workspace_id', '=', actor.workspaceId).where('deleted_at', 'is', null);
    if (after) q = q.where((eb) => eb(eb.refTuple('ordered_at', 'id'), '>', eb.tuple(after!.at, after!.id)));
    const ids = await q.orderBy('ordered_at').orderBy('id').limit(500).execute();
    if (ids.length === 0) break;
    const full = new Map(
      (
        await findOrders(
          core.db,
          scope,
          ids.map((r) => r.id),
        )
      ).map((o) => [o.id, o]),
    );
    for (const r of ids) await write('order', full.get(r.id));
    after = { at: ids[ids.length - 1]!.ordered_at, id: ids[ids.length - 1]!.id };
  }
  after = null;
  for (;;) {
    let q = core.db.selectFrom('interactions').selectAll().where('workspace_id', '=', actor.workspaceId).where('deleted_at', 'is', null);
    if (after) q = q.where((eb) => eb(eb.refTuple('occurred_at', 'id'), '>', eb.tuple(after!.at, after!.id)));
    const rows = await q.orderBy('occurred_at').orderBy('id').limit(500).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const { workspace_id: _w, deleted_at: _d, ...rest } = r;
      await write('interaction', rest);
    }
    after = { at: rows[rows.length - 1]!.occurred_at, id: rows[rows.length - 1]!.id };
  }
  after = null;
  for (;;) {
    let q = core.db.selectFrom('tasks').selectAll().where('workspace_id', '=', actor.workspaceId).where('deleted_at', 'is', null);
    if (after) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after!.at, after!.id)));
    const rows = await q.orderBy('created_at').orderBy('id').limit(500).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const { workspace_id: _w, deleted_at: _d, ...rest } = r;
      await write('task', rest);
    }
    after = { at: rows[rows.length - 1]!.created_at, id: rows[rows.length - 1]!.id };
  }
  return counts;
}
