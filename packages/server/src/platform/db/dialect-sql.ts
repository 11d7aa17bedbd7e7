import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './create-db.ts';

/**
 * The few expressions that differ between SQLite and PostgreSQL. Keys reach these only after an
 * allow-list check (custom field keys are /^[a-z][a-z0-9_]*$/ and exist in the workspace), and even
 * then travel as bound values, never as SQL text.
 */
export function jsonText(dialect: DialectName, column: string, key: string): RawBuilder<string | null> {
  return dialect === 'postgres' ? sql<string | null>`(${sql.ref(column)} ->> ${sql.lit(key)})` : sql<string | null>`(${sql.ref(column)} ->> ${'$.' + key})`;
}

export function jsonNumber(dialect: DialectName, column: string, key: string): RawBuilder<number | null> {
  return dialect === 'postgres'
    ? sql<number | null>`((${sql.ref(column)} ->> ${sql.lit(key)})::numeric)`
    : sql<number | null>`(${sql.ref(column)} ->> ${'$.' + key})`;
}

/** A JSON boolean as 1/0 on both databases. */
export function jsonBool(dialect: DialectName, column: string, key: string): RawBuilder<number | null> {
  return dialect === 'postgres'
    ? sql<number | null>`(case (${sql.ref(column)} ->> ${sql.lit(key)}) when 'true' then 1 when 'false' then 0 end)`
    : sql<number | null>`(${sql.ref(column)} ->> ${'$.' + key})`;
}

/** Does the JSON array at column.key contain this string? */
export function jsonArrayHas(dialect: DialectName, column: string, key: string, value: string): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`((${sql.ref(column)} -> ${sql.lit(key)}) @> jsonb_build_array(${value}::text))`
    : sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}, ${'$.' + key}) where json_each.value = ${value})`;
}

/** Whether a column holding a JSON array of text (an order's tags) has the value. */
export function jsonColumnHas(dialect: DialectName, column: string, value: string): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`(${sql.ref(column)} @> jsonb_build_array(${value}::text))`
    : sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}) where json_each.value = ${value})`;
}

/** The first element of a JSON array column as text (a contact's primary email or phone), NULL when empty. */
export function jsonFirst(dialect: DialectName, column: string): RawBuilder<string | null> {
  return dialect === 'postgres' ? sql<string | null>`(${sql.ref(column)} ->> 0)` : sql<string | null>`(${sql.ref(column)} ->> '$[0]')`;
}
