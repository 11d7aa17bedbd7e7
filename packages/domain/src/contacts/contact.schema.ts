import { z } from 'zod';
import { accountEmailProblem, emailProblem, normalizeEmail } from '../emails/email.ts';
import { resolveProvince } from '../geo/provinces.ts';
import { isoDate, isoDateTime, longText, tagList, text, uuid } from '../schema/fields.ts';
import { withCode, type IssueCode } from '../schema/issues.ts';

/** MODELS.md §5 and the customer-care model: where a person stands with the business. */
export const LIFECYCLE_STAGES = ['lead', 'prospect', 'new_customer', 'repeat', 'loyal', 'at_risk', 'churned', 'lost'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const GENDERS = ['female', 'male', 'other'] as const;
/** Monthly personal income, VND. */
export const INCOME_BANDS = ['under_5m', '5m_10m', '10m_20m', '20m_50m', 'over_50m'] as const;
export const EDUCATION_LEVELS = ['primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college', 'university', 'postgraduate'] as const;
export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed', 'other'] as const;
export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'zalo', 'facebook', 'post'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_STATUSES = ['granted', 'denied'] as const;

/** An address: normalised, then refused with the reason `problem` gives (its code and message). */
const emailField = (problem: (normalized: string) => { code: IssueCode; message: string; params?: Record<string, string> } | null) =>
  z
    .string()
    .max(320)
    .transform(normalizeEmail)
    .superRefine((s, ctx) => {
      const p = problem(s);
      if (p) ctx.addIssue({ code: 'custom', message: p.message, params: withCode(p.code, p.params ?? {}) });
    });

/** A customer's email. */
export const email = () => emailField(emailProblem);

/** A sign-in address (invitations, setup): as `email()`, and refused when it mixes alphabets (accountEmailProblem). */
export const accountEmail = () => emailField(accountEmailProblem);

export const birthday = () =>
  isoDate().refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), {
    message: 'Must be between 1900-01-01 and today',
    params: withCode('date_out_of_range', { minimum: '1900-01-01' }),
  });

export const province = () =>
  z
    .string()
    .max(100)
    .transform((s, ctx) => {
      const p = resolveProvince(s);
      if (!p) {
        ctx.addIssue({ code: 'custom', message: `Unknown province "${s.slice(0, 100)}"; use a current province code such as ho-chi-minh or a province name`, params: withCode('unknown_province') });
        return z.NEVER;
      }
      return p.code;
    });

export const consentEntry = () =>
  z.strictObject({
    status: z.enum(CONSENT_STATUSES),
    source: text(120).optional(),
    at: isoDateTime().optional(),
  });

export const consents = () => z.partialRecord(z.enum(CONSENT_CHANNELS), consentEntry().nullable());

/**
 * The fields a caller may set on a contact. Strict: anything else (workspaceId, createdAt, deletedAt,
 * version, …) is refused by name rather than silently dropped.
 */
const contactFields = {
  name: text(200, 1),
  externalId: text(120).nullable(),
  givenName: text(100).nullable(),
  familyName: text(100).nullable(),
  emails: z.array(email()).max(10, { message: 'At most 10 emails' }),
  phones: z.array(z.string().max(40, { message: 'Must be at most 40 characters' })).max(10, { message: 'At most 10 phone numbers' }),
  gender: z.enum(GENDERS).nullable(),
  birthday: birthday().nullable(),
  addressLine: text(300).nullable(),
  ward: text(100).nullable(),
  district: text(100).nullable(),
  province: province().nullable(),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'Must be an ISO 3166-1 alpha-2 country code' }).nullable(),
  hometown: text(100).nullable(),
  occupation: text(120).nullable(),
  jobTitle: text(120).nullable(),
  companyId: uuid().nullable(),
  incomeBand: z.enum(INCOME_BANDS).nullable(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  maritalStatus: z.enum(MARITAL_STATUSES).nullable(),
  religion: text(60).nullable(),
  householdSize: z.number().int().min(1).max(100).nullable(),
  interests: tagList(50, 60),
  tags: tagList(50, 60),
  source: text(60).nullable(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  ownerId: uuid().nullable(),
  teamId: uuid().nullable(),
  consents: consents(),
  notes: longText(10_000).nullable(),
  custom: z.record(z.string().max(40), z.unknown()),
};

export const ContactCreateSchema = z
  .strictObject(contactFields)
  .partial()
  .required({ name: true });

export const ContactUpdateSchema = z.strictObject(contactFields).partial();

export type ContactCreateInput = z.output<typeof ContactCreateSchema>;
export type ContactUpdateInput = z.output<typeof ContactUpdateSchema>;

export type Consent = { status: 'granted' | 'denied'; source: string | null; at: string };

/** A contact as Kith returns it. */
export type Contact = {
  id: string;
  name: string;
  /** The customer's id in another system (a shop, an ERP, a spreadsheet): imports match on it. */
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  emails: string[];
  phones: string[];
  gender: (typeof GENDERS)[number] | null;
  birthday: string | null;
  addressLine: string | null;
  ward: string | null;
  district: string | null;
  province: string | null;
  country: string | null;
  hometown: string | null;
  occupation: string | null;
  jobTitle: string | null;
  companyId: string | null;
  incomeBand: (typeof INCOME_BANDS)[number] | null;
  education: (typeof EDUCATION_LEVELS)[number] | null;
  maritalStatus: (typeof MARITAL_STATUSES)[number] | null;
  religion: string | null;
  householdSize: number | null;
  interests: string[];
  tags: string[];
  source: string | null;
  lifecycleStage: LifecycleStage;
  ownerId: string | null;
  teamId: string | null;
  consents: Partial<Record<ConsentChannel, Consent>>;
  notes: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  createdBy: string | null;
  updatedBy: string | null;
  version: number;
};

