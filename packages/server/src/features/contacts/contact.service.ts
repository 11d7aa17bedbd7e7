import { uuidv7 } from '../../platform/db/ids.ts';
import type { z } from 'zod';
import { AppError, invalid, type FieldIssue } from '@kith/domain/errors.ts';
import { fromZodIssue } from '@kith/domain/schema/issues.ts';
import type { Contact, ContactCreateInput, ContactUpdateInput } from '@kith/domain/contacts/contact.schema.ts';
import { AUDITED_CONTACT_FIELDS, CONTACT_FIELD_LIST, type ContactFieldName, type ContactFieldValues } from '@kith/domain/contacts/contact.fields.ts';
import { validateCustomValues, type CustomField } from '@kith/domain/custom-fields/custom-field.ts';
import { normalizePhone } from '@kith/domain/phones/phone.ts';
import { splitPhone } from '@kith/domain/phones/phone-value.ts';
import { buildContactSearchText } from '@kith/domain/search/contact-search.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { auditRows, by, insertAuditRows, type AuditRow } from '../../platform/audit/audit.repository.ts';
import { emitEvent } from '../../platform/events/emit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listCustomFields } from '../custom-fields/custom-field.repository.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { checkAssignments } from '../../platform/records/assignment.ts';
import { emptyValues, fieldsWriter } from '../../platform/records/field-table.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { insertContactRows, insertKeys, liveCompanyNames, type ContactInsert, type ContactKey, type ContactWithCompany } from './contact.repository.ts';

/**
 * Contacts: the rules every write follows (normalising the input, references, the row and its lookup keys, the
 * audit diff) and creating them. Changing them: contact-update.service.ts; reading and the list:
 * contact-list.service.ts; the trash, restore and purge: contact-trash.service.ts.
 */

/** Made once: every row read or written goes through it (records/field-table.ts). */
const writeContactFields = fieldsWriter(CONTACT_FIELD_LIST);

export type Path = (string | number)[];

/** What every write needs to know about the workspace, loaded once per request (or per batch). */
export type WriteContext = { region: string; fields: CustomField[] };

export async function writeContext(core: Core, db: Db, actor: Actor): Promise<WriteContext> {
  const [ws, fields] = await Promise.all([findWorkspace(db, actor.workspaceId), listCustomFields(db, actor.workspaceId, 'contact')]);
  if (!ws) throw new AppError('not_found', 'Workspace not found');
  return { region: ws.phoneRegion, fields };
}

function normalizePhones(raw: readonly string[], region: string, path: Path, issues: FieldIssue[]): string[] {
  const out: string[] = [];
  raw.forEach((p, i) => {
    const r = normalizePhone(p, region);
    if (r.ok) {
      if (!out.includes(r.value)) out.push(r.value);
    } else issues.push({ path: [...path, 'phones', i], message: r.reason, code: r.code });
  });
  return out;
}

function normalizeConsents(input: NonNullable<ContactCreateInput['consents']>, base: Contact['consents'], at: string): Contact['consents'] {
  const out: Contact['consents'] = { ...base };
  for (const [channel, entry] of Object.entries(input) as [
    keyof Contact['consents'],
    { status: 'granted' | 'denied'; source?: string; at?: string } | null,
  ][]) {
    if (entry === null) delete out[channel];
    else out[channel] = { status: entry.status, source: entry.source ?? null, at: entry.at ?? at };
  }
  return out;
}

/** Fields whose input is stored as given (after its schema); those named here have their own rule in applyInput. */
const OWN_RULE = new Set<ContactFieldName>(['emails', 'phones', 'consents', 'custom']);
const PLAIN_INPUT_FIELDS = CONTACT_FIELD_LIST.filter((f) => f.input && !OWN_RULE.has(f.name)).map((f) => f.name);

/** The contact a write produces, from the input laid over the current state (or over defaults on create). */
export function applyInput(
  base: Contact,
  input: ContactUpdateInput,
  ctx: WriteContext,
  path: Path,
  issues: FieldIssue[],
  mode: 'create' | 'update',
  now: string,
): Contact {
  const next: Contact = { ...base };
  const set = <K extends keyof Contact>(k: K, v: Contact[K] | undefined) => {
    if (v !== undefined) next[k] = v;
  };
  // Fields taken as given (after their schema); the ones below have their own rule.
  for (const f of PLAIN_INPUT_FIELDS) set(f, input[f] as Contact[typeof f] | undefined);
  if (input.emails !== undefined) next.emails = [...new Set(input.emails)];
  if (input.phones !== undefined) next.phones = normalizePhones(input.phones, ctx.region, path, issues);
  if (input.consents !== undefined) next.consents = normalizeConsents(input.consents, base.consents, now);
  if (input.custom !== undefined || mode === 'create') {
    const r = validateCustomValues(ctx.fields, input.custom ?? {}, mode, [...path, 'custom']);
    issues.push(...r.issues);
    const merged: Record<string, unknown> = { ...base.custom, ...r.values };
    for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
    next.custom = merged;
  }
  return next;
}

function emptyContact(id: string, actor: Actor, now: string): Contact {
  const empty = emptyValues<ContactFieldValues>(CONTACT_FIELD_LIST);
  return { id, ...empty, ownerId: actor.userId, createdAt: now, updatedAt: now, deletedAt: null, createdBy: actor.userId, updatedBy: actor.userId, version: 1 };
}

export function toRow(c: Contact, workspaceId: string, companyName: string | null): ContactInsert {
  const fields = writeContactFields(c);
  return {
    ...(fields as Omit<ContactInsert, 'id' | 'workspace_id' | 'name' | 'name_key' | 'search_text' | 'created_at' | 'updated_at' | 'version'>),
    id: c.id,
    workspace_id: workspaceId,
    name: c.name,
    name_key: matchKey(c.name),
    search_text: buildContactSearchText({ ...c, companyName }),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    deleted_at: c.deletedAt,
    created_by: c.createdBy,
    updated_by: c.updatedBy,
    version: c.version,
  };
}

/** The lookup keys a contact is found by (customer id, emails, phones, tags, interests). */
export function keysOf(c: Contact, workspaceId: string): ContactKey[] {
  const keys: ContactKey[] = [];
  if (c.externalId) keys.push({ workspace_id: workspaceId, contact_id: c.id, kind: 'external', value: c.externalId });
  for (const e of c.emails) keys.push({ workspace_id: workspaceId, contact_id: c.id, kind: 'email', value: e });
  // A number is found by its E.164 part: an extension (phone-value.ts) is dialled, not looked up.
  for (const p of new Set(c.phones.map((x) => splitPhone(x).e164))) keys.push({ workspace_id: workspaceId, contact_id: c.id, kind: 'phone', value: p });
  for (const t of new Set(c.tags.map((x) => x.toLowerCase()))) keys.push({ workspace_id: workspaceId, contact_id: c.id, kind: 'tag', value: t });
  for (const t of new Set(c.interests.map((x) => x.toLowerCase()))) keys.push({ workspace_id: workspaceId, contact_id: c.id, kind: 'interest', value: t });
  return keys;
}

/** Owner and team (records/assignment.ts) and company references: all must exist in this workspace. */
export async function checkReferences(
  db: Db,
  actor: Actor,
  items: { c: Contact; before: Contact | null; path: Path }[],
  issues: FieldIssue[],
): Promise<Map<string, string>> {
  const companyIds = [...new Set(items.map((x) => x.c.companyId).filter((x): x is string => x !== null))];
  const [names] = await Promise.all([
    liveCompanyNames(db, actor.workspaceId, companyIds),
    checkAssignments(
      db,
      actor,
      'contacts.assign',
      items.map(({ c, before, path }) => ({ ownerId: c.ownerId, teamId: c.teamId, before, path })),
      issues,
    ),
  ]);
  for (const { c, path } of items)
    if (c.companyId && !names.has(c.companyId)) issues.push({ path: [...path, 'companyId'], message: 'No such company in this workspace' });
  return names;
}

const AUDITED_FIELDS: readonly (keyof Contact)[] = AUDITED_CONTACT_FIELDS;

export function diff(a: Contact, b: Contact): { before: Partial<Contact>; after: Partial<Contact> } | null {
  const before: Partial<Contact> = {};
  const after: Partial<Contact> = {};
  for (const k of AUDITED_FIELDS) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
      (before as Record<string, unknown>)[k] = a[k];
      (after as Record<string, unknown>)[k] = b[k];
    }
  }
  return Object.keys(after).length === 0 ? null : { before, after };
}

/** A new contact as its audit entry records it: the fields it was created with (empty ones are left out). */
function snapshot(c: Contact): Partial<Contact> {
  const empty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  return Object.fromEntries(AUDITED_FIELDS.filter((k) => !empty(c[k])).map((k) => [k, c[k]])) as Partial<Contact>;
}

export function withCompany(c: Contact, names: Map<string, string>): ContactWithCompany {
  return { ...c, company: c.companyId && names.has(c.companyId) ? { id: c.companyId, name: names.get(c.companyId)! } : null };
}

/**
 * Contacts as they would be created from these inputs — normalised (E.164 phones, provinces, custom
 * values), with every problem of every row (paths start with `items.N` when `bulk`) — without writing
 * anything: what createContacts writes, and what an import checks first.
 */
export async function prepareNewContacts(core: Core, actor: Actor, inputs: ContactCreateInput[], opts: { bulk: boolean; issues?: FieldIssue[] }) {
  authorize(actor, 'contacts.create');
  const ctx = await writeContext(core, core.db, actor);
  const now = core.now().toISOString();
  const issues: FieldIssue[] = [...(opts.issues ?? [])];
  const items = inputs.flatMap((input, i) => {
    if (input === SKIP) return [];
    const path: Path = opts.bulk ? ['items', i] : [];
    const c = applyInput(emptyContact(uuidv7(), actor, now), input, ctx, path, issues, 'create', now);
    return [{ c, before: null, path }];
  });
  const names = await checkReferences(core.db, actor, items, issues);
  return { items, issues, names };
}

/**
 * Create contacts, all or none: every row is validated first and the errors of every row come back
 * together (paths start with the row's index when `bulk`); then one transaction writes the rows, their
 * lookup keys and their audit entries.
 */
export async function createContacts(
  core: Core,
  actor: Actor,
  inputs: ContactCreateInput[],
  opts: { bulk: boolean; issues?: FieldIssue[] },
): Promise<ContactWithCompany[]> {
  const { items, issues, names } = await prepareNewContacts(core, actor, inputs, opts);
  if (issues.length > 0) throw invalid(byRow(issues), opts.bulk ? 'Some rows are invalid; nothing was created' : 'The contact has invalid fields');
  const contacts = items.map((x) => x.c);
  await core.db.transaction().execute((trx) => writeNewContacts(core, trx, actor, contacts, names));
  return contacts.map((c) => withCompany(c, names));
}

/** Write prepared contacts (prepareNewContacts, without issues) inside the caller's transaction: rows, keys, audit. */
export async function writeNewContacts(
  core: Core,
  trx: Db,
  actor: Actor,
  contacts: Contact[],
  names: Map<string, string>,
  meta?: Record<string, unknown>,
): Promise<void> {
  await insertNewContactRows(trx, newContactRows(core, actor, contacts, names, meta));
}

/** What writeNewContacts writes, as rows. */
export type NewContactRows = { contacts: ContactInsert[]; keys: ContactKey[]; audit: AuditRow[] };

/**
 * The rows of new contacts — the contact (with its search line), its lookup keys, its audit entry — made
 * before the transaction: an import makes them while it prepares a batch, so that its transaction (on SQLite,
 * time nobody else gets) holds only the writes.
 */
export function newContactRows(core: Core, actor: Actor, contacts: Contact[], names: Map<string, string>, meta?: Record<string, unknown>): NewContactRows {
  const who = by(actor);
  return {
    contacts: contacts.map((c) => toRow(c, actor.workspaceId, c.companyId ? (names.get(c.companyId) ?? null) : null)),
    keys: contacts.flatMap((c) => keysOf(c, actor.workspaceId)),
    audit: auditRows(
      contacts.map((c) => ({
        ...who,
        ...(meta ? { meta: { ...who.meta, ...meta } } : {}),
        action: 'create',
        entityType: 'contact',
        entityId: c.id,
        after: snapshot(c),
      })),
      core.now(),
    ),
  };
}

/** Rows of newContactRows, inside the caller's transaction. */
export async function insertNewContactRows(trx: Db, rows: NewContactRows): Promise<void> {
  await insertContactRows(trx, rows.contacts);
  await insertKeys(trx, rows.keys);
  await insertAuditRows(trx, rows.audit);
  await emitEvent(
    trx,
    rows.contacts.map((c) => ({ type: 'contact.created', workspaceId: c.workspace_id, at: c.created_at, payload: { contactId: c.id } })),
  );
}

/** Issues in row order (stable within a row), so a report reads top to bottom. */
export const byRow = (issues: FieldIssue[]): FieldIssue[] =>
  issues
    .map((x, i) => ({ x, i }))
    .sort((a, b) => Number(a.x.path[1] ?? 0) - Number(b.x.path[1] ?? 0) || a.i - b.i)
    .map((y) => y.x);

/** Marks a bulk row that failed its schema: it is reported, not processed. */
export const SKIP = Symbol('skip') as unknown as ContactCreateInput;

/**
 * Validate every row of a bulk request against a schema, keeping going after a bad row so that one
 * report lists every problem of every row (paths /items/<i>/…). Rows that failed come back as SKIP.
 */
export function parseRows<T>(schema: z.ZodType<T>, rows: unknown[]): { rows: T[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out = rows.map((row, i) => {
    const r = schema.safeParse(row);
    if (r.success) return r.data;
    for (const x of r.error.issues) issues.push(fromZodIssue(x, ['items', i]));
    return SKIP as unknown as T;
  });
  return { rows: out, issues };
}
