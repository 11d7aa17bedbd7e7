import type { CompanyCreateInput } from '@kith/domain/companies/company.schema.ts';
import { resolveProvince } from '@kith/domain/geo/provinces.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { ImportError } from './engine.ts';
import type { MappedRow } from './kinds.ts';

/**
 * Rows of a contacts file that are companies, not people — Odoo's "Is a Company", KiotViet's customer type
 * "Công ty" (the `isCompany` import target). Such a row is never a contact named like a company: it becomes a
 * company with what the row says of it (or links the company of that name the workspace has), and the people
 * who name it in their company column are linked to it. The report counts it among the skipped rows (it made
 * no contact).
 */

/** Folded words meaning "a company" or "a person" in a company-flag column whose preset names none. */
const COMPANY = new Set(['true', '1', 'yes', 'y', 'x', 'co', 'company', 'cong ty', 'doanh nghiep', 'to chuc']);
const PERSON = new Set(['false', '0', 'no', 'n', 'khong', 'person', 'individual', 'ca nhan']);

export type CompanyRow = { row: number; input: CompanyCreateInput };

const first = (v: string | undefined, split: RegExp) =>
  v
    ?.split(split)
    .map((x) => x.trim())
    .find(Boolean);

/** What a company row says of the company: its name, first email and phone, address, tags and notes. */
function companyInput(values: Record<string, string>): CompanyCreateInput | null {
  const name = (values.name ?? [values.familyName, values.givenName].filter(Boolean).join(' ')).trim();
  if (!name) return null;
  const email = first(values.emails, /[;,\n]+/);
  const phone = first(values.phones, /[;,/\n]+/);
  const tags = values.tags
    ?.split(/[;,|\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  // A shop's delivery area is "Province - District": the province is the company's (as its code; a name no
  // province has is left out rather than refused — the company still comes in).
  const province = resolveProvince(values.province ?? values.area?.split(' - ')[0] ?? '')?.code;
  return {
    name: name.slice(0, 200),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(values.addressLine ? { addressLine: values.addressLine } : {}),
    ...(province ? { province } : {}),
    ...(tags?.length ? { tags } : {}),
    ...(values.notes ? { notes: values.notes } : {}),
  } as CompanyCreateInput;
}

/**
 * The file's people and its company rows; a flag that says neither (nor a word of the preset's) is reported
 * with its row, and so is a company row without a name.
 */
export function splitCompanyRows(
  rows: MappedRow[],
  words: Readonly<Record<string, string>> | undefined,
  headerOf: (field: string) => string,
  errors: ImportError[],
): { people: MappedRow[]; companies: CompanyRow[] } {
  const people: MappedRow[] = [];
  const companies: CompanyRow[] = [];
  for (const r of rows) {
    const flag = r.values.isCompany;
    if (!flag) {
      people.push(r);
      continue;
    }
    const word = matchKey(flag);
    const said = words?.[word];
    const isCompany = said ? said === 'company' : COMPANY.has(word) ? true : PERSON.has(word) ? false : null;
    if (isCompany === null) {
      errors.push({
        row: r.row,
        column: headerOf('isCompany'),
        value: flag,
        message: `Not a yes or no: ${flag} (whether the row is a company or a person)`,
        code: 'invalid_choice',
      });
      continue;
    }
    if (!isCompany) {
      people.push(r);
      continue;
    }
    const input = companyInput(r.values);
    if (input) companies.push({ row: r.row, input });
    else errors.push({ row: r.row, column: headerOf('name'), value: null, message: 'A company row needs the company’s name', code: 'required' });
  }
  return { people, companies };
}
