import type { Company as CompanyRecord } from '@kith/domain/companies/company.schema.ts';

/** The company as the API returns it (CompanyOut): its fields from the field table (@kith/domain companies/company.fields.ts), the record's own, and how many people it has. */
export type Company = CompanyRecord & { contactCount: number };
