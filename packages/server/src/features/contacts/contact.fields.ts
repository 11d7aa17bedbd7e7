import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { isValidEmail, normalizeEmail } from '@kith/domain/emails/email.ts';
import { sql } from 'kysely';
import type { Registry } from '../../platform/records/list-query.ts';
import { ownerSort, registryOf, TIMES_REGISTRY } from '../../platform/records/field-table.ts';
import type { CustomField } from '@kith/domain/custom-fields/custom-field.ts';
import { normalizePhone } from '@kith/domain/phones/phone.ts';
import type { Core } from '../../core.ts';
import { readContext } from '../workspaces/read-context.ts';
import type { DialectName } from '../../platform/db/create-db.ts';
import { RFM_SEGMENTS } from '@kith/domain/analytics/rfm.ts';
import { VALUE_TIERS } from '@kith/domain/analytics/tiers.ts';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';
import { currentScoreColumn } from '../analytics/score.repository.ts';

/** A customer's stored score (the last refresh's generation), read by the primary key of customer_scores. */
const score = (column: string) => (_d: DialectName, t: string) => currentScoreColumn(column, `${t}.id`);

/**
 * What differentiates customers (issue 5), filterable and sortable on every contact list and in segments:
 * their stored RFM, lifetime value, P(alive) and tier; their last interaction; what they have bought.
 */
const analyticsFields: Registry = {
  rfmSegment: { column: 'segment', type: 'enum', values: RFM_SEGMENTS, expr: score('segment'), sortable: true, nullable: true },
  rfmR: { column: 'r', type: 'number', expr: score('r'), sortable: true, nullable: true },
  rfmF: { column: 'f', type: 'number', expr: score('f'), sortable: true, nullable: true },
  rfmM: { column: 'm', type: 'number', expr: score('m'), sortable: true, nullable: true },
  recencyDays: { column: 'recency', type: 'number', expr: score('recency'), sortable: true, nullable: true },
  purchaseDays: { column: 'frequency', type: 'number', expr: score('frequency'), sortable: true, nullable: true },
  totalSpend: { column: 'monetary', type: 'number', expr: score('monetary'), sortable: true, nullable: true },
  clv: { column: 'clv', type: 'number', expr: score('clv'), sortable: true, nullable: true },
  pAlive: { column: 'p_alive', type: 'number', expr: score('p_alive'), sortable: true, nullable: true },
  valueTier: { column: 'tier', type: 'enum', values: VALUE_TIERS, expr: score('tier'), sortable: true, nullable: true },
  lastInteractionAt: {
    column: 'id',
    type: 'datetime',
    expr: (_d, t) =>
      sql`(select max(i.occurred_at) from interactions i where i.workspace_id = ${sql.ref(`${t}.workspace_id`)} and i.contact_id = ${sql.ref(`${t}.id`)} and i.deleted_at is null)`,
    sortable: true,
    nullable: true,
  },
  purchasedCategory: {
    column: 'id',
    type: 'relation',
    relation: ({ workspaceId }, values) =>
      sql`select o.contact_id from orders o join order_lines l on l.order_id = o.id join products p on p.id = l.product_id
          where o.workspace_id = ${workspaceId} and l.workspace_id = ${workspaceId} and o.deleted_at is null
            and o.status in (${sql.join([...PURCHASE_STATUSES])}) and p.category_id in (${sql.join(values)})`,
    nullable: false,
  },
};

/**
 * The contact fields a list can filter and sort on (public name → column), for `filter[...]` and `sort`,
 * from the field table (@kith/domain contacts/contact.fields.ts): lists are matched through contact_keys
 * and sort by their first (primary) value; enumerations check their values. `company` and `owner` are
 * sort-only names ordered by the company's folded name and the owner's name; the record's own columns and
 * the analytics come after.
 */
export function contactFields(phoneNormalizer: (v: string) => string | null): Registry {
  const lower = (v: string) => v.normalize('NFC').trim().toLowerCase() || null;
  const fromTable = registryOf(CONTACT_FIELD_LIST, {
    email: (v) => (isValidEmail(normalizeEmail(v)) ? normalizeEmail(v) : null),
    phone: phoneNormalizer,
    tag: lower,
    interest: lower,
  });
  return {
    ...fromTable,
    company: { column: 'company_id', type: 'text', sortable: true, sortOnly: true, sortExpr: () => sql.ref('companies.name_key'), nullable: true },
    owner: ownerSort(),
    ...TIMES_REGISTRY,
    createdBy: { column: 'created_by', type: 'uuid', nullable: true },
    ...analyticsFields,
  };
}

/** The contact fields of a workspace: the registry (phones read in its region) and its custom fields. */
export async function contactRegistryFor(core: Core, workspaceId: string): Promise<{ registry: Registry; fields: CustomField[] }> {
  const {
    workspace: ws,
    fields: { contact: fields },
  } = await readContext(core, workspaceId);
  const region = ws?.phoneRegion ?? 'VN';
  return { registry: registryForRegion(region), fields };
}

/** The registry depends only on the phone region: made once per region, not on every list request. */
const registries = new Map<string, Registry>();
function registryForRegion(region: string): Registry {
  let r = registries.get(region);
  if (!r) {
    r = contactFields((v) => {
      const p = normalizePhone(v, region);
      return p.ok ? p.e164 : null;
    });
    registries.set(region, r);
  }
  return r;
}
