import { isAppError, type FieldIssue } from '@kith/domain/errors.ts';
import { ContactCreateSchema, type Contact, type ContactCreateInput, type ContactUpdateInput } from '@kith/domain/contacts/contact.schema.ts';
import { CONTACT_FIELD_LIST } from '@kith/domain/contacts/contact.fields.ts';
import { isSkip } from '@kith/domain/schema/field-table.ts';
import { isEmptyDate, parseBirthday, parseDate, parseDateTime, parseWholeNumber } from '@kith/domain/import/values.ts';
import { isKithPreset } from '@kith/domain/import/presets/kith.ts';
import { resolveArea } from '@kith/domain/geo/provinces.ts';
import { splitPhoneList } from '@kith/domain/phones/phone.ts';
import { foldedWords, matchKey } from '@kith/domain/text/fold.ts';
import { ENUMS, enumLabel, LABEL_LOCALES } from '@kith/domain/labels/enums.ts';
import type { Company, CompanyCreateInput } from '@kith/domain/companies/company.schema.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { prepareNewCompanies, writeNewCompanies } from '../companies/company.service.ts';
import { contactIdsByKeys, contactIdsTaken, findContactsByIds } from '../contacts/contact.repository.ts';
import { updateContactsIn, type IndexedPatch } from '../contacts/contact-update.service.ts';
import { insertNewContactRows, newContactRows, parseRows, prepareNewContacts, SKIP, type NewContactRows } from '../contacts/contact.service.ts';
import { authorize, scopeFor } from '../../platform/records/visibility.ts';
import { softDeleteContactsIn, revertFields } from './undo.ts';
import { splitCompanyRows } from './company-rows.ts';
import type { ImportError } from './engine.ts';
import { CUSTOM_TARGET_PREFIX, customTargets, loadDirectory, restoreRow, rowExtras, type Directory } from './contact-file-values.ts';
import { listCustomFields } from '../custom-fields/custom-field.repository.ts';
import type { KindHandler, KindOptions, PrepareCounts, MappedRow, MatchKey, PrepareContext, UndoItem, UndoResult, Written } from './kinds.ts';

/**
 * Importing contacts: each row becomes a new contact, or updates the contact it matches — by external id,
 * email or phone, in the order the user chose — adding its phones, emails and tags to those already
 * there. Rows of one batch that are the same person (a shared email or phone) become one contact. A
 * company named in a row is linked, and created when the workspace has none of that name.
 */

/** The field table's importable fields by their import name (`company` names a company; the rest are fields). */
const TARGETS = new Map(CONTACT_FIELD_LIST.flatMap((f) => (isSkip(f.import) ? [] : [[f.import.target ?? f.name, { ...f, import: f.import }] as const])));
/** The values of each field that names them (an enum, a source, a country) by their names in both languages, folded: a file Kith exported for people goes back in. */
const NAMED = new Map(
  CONTACT_FIELD_LIST.flatMap((f) => {
    const name = f.enum?.labels ?? f.names;
    if (!name) return [];
    return [
      [f.name, new Map((ENUMS[name] as readonly string[]).flatMap((x) => LABEL_LOCALES.map((l) => [matchKey(enumLabel(name, x, l)), x] as const)))] as const,
    ];
  }),
);
/** The fields of a person's name: a matched contact keeps them unless the user asks for the file's. */
const NAME_PARTS = new Set(['name', 'givenName', 'familyName']);
const LIST_FIELDS = new Set([...TARGETS].filter(([, f]) => f.kind === 'list').map(([k]) => k));
/** Lists compared without case when rows are joined (words, not addresses or numbers). */
const WORD_LISTS = new Set(
  CONTACT_FIELD_LIST.filter((f) => !isSkip(f.filter) && (f.filter.keyKind === 'tag' || f.filter.keyKind === 'interest')).map((f) => f.name as string),
);

type Item = {
  row: number;
  input: ContactCreateInput;
  companyName: string | null;
  /** When the source system created the record (a new contact's creation date), if the file says. */
  createdAt: string | null;
  /** The contact's id in Kith (Kith's own export): matched first, and kept by a new contact when no contact has it. */
  kithId: string | null;
  /** Normalised, as it would be created. */
  c: Contact;
  /** The existing contact it matches, if any. */
  matchId: string | null;
};

type Plan = {
  creates: Item[];
  /** The creates' rows, made while preparing (null in a dry run). */
  newRows: NewContactRows | null;
  /** Company id → name, for the creates' search lines. */
  names: Map<string, string>;
  updates: { item: Item; patch: ContactUpdateInput }[];
  newCompanies: Company[];
  companyIds: Map<string, string>;
  skipped: number;
  headerOf: (field: string) => string;
  valueOf: (row: number, field: string) => string | null;
};

/** A dry run's memory of what its earlier batches would create: each key and the name it would carry. */
type State = { seen: Map<string, string> };

/**
 * The values of a list cell: one per line, or between the separators people and products write — Google's
 * " ::: ", ";", "," (not for phones with an extension written "x 12"), "|". Phones may also be separated by "/".
 */
export function splitList(field: string, v: string): string[] {
  return v
    .split(/\s:::\s|\n/)
    .flatMap((part) => (field === 'phones' ? splitPhoneList(part) : part.split(/[;,|]+/)))
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A list cell of Kith's own file: its values joined by "; " (an email may hold a "|" or a ",", a phone its ";ext=12"). */
const splitKithList = (v: string) =>
  v
    .split(/;(?!ext=)|\n/)
    .map((x) => x.trim())
    .filter(Boolean);

/** How a date is written in each order, for the error that names a cell. */
const DATE_HINT = { dmy: 'dd/mm/yyyy', mdy: 'mm/dd/yyyy', ymd: 'yyyy-mm-dd' } as const;

/**
 * A scalar cell that holds several values (Google's " ::: "): the first. (A line break is the cell's own: notes
 * and addresses keep theirs; only list fields are filled from several columns, joined by line breaks.)
 */
const firstOf = (v: string) => v.split(/\s:::\s/)[0]!.trim();

/** A row's cells as a contact's input: lists split, dates in the file's order, stored codes for words, the name put together. */
function toInput(
  values: Record<string, string>,
  row: number,
  headerOf: (f: string) => string,
  errors: ImportError[],
  options: Pick<KindOptions, 'dateOrder' | 'values' | 'preset'>,
  dir: Directory,
): { input: ContactCreateInput; companyName: string | null; createdAt: string | null; kithId: string | null } {
  // Kith's own file: its cells as stored, and what it names of the workspace (id, owner, team, custom fields, consents).
  const cells = restoreRow(values, options.preset);
  const extras = rowExtras(cells, row, headerOf, errors, dir, options);
  const out: Record<string, unknown> = { ...extras.input };
  // An empty owner cell in Kith's file: nobody owns the contact (used for new contacts only).
  if (isKithPreset(options.preset) && !('owner' in cells)) out.ownerId = null;
  let companyName: string | null = null;
  let createdAt: string | null = null;
  let middleName: string | null = null;
  let area: { province: string | null; district: string | null } | null = null;
  for (const [target, raw] of Object.entries(cells)) {
    if (EXTRA_TARGETS.has(target) || target.startsWith(CUSTOM_TARGET_PREFIX)) continue;
    if (target === 'middleName') {
      middleName = firstOf(raw);
      continue;
    }
    if (target === 'area') {
      area = resolveArea(firstOf(raw));
      if (!area.province && !area.district)
        errors.push({ row, column: headerOf(target), value: raw, message: `Not a province or district: ${raw}`, code: 'invalid_choice' });
      continue;
    }
    if (target === 'createdAt') {
      if (isEmptyDate(raw)) continue;
      const t = parseDateTime(firstOf(raw), options.dateOrder);
      if (t) createdAt = t;
      else errors.push({ row, column: headerOf(target), value: raw, message: `Not a date: ${raw}`, code: 'invalid_date' });
      continue;
    }
    const f = TARGETS.get(target);
    if (!f) continue;
    const v = f.kind === 'list' ? raw : firstOf(raw);
    if (f.import.target === 'company') companyName = v.slice(0, 200);
    // Kith's own file joins a list with "; " and nothing else (an email may hold a "|" or a ",").
    else if (f.kind === 'list')
      out[f.name] = isKithPreset(options.preset)
        ? splitKithList(v)
        : // Google's system groups ("* myContacts", "* starred") are its own bookkeeping, not the person's tags.
          splitList(f.name, v).filter((x) => !(f.name === 'tags' && x.startsWith('* ')));
    else if (f.import.parse === 'number') {
      const n = parseWholeNumber(v);
      if (n !== null) out[f.name] = n;
      else errors.push({ row, column: headerOf(target), value: v, message: `Not a whole number: ${v}`, code: 'invalid_type' });
    } else if (f.name === 'birthday') {
      // A full date, a day of the year without its year (Google's --12-03), or an empty date (Outlook's 0/0/00).
      const b = parseBirthday(v, options.dateOrder);
      if (b && 'value' in b) out[f.name] = b.value;
      else if (!b)
        errors.push({
          row,
          column: headerOf(target),
          value: v,
          message: `Not a date: ${v} (write it as ${DATE_HINT[options.dateOrder]})`,
          code: 'invalid_date',
        });
    } else if (f.import.parse === 'date') {
      const d = isEmptyDate(v) ? null : parseDate(v, options.dateOrder);
      if (d) out[f.name] = d;
      else if (!isEmptyDate(v))
        errors.push({
          row,
          column: headerOf(target),
          value: v,
          message: `Not a date: ${v} (write it as ${DATE_HINT[options.dateOrder]})`,
          code: 'invalid_date',
        });
    } else if (f.enum && f.name !== 'province') {
      // A stored code, or a word that means one ("Nữ" → female, a product's own word by its preset); provinces resolve their own names.
      const word = matchKey(v);
      const code =
        options.values[f.name]?.[word] ??
        f.import.values?.[word] ??
        f.enum.values.find((x) => x === v.trim() || matchKey(x) === word) ??
        NAMED.get(f.name)?.get(word);
      if (code) out[f.name] = code;
      else {
        const words = Object.keys(f.import.values ?? {});
        errors.push({
          row,
          column: headerOf(target),
          value: v,
          message: `Not a ${f.name}: ${v} (${(words.length ? words : f.enum.values).join(', ')})`,
          code: 'invalid_choice',
        });
      }
    } else out[f.name] = options.values[f.name]?.[matchKey(v)] ?? ((f.names && NAMED.get(f.name)?.get(matchKey(v))) || v);
  }
  // A delivery area fills the province and district the row does not give in columns of their own.
  if (area?.province && !out.province) out.province = area.province;
  if (area?.district && !out.district) out.district = area.district;
  // Family, middle and given names, in the Vietnamese order, when no column holds the whole name.
  if (!out.name && (out.familyName || out.givenName)) out.name = [out.familyName, middleName, out.givenName].filter(Boolean).join(' ');
  return { input: out as ContactCreateInput, companyName, createdAt, kithId: extras.id };
}

/** Targets read by contact-file-values.ts (`rowExtras`), not as plain field values. */
const EXTRA_TARGETS = new Set(['id', 'owner', 'team', 'consents']);

/**
 * Could two names be one person's? Yes when either is missing, or the words of the shorter are all in the
 * longer ("Tuyết", "Ánh Tuyết", "Nguyễn Thị Ánh Tuyết"); no for "Công ty Ánh Dương" and "Nguyễn Thị Ánh Tuyết".
 */
export function samePerson(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return true;
  const [x, y] = [foldedWords(a), foldedWords(b)];
  const [short, long] = x.length <= y.length ? [x, new Set(y)] : [y, new Set(x)];
  return short.every((w) => long.has(w));
}

/** The keys a contact is matched by, surest first, as `kind:value` (the contact_keys kinds). */
function keysOf(c: Contact, matchBy: MatchKey[], kithId: string | null = null): string[] {
  const keys: string[] = [];
  for (const m of matchBy) {
    if (m === 'id' && kithId) keys.push(`id:${kithId}`);
    if (m === 'externalId' && c.externalId) keys.push(`external:${c.externalId}`);
    if (m === 'email') for (const e of c.emails) keys.push(`email:${e}`);
    if (m === 'phone') for (const p of c.phones) keys.push(`phone:${p}`);
  }
  return keys;
}

/** A later row of the same person laid over an earlier one: its values win, lists are joined. */
function mergeInputs(a: ContactCreateInput, b: ContactCreateInput): ContactCreateInput {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    if (LIST_FIELDS.has(k) && Array.isArray(out[k])) out[k] = [...(out[k] as string[]), ...(v as string[])];
    else out[k] = v;
  }
  return out as ContactCreateInput;
}

const union = (a: string[], b: string[], fold = (x: string) => x) => {
  const seen = new Set(a.map(fold));
  return [...a, ...b.filter((x) => !seen.has(fold(x)) && (seen.add(fold(x)), true))];
};

async function prepare(
  core: Core,
  actor: Actor,
  fileRows: MappedRow[],
  ctx: PrepareContext,
): Promise<{ plan: Plan; errors: ImportError[]; counts: PrepareCounts }> {
  const state = ctx.state as State;
  const { matchBy, onExisting } = ctx.options;
  const errors: ImportError[] = [];
  // Rows that are companies (company-rows.ts) make companies below, never contacts.
  const { people: rows, companies: companyRows } = splitCompanyRows(fileRows, ctx.options.values.isCompany, ctx.headerOf, errors);
  const valueOf = (row: number, field: string) => rows.find((r) => r.row === row)?.values[field] ?? null;

  // 1. Cells to inputs, then every check a create makes (schema, phones, provinces, owners), row by row.
  const dir = await loadDirectory(core, actor.workspaceId);
  let converted = rows.map((r) => ({ row: r.row, ...toInput(r.values, r.row, ctx.headerOf, errors, ctx.options, dir) }));
  const check = async (list: typeof converted) => {
    // Rows with an error are left out (a warning's row goes in all the same).
    const bad = new Set(errors.filter((e) => !e.warning).map((e) => e.row));
    const { rows: parsed, issues } = parseRows(
      ContactCreateSchema,
      list.map((x) => x.input),
    );
    const prepared = await prepareNewContacts(
      core,
      actor,
      parsed.map((p, i) => (bad.has(list[i]!.row) ? SKIP : p)),
      { bulk: true, issues },
    );
    for (const x of prepared.issues)
      errors.push(
        issueToError(
          x,
          (i) => list[i]!.row,
          ctx.headerOf,
          (row, f) => valueOf(row, f),
        ),
      );
    const failed = new Set(errors.filter((e) => !e.warning).map((e) => e.row));
    return prepared.items
      .map((x) => ({ i: Number(x.path[1]), c: x.c }))
      .filter((x) => !failed.has(list[x.i]!.row))
      .map((x) => ({ ...list[x.i]!, input: parsed[x.i]!, c: x.c }));
  };
  let items = await check(converted);

  // 2. Rows of one person within the batch become one: later rows laid over the first. A shared email or phone
  // makes two rows one person only when their names could be one person's (ten colleagues sharing the company's
  // address stay ten people, and duplicate detection shows them as candidates); a shared external id always does.
  const owner = new Map<string, number>();
  const groups = new Map<number, number[]>();
  items.forEach((it, idx) => {
    const keys = keysOf(it.c, matchBy, it.kithId);
    let head = idx;
    for (const k of keys) {
      const h = owner.get(k);
      if (h !== undefined && (SURE_KEY.test(k) || samePerson(items[h]!.c.name, it.c.name))) {
        head = h;
        break;
      }
    }
    for (const k of keys) if (!owner.has(k)) owner.set(k, head);
    groups.set(head, [...(groups.get(head) ?? []), idx]);
  });
  const mergedRows = new Set<number>();
  if ([...groups.values()].some((g) => g.length > 1)) {
    converted = [...groups.values()].map((g) => {
      const base = items[g[0]!]!;
      let input = base.input;
      let companyName = base.companyName;
      let createdAt = base.createdAt;
      const kithId = base.kithId;
      for (const idx of g.slice(1)) {
        input = mergeInputs(input, items[idx]!.input);
        companyName = items[idx]!.companyName ?? companyName;
        createdAt = createdAt ?? items[idx]!.createdAt;
        mergedRows.add(items[idx]!.row);
      }
      return { row: base.row, input, companyName, createdAt, kithId };
    });
    items = await check(converted);
  }

  // 3. Match each to an existing contact, surest key first (a dry run also counts what earlier batches would create).
  const allKeys = items.flatMap((it) => keysOf(it.c, matchBy, it.kithId));
  // Only contacts the member may change: one outside their scope is no match at all (the row makes a contact
  // of their own, and duplicate detection shows the pair to whoever sees both — docs/permissions.md).
  const found = await contactIdsByKeys(core.db, actor.workspaceId, allKeys, scopeFor(actor, 'contacts.update'));
  const existing = new Map(
    (await findContactsByIds(core.db, { workspaceId: actor.workspaceId, limitTo: null }, [...new Set([...found.values()].flat())])).map((c) => [c.id, c]),
  );
  // An email or phone shared with a contact of another name is another person (unless the file's names are
  // to be taken: updateNames); an external id is the same record whatever its name.
  const matched: Item[] = items.map((it) => {
    let id: string | null = null;
    for (const k of keysOf(it.c, matchBy, it.kithId)) {
      const sure = SURE_KEY.test(k) || ctx.options.updateNames;
      id = found.get(k)?.find((f) => sure || samePerson(existing.get(f)?.name, it.c.name)) ?? null;
      if (id) break;
    }
    return { ...it, matchId: id };
  });

  // 4. Companies by name: linked when the workspace has one of that name, created otherwise (from what a company
  // row says of it, else from its name).
  const companyNames = [...new Set([...companyRows.map((c) => c.input.name), ...matched.map((x) => x.companyName).filter((x): x is string => !!x)])];
  const companyIds = new Map<string, string>();
  const newCompanies = new Map<string, CompanyCreateInput>();
  if (companyNames.length) {
    const keys = companyNames.map((n) => matchKey(n));
    for (let i = 0; i < keys.length; i += 500) {
      const rowsFound = await core.db
        .selectFrom('companies')
        .select(['id', 'name_key'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('deleted_at', 'is', null)
        .where('name_key', 'in', keys.slice(i, i + 500))
        .orderBy('created_at')
        .execute();
      for (const r of rowsFound) if (!companyIds.has(r.name_key)) companyIds.set(r.name_key, r.id);
    }
    for (const c of companyRows)
      if (!companyIds.has(matchKey(c.input.name)) && !newCompanies.has(matchKey(c.input.name))) newCompanies.set(matchKey(c.input.name), c.input);
    for (const n of companyNames) if (!companyIds.has(matchKey(n)) && !newCompanies.has(matchKey(n))) newCompanies.set(matchKey(n), { name: n });
  }
  let preparedCompanies: Company[] = [];
  if (newCompanies.size) {
    authorize(actor, 'companies.create');
    const inputs = [...newCompanies.values()];
    let r = await prepareNewCompanies(core, actor, inputs, { bulk: true });
    if (r.issues.length) {
      // A company row's value the company refuses (a phone that is none): named with its row, the company made from its name.
      for (const x of r.issues) {
        const input = inputs[Number(x.path[1])];
        const from = companyRows.find((c) => c.input === input);
        if (from) errors.push({ row: from.row, column: null, value: null, message: `The company: ${x.message}`, ...(x.code ? { code: x.code } : {}) });
      }
      r = await prepareNewCompanies(
        core,
        actor,
        inputs.map((c) => ({ name: c.name })),
        { bulk: true },
      );
    }
    if (r.issues.length === 0) preparedCompanies = r.companies;
  }

  // 5. Updates: the row's values over the contact's, lists joined; a row that changes nothing is skipped. A
  // matched contact keeps its name unless the user asked for the file's (updateNames), or it had none.
  const creates: Item[] = [];
  const updates: Plan['updates'] = [];
  let skipped = mergedRows.size + companyRows.length;
  let wouldUpdate = 0;
  const fieldsChanged: Record<string, number> = {};
  for (const it of matched) {
    const keys = keysOf(it.c, matchBy, it.kithId);
    if (!it.matchId) {
      if (ctx.dryRun && keys.some((k) => state.seen.has(k) && (k.startsWith('external:') || samePerson(state.seen.get(k), it.c.name)))) wouldUpdate++;
      else {
        // The source system's creation date, when the file gives one in the past.
        if (it.createdAt && it.createdAt < it.c.createdAt) it.c = { ...it.c, createdAt: it.createdAt };
        creates.push(it);
      }
      continue;
    }
    if (onExisting === 'skip') {
      skipped++;
      continue;
    }
    const cur = existing.get(it.matchId);
    if (!cur) {
      creates.push({ ...it, matchId: null });
      continue;
    }
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(it.input)) {
      if (v === undefined) continue;
      if (NAME_PARTS.has(k) && !ctx.options.updateNames && (cur as Record<string, unknown>)[k]) continue;
      // Kith's file: an empty owner leaves a contact's owner as it is; consents and custom fields change where they differ.
      if (k === 'ownerId' && v === null) continue;
      if (k === 'consents' || k === 'custom') {
        const mine = v as Record<string, { status?: string; at?: string } | unknown>;
        const theirs = cur[k] as Record<string, unknown>;
        const differ = Object.entries(mine).filter(([key, x]) =>
          k === 'consents'
            ? !sameConsent(theirs[key] as { status: string; at: string } | undefined, x as { status: string; at?: string })
            : JSON.stringify(theirs[key] ?? null) !== JSON.stringify(x),
        );
        if (differ.length) patch[k] = Object.fromEntries(differ);
        continue;
      }
      // Lists are joined: addresses and numbers as normalised, words without case.
      if (LIST_FIELDS.has(k)) {
        const f = k as 'emails' | 'phones' | 'tags' | 'interests';
        patch[k] = WORD_LISTS.has(k) ? union(cur[f], v as string[], (t) => t.toLowerCase()) : union(cur[f], it.c[f]);
      } else patch[k] = v;
    }
    if (it.companyName) patch.companyId = companyIds.get(matchKey(it.companyName)) ?? `new:${matchKey(it.companyName)}`;
    const changed = Object.entries(patch).filter(([k, v]) => JSON.stringify((cur as Record<string, unknown>)[k] ?? null) !== JSON.stringify(v));
    if (changed.length === 0) {
      skipped++;
      continue;
    }
    for (const [k] of changed) fieldsChanged[k === 'companyId' ? 'company' : k] = (fieldsChanged[k === 'companyId' ? 'company' : k] ?? 0) + 1;
    updates.push({ item: it, patch: patch as ContactUpdateInput });
  }
  // A new contact from Kith's file keeps its id when no contact anywhere has it (another installation, a restored backup).
  const wanted = creates.flatMap((it) => (it.kithId ? [it.kithId] : []));
  if (wanted.length) {
    const taken = await contactIdsTaken(core.db, wanted);
    for (const it of creates) if (it.kithId && !taken.has(it.kithId)) taken.add(it.kithId), (it.c = { ...it.c, id: it.kithId });
  }
  // Contacts linked to a company: the existing one's id, or the new one's.
  const idOf = new Map(companyIds);
  for (const c of preparedCompanies) idOf.set(matchKey(c.name), c.id);
  const names = new Map<string, string>();
  for (const it of creates) {
    if (!it.companyName) continue;
    const id = idOf.get(matchKey(it.companyName)) ?? null;
    it.c = { ...it.c, companyId: id };
    if (id) names.set(id, it.companyName);
  }
  // The new contacts' rows (search line, lookup keys, audit entries) are made here, not in the write's
  // transaction: on SQLite that is time nobody else gets, and a batch is sized by its longer half.
  const newRows =
    ctx.dryRun || !ctx.importId
      ? null
      : newContactRows(
          core,
          actor,
          creates.map((it) => it.c),
          names,
          { importId: ctx.importId },
        );
  return {
    plan: { creates, newRows, names, updates, newCompanies: preparedCompanies, companyIds, skipped, headerOf: ctx.headerOf, valueOf },
    errors,
    counts: { created: creates.length, updated: updates.length + wouldUpdate, skipped, fieldsChanged },
  };
}

/** Keys that name one record whatever its name: a Kith id, an external id. */
const SURE_KEY = /^(id|external):/;

/** A consent the file gives equals the contact's when its status and time do (the file's time may be left out). */
const sameConsent = (cur: { status: string; at: string } | undefined, file: { status: string; at?: string }) =>
  !!cur && cur.status === file.status && (file.at === undefined || cur.at === file.at);

function issueToError(
  x: FieldIssue,
  rowOf: (i: number) => number,
  headerOf: (f: string) => string,
  valueOf: (row: number, field: string) => string | null,
): ImportError {
  const row = rowOf(Number(x.path[1]));
  const field = String(x.path[2] ?? '');
  return {
    row,
    column: field ? headerOf(field) : null,
    value: field ? valueOf(row, field) : null,
    message: x.message,
    ...(x.code ? { code: x.code } : {}),
    ...(x.params ? { params: x.params } : {}),
  };
}

async function write(core: Core, trx: Db, actor: Actor, plan: Plan, meta: { importId: string }): Promise<Written> {
  const errors: ImportError[] = [];
  const out: Written = { created: [], updated: [], skipped: plan.skipped, errors };

  // New companies first, so the contacts can point at them.
  const ids = new Map(plan.companyIds);
  if (plan.newCompanies.length) {
    await writeNewCompanies(core, trx, actor, plan.newCompanies, meta);
    for (const c of plan.newCompanies) {
      ids.set(matchKey(c.name), c.id);
      out.created.push({ type: 'company', id: c.id });
    }
  }
  const companyOf = (name: string | null) => (name ? (ids.get(matchKey(name)) ?? null) : null);

  // Updates: a row the contact's owner rules refuse (or that no longer checks out) is reported, the others go on.
  let patches: (IndexedPatch & { row: number })[] = plan.updates.map((u, index) => {
    const patch = { ...u.patch };
    if (typeof patch.companyId === 'string' && patch.companyId.startsWith('new:')) patch.companyId = companyOf(u.item.companyName);
    return { id: u.item.matchId!, patch, ifVersion: null, index, row: u.item.row };
  });
  for (let attempt = 0; patches.length > 0; attempt++) {
    try {
      const r = await updateContactsIn(core, trx, actor, patches, { bulk: true, meta });
      const changed = new Set(r.changes.map((c) => c.id));
      out.skipped += patches.filter((p) => !changed.has(p.id)).length;
      for (const c of r.changes) out.updated.push({ type: 'contact', id: c.id, before: c.before, after: c.after });
      break;
    } catch (e) {
      if (!isAppError(e) || e.code !== 'validation' || attempt > 2) throw e;
      const bad = new Set<number>();
      for (const x of e.issues) {
        const p = patches.find((q) => q.index === Number(x.path[1]));
        if (!p) continue;
        bad.add(p.index);
        const field = String(x.path[2] ?? '');
        const mine = field !== 'id';
        errors.push({
          row: p.row,
          column: mine && field ? plan.headerOf(field) : null,
          value: mine && field ? plan.valueOf(p.row, field) : null,
          message: mine ? x.message : 'Matches a contact you may not change (it belongs to someone else)',
          ...(mine ? { ...(x.code ? { code: x.code } : {}), ...(x.params ? { params: x.params } : {}) } : { code: 'not_yours' }),
        });
      }
      if (bad.size === 0) throw e;
      patches = patches.filter((p) => !bad.has(p.index));
    }
  }

  const creates = plan.creates.map((it) => it.c);
  await insertNewContactRows(trx, plan.newRows ?? newContactRows(core, actor, creates, plan.names, meta));
  for (const c of creates) out.created.push({ type: 'contact', id: c.id });
  return out;
}

async function undo(core: Core, actor: Actor, items: UndoItem[], meta: { importId: string }): Promise<UndoResult> {
  const result: UndoResult = { removed: 0, restored: 0, kept: [] };
  // What it changed goes back first (a field someone has changed since is left as it is now), then what it created goes.
  const r = await revertFields(
    core,
    actor,
    items.filter((x) => x.action === 'update' && x.entityType === 'contact'),
    meta,
  );
  result.restored += r.restored;
  result.kept.push(...r.kept);
  const created = items.filter((x) => x.action === 'create');
  const d = await softDeleteContactsIn(
    core,
    actor,
    created.filter((x) => x.entityType === 'contact').map((x) => x.entityId),
    created.filter((x) => x.entityType === 'company').map((x) => x.entityId),
    meta,
  );
  result.removed += d.removed;
  result.kept.push(...d.kept);
  return result;
}

export const contactsHandler: KindHandler<Plan, State> = {
  kind: 'contacts',
  entityType: 'contact',
  action: 'contacts.create',
  defaultMatchBy: ['id', 'externalId', 'email', 'phone'],
  // Custom fields, by `custom.<key>`, their label or both (the headers of Kith's export).
  workspaceTargets: async (core, actor) => customTargets(await listCustomFields(core.db, actor.workspaceId, 'contact')),
  missing: (fields) =>
    fields.has('name') || fields.has('givenName') || fields.has('familyName')
      ? null
      : 'No column holds the name; map one to name (e.g. --map "Họ và tên=name")',
  newState: () => ({ seen: new Map<string, string>() }),
  prepare,
  commitState(state, plan, dryRun) {
    // Only a dry run needs this (a real run finds the batch's contacts in the database; memory stays flat).
    if (!dryRun) return;
    for (const it of plan.creates) for (const k of keysOf(it.c, ['externalId', 'email', 'phone'])) if (!state.seen.has(k)) state.seen.set(k, it.c.name);
  },
  write,
  planKeys(plan) {
    const keys: string[] = [];
    for (const it of plan.creates) keys.push(`id:${it.c.id}`, ...keysOf(it.c, ['externalId', 'email', 'phone']));
    for (const u of plan.updates) keys.push(`id:${u.item.matchId}`, ...keysOf(u.item.c, ['externalId', 'email', 'phone']));
    for (const c of plan.newCompanies) keys.push(`company:${matchKey(c.name)}`);
    return keys;
  },
  undo,
};
