import { isAppError } from '@kith/domain/errors.ts';
import { CompanyCreateSchema, CompanyUpdateSchema, type Company, type CompanyUpdateInput } from '@kith/domain/companies/company.schema.ts';
import { COMPANY_FIELD_LIST } from '@kith/domain/companies/company.fields.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { findCompaniesByIds } from '../companies/company.repository.ts';
import { prepareNewCompanies, updateCompanyIn, writeNewCompanies } from '../companies/company.service.ts';
import { scopeFor, visibleTo } from '../../platform/records/visibility.ts';
import { DropRows, type ImportError } from './engine.ts';
import { revertPatch, type KindHandler, type MappedRow, type PrepareContext, type UndoItem, type UndoResult, type Written } from './kinds.ts';

/**
 * Importing companies: a row per company, matched by its tax code, else by its name (case and diacritics
 * aside) — a match is updated, the rest created. Rows of one company in one file are one company.
 */

/** The field table's lists (tags): a cell holds their values separated by ";" or ",". */
const LISTS = new Set<string>(COMPANY_FIELD_LIST.filter((f) => f.kind === 'list').map((f) => f.name));

type Plan = {
  creates: { row: number; company: Company }[];
  updates: { row: number; id: string; patch: CompanyUpdateInput }[];
  skipped: number;
  headerOf: (f: string) => string;
};

async function prepare(core: Core, actor: Actor, rows: MappedRow[], ctx: PrepareContext) {
  const errors: ImportError[] = [];
  const inputs: { row: number; data: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const r of rows) {
    const v = r.values;
    const data: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      data[k] = LISTS.has(k)
        ? x
            .split(/[;,]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : x;
    const key = v.taxCode ? `tax:${v.taxCode}` : v.name ? `name:${matchKey(v.name)}` : null;
    if (key && seen.has(key)) {
      skipped++;
      continue;
    }
    if (key) seen.add(key);
    inputs.push({ row: r.row, data });
  }
  // Existing companies by tax code, then by name.
  const taxes = inputs.map((x) => x.data.taxCode).filter((x): x is string => typeof x === 'string');
  const names = inputs.map((x) => (typeof x.data.name === 'string' ? matchKey(x.data.name) : null)).filter((x): x is string => !!x);
  const byTax = new Map<string, string>();
  const byName = new Map<string, string>();
  // Only companies the member may change: one outside their scope is no match (a new company of their own),
  // never "a company you may not change", which would tell them it exists (docs/permissions.md).
  const scope = scopeFor(actor, 'companies.update');
  for (let i = 0; i < Math.max(taxes.length, names.length); i += 500) {
    const t = taxes.slice(i, i + 500);
    const n = names.slice(i, i + 500);
    const rowsFound = await core.db
      .selectFrom('companies')
      .select(['id', 'tax_code', 'name_key'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([...(t.length ? [eb('tax_code', 'in', t)] : []), ...(n.length ? [eb('name_key', 'in', n)] : [])]))
      .where((eb) => visibleTo(eb as never, scope, 'companies'))
      .orderBy('created_at')
      .execute();
    for (const c of rowsFound) {
      if (c.tax_code && !byTax.has(c.tax_code)) byTax.set(c.tax_code, c.id);
      if (!byName.has(c.name_key)) byName.set(c.name_key, c.id);
    }
  }
  const updates: Plan['updates'] = [];
  const toCreate: { row: number; data: Record<string, unknown> }[] = [];
  for (const x of inputs) {
    const viaTax = typeof x.data.taxCode === 'string' ? byTax.get(x.data.taxCode) : undefined;
    const id = viaTax ?? (typeof x.data.name === 'string' ? byName.get(matchKey(x.data.name)) : undefined);
    if (!id) {
      toCreate.push(x);
      continue;
    }
    // Found by its name, the name is the same one (whatever its case or accents): the one in Kith stays.
    const { name: _name, ...rest } = x.data;
    const parsed = CompanyUpdateSchema.safeParse(viaTax ? x.data : rest);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        errors.push({ row: x.row, column: ctx.headerOf(String(i.path[0] ?? '')), value: String(x.data[String(i.path[0] ?? '')] ?? ''), message: i.message });
      continue;
    }
    updates.push({ row: x.row, id, patch: parsed.data });
  }
  const creates: Plan['creates'] = [];
  const valid: { row: number; input: ReturnType<typeof CompanyCreateSchema.parse> }[] = [];
  for (const x of toCreate) {
    const parsed = CompanyCreateSchema.safeParse(x.data);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        errors.push({
          row: x.row,
          column: ctx.headerOf(String(i.path[0] ?? 'name')),
          value: String(x.data[String(i.path[0] ?? '')] ?? ''),
          message: i.path[0] === 'name' && x.data.name === undefined ? 'A new company needs its name' : i.message,
        });
      continue;
    }
    valid.push({ row: x.row, input: parsed.data });
  }
  if (valid.length) {
    const r = await prepareNewCompanies(
      core,
      actor,
      valid.map((x) => x.input),
      { bulk: true },
    );
    const bad = new Set(r.issues.map((i) => Number(i.path[1])));
    for (const i of r.issues)
      errors.push({
        row: valid[Number(i.path[1])]!.row,
        column: ctx.headerOf(String(i.path[2] ?? '')),
        value: null,
        message: i.message,
        ...(i.code ? { code: i.code } : {}),
      });
    r.companies.forEach((c, i) => {
      if (!bad.has(i)) creates.push({ row: valid[i]!.row, company: c });
    });
  }
  return {
    plan: { creates, updates, skipped, headerOf: ctx.headerOf } satisfies Plan,
    errors,
    counts: { created: creates.length, updated: updates.length, skipped },
  };
}

async function write(core: Core, trx: Db, actor: Actor, plan: Plan, meta: { importId: string }): Promise<Written> {
  const out: Written = { created: [], updated: [], skipped: plan.skipped, errors: [] };
  const drop: ImportError[] = [];
  for (const u of plan.updates) {
    try {
      const r = await updateCompanyIn(core, trx, actor, u.id, u.patch, null, meta);
      if (r.changed) out.updated.push({ type: 'company', id: u.id, before: r.before, after: r.after });
      else out.skipped++;
    } catch (e) {
      if (!isAppError(e) || (e.code !== 'validation' && e.code !== 'not_found')) throw e;
      drop.push({
        row: u.row,
        column: null,
        value: null,
        message: e.code === 'not_found' ? 'Matches a company you may not change' : e.message,
        code: e.code === 'not_found' ? 'not_yours' : 'invalid',
      });
    }
  }
  if (drop.length) throw new DropRows(drop);
  await writeNewCompanies(
    core,
    trx,
    actor,
    plan.creates.map((c) => c.company),
    meta,
  );
  for (const c of plan.creates) out.created.push({ type: 'company', id: c.company.id });
  return out;
}

async function undo(core: Core, actor: Actor, items: UndoItem[], meta: { importId: string }): Promise<UndoResult> {
  const result: UndoResult = { removed: 0, restored: 0, kept: [] };
  const who = { ...by(actor), meta: { ...by(actor).meta, ...meta, undo: true } };
  for (const x of [...items].reverse()) {
    if (x.entityType !== 'company') continue;
    await core.db.transaction().execute(async (trx) => {
      const cur = await trx
        .selectFrom('companies')
        .selectAll()
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', x.entityId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!cur) return void result.kept.push({ id: x.entityId, reason: 'deleted since' });
      if (x.action === 'create') {
        const now = core.now().toISOString();
        await trx
          .updateTable('companies')
          .set({ deleted_at: now, updated_at: now, version: cur.version + 1 })
          .where('id', '=', cur.id)
          .execute();
        await recordAudit(trx, { ...who, action: 'delete', entityType: 'company', entityId: cur.id }, core.now());
        result.removed++;
        return;
      }
      const current = (await findCompaniesByIds(trx, { workspaceId: actor.workspaceId, limitTo: null }, [cur.id]))[0] as unknown as Record<string, unknown>;
      const { patch, kept } = revertPatch(current, x, cur.id);
      result.kept.push(...kept);
      if (Object.keys(patch).length && (await updateCompanyIn(core, trx, actor, cur.id, patch as CompanyUpdateInput, null, { ...meta, undo: true })).changed)
        result.restored++;
    });
  }
  return result;
}

export const companiesHandler: KindHandler<Plan, null> = {
  kind: 'companies',
  entityType: 'company',
  action: 'companies.create',
  defaultMatchBy: [],
  missing: (fields) => (fields.has('name') || fields.has('taxCode') ? null : 'No column holds the company’s name or tax code'),
  newState: () => null,
  prepare,
  write,
  undo,
};
