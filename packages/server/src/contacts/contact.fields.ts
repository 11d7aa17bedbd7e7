import { EDUCATION_LEVELS, GENDERS, INCOME_BANDS, LIFECYCLE_STAGES, MARITAL_STATUSES } from '@kith/domain/contacts/contact.schema.ts';
import { isValidEmail, normalizeEmail } from '@kith/domain/emails/email.ts';
import { PROVINCE_CODES } from '@kith/domain/geo/provinces.ts';
import { sql } from 'kysely';
import { jsonFirst } from '../db/dialect-sql.ts';
import type { Registry } from '../records/list-query.ts';

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
  };
}
