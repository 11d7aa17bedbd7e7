import { EDUCATION_LEVELS, GENDERS, INCOME_BANDS, LIFECYCLE_STAGES, MARITAL_STATUSES } from '@kith/domain/contacts/contact.schema.ts';
import { isValidEmail, normalizeEmail } from '@kith/domain/emails/email.ts';
import { PROVINCE_CODES } from '@kith/domain/geo/provinces.ts';
import type { Registry } from '../records/list-query.ts';

/** The contact fields a list can filter and sort on (public name → column), for `filter[...]` and `sort`. */
export function contactFields(phoneNormalizer: (v: string) => string | null): Registry {
  return {
    name: { column: 'name', type: 'text', foldedColumn: 'name_key', sortable: true, sortColumn: 'name_key', nullable: false },
    givenName: { column: 'given_name', type: 'text', sortable: true, nullable: true },
    familyName: { column: 'family_name', type: 'text', sortable: true, nullable: true },
    emails: { column: 'emails', type: 'keys', keyKind: 'email', normalize: (v) => (isValidEmail(normalizeEmail(v)) ? normalizeEmail(v) : null), nullable: false },
    phones: { column: 'phones', type: 'keys', keyKind: 'phone', normalize: phoneNormalizer, nullable: false },
    tags: { column: 'tags', type: 'keys', keyKind: 'tag', normalize: (v) => v.normalize('NFC').trim().toLowerCase() || null, nullable: false },
    interests: { column: 'interests', type: 'keys', keyKind: 'interest', normalize: (v) => v.normalize('NFC').trim().toLowerCase() || null, nullable: false },
    gender: { column: 'gender', type: 'enum', values: GENDERS, sortable: true, nullable: true },
    birthday: { column: 'birthday', type: 'date', sortable: true, nullable: true },
    province: { column: 'province', type: 'enum', values: PROVINCE_CODES, sortable: true, nullable: true },
    district: { column: 'district', type: 'text', sortable: true, nullable: true },
    ward: { column: 'ward', type: 'text', nullable: true },
    country: { column: 'country', type: 'text', sortable: true, nullable: true },
    hometown: { column: 'hometown', type: 'text', sortable: true, nullable: true },
    occupation: { column: 'occupation', type: 'text', sortable: true, nullable: true },
    jobTitle: { column: 'job_title', type: 'text', sortable: true, nullable: true },
    companyId: { column: 'company_id', type: 'uuid', nullable: true },
    incomeBand: { column: 'income_band', type: 'enum', values: INCOME_BANDS, sortable: true, nullable: true },
    education: { column: 'education', type: 'enum', values: EDUCATION_LEVELS, sortable: true, nullable: true },
    maritalStatus: { column: 'marital_status', type: 'enum', values: MARITAL_STATUSES, sortable: true, nullable: true },
    religion: { column: 'religion', type: 'text', nullable: true },
    householdSize: { column: 'household_size', type: 'number', sortable: true, nullable: true },
    source: { column: 'source', type: 'text', sortable: true, nullable: true },
    lifecycleStage: { column: 'lifecycle_stage', type: 'enum', values: LIFECYCLE_STAGES, sortable: true, nullable: false },
    ownerId: { column: 'owner_id', type: 'uuid', nullable: true },
    teamId: { column: 'team_id', type: 'uuid', nullable: true },
    createdAt: { column: 'created_at', type: 'datetime', sortable: true, nullable: false },
    updatedAt: { column: 'updated_at', type: 'datetime', sortable: true, nullable: false },
    createdBy: { column: 'created_by', type: 'uuid', nullable: true },
  };
}
