import { z } from 'zod';
import { accountEmailProblem, emailProblem, normalizeEmail } from '../emails/email.ts';
import { resolveProvince } from '../geo/provinces.ts';
import { isYearlessBirthday } from './birthday.ts';
import { isoDate, isoDateTime, text } from '../schema/fields.ts';
import { withCode, type IssueCode } from '../schema/issues.ts';

/** The values a contact's fields take, and the schemas that check them (the field table, contact.fields.ts, uses them). */

/** The customer profile and the customer-care model (docs/models.md): where a person stands with the business. */
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

const fullBirthday = () =>
  isoDate().refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), {
    message: 'Must be between 1900-01-01 and today',
    params: withCode('date_out_of_range', { minimum: '1900-01-01' }),
  });

/** A full date between 1900 and today, or a day of the year without its year as `--MM-DD` (contacts/birthday.ts). */
export const birthday = () =>
  z.string().superRefine((s, ctx) => {
    if (s.startsWith('--')) {
      if (!isYearlessBirthday(s))
        ctx.addIssue({ code: 'custom', message: 'Must be a date as YYYY-MM-DD, or --MM-DD without the year', params: withCode('invalid_date') });
      return;
    }
    const r = fullBirthday().safeParse(s);
    if (!r.success)
      for (const i of r.error.issues)
        ctx.addIssue({ code: 'custom', message: i.message, params: (i as { params?: Record<string, unknown> }).params ?? withCode('invalid_date') });
  });

export const province = () =>
  z
    .string()
    .max(100)
    .transform((s, ctx) => {
      const p = resolveProvince(s);
      if (!p) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown province "${s.slice(0, 100)}"; use a current province code such as ho-chi-minh or a province name`,
          params: withCode('unknown_province'),
        });
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
