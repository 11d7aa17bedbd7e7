import { z } from 'zod';
import { PROVINCE_CODES } from '../geo/provinces.ts';
import { longText, tagList, text, uuid } from '../schema/fields.ts';
import { field, fieldList, inputShape, outputShape, type FieldDef, type FieldValues, textFilter } from '../schema/field-table.ts';
import {
  birthday,
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  consents,
  EDUCATION_LEVELS,
  email,
  GENDERS,
  INCOME_BANDS,
  LIFECYCLE_STAGES,
  MARITAL_STATUSES,
  province,
  type ConsentChannel,
  type LifecycleStage,
} from './contact.values.ts';
import type { EnumName } from '../labels/enums.ts';

/**
 * The contact's field table (schema/field-table.ts says what an entry holds and what is derived from it).
 * Adding a field: AGENTS.md's checklist; contact.fields.test.ts (server) fills every field and follows it
 * through each derived place, and test/add-a-field.test.ts proves the checklist's six files suffice.
 */

/** The customer page's sections, in their order (the first column, then the second). */
export const WEB_SECTIONS = [
  'identity',
  'demographics',
  'geography',
  'behaviour',
  'interests',
  'socioeconomics',
  'custom',
  'notes',
  'ownership',
  'consent',
] as const;
export type WebSection = (typeof WEB_SECTIONS)[number];

/** A single optional text. */
const textField = <const D extends Pick<FieldDef, 'export' | 'import' | 'filter' | 'web'> & { describe?: string; names?: EnumName }>(
  column: string,
  max: number,
  d: D,
) =>
  field({
    column,
    kind: 'scalar',
    empty: null as string | null,
    input: text(max).nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: 'pick',
    ...d,
  });

/** A single optional value of an enumeration. */
const enumField = <const V extends readonly [string, ...string[]], const D extends Pick<FieldDef, 'export' | 'import' | 'filter' | 'web'>>(
  column: string,
  values: V,
  labels: EnumName,
  d: D,
) =>
  field({
    column,
    kind: 'scalar',
    empty: null as V[number] | null,
    input: z.enum(values).nullable(),
    output: z.enum(values).nullable(),
    enum: { values, labels },
    audited: true,
    merge: 'pick',
    ...d,
  });

/** A list of words (tags, interests): matched case-insensitively through contact_keys. */
const wordList = <const D extends Pick<FieldDef, 'import' | 'web'>>(column: string, keyKind: 'tag' | 'interest', d: D) =>
  field({
    column,
    kind: 'list',
    empty: [] as string[],
    input: tagList(50, 60),
    output: z.array(z.string()),
    audited: true,
    merge: 'union',
    export: {},
    filter: { type: 'keys', keyKind, sortable: false },
    ...d,
  });

const GENDER_WORDS = {
  nam: 'male',
  male: 'male',
  m: 'male',
  trai: 'male',
  nu: 'female',
  female: 'female',
  f: 'female',
  gai: 'female',
  khac: 'other',
  other: 'other',
} as const;

export const CONTACT_FIELDS = {
  name: field({
    column: 'name',
    kind: 'scalar',
    empty: '' as string,
    input: text(200, 1),
    output: z.string(),
    audited: true,
    merge: 'pick',
    export: {},
    import: {
      synonyms: [
        'ho va ten',
        'ho ten',
        'full name',
        'name',
        'ten khach hang',
        'khach hang',
        'customer name',
        'customer',
        'contact name',
        'ten day du',
        'ho ten khach',
        'ho va ten khach hang',
        'ten khach',
      ],
    },
    filter: { type: 'text', folded: 'name_key', sortable: true },
    web: { section: 'identity', edit: 'text', column: { width: 240 } },
  }),
  externalId: textField('external_id', 120, {
    describe: 'the customer’s id in another system; imports can match on it',
    export: {},
    import: { synonyms: ['ma khach hang', 'ma kh', 'external id', 'customer id', 'id'] },
    filter: textFilter(false),
    web: { section: 'identity', edit: 'text' },
  }),
  familyName: textField('family_name', 100, {
    export: {},
    import: { synonyms: ['ho', 'last name', 'family name', 'surname'] },
    filter: textFilter(true),
    web: { section: 'identity', edit: 'text' },
  }),
  givenName: textField('given_name', 100, {
    export: {},
    import: { synonyms: ['ten', 'first name', 'given name'] },
    filter: textFilter(true),
    web: { section: 'identity', edit: 'text' },
  }),
  phones: field({
    column: 'phones',
    kind: 'list',
    empty: [] as string[],
    input: z.array(z.string().max(40, { message: 'Must be at most 40 characters' })).max(10, { message: 'At most 10 phone numbers' }),
    output: z.array(z.string()),
    describe: 'E.164, followed by ";ext=123" when the number has an extension (RFC 3966)',
    audited: true,
    merge: 'union',
    // Numbers stored in E.164 (an extension after them) run nothing in a spreadsheet: written as they are.
    export: { plain: true },
    import: {
      synonyms: [
        'sdt',
        'so dien thoai',
        'dien thoai',
        'di dong',
        'so di dong',
        'phone',
        'phone number',
        'mobile',
        'tel',
        'telephone',
        'dt',
        'so dien thoai di dong',
        'dien thoai di dong',
        'mobile phone',
        'mobile phone number',
        'home phone',
        'work phone',
        'business phone',
        'other phone',
        'whatsapp',
        'zalo',
      ],
    },
    filter: { type: 'keys', keyKind: 'phone', sortable: true },
    web: { section: 'identity', edit: 'list', show: 'phones', column: { width: 150 } },
  }),
  emails: field({
    column: 'emails',
    kind: 'list',
    empty: [] as string[],
    input: z.array(email()).max(10, { message: 'At most 10 emails' }),
    output: z.array(z.string()),
    audited: true,
    merge: 'union',
    export: {},
    import: {
      synonyms: [
        'email',
        'e mail',
        'dia chi email',
        'thu dien tu',
        'mail',
        'email address',
        'e mail address',
        'dia chi e mail',
        'work email',
        'personal email',
      ],
    },
    filter: { type: 'keys', keyKind: 'email', sortable: true },
    web: { section: 'identity', edit: 'list', column: { width: 220 } },
  }),
  gender: enumField('gender', GENDERS, 'gender', {
    export: {},
    import: { synonyms: ['gioi tinh', 'gender', 'sex'], values: GENDER_WORDS },
    filter: { type: 'enum', sortable: true },
    web: { section: 'demographics', edit: 'enum', column: { width: 100 } },
  }),
  birthday: field({
    column: 'birthday',
    kind: 'scalar',
    empty: null as string | null,
    input: birthday().nullable(),
    output: z.string().nullable(),
    describe: 'YYYY-MM-DD, or --MM-DD when the year is not known',
    audited: true,
    merge: 'pick',
    export: {},
    import: { synonyms: ['ngay sinh', 'sinh nhat', 'birthday', 'date of birth', 'dob', 'birth date'], parse: 'date' },
    filter: { type: 'date', sortable: true },
    web: { section: 'demographics', edit: 'date', show: 'birthday', column: { width: 130 } },
  }),
  occupation: textField('occupation', 120, {
    export: {},
    import: { synonyms: ['nghe nghiep', 'occupation', 'job'] },
    filter: textFilter(true),
    web: { section: 'demographics', edit: 'text', column: { width: 150 } },
  }),
  maritalStatus: enumField('marital_status', MARITAL_STATUSES, 'maritalStatus', {
    export: {},
    import: {
      synonyms: ['tinh trang hon nhan', 'hon nhan', 'marital status'],
      values: { 'doc than': 'single', 'da ket hon': 'married', 'ly hon': 'divorced', goa: 'widowed', khac: 'other' },
    },
    filter: { type: 'enum', sortable: true },
    web: { section: 'demographics', edit: 'enum' },
  }),
  religion: textField('religion', 60, {
    export: {},
    import: { synonyms: ['ton giao', 'religion'] },
    filter: textFilter(false),
    web: { section: 'demographics', edit: 'text' },
  }),
  addressLine: textField('address_line', 300, {
    export: {},
    import: { synonyms: ['dia chi', 'address', 'street', 'dia chi nha'] },
    filter: { skip: 'a street address is searched by the list’s text search, not filtered' },
    web: { section: 'geography', edit: 'text' },
  }),
  ward: textField('ward', 100, {
    export: {},
    import: { synonyms: ['phuong xa', 'phuong', 'xa', 'ward'] },
    filter: textFilter(false),
    web: { section: 'geography', edit: 'text' },
  }),
  district: textField('district', 100, {
    export: {},
    import: { synonyms: ['quan huyen', 'quan', 'huyen', 'district'] },
    filter: textFilter(true),
    web: { section: 'geography', edit: 'text' },
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
    merge: 'pick',
    export: {},
    import: { synonyms: ['tinh thanh', 'tinh thanh pho', 'tinh', 'thanh pho', 'province', 'city'] },
    filter: { type: 'enum', sortable: true },
    web: { section: 'geography', edit: 'province', show: 'province', column: { width: 160 } },
  }),
  hometown: textField('hometown', 100, {
    export: {},
    import: { synonyms: ['que quan', 'que', 'nguyen quan', 'hometown'] },
    filter: textFilter(true),
    web: { section: 'geography', edit: 'text' },
  }),
  country: field({
    column: 'country',
    kind: 'scalar',
    empty: null as string | null,
    input: z
      .string()
      .regex(/^[A-Z]{2}$/, { message: 'Must be an ISO 3166-1 alpha-2 country code' })
      .nullable(),
    output: z.string().nullable(),
    names: 'country',
    audited: true,
    merge: 'pick',
    export: {},
    import: { synonyms: ['quoc gia', 'nuoc', 'country'] },
    filter: textFilter(true),
    web: { section: 'geography', edit: 'country' },
  }),
  lifecycleStage: field({
    column: 'lifecycle_stage',
    kind: 'scalar',
    empty: 'lead' as LifecycleStage,
    input: z.enum(LIFECYCLE_STAGES),
    output: z.enum(LIFECYCLE_STAGES),
    enum: { values: LIFECYCLE_STAGES, labels: 'lifecycleStage' },
    audited: true,
    merge: 'pick',
    export: {},
    import: {
      synonyms: ['giai doan', 'vong doi', 'lifecycle stage', 'stage'],
      values: { 'tiem nang': 'prospect', moi: 'new_customer', 'khach moi': 'new_customer', 'than thiet': 'loyal', 'trung thanh': 'loyal' },
    },
    filter: { type: 'enum', sortable: true },
    web: { section: 'behaviour', edit: 'enum', show: 'stage', column: { width: 140 } },
  }),
  source: textField('source', 60, {
    names: 'contactSource',
    export: {},
    import: { synonyms: ['nguon', 'nguon khach', 'source', 'lead source', 'kenh'] },
    filter: textFilter(true),
    web: { section: 'behaviour', edit: 'text', column: { width: 130 } },
  }),
  interests: wordList('interests', 'interest', {
    import: { synonyms: ['so thich', 'quan tam', 'interests', 'interest'] },
    web: { section: 'interests', edit: 'list', show: 'chips' },
  }),
  tags: wordList('tags', 'tag', {
    import: { synonyms: ['nhan', 'the', 'tags', 'tag', 'labels', 'nhom khach hang', 'nhom khach', 'customer group', 'customer groups', 'groups'] },
    web: { section: 'interests', edit: 'list', show: 'chips', column: { width: 200 } },
  }),
  education: enumField('education', EDUCATION_LEVELS, 'education', {
    export: {},
    import: {
      synonyms: ['hoc van', 'trinh do', 'trinh do hoc van', 'education'],
      values: {
        'dai hoc': 'university',
        'cao dang': 'college',
        'trung cap': 'vocational',
        'sau dai hoc': 'postgraduate',
        'thpt': 'upper_secondary',
        'thcs': 'lower_secondary',
        'tieu hoc': 'primary',
      },
    },
    filter: { type: 'enum', sortable: true },
    web: { section: 'socioeconomics', edit: 'enum' },
  }),
  incomeBand: enumField('income_band', INCOME_BANDS, 'incomeBand', {
    export: {},
    import: { synonyms: ['thu nhap', 'muc thu nhap', 'income', 'income band'] },
    filter: { type: 'enum', sortable: true },
    web: { section: 'socioeconomics', edit: 'enum', column: { width: 140 } },
  }),
  householdSize: field({
    column: 'household_size',
    kind: 'scalar',
    empty: null as number | null,
    input: z.number().int().min(1).max(100).nullable(),
    output: z.number().int().nullable(),
    audited: true,
    merge: 'pick',
    export: {},
    import: { synonyms: ['so nguoi trong ho', 'so nhan khau', 'household size'], parse: 'number' },
    filter: { type: 'number', sortable: true },
    web: { section: 'socioeconomics', edit: 'number', show: 'number' },
  }),
  companyId: field({
    column: 'company_id',
    kind: 'scalar',
    empty: null as string | null,
    input: uuid().nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: 'pick',
    export: { header: 'company', via: 'company' },
    import: { target: 'company', synonyms: ['cong ty', 'doanh nghiep', 'company', 'organisation', 'organization', 'ten cong ty'] },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'socioeconomics', edit: 'special', column: { width: 180, id: 'company', sort: 'company' } },
  }),
  jobTitle: textField('job_title', 120, {
    export: {},
    import: { synonyms: ['chuc vu', 'chuc danh', 'job title', 'title', 'position'] },
    filter: textFilter(true),
    web: { section: 'socioeconomics', edit: 'text', column: { width: 150 } },
  }),
  notes: field({
    column: 'notes',
    kind: 'scalar',
    empty: null as string | null,
    input: longText(10_000).nullable(),
    output: z.string().nullable(),
    audited: true,
    // Picked like the others, and joined when both have notes and nobody chose (duplicates/).
    merge: 'pick',
    export: {},
    import: { synonyms: ['ghi chu', 'notes', 'note', 'comments', 'mo ta'] },
    filter: { skip: 'long free text: the list’s text search finds words in notes' },
    web: { section: 'notes', edit: 'textarea', show: 'multiline' },
  }),
  ownerId: field({
    column: 'owner_id',
    kind: 'scalar',
    empty: null as string | null,
    input: uuid().nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: 'pick',
    export: { header: 'owner', via: 'member' },
    // A member's email; one who is not a member of the workspace leaves the contact with the importer (a warning says so).
    import: { target: 'owner', synonyms: ['nguoi phu trach', 'owner email'] },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'ownership', edit: 'special', column: { width: 160, id: 'owner', sort: 'owner' } },
  }),
  teamId: field({
    column: 'team_id',
    kind: 'scalar',
    empty: null as string | null,
    input: uuid().nullable(),
    output: z.string().nullable(),
    audited: true,
    merge: 'pick',
    export: { header: 'team', via: 'team' },
    // A team's name; one the workspace does not have leaves the contact without a team (a warning says so).
    import: { target: 'team', synonyms: ['nhom phu trach'] },
    filter: { type: 'uuid', sortable: false },
    web: { section: 'ownership', edit: 'none' },
  }),
  consents: field({
    column: 'consents',
    kind: 'json',
    empty: {} as Partial<Record<ConsentChannel, Consent>>,
    input: consents(),
    output: z.partialRecord(z.enum(CONSENT_CHANNELS), z.object({ status: z.enum(CONSENT_STATUSES), source: z.string().nullable(), at: z.string() })),
    audited: true,
    merge: 'special',
    // Each channel's status and time, as people read them ("Email: Đồng ý (2026-01-02T03:04:05.000Z)"); the raw file has the record whole.
    export: { via: 'consents' },
    // Consent is recorded with its source when it is given, never asserted by a spreadsheet: only Kith's own export
    // (its import presets, import/presets/kith.ts) brings it back, as a record of consent whose source is "import";
    // from any other file the column is left out with a warning (docs/contacts-file.md).
    import: { synonyms: ['dong y lien he', 'consents'] },
    filter: { skip: 'campaign audiences check consent per channel themselves' },
    web: { section: 'consent', edit: 'special' },
  }),
  custom: field({
    column: 'custom',
    kind: 'json',
    empty: {} as Record<string, unknown>,
    input: z.record(z.string().max(40), z.unknown()),
    output: z.record(z.string(), z.unknown()),
    audited: true,
    merge: 'special',
    export: { skip: 'each custom field is its own column, custom.<key>' },
    import: { skip: 'custom fields are mapped one by one as custom.<key>' },
    filter: { skip: 'each custom field is filtered as custom.<key>' },
    web: { section: 'custom', edit: 'special' },
  }),
} as const;

export type Consent = { status: 'granted' | 'denied'; source: string | null; at: string };

export type ContactFieldName = keyof typeof CONTACT_FIELDS;

/** The value type of each field, from its `empty` value's declared type. */
export type ContactFieldValues = FieldValues<typeof CONTACT_FIELDS>;

/** The fields in table order, with their names. */
export const CONTACT_FIELD_LIST = fieldList<ContactFieldName>(CONTACT_FIELDS);

const names = (pred: (d: FieldDef) => boolean) => CONTACT_FIELD_LIST.filter(pred).map((d) => d.name);

/** Written to the audit log when they change. */
export const AUDITED_CONTACT_FIELDS = names((d) => d.audited);
/** Single values a merge picks between (the survivor's by default, the other's when the survivor has none). */
export const PICKED_CONTACT_FIELDS = names((d) => d.merge === 'pick') as [PickedContactField, ...PickedContactField[]];
export type PickedContactField = { [K in ContactFieldName]: (typeof CONTACT_FIELDS)[K]['merge'] extends 'pick' ? K : never }[ContactFieldName];
/** Lists a merge joins. */
export const JOINED_CONTACT_FIELDS = names((d) => d.merge === 'union') as JoinedContactField[];
export type JoinedContactField = { [K in ContactFieldName]: (typeof CONTACT_FIELDS)[K]['merge'] extends 'union' ? K : never }[ContactFieldName];

/** The fields a caller may set on a contact (strict: anything else is refused by name). */
export const contactInputShape = inputShape(CONTACT_FIELDS);

/** What the API returns of each field. */
export const contactOutputShape = outputShape(CONTACT_FIELDS);

/** The import's target name of a field (company for companyId). */
export { importTargetOf } from '../schema/field-table.ts';
