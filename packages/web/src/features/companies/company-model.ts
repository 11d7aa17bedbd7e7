import type { CompanyOut } from '@kith/domain/companies/company.api.ts';

/** The company as the API returns it: the contract's response (@kith/domain companies/company.api.ts). */
export type Company = CompanyOut;
