import { z } from 'zod';
import { companyInputShape, type CompanyFieldValues } from './company.fields.ts';

// The fields live in company.fields.ts; what callers import is here.
export { COMPANY_SIZES } from './company.fields.ts';

/** The fields a caller may set on a company (the field table's inputs); anything else is refused by name. */
export const CompanyCreateSchema = z.strictObject(companyInputShape).partial().required({ name: true });
export const CompanyUpdateSchema = z.strictObject(companyInputShape).partial();
export type CompanyCreateInput = z.output<typeof CompanyCreateSchema>;
export type CompanyUpdateInput = z.output<typeof CompanyUpdateSchema>;

/** A company as Kith returns it: its fields (company.fields.ts) and the record's own. */
export type Company = { id: string } & CompanyFieldValues & {
    createdAt: string;
    updatedAt: string;
    deletedAt: string | null;
    createdBy: string | null;
    updatedBy: string | null;
    version: number;
  };
