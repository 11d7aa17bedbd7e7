import { z } from 'zod';
import { text } from '../schema/fields.ts';

/**
 * A segment (issue 5): a named, dynamic set of contacts — whoever matches its conditions at the moment it is
 * used, so it follows the data (a refresh of the scores moves customers in and out).
 *
 * Conditions are the list language's (`field`, `op`, `value` as `filter[field][op]=value` takes them: any
 * profile or custom field, the RFM segment and scores, lifetime value, P(alive), value tier, last
 * interaction, purchased category, lifecycle stage). They sit in groups: each group matches all or any of
 * its conditions, and the segment matches all or any of its groups — "(A and B) or (C and D)", or
 * "(A or B) and C". The server checks every condition against the allow-lists on save and on every use.
 */
export const SegmentConditionSchema = z.strictObject({
  field: z.string().regex(/^(custom\.)?[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: 'Must be a field name such as rfmSegment or custom.tier' }),
  op: z.string().regex(/^[a-zA-Z]{2,12}$/, { message: 'Must be an operator such as eq, in, has, gte' }),
  value: text(2000),
});
export type SegmentCondition = z.output<typeof SegmentConditionSchema>;

const Match = z.enum(['all', 'any']).describe('all: every one must hold (AND); any: at least one (OR)');

export const SegmentGroupSchema = z.strictObject({
  match: Match,
  conditions: z.array(SegmentConditionSchema).min(1, { message: 'A group needs a condition' }).max(20, { message: 'At most 20 conditions in a group' }),
});

export const SegmentDefinitionSchema = z
  .strictObject({
    match: Match,
    groups: z.array(SegmentGroupSchema).min(1, { message: 'A segment needs a group of conditions' }).max(10, { message: 'At most 10 groups' }),
  })
  .meta({ id: 'SegmentDefinition' });
export type SegmentDefinition = z.output<typeof SegmentDefinitionSchema>;

export const SegmentCreateSchema = z.strictObject({
  name: text(80, 1),
  description: text(500).nullable().optional(),
  shared: z.boolean().default(false),
  definition: SegmentDefinitionSchema,
});
export type SegmentCreateInput = z.output<typeof SegmentCreateSchema>;

export const SegmentUpdateSchema = z.strictObject({
  name: text(80, 1).optional(),
  description: text(500).nullable().optional(),
  shared: z.boolean().optional(),
  definition: SegmentDefinitionSchema.optional(),
});
export type SegmentUpdateInput = z.output<typeof SegmentUpdateSchema>;
