import { z } from 'zod';
import { email, province } from '../contacts/contact.values.ts';
import { PROVINCE_CODES } from '../geo/provinces.ts';
import { longText, tagList, text, uuid } from '../schema/fields.ts';
import { field, fieldList, fieldNames, inputShape, outputShape, type FieldDef, type FieldValues, textFilter } from '../schema/field-table.ts';

/**
 * The company's field table (schema/field-table.ts says what an entry holds and what is derived from it):
 * the request and response schemas and the `Company` type (company.schema.ts), the row mapper, the columns
 * written and the audit list (server companies/), the list filters and sorts, the export's columns, the
 * import's targets and header synonyms, and the company page's fields (web features/companies/).
 * company.fields.test.ts (server) fills every field and follows it through each derived place.
 */

export const COMPANY_SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;

/** The company page's sections: its details card, and what is shown or edited elsewhere. */
export const COMPANY_WEB_SECTIONS = ['details', 'ownership', 'custom'] as const;
export type CompanyWebSection = (typeof COMPANY_WEB_SECTIONS)[number];

const NOT_MERGED = { skip: 'companies are not merged yet' } as const;

type Aspects = Pick<FieldDef<unknown, CompanyWebSection>, 'export' | 'import' | 'filter' | 'web' | 'names'> & { describe?: string };

/** A single optional value, kept as given after its schema (text unless the input says otherwise). */
const optional = <I extends z.ZodType<string | null | undefined>, const D extends Aspects>(column: string, input: I, d: D) =>
  field({
    column,
    kind: 'scalar',
    empty: null as string | null,
    input: input.nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: NOT_MERGED,
    ...d,
  });

export const COMPANY_FIELDS = {
  name: field({
    column: 'name',
    kind: 'scalar',
    empty: '' as string,
    input: text(200, 1),
    output: z.string(),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: {
      synonyms: ['ten cong ty', 'ten doanh nghiep', 'cong ty', 'doanh nghiep', 'company', 'company name', 'organisation', 'organization', 'name', 'ten'],
    },
    filter: { type: 'text', folded: 'name_key', sortable: true },
    web: { section: 'details', edit: 'text', column: { width: 260 } },
  }),
  domain: optional(
    'domain',
    z
      .string()
      .max(253)
      .transform((s) =>
        s
          .trim()
          .toLowerCase()
          .replace(/^https?:\/\//, '')
          .replace(/\/.*$/, ''),
      )
      .refine((s) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s), { message: 'Not a domain name such as example.vn' }),
    {
      export: {},
      import: { synonyms: ['ten mien', 'domain'] },
      filter: textFilter(true),
      web: { section: 'details', edit: 'text', column: { width: 180 } },
    },
  ),
  website: optional('website', z.url({ message: 'Must be an http(s) URL', protocol: /^https?$/ }).max(500), {
    export: {},
    import: { synonyms: ['website', 'trang web', 'web'] },
    filter: textFilter(false),
    web: { section: 'details', edit: 'text' },
  }),
  email: optional('email', email(), {
    export: {},
    import: { synonyms: ['email', 'e mail'] },
    filter: textFilter(false),
    web: { section: 'details', edit: 'text' },
  }),
  phone: optional('phone', z.string().max(40), {
    describe: 'E.164, followed by ";ext=123" when the number has an extension (RFC 3966)',
    export: {},
    import: { synonyms: ['so dien thoai', 'dien thoai', 'sdt', 'phone', 'tel'] },
    filter: textFilter(false),
    web: { section: 'details', edit: 'text', show: 'phone' },
  }),
  taxCode: optional('tax_code', z.string().regex(/^\d{10}(-\d{3})?$/, { message: 'A Vietnamese tax code has 10 digits, or 10-3 for a branch' }), {
    export: {},
    import: { synonyms: ['ma so thue', 'mst', 'tax code', 'tax id', 'vat number'] },
    filter: textFilter(false),
    web: { section: 'details', edit: 'text' },
  }),
  industry: optional('industry', text(100), {
    export: {},
    import: { synonyms: ['nganh', 'nganh nghe', 'linh vuc', 'industry', 'sector'] },
    filter: textFilter(true),
    web: { section: 'details', edit: 'text', column: { width: 180 } },
  }),
  sizeBand: field({
    column: 'size_band',
    kind: 'scalar',
    empty: null as (typeof COMPANY_SIZES)[number] | null,
    input: z.enum(COMPANY_SIZES).nullable(),
    output: z.enum(COMPANY_SIZES).nullable(),
    enum: { values: COMPANY_SIZES, labels: 'companySize' },
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['quy mo', 'quy mo nhan su', 'so nhan vien', 'company size', 'size', 'employees'] },
    filter: { type: 'enum', sortable: true },
    web: { section: 'details', edit: 'enum' },
  }),
  addressLine: optional('address_line', text(300), {
    export: {},
    import: { synonyms: ['dia chi', 'address'] },
    filter: { skip: 'a street address is found by the list’s search, not filtered' },
    web: { section: 'details', edit: 'text' },
  }),
  province: field({
    column: 'province',
    kind: 'scalar',
    empty: null as string | null,
    input: province().nullable(),
    output: z.string().nullable(),
    describe: 'Province code after the 2025 reorganisation, e.g. ho-chi-minh',
    enum: { values: PROVINCE_CODES, labels: 'province' },
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['tinh thanh', 'tinh thanh pho', 'tinh', 'thanh pho', 'province', 'city'] },
    filter: { type: 'enum', sortable: true },
    web: { section: 'details', edit: 'province', show: 'province', column: { width: 160 } },
  }),
  country: optional('country', z.string().regex(/^[A-Z]{2}$/, { message: 'Must be an ISO 3166-1 alpha-2 country code' }), {
    export: {},
    names: 'country',
    import: { synonyms: ['quoc gia', 'nuoc', 'country'] },
    filter: textFilter(true),
    web: { section: 'details', edit: 'country' },
  }),
  ownerId: optional('owner_id', uuid(), {
    export: { header: 'owner', via: 'member' },
    import: { skip: 'the importer owns what it creates; owners are reassigned in bulk afterwards' },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'details', edit: 'special', show: 'member', column: { width: 160 } },
  }),
  teamId: optional('team_id', uuid(), {
    export: { skip: 'a team id means nothing in a spreadsheet; teams are an access setting, not company data' },
    import: { skip: 'teams are assigned in bulk after an import' },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'ownership', edit: 'none' },
  }),
  tags: field({
    column: 'tags',
    kind: 'list',
    empty: [] as string[],
    input: tagList(50, 60),
    output: z.array(z.string()),
    audited: true,
    merge: NOT_MERGED,
    export: {},
    import: { synonyms: ['nhan', 'the', 'tags', 'tag'] },
    filter: { skip: 'a company’s tags have no lookup table (contact_keys holds contacts’ only), so no list filter yet' },
    web: { section: 'details', edit: 'list', show: 'chips' },
  }),
  notes: optional('notes', longText(10_000), {
    export: {},
    import: { synonyms: ['ghi chu', 'notes', 'note', 'mo ta'] },
    filter: { skip: 'long free text is read, not filtered' },
    web: { section: 'details', edit: 'textarea', show: 'multiline' },
  }),
  custom: field({
    column: 'custom',
    kind: 'json',
    empty: {} as Record<string, unknown>,
    input: z.record(z.string().max(40), z.unknown()),
    output: z.record(z.string(), z.unknown()),
    audited: true,
    merge: NOT_MERGED,
    export: { skip: 'each custom field is its own column, custom.<key>' },
    import: { skip: 'custom fields of companies are not imported yet' },
    filter: { skip: 'each custom field is filtered as custom.<key>' },
    web: { section: 'custom', edit: 'special' },
  }),
} as const;

export type CompanyFieldName = keyof typeof COMPANY_FIELDS;
export type CompanyFieldValues = FieldValues<typeof COMPANY_FIELDS>;

/** The fields in table order, with their names. */
export const COMPANY_FIELD_LIST = fieldList<CompanyFieldName>(COMPANY_FIELDS);

/** Written to the audit log when they change. */
export const AUDITED_COMPANY_FIELDS = fieldNames(COMPANY_FIELD_LIST, (d) => d.audited);

export const companyInputShape = inputShape(COMPANY_FIELDS);
export const companyOutputShape = outputShape(COMPANY_FIELDS);
