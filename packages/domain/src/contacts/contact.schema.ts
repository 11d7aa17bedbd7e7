import { z } from 'zod';
import { contactInputShape, type ContactFieldValues } from './contact.fields.ts';

// The values and their checks live in contact.values.ts, the fields in contact.fields.ts; what callers import is here.
export {
  accountEmail,
  birthday,
  CONSENT_CHANNELS,
  consentEntry,
  consents,
  EDUCATION_LEVELS,
  email,
  GENDERS,
  INCOME_BANDS,
  LIFECYCLE_STAGES,
  MARITAL_STATUSES,
  province,
} from './contact.values.ts';
export type { ConsentChannel, LifecycleStage } from './contact.values.ts';
export type { Consent } from './contact.fields.ts';

/**
 * The fields a caller may set on a contact (the field table's inputs). Strict: anything else (workspaceId,
 * createdAt, deletedAt, version, …) is refused by name rather than silently dropped.
 */
export const ContactCreateSchema = z.strictObject(contactInputShape).partial().required({ name: true });

export const ContactUpdateSchema = z.strictObject(contactInputShape).partial();

export type ContactCreateInput = z.output<typeof ContactCreateSchema>;
export type ContactUpdateInput = z.output<typeof ContactUpdateSchema>;

/** A contact as Kith returns it: its fields (contact.fields.ts) and the record's own. */
export type Contact = { id: string } & ContactFieldValues & {
    createdAt: string;
    updatedAt: string;
    deletedAt: string | null;
    createdBy: string | null;
    updatedBy: string | null;
    version: number;
  };
