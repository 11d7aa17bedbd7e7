import { CONTACT_FIELD_LIST } from '../contacts/contact.fields.ts';
import { COMPANY_FIELD_LIST } from '../companies/company.fields.ts';
import { PRODUCT_FIELD_LIST } from '../orders/product.fields.ts';
import { ORDER_FIELD_LIST } from '../orders/order.fields.ts';
import { importDateTargetsOf, importListTargetsOf, importSynonymsOf } from '../schema/field-table.ts';
import { matchKey } from '../text/fold.ts';
import { presetColumnsFolded, type ImportPreset } from './preset.ts';

/**
 * Column mapping for imports: which Kith field a spreadsheet column holds, suggested from its header in
 * Vietnamese or English ("Họ và tên", "SĐT", "Ngày mua", "Qty"), compared folded (no case, no diacritics).
 * The user confirms or changes the suggestion on the mapping screen (or with `--map` on the CLI).
 */

export type ImportEntity = 'contacts' | 'companies' | 'orders' | 'interactions' | 'products';

/** The order fields the orders import fills (the rest of its targets are a line's and the customer's keys). */
const ORDER_SYNONYMS = importSynonymsOf(ORDER_FIELD_LIST);

/** How a row of orders or interactions names its customer's keys (the customer is found by them). */
const CUSTOMER_KEYS = {
  customerPhone: [
    'sdt',
    'so dien thoai',
    'dien thoai',
    'phone',
    'mobile',
    'tel',
    'sdt khach',
    'sdt khach hang',
    'so dien thoai khach hang',
    'dien thoai khach hang',
    'customer phone',
  ],
  customerEmail: ['email', 'e mail', 'email khach', 'email khach hang', 'customer email'],
  customerExternalId: ['ma khach hang', 'ma kh', 'customer id'],
} as const;

/** Field → the headers that mean it, folded; the first ones are the surest. */
const SYNONYMS: Record<ImportEntity, Record<string, readonly string[]>> = {
  // The contact field table's import targets and their headers (contacts/contact.fields.ts).
  contacts: {
    ...importSynonymsOf(CONTACT_FIELD_LIST),
    // Not fields of their own: an address book's middle name ("Thị") goes between the family and the given
    // name; the date the record was created in the system it comes from becomes a new contact's creation date.
    middleName: ['middle name', 'ten dem', 'ten lot', 'chu lot'],
    createdAt: ['create date', 'created date', 'created at', 'created time', 'date created', 'ngay tao'],
    // The contact's id in Kith (Kith's own export): matches the contact in its workspace, or keeps it when the id is free.
    id: ['kith id', 'ma kith'],
    // A shop's delivery area, "Hà Nội - Quận Hai Bà Trưng": the province and the district in one cell.
    area: ['khu vuc', 'khu vuc giao hang', 'dia ban', 'area', 'region'],
    // A row that is a company, not a person (Odoo's "Is a Company", KiotViet's customer type "Công ty"): it
    // becomes a company, or links the one of that name — never a contact named like a company.
    isCompany: ['is a company', 'la cong ty', 'la mot cong ty'],
  },
  // The order field table's targets (orders/order.fields.ts: number, the customer by name, date, shipping, status,
  // channel, currency) with the ways to find the customer and the line's own targets, in the order they are suggested.
  orders: {
    number: ORDER_SYNONYMS.number!,
    orderedAt: ORDER_SYNONYMS.orderedAt!,
    customerName: ORDER_SYNONYMS.customerName!,
    ...CUSTOMER_KEYS,
    sku: ['ma san pham', 'ma sp', 'ma hang', 'sku', 'product code', 'item code'],
    productName: ['ten san pham', 'san pham', 'ten hang', 'mat hang', 'product', 'product name', 'item', 'description'],
    quantity: ['so luong', 'sl', 'quantity', 'qty'],
    unitPrice: ['don gia', 'gia ban', 'gia', 'unit price', 'price'],
    discount: ['giam gia', 'chiet khau', 'discount'],
    shipping: ORDER_SYNONYMS.shipping!,
    // A line's share of the order's shipping (Lazada writes it per item): summed over the order's lines.
    lineShipping: [],
    ...ORDER_SYNONYMS,
  },
  // The company field table's import targets and their headers (companies/company.fields.ts).
  companies: importSynonymsOf(COMPANY_FIELD_LIST),
  // The product field table's import targets and their headers (orders/product.fields.ts).
  products: importSynonymsOf(PRODUCT_FIELD_LIST),
  interactions: {
    occurredAt: ['thoi gian', 'ngay', 'ngay gio', 'ngay lien he', 'ngay goi', 'date', 'time', 'date time', 'occurred at', 'when'],
    customerName: ['ho va ten', 'ho ten', 'ten khach hang', 'khach hang', 'customer name', 'customer', 'name'],
    ...CUSTOMER_KEYS,
    kind: ['loai', 'hinh thuc', 'loai tuong tac', 'kind', 'type', 'activity'],
    channel: ['kenh', 'channel'],
    direction: ['chieu', 'huong', 'goi den di', 'direction'],
    durationSeconds: ['thoi luong', 'thoi luong giay', 'so giay', 'duration', 'duration seconds'],
    outcome: ['ket qua', 'outcome', 'result'],
    subject: ['tieu de', 'chu de', 'subject', 'title'],
    body: ['noi dung', 'ghi chu', 'mo ta', 'body', 'notes', 'note', 'content', 'description'],
  },
};

export const IMPORT_FIELDS: Record<ImportEntity, readonly string[]> = {
  contacts: Object.keys(SYNONYMS.contacts),
  orders: Object.keys(SYNONYMS.orders),
  interactions: Object.keys(SYNONYMS.interactions),
  products: Object.keys(SYNONYMS.products),
  companies: Object.keys(SYNONYMS.companies),
};

/**
 * Fields that take several columns: every column mapped to one goes in (a file's phone, mobile, business phone
 * and WhatsApp are all the person's phones; a marketplace's several vouchers are all discount). A row's values of
 * such a field reach the kind joined by new lines, in column order.
 */
export const MULTI_COLUMN_FIELDS: Record<ImportEntity, ReadonlySet<string>> = {
  contacts: new Set(importListTargetsOf(CONTACT_FIELD_LIST)),
  companies: new Set(importListTargetsOf(COMPANY_FIELD_LIST)),
  products: new Set(importListTargetsOf(PRODUCT_FIELD_LIST)),
  orders: new Set(['discount', 'orderDiscount']),
  interactions: new Set(),
};

/** Targets read as dates: the columns whose values tell the file's order of day and month. */
export const DATE_TARGETS: Record<ImportEntity, ReadonlySet<string>> = {
  contacts: new Set([...importDateTargetsOf(CONTACT_FIELD_LIST), 'createdAt']),
  companies: new Set(importDateTargetsOf(COMPANY_FIELD_LIST)),
  products: new Set(importDateTargetsOf(PRODUCT_FIELD_LIST)),
  orders: new Set(importDateTargetsOf(ORDER_FIELD_LIST)),
  interactions: new Set(['occurredAt']),
};

/**
 * How sure a suggestion is: `preset` (the column is one the recognised product writes), `exact` (the header is
 * one of the field's names), `partial` (the header contains one of them, or is contained in one) — a guess that
 * is only used once someone confirms it (the mapping screen, or `--map` on the CLI) — or `none`.
 */
export type Confidence = 'preset' | 'exact' | 'partial' | 'none';
export type Suggestion = { column: number; header: string; field: string | null; confidence: Confidence; reason?: string };

/**
 * Words that make a column a description of the value beside it, never the value: "E-mail Type", "Phone 1 -
 * Type", "Phone 1 - Label", "Loại điện thoại". Such a column is not suggested for a value field.
 */
const QUALIFIER_WORDS = new Set(['type', 'label', 'kind', 'loai', 'kieu']);
/** Headers that name an organisation or a web address, never a person: they never fill a person's name. */
const NOT_A_PERSON = new Set([
  'account',
  'company',
  'organization',
  'organisation',
  'domain',
  'website',
  'cong',
  'doanh',
  'middle',
  'nickname',
  'phonetic',
  'file',
  'display',
  'user',
  'username',
]);
const NAME_FIELDS = new Set(['name', 'givenName', 'familyName', 'middleName', 'customerName']);

/**
 * Suggest a field for every column. With a preset, the columns it knows go where it says (exact header first,
 * then folded); the rest, and every column without one, by the fields' names: an exact (folded) name wins over a
 * partial one, each single-valued field goes to one column at most (the surest first), a field that takes
 * several columns gets every column that names it. A partial match is suggested but not used until confirmed;
 * a column that describes another (a type, a label) or names an organisation is never a person's name or a
 * value. A lone "Tên" column means the whole name; "Họ" beside "Tên" means family and given names.
 */
export function suggestMapping(headers: readonly string[], entity: ImportEntity, preset?: ImportPreset | null): Suggestion[] {
  const table = SYNONYMS[entity];
  const multi = MULTI_COLUMN_FIELDS[entity];
  const keys = headers.map((h) => matchKey(h));
  const out: Suggestion[] = headers.map((header, column) => ({ column, header, field: null, confidence: 'none' }));
  const taken = new Set<string>();
  const decided = new Set<number>();

  if (preset) {
    const folded = presetColumnsFolded(preset);
    headers.forEach((h, column) => {
      const exact = preset.columns[h] ?? preset.columns[h.trim()];
      const target = exact !== undefined ? (typeof exact === 'string' ? exact : null) : folded.get(keys[column]!);
      if (target === undefined) return;
      decided.add(column);
      if (target === null) {
        const why = exact !== undefined && typeof exact !== 'string' ? exact.skip : undefined;
        out[column] = { column, header: h, field: null, confidence: 'preset', ...(why ? { reason: why } : {}) };
        return;
      }
      if (taken.has(target) && !multi.has(target)) return;
      taken.add(target);
      out[column] = { column, header: h, field: target, confidence: 'preset' };
    });
  }

  type Candidate = { column: number; field: string; score: number; confidence: 'exact' | 'partial' };
  const candidates: Candidate[] = [];
  keys.forEach((k, column) => {
    if (!k || decided.has(column)) return;
    const words = k.split(' ');
    const qualifier = words.some((w) => QUALIFIER_WORDS.has(w));
    const notPerson = words.some((w) => NOT_A_PERSON.has(w));
    for (const [field, names] of Object.entries(table)) {
      names.forEach((w, rank) => {
        if (k === w) candidates.push({ column, field, score: 1000 - rank, confidence: 'exact' });
        else if (
          !qualifier &&
          !(notPerson && NAME_FIELDS.has(field)) &&
          w.length >= 3 &&
          // A header inside a longer name ("Name" in "family name") says too little to be a part of a name.
          (` ${k} `.includes(` ${w} `) || (k.length >= 4 && !NAME_FIELDS.has(field) && ` ${w} `.includes(` ${k} `)))
        )
          // Of two headers containing the same name, the one closest to it in length is surest.
          candidates.push({ column, field, score: 500 - rank - Math.abs(k.length - w.length), confidence: 'partial' });
      });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  for (const c of candidates) {
    if (decided.has(c.column) || (taken.has(c.field) && !multi.has(c.field))) continue;
    decided.add(c.column);
    taken.add(c.field);
    out[c.column] = { column: c.column, header: headers[c.column]!, field: c.field, confidence: c.confidence };
  }
  // "Tên" alone is the whole name; with "Họ" beside it, it is the given name.
  if (entity === 'contacts') {
    const given = out.find((c) => c.field === 'givenName');
    if (given && !taken.has('familyName') && !taken.has('name') && given.confidence !== 'preset') given.field = 'name';
  }
  return out;
}

/** A suggestion used without anyone confirming it. */
export const isSure = (s: Suggestion): boolean => s.confidence === 'preset' || s.confidence === 'exact';
