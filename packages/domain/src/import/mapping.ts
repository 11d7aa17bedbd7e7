import { CONTACT_FIELD_LIST } from '../contacts/contact.fields.ts';
import { COMPANY_FIELD_LIST } from '../companies/company.fields.ts';
import { PRODUCT_FIELD_LIST } from '../orders/product.fields.ts';
import { ORDER_FIELD_LIST } from '../orders/order.fields.ts';
import { importSynonymsOf } from '../schema/field-table.ts';
import { matchKey } from '../text/fold.ts';

/**
 * Column mapping for imports: which Kith field a spreadsheet column holds, suggested from its header in
 * Vietnamese or English ("Họ và tên", "SĐT", "Ngày mua", "Qty"), compared folded (no case, no diacritics).
 * The user confirms or changes the suggestion on the mapping screen (or with `--map` on the CLI).
 */

export type ImportEntity = 'contacts' | 'companies' | 'orders' | 'interactions' | 'products';

/** The order fields the orders import fills (the rest of its targets are a line's and the customer's keys). */
const ORDER_SYNONYMS = importSynonymsOf(ORDER_FIELD_LIST);

/** Field → the headers that mean it, folded; the first ones are the surest. */
const SYNONYMS: Record<ImportEntity, Record<string, readonly string[]>> = {
  // The contact field table's import targets and their headers (contacts/contact.fields.ts).
  contacts: importSynonymsOf(CONTACT_FIELD_LIST),
  // The order field table's targets (orders/order.fields.ts: number, the customer by name, date, shipping, status,
  // channel, currency) with the ways to find the customer and the line's own targets, in the order they are suggested.
  orders: {
    number: ORDER_SYNONYMS.number!,
    orderedAt: ORDER_SYNONYMS.orderedAt!,
    customerName: ORDER_SYNONYMS.customerName!,
    customerPhone: ['sdt', 'so dien thoai', 'dien thoai', 'phone', 'mobile', 'tel'],
    customerEmail: ['email', 'e mail'],
    customerExternalId: ['ma khach hang', 'ma kh', 'customer id'],
    sku: ['ma san pham', 'ma sp', 'ma hang', 'sku', 'product code', 'item code'],
    productName: ['ten san pham', 'san pham', 'ten hang', 'mat hang', 'product', 'product name', 'item', 'description'],
    quantity: ['so luong', 'sl', 'quantity', 'qty'],
    unitPrice: ['don gia', 'gia ban', 'gia', 'unit price', 'price'],
    discount: ['giam gia', 'chiet khau', 'discount'],
    shipping: ORDER_SYNONYMS.shipping!,
    ...ORDER_SYNONYMS,
  },
  // The company field table's import targets and their headers (companies/company.fields.ts).
  companies: importSynonymsOf(COMPANY_FIELD_LIST),
  // The product field table's import targets and their headers (orders/product.fields.ts).
  products: importSynonymsOf(PRODUCT_FIELD_LIST),
  interactions: {
    occurredAt: ['thoi gian', 'ngay', 'ngay gio', 'ngay lien he', 'ngay goi', 'date', 'time', 'date time', 'occurred at', 'when'],
    customerName: ['ho va ten', 'ho ten', 'ten khach hang', 'khach hang', 'customer name', 'customer', 'name'],
    customerPhone: ['sdt', 'so dien thoai', 'dien thoai', 'phone', 'mobile', 'tel'],
    customerEmail: ['email', 'e mail'],
    customerExternalId: ['ma khach hang', 'ma kh', 'customer id'],
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

export type Suggestion = { column: number; header: string; field: string | null; confidence: 'exact' | 'partial' | 'none' };

/**
 * Suggest a field for every column. An exact (folded) synonym wins over a partial one ("Số điện thoại di
 * động" contains "so dien thoai"); each field goes to one column at most, the surest first. A lone "Tên"
 * column means the whole name; "Họ" beside "Tên" means family and given names.
 */
export function suggestMapping(headers: readonly string[], entity: ImportEntity): Suggestion[] {
  const table = SYNONYMS[entity];
  const keys = headers.map((h) => matchKey(h));
  type Candidate = { column: number; field: string; score: number; confidence: 'exact' | 'partial' };
  const candidates: Candidate[] = [];
  keys.forEach((k, column) => {
    if (!k) return;
    for (const [field, words] of Object.entries(table)) {
      words.forEach((w, rank) => {
        if (k === w) candidates.push({ column, field, score: 1000 - rank, confidence: 'exact' });
        else if (w.length >= 3 && (` ${k} `.includes(` ${w} `) || (k.length >= 4 && ` ${w} `.includes(` ${k} `))))
          candidates.push({ column, field, score: 500 - rank - Math.abs(k.length - w.length), confidence: 'partial' });
      });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const byColumn = new Map<number, Candidate>();
  const taken = new Set<string>();
  for (const c of candidates) {
    if (byColumn.has(c.column) || taken.has(c.field)) continue;
    byColumn.set(c.column, c);
    taken.add(c.field);
  }
  // "Tên" alone is the whole name; with "Họ" beside it, it is the given name.
  if (entity === 'contacts') {
    const given = [...byColumn.values()].find((c) => c.field === 'givenName');
    if (given && !taken.has('familyName') && !taken.has('name')) byColumn.set(given.column, { ...given, field: 'name' });
  }
  return headers.map((header, column) => {
    const c = byColumn.get(column);
    return { column, header, field: c?.field ?? null, confidence: c?.confidence ?? 'none' };
  });
}
