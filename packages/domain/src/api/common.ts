import { z } from 'zod';
import { uuid } from '../schema/fields.ts';

/** Shapes many contracts share. */

export const Timestamp = z.string().describe('ISO 8601 date-time, UTC');

export const IdParams = z.object({ id: uuid() });

/** Lists of records that can be in the trash: live ones by default. */
export const Deleted = z.enum(['exclude', 'only', 'include']);

/** A page of a cursor-paginated list. */
export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });

/** The types of field the list language knows (server: records/list-query.ts), as GET /segments/fields names them. */
export const LIST_FIELD_TYPES = ['text', 'enum', 'uuid', 'number', 'date', 'datetime', 'boolean', 'keys', 'json_array', 'relation'] as const;
