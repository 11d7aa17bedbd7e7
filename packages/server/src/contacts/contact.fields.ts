import { EDUCATION_LEVELS, GENDERS, INCOME_BANDS, LIFECYCLE_STAGES, MARITAL_STATUSES } from '@kith/domain/contacts/contact.schema.ts';
import { isValidEmail, normalizeEmail } from '@kith/domain/emails/email.ts';
import { PROVINCE_CODES } from '@kith/domain/geo/provinces.ts';
import { sql } from 'kysely';
import { jsonFirst } from '../db/dialect-sql.ts';
import type { Registry } from '../records/list-query.ts';
import type { CustomField } from '@kith/domain/custom-fields/custom-field.ts';
import { normalizePhone } from '@kith/domain/phones/phone.ts';
import type { Core } from '../core.ts';
import { readContext } from '../workspaces/read-context.ts';
import type { DialectName } from '../db/create-db.ts';
import { RFM_SEGMENTS } from '@kith/domain/analytics/rfm.ts';
import { VALUE_TIERS } from '@kith/domain/analytics/tiers.ts';
import { PURCHASE_STATUSES } from '@kith/domain/orders/order.schema.ts';

/** A customer's stored score (the last refresh), read by the primary key of customer_scores. */
const score = (column: string) => (_d: DialectName, t: string) => sql`(select s.${sql.ref(column)} from customer_scores s where s.contact_id = ${sql.ref(`${t}.id`)})`;

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
    expr: (_d, t) => sql`(select max(i.occurred_at) from interactions i where i.workspace_id = ${sql.ref(`${t}.workspace_id`)} and i.contact_id = ${sql.ref(`${t}.id`)} and i.deleted_at is null)`,
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
 * The contact fields a list can filter and sort on (public name → column), for `filter[...]` and `sort`.
 * `emails` and `phones` sort by the first (primary) one; `company` and `owner` are sort-only names ordered
 * by the company's folded name and the owner's name. Tags and interests have no order to sort by.
 */
export function contactFields(phoneNormalizer: (v: string) => string | null): Registry {
  return {
    name: { column: 'name', type: 'text', foldedColumn: 'name_key', sortable: true, sortColumn: 'name_key', nullable: false },
    givenName: { column: 'given_name', type: 'text', sortable: true, nullable: true },
    familyName: { column: 'family_name', type: 'text', sortable: true, nullable: true },
    emails: { column: 'emails', type: 'keys', keyKind: 'email', normalize: (v) => (isValidEmail(normalizeEmail(v)) ? normalizeEmail(v) : null), sortable: true, sortExpr: (d, t) => jsonFirst(d, `${t}.emails`), nullable: true },
    phones: { column: 'phones', type: 'keys', keyKind: 'phone', normalize: phoneNormalizer, sortable: true, sortExpr: (d, t) => jsonFirst(d, `${t}.phones`), nullable: true },
    tags: { column: 'tags', type: 'keys', keyKind: 'tag', normalize: (v) => v.normalize('NFC').trim().toLowerCase() || null, nullable: false },
    interests: { column: 'interests', type: 'keys', keyKind: 'interest', normalize: (v) => v.normalize('NFC').trim().toLowerCase() || null, nullable: false },
    gender: { column: 'gender', type: 'enum', values: GENDERS, sortable: true, nullable: true },
    birthday: { column: 'birthday', type: 'date', sortable: true, nullable: true },
    province: { column: 'province', type: 'enum', values: PROVINCE_CODES, sortable: true, nullable: true },
    district: { column: 'district', type: 'text', sortable: true, nullable: true },
    ward: { column: 'ward', type: 'text', nullable: true },
    externalId: { column: 'external_id', type: 'text', nullable: true },
    country: { column: 'country', type: 'text', sortable: true, nullable: true },
    hometown: { column: 'hometown', type: 'text', sortable: true, nullable: true },
    occupation: { column: 'occupation', type: 'text', sortable: true, nullable: true },
    jobTitle: { column: 'job_title', type: 'text', sortable: true, nullable: true },
    companyId: { column: 'company_id', type: 'uuid', nullable: true },
    company: { column: 'company_id', type: 'text', sortable: true, sortOnly: true, sortExpr: () => sql.ref('companies.name_key'), nullable: true },
    incomeBand: { column: 'income_band', type: 'enum', values: INCOME_BANDS, sortable: true, nullable: true },
    education: { column: 'education', type: 'enum', values: EDUCATION_LEVELS, sortable: true, nullable: true },
    maritalStatus: { column: 'marital_status', type: 'enum', values: MARITAL_STATUSES, sortable: true, nullable: true },
    religion: { column: 'religion', type: 'text', nullable: true },
    householdSize: { column: 'household_size', type: 'number', sortable: true, nullable: true },
    source: { column: 'source', type: 'text', sortable: true, nullable: true },
    lifecycleStage: { column: 'lifecycle_stage', type: 'enum', values: LIFECYCLE_STAGES, sortable: true, nullable: false },
    ownerId: { column: 'owner_id', type: 'uuid', nullable: true },
    owner: { column: 'owner_id', type: 'text', sortable: true, sortOnly: true, sortExpr: (_d, t) => sql`(select u.name from users u where u.id = ${sql.ref(`${t}.owner_id`)})`, nullable: true },
    teamId: { column: 'team_id', type: 'uuid', nullable: true },
    createdAt: { column: 'created_at', type: 'datetime', sortable: true, nullable: false },
    updatedAt: { column: 'updated_at', type: 'datetime', sortable: true, nullable: false },
    createdBy: { column: 'created_by', type: 'uuid', nullable: true },
    ...analyticsFields,
  };
}

/** The contact fields of a workspace: the registry (phones read in its region) and its custom fields. */
export async function contactRegistryFor(core: Core, workspaceId: string): Promise<{ registry: Registry; fields: CustomField[] }> {
  const { workspace: ws, fields: { contact: fields } } = await readContext(core, workspaceId);
  const region = ws?.phoneRegion ?? 'VN';
  const registry = contactFields((v) => {
    const r = normalizePhone(v, region);
    return r.ok ? r.e164 : null;
  });
  return { registry, fields };
}
