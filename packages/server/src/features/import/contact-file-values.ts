import type { CustomField } from '@kith/domain/custom-fields/custom-field.ts';
import { parseConsentsText } from '@kith/domain/contacts/consent-text.ts';
import { restoreCell } from '@kith/domain/export/cells.ts';
import { isKithPreset, isNeutralisedKithFile } from '@kith/domain/import/presets/kith.ts';
import { parseDate, type DateOrder } from '@kith/domain/import/values.ts';
import { minorDigits } from '@kith/domain/money/money.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import { memberEmails } from '../../platform/auth/user.repository.ts';
import { listCustomFields } from '../custom-fields/custom-field.repository.ts';
import { teamNames } from '../teams/team.repository.ts';
import type { ImportError } from './engine.ts';

/**
 * What a contacts import reads besides the field table's plain values — the columns of Kith's own export
 * (@kith/domain contacts/contact-file.ts) that name something of the workspace: the contact's Kith id, its
 * owner (a member's email), its team (by name), its custom fields (each by its key or its label) and its
 * consents (Kith's files only). contacts.kind.ts calls these while it turns cells into a contact's input.
 */

/** A custom field's import target: `custom.<key>`. */
export const CUSTOM_TARGET_PREFIX = 'custom.';

/**
 * The import targets of a workspace's custom fields by the folded headers that name them: `custom.<key>` (the
 * raw export's header), the field's label and `label (custom.<key>)` (the export's header for people, the key
 * beside the label when another column has that name).
 */
export function customTargets(fields: readonly CustomField[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fields) {
    const target = `${CUSTOM_TARGET_PREFIX}${f.key}`;
    for (const h of [target, `${f.label} (${target})`, f.label]) if (!out.has(matchKey(h))) out.set(matchKey(h), target);
  }
  return out;
}

/** The workspace's members by email, teams by folded name and contact custom fields by key. */
export type Directory = { memberByEmail: Map<string, string>; teamByName: Map<string, string>; custom: Map<string, CustomField> };

export async function loadDirectory(core: Core, workspaceId: string): Promise<Directory> {
  const [members, teams, fields] = await Promise.all([
    memberEmails(core.db, workspaceId),
    teamNames(core.db, workspaceId),
    listCustomFields(core.db, workspaceId, 'contact'),
  ]);
  return {
    memberByEmail: new Map(members.map((m) => [m.email.toLowerCase(), m.id])),
    teamByName: new Map(teams.map((t) => [matchKey(t.name), t.id])),
    custom: new Map(fields.map((f) => [f.key, f])),
  };
}

/** A row's cells as Kith stored them: in Kith's file for people, the apostrophe put before a formula is taken off (export/cells.ts). */
export function restoreRow(values: Record<string, string>, preset: string | null): Record<string, string> {
  if (!isNeutralisedKithFile(preset)) return values;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, restoreCell(v)]));
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'co', 'dung', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'khong', 'sai']);

/** A number as a spreadsheet or Kith writes it ("-5", "1.5", "1 234,5" read as 1234.5), or null. */
function parseNumber(text: string): number | null {
  const s = text.replace(/\s/g, '');
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s)) return Number(s);
  if (/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

/** A custom field's value from its cell (an option by its value or label, an amount in the currency's unit), or why not. */
export function customValue(f: CustomField, text: string, dateOrder: DateOrder): { ok: true; value: unknown } | { ok: false; message: string } {
  const option = (t: string) => f.options.find((o) => o.value === t.trim() || matchKey(o.label) === matchKey(t))?.value;
  const options = () => f.options.map((o) => o.label).join(', ');
  switch (f.type) {
    case 'text':
      return { ok: true, value: text };
    case 'number': {
      const n = parseNumber(text);
      return n === null ? { ok: false, message: `Not a number: ${text}` } : { ok: true, value: n };
    }
    case 'currency': {
      const n = parseNumber(text);
      const digits = minorDigits(f.currency ?? '') ?? 2;
      return n === null ? { ok: false, message: `Not an amount: ${text}` } : { ok: true, value: Math.round(n * 10 ** digits) };
    }
    case 'boolean': {
      const w = matchKey(text);
      if (TRUE_WORDS.has(w)) return { ok: true, value: true };
      if (FALSE_WORDS.has(w)) return { ok: true, value: false };
      return { ok: false, message: `Not yes or no: ${text}` };
    }
    case 'date': {
      const d = parseDate(text, dateOrder);
      return d ? { ok: true, value: d } : { ok: false, message: `Not a date: ${text}` };
    }
    case 'select': {
      const v = option(text);
      return v ? { ok: true, value: v } : { ok: false, message: `Not one of ${options()}: ${text}` };
    }
    case 'multi_select': {
      const parts = text
        .split(/[;\n]+/)
        .map((x) => x.trim())
        .filter(Boolean);
      const values = parts.map(option);
      const bad = parts.find((_, i) => !values[i]);
      return bad === undefined ? { ok: true, value: values } : { ok: false, message: `Not one of ${options()}: ${bad}` };
    }
  }
}

/** What a row's Kith id, owner, team, custom fields and consents add to the contact's input. */
export type RowExtras = { id: string | null; input: Record<string, unknown> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The row's id, owner, team, custom fields and consents as input; a cell that names nothing the workspace has
 * is an error of the row, except an owner who is not a member, a team it does not have, or consents in a file
 * that is not Kith's: the contact is made all the same (the importer's, without a team, without consents), and a
 * warning names the cell.
 */
export function rowExtras(
  values: Record<string, string>,
  row: number,
  headerOf: (f: string) => string,
  errors: ImportError[],
  dir: Directory,
  o: { preset: string | null; dateOrder: DateOrder },
): RowExtras {
  const input: Record<string, unknown> = {};
  let id: string | null = null;
  const custom: Record<string, unknown> = {};
  for (const [target, v] of Object.entries(values)) {
    const fail = (message: string, code: string, warning = false) =>
      errors.push({ row, column: headerOf(target), value: v, message, code, ...(warning ? { warning: true as const } : {}) });
    if (target === 'id') {
      if (UUID.test(v)) id = v.toLowerCase();
      else fail(`Not a Kith id: ${v}`, 'invalid_id');
    } else if (target === 'owner') {
      const owner = dir.memberByEmail.get(v.toLowerCase());
      if (owner) input.ownerId = owner;
      else fail(`${v} is not a member of this workspace: the contact is yours`, 'unknown_owner', true);
    } else if (target === 'team') {
      const team = dir.teamByName.get(matchKey(v));
      if (team) input.teamId = team;
      else fail(`The workspace has no team ${v}: the contact has none`, 'unknown_team', true);
    } else if (target === 'consents') {
      // Consent is never asserted by a spreadsheet: only Kith's own file brings records back, marked as imported.
      if (!isKithPreset(o.preset)) {
        fail('Consents are brought back only from a Kith export (the kith-contacts presets): this column is left out', 'consents_not_from_kith', true);
        continue;
      }
      const parsed = v.trim().startsWith('{') ? parseJsonConsents(v) : parseConsentsText(v);
      if (!parsed.ok) fail(parsed.message, 'invalid_consent');
      else
        input.consents = Object.fromEntries(
          Object.entries(parsed.value).map(([ch, c]) => [ch, { status: c.status, source: 'import', ...(c.at ? { at: c.at } : {}) }]),
        );
    } else if (target.startsWith(CUSTOM_TARGET_PREFIX)) {
      const f = dir.custom.get(target.slice(CUSTOM_TARGET_PREFIX.length));
      if (!f) continue;
      const r = customValue(f, v, o.dateOrder);
      if (r.ok) custom[f.key] = r.value;
      else fail(r.message, 'invalid_custom_value');
    }
  }
  if (Object.keys(custom).length) input.custom = custom;
  return { id, input };
}

/** The raw file's consents: the stored record as JSON. */
function parseJsonConsents(text: string): ReturnType<typeof parseConsentsText> {
  try {
    const v = JSON.parse(text) as Record<string, { status?: unknown; at?: unknown }>;
    const value: Record<string, { status: 'granted' | 'denied'; at?: string }> = {};
    for (const [ch, c] of Object.entries(v)) {
      if (c?.status !== 'granted' && c?.status !== 'denied') return { ok: false, message: `Not a consent: ${JSON.stringify(c)}` };
      value[ch] = { status: c.status, ...(typeof c.at === 'string' ? { at: c.at } : {}) };
    }
    return { ok: true, value };
  } catch {
    return { ok: false, message: `Not a consent record: ${text.slice(0, 60)}` };
  }
}
