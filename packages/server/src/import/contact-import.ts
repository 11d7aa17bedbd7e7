import { parse } from 'csv-parse/sync';
import { AppError, type FieldIssue } from '@kith/domain/errors.ts';
import type { ContactCreateInput } from '@kith/domain/contacts/contact.schema.ts';
import { ContactCreateSchema } from '@kith/domain/contacts/contact.schema.ts';
import { IMPORT_FIELDS, suggestMapping } from '@kith/domain/import/mapping.ts';
import { parseDate } from '@kith/domain/import/values.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../core.ts';
import type { Actor } from '../auth/actor.ts';
import { createContacts, parseRows, prepareNewContacts, SKIP } from '../contacts/contact.service.ts';
import { decodeText, detectDelimiter, type Encoding } from './decode.ts';

/**
 * Import contacts from a CSV file (this first version: new contacts; rows whose email or phone is already
 * a contact's are skipped, so running the same file again adds nothing). Every row is checked before
 * anything is written; rows with problems are reported (row, column, message) and left out; the rest are
 * written in batches of 1,000, each all or nothing.
 */
export type ImportError = { row: number; column: string | null; message: string };
export type ImportReport = { created: number; updated: number; skipped: number; failed: number; errors: ImportError[]; encoding: Encoding; delimiter: string; mapping: Record<string, string | null> };

const BATCH = 1000;
const LIST_FIELDS = new Set(['phones', 'emails', 'tags']);
/** Fields this import fills directly from a column. */
const SUPPORTED = new Set(['name', 'familyName', 'givenName', 'phones', 'emails', 'birthday', 'gender', 'addressLine', 'ward', 'district', 'province', 'jobTitle', 'occupation', 'tags', 'source', 'notes']);
const GENDER: Record<string, 'female' | 'male' | 'other'> = { nam: 'male', male: 'male', m: 'male', 'trai': 'male', nu: 'female', female: 'female', f: 'female', gai: 'female', khac: 'other', other: 'other' };

export async function importContacts(core: Core, actor: Actor, bytes: Uint8Array, o: { map?: Record<string, string>; dryRun: boolean; encoding?: Encoding }): Promise<ImportReport> {
  const { text, encoding } = decodeText(bytes, o.encoding);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, max_record_size: 1_000_000 }) as string[][];
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new AppError('validation', `The file cannot be read as ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}-separated text${err.lines ? ` (line ${err.lines})` : ''}: ${err.message}; nothing was imported`, {
      issues: [{ path: ['file'], message: err.message, code: 'invalid_format', ...(err.lines ? { params: { line: err.lines } } : {}) }],
    });
  }
  const [headers = [], ...rows] = records;
  // The mapping: suggested from the headers, then what the caller said ("Header=field"; "=" alone skips a column).
  const fields = suggestMapping(headers, 'contacts').map((s) => s.field);
  for (const [header, field] of Object.entries(o.map ?? {})) {
    const col = headers.findIndex((h) => matchKey(h) === matchKey(header));
    if (col < 0) throw new AppError('validation', `No column "${header}" in the file; its columns are: ${headers.join(', ')}`, { issues: [{ path: ['map', header], message: 'No such column', code: 'not_found' }] });
    if (field && !(IMPORT_FIELDS.contacts as readonly string[]).includes(field)) throw new AppError('validation', `"${field}" is not a contact field; use one of ${IMPORT_FIELDS.contacts.join(', ')}`, { issues: [{ path: ['map', header], message: 'Unknown field', code: 'invalid_choice' }] });
    fields[col] = field || null;
  }
  const mapping = Object.fromEntries(headers.map((h, i) => [h, fields[i] ?? null]));
  const used = fields.map((f) => (f && SUPPORTED.has(f) ? f : null));
  if (!used.some((f) => f === 'name' || f === 'givenName' || f === 'familyName')) {
    throw new AppError('validation', 'No column holds the name; map one with --map "Header=name"', { issues: [{ path: ['map'], message: 'No name column', code: 'required' }] });
  }
  const headerOf = (field: string) => headers[used.indexOf(field)] ?? field;

  const errors: ImportError[] = [];
  const rowNo = (i: number) => i + 2; // the header is line 1
  const inputs: ContactCreateInput[] = rows.map((cells, i) => {
    const out: Record<string, unknown> = {};
    cells.forEach((raw, col) => {
      const f = used[col];
      const v = (raw ?? '').trim();
      if (!f || v === '') return;
      if (LIST_FIELDS.has(f)) out[f] = v.split(f === 'phones' ? /[;,/\n]+/ : /[;,\n]+/).map((x) => x.trim()).filter(Boolean);
      else if (f === 'birthday') {
        const d = parseDate(v);
        if (d) out.birthday = d;
        else errors.push({ row: rowNo(i), column: headers[col] ?? null, message: `Not a date: ${v} (write it as dd/mm/yyyy)` });
      } else if (f === 'gender') {
        const g = GENDER[matchKey(v)];
        if (g) out.gender = g;
        else errors.push({ row: rowNo(i), column: headers[col] ?? null, message: `Not a gender: ${v} (Nam, Nữ or Khác)` });
      } else out[f] = v;
    });
    if (!out.name && (out.familyName || out.givenName)) out.name = [out.familyName, out.givenName].filter(Boolean).join(' ');
    return out as ContactCreateInput;
  });
  const badRows = new Set(errors.map((e) => e.row - 2));

  // Schema, then everything createContacts checks (phones, provinces, references), row by row.
  const { rows: parsed, issues } = parseRows(ContactCreateSchema, inputs);
  const prepared = await prepareNewContacts(core, actor, parsed.map((p, i) => (badRows.has(i) ? SKIP : p)), { bulk: true, issues });
  const toError = (x: FieldIssue): ImportError => {
    const i = Number(x.path[1]);
    const field = String(x.path[2] ?? '');
    return { row: rowNo(i), column: field ? headerOf(field) : null, message: x.message };
  };
  for (const x of prepared.issues) {
    errors.push(toError(x));
    badRows.add(Number(x.path[1]));
  }

  // Rows whose email or phone is already a contact's (or an earlier row's) are skipped: re-runs add nothing.
  const good = prepared.items.filter((x) => !badRows.has(Number(x.path[1])));
  const keys = good.flatMap((x) => [...x.c.emails.map((v) => ['email', v] as const), ...x.c.phones.map((v) => ['phone', v] as const)]);
  const existing = new Set<string>();
  for (let k = 0; k < keys.length; k += 500) {
    const chunk = keys.slice(k, k + 500);
    const found = await core.db
      .selectFrom('contact_keys')
      .select(['kind', 'value'])
      .where('workspace_id', '=', actor.workspaceId)
      .where((eb) => eb.or(chunk.map(([kind, value]) => eb.and([eb('kind', '=', kind), eb('value', '=', value)]))))
      .execute();
    for (const f of found) existing.add(`${f.kind}:${f.value}`);
  }
  let skipped = 0;
  const fresh: number[] = [];
  for (const x of good) {
    const k = [...x.c.emails.map((v) => `email:${v}`), ...x.c.phones.map((v) => `phone:${v}`)];
    if (k.some((key) => existing.has(key))) {
      skipped++;
      continue;
    }
    k.forEach((key) => existing.add(key));
    fresh.push(Number(x.path[1]));
  }

  let created = 0;
  if (!o.dryRun) {
    for (let b = 0; b < fresh.length; b += BATCH) {
      const batch = fresh.slice(b, b + BATCH);
      try {
        created += (await createContacts(core, actor, batch.map((i) => parsed[i]!), { bulk: true })).length;
      } catch (e) {
        // The batch is all or nothing: every row of it is reported as not imported.
        for (const i of batch) errors.push({ row: rowNo(i), column: null, message: `Not imported (its batch failed): ${(e as Error).message}` });
        batch.forEach((i) => badRows.add(i));
      }
    }
  } else created = fresh.length;
  errors.sort((a, b) => a.row - b.row);
  return { created, updated: 0, skipped, failed: badRows.size, errors, encoding, delimiter, mapping };
}
