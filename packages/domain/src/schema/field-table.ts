import type { z } from 'zod';
import type { EnumName } from '../labels/enums.ts';

/**
 * A record's field table: one entry per built-in field of a record (contacts/contact.fields.ts is the first),
 * and what Kith derives from each — the request and response schemas, the row mapper and the columns read,
 * the audit and merge lists, the export's columns, the import's targets and header synonyms, the list
 * filters and sorts, and the web app's columns, cells, filters and editors. Static TypeScript, not a
 * metadata engine: custom fields stay in `custom` (custom-fields/).
 *
 * Every aspect is either given or refused with a reason (`{ skip: 'why' }`), so leaving a field out of
 * the export or the filters is a decision someone wrote down, never an oversight.
 */

/** Why a field is not part of one of the derived places. */
export type Skip = { skip: string };

export type FieldKind = 'scalar' | 'list' | 'json';

/** The list filter of a field (server: records/list-query.ts). `keys` fields are matched through a keys table (contact_keys). */
export type FilterSpec = {
  /** `datetime` compares instants (lt/gt, no eq); `json_array` is a list kept in its own JSON column, matched with `has`. */
  type: 'text' | 'enum' | 'uuid' | 'number' | 'date' | 'datetime' | 'boolean' | 'keys' | 'json_array';
  sortable: boolean;
  /** Text compared by this folded column (name → name_key); it is also the sort column. */
  folded?: string;
  /** For `keys` fields: the kind in contact_keys; lists sort by their first value. */
  keyKind?: 'email' | 'phone' | 'tag' | 'interest';
  /** The list sorts by it but does not filter by it (a list with fixed parameters, such as deals'). */
  sortOnly?: boolean;
};

/**
 * How the export writes a field: under its name, or resolved (a company's, a category's, a pipeline's, a
 * stage's or a team's name, a member's email, a record of consent as people read it), or money (minor units
 * written as an amount in the record's currency, so a spreadsheet can sum it). `plain`: its values are
 * normalised so that none can be a formula (phone numbers), and the file for people writes them as they are.
 */
export type ExportSpec = {
  header?: string;
  via?: 'company' | 'member' | 'category' | 'pipeline' | 'stage' | 'team' | 'consents' | 'money';
  plain?: boolean;
};

/** How the import fills a field: the headers that mean it (folded: no case, no diacritics), surest first. */
export type ImportSpec = {
  synonyms: readonly string[];
  /** The import's name for it when it differs (a company is named, not given by id). */
  target?: string;
  /** Folded words that mean each stored value ("nam" → male); codes are always accepted. */
  values?: Readonly<Record<string, string>>;
  /** Dates are read as dd/mm/yyyy or ISO; money as an amount in the row's currency ("350.000"); booleans as yes/no words; numbers as whole numbers. */
  parse?: 'date' | 'money' | 'boolean' | 'number';
};

/** How the web app shows and edits a field on the customer page and in the list. */
export type WebSpec<Section extends string = string> = {
  /** The record page's section, or where it is shown elsewhere (the header, ownership). */
  section: Section;
  /** The editor; `special` fields have their own control on the page (company lookup, owner, consents). */
  edit: 'text' | 'textarea' | 'list' | 'date' | 'number' | 'enum' | 'province' | 'country' | 'boolean' | 'special' | 'none';
  /** How a value is shown: plain text by default. */
  show?: 'text' | 'chips' | 'phones' | 'phone' | 'birthday' | 'date' | 'province' | 'stage' | 'multiline' | 'number' | 'money' | 'boolean' | 'member';
  /** A column of the contacts list, with its width; sorted by the field when its filter sorts, or by `sort` (a sort-only name). */
  column?: { width: number; id?: string; sort?: string };
};

export type FieldDef<T = unknown, Section extends string = string> = {
  /** The column in the record's table. */
  column: string;
  kind: FieldKind;
  /** The value of a new record that was not given one. */
  empty: T;
  /** What a caller may send (null: not settable through the API). */
  input: z.ZodType | null;
  /** What the API returns. */
  output: z.ZodType;
  /** An enumerated field: its values, and the enum that names them in each language (@kith/domain/labels/enums.ts). */
  enum?: { values: readonly string[]; labels: EnumName };
  /** An open value (free text, any ISO code) that is shown by its name when it is one the enum knows. */
  names?: EnumName;
  /** Changes are written to the audit log. */
  audited: boolean;
  /** A merge picks one of the two values (`pick`), joins lists (`union`), or has its own rule (`special`). */
  merge: 'pick' | 'union' | 'special' | Skip;
  export: ExportSpec | Skip;
  import: ImportSpec | Skip;
  filter: FilterSpec | Skip;
  web: WebSpec<Section>;
  /** For the OpenAPI document. */
  describe?: string;
};

export const isSkip = (x: unknown): x is Skip => typeof x === 'object' && x !== null && 'skip' in x;

/** An entry, kept with its exact types (the request and response types are derived from them). */
// biome-ignore lint/suspicious/noExplicitAny: an entry's value type is whatever its `empty` declares; `any` lets each keep its own
export const field = <const D extends FieldDef<any>>(d: D): D => d;

/** Plain text filtered by equality, contains and starts-with (and sorted when `sortable`). */
export const textFilter = (sortable: boolean): FilterSpec => ({ type: 'text', sortable });

/** A table's entries in their order, each with its name. */
export function fieldList<Name extends string>(table: Record<Name, FieldDef>): readonly (FieldDef & { name: Name })[] {
  return (Object.entries(table) as [Name, FieldDef][]).map(([name, d]) => ({ ...d, name }));
}

/** The fields a caller may set (the inputs), and what the API returns of each (the outputs), as zod shapes. */
export function inputShape<T extends Record<string, FieldDef>>(table: T): { [K in keyof T]: NonNullable<T[K]['input']> } {
  return Object.fromEntries(
    Object.entries(table)
      .filter(([, d]) => d.input)
      .map(([n, d]) => [n, d.input]),
  ) as { [K in keyof T]: NonNullable<T[K]['input']> };
}
export function outputShape<T extends Record<string, FieldDef>>(table: T): { [K in keyof T]: T[K]['output'] } {
  return Object.fromEntries(Object.entries(table).map(([n, d]) => [n, d.describe ? d.output.describe(d.describe) : d.output])) as {
    [K in keyof T]: T[K]['output'];
  };
}

/** The value type of each field, from its `empty` value's declared type. */
export type FieldValues<T extends Record<string, FieldDef>> = { -readonly [K in keyof T]: T[K]['empty'] };

/** The names of a table's fields that pass `pred`, in table order. */
export const fieldNames = <Name extends string>(list: readonly (FieldDef & { name: Name })[], pred: (d: FieldDef) => boolean): Name[] =>
  list.filter(pred).map((d) => d.name);

/** The import's name of a field (company for companyId), or null when it is not imported. */
export const importTargetOf = (d: FieldDef & { name: string }): string | null => (isSkip(d.import) ? null : (d.import.target ?? d.name));

/** The import's targets that hold several values (a list field): several columns may fill one. */
export const importListTargetsOf = (list: readonly (FieldDef & { name: string })[]): string[] =>
  list.flatMap((f) => (isSkip(f.import) || f.kind !== 'list' ? [] : [f.import.target ?? f.name]));

/** The import's targets read as dates (their file's day-month order matters). */
export const importDateTargetsOf = (list: readonly (FieldDef & { name: string })[]): string[] =>
  list.flatMap((f) => (isSkip(f.import) || f.import.parse !== 'date' ? [] : [f.import.target ?? f.name]));

/** The import's targets and the headers that mean each (import/mapping.ts), in table order. */
export const importSynonymsOf = (list: readonly (FieldDef & { name: string })[]): Record<string, readonly string[]> =>
  Object.fromEntries(list.flatMap((f) => (isSkip(f.import) ? [] : [[f.import.target ?? f.name, f.import.synonyms]])));
