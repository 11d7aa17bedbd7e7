import { z } from 'zod';
import { email, province } from '../contacts/contact.schema.ts';
import { longText, tagList, text, uuid } from '../schema/fields.ts';

export const COMPANY_SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;

const companyFields = {
  name: text(200, 1),
  domain: z
    .string()
    .max(253)
    .transform((s) => s.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
    .refine((s) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s), { message: 'Not a domain name such as example.vn' })
    .nullable(),
  website: z.url({ message: 'Must be an http(s) URL', protocol: /^https?$/ }).max(500).nullable(),
  email: email().nullable(),
  phone: z.string().max(40).nullable(),
  taxCode: z.string().regex(/^\d{10}(-\d{3})?$/, { message: 'A Vietnamese tax code has 10 digits, or 10-3 for a branch' }).nullable(),
  industry: text(100).nullable(),
  sizeBand: z.enum(COMPANY_SIZES).nullable(),
  addressLine: text(300).nullable(),
  province: province().nullable(),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'Must be an ISO 3166-1 alpha-2 country code' }).nullable(),
  ownerId: uuid().nullable(),
  teamId: uuid().nullable(),
  tags: tagList(50, 60),
  notes: longText(10_000).nullable(),
  custom: z.record(z.string().max(40), z.unknown()),
};

export const CompanyCreateSchema = z.strictObject(companyFields).partial().required({ name: true });
export const CompanyUpdateSchema = z.strictObject(companyFields).partial();
export type CompanyCreateInput = z.output<typeof CompanyCreateSchema>;
export type CompanyUpdateInput = z.output<typeof CompanyUpdateSchema>;

export type Company = {
  id: string;
  name: string;
  domain: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  taxCode: string | null;
  industry: string | null;
  sizeBand: (typeof COMPANY_SIZES)[number] | null;
  addressLine: string | null;
  province: string | null;
  country: string | null;
  ownerId: string | null;
  teamId: string | null;
  tags: string[];
  notes: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  createdBy: string | null;
  updatedBy: string | null;
  version: number;
};
