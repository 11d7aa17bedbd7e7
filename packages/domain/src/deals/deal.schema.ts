import { z } from 'zod';
import { text, uuid } from '../schema/fields.ts';
import { dealInputShape } from './deal.fields.ts';
import { STAGE_KINDS } from './deal.values.ts';

/**
 * Deals (opportunities): what a customer may buy, moving through the stages of a pipeline. Each stage has
 * a win probability, so the pipeline's weighted value (Σ amount × probability) forecasts the revenue; a
 * stage of kind `won` or `lost` closes the deal. A won deal can become an order.
 */

export { STAGE_KINDS } from './deal.values.ts';
export type StageKind = (typeof STAGE_KINDS)[number];
export const DEAL_STATUSES = STAGE_KINDS;

export const StageInputSchema = z.strictObject({
  id: uuid().optional(),
  name: text(60, 1),
  probability: z.number().int().min(0).max(100),
  kind: z.enum(STAGE_KINDS),
});
export const PipelineInputSchema = z.strictObject({
  name: text(80, 1),
  stages: z
    .array(StageInputSchema)
    .min(2, { message: 'A pipeline has at least two stages' })
    .max(20, { message: 'At most 20 stages' })
    .refine((s) => s.some((x) => x.kind === 'won') && s.some((x) => x.kind === 'lost'), { message: 'A pipeline needs a won stage and a lost stage' }),
});
export type PipelineInput = z.output<typeof PipelineInputSchema>;

// A deal's fields are its field table's (deal.fields.ts).
export const DealCreateSchema = z.strictObject(dealInputShape).partial().required({ title: true });
export const DealUpdateSchema = z.strictObject(dealInputShape).partial();
export type DealCreateInput = z.output<typeof DealCreateSchema>;
export type DealUpdateInput = z.output<typeof DealUpdateSchema>;

// The response shapes (Deal, Pipeline, Stage) are the API contract's: deal.api.ts.

/** The stages a new workspace starts with (renamable): a Vietnamese shop's sales steps, or English ones. */
export function defaultStages(vietnamese: boolean): Omit<z.output<typeof StageInputSchema>, 'id'>[] {
  const names = vietnamese ? ['Mới', 'Đã liên hệ', 'Đã báo giá', 'Đàm phán', 'Thắng', 'Thua'] : ['New', 'Contacted', 'Quoted', 'Negotiating', 'Won', 'Lost'];
  const probs = [10, 25, 50, 75, 100, 0];
  const kinds: StageKind[] = ['open', 'open', 'open', 'open', 'won', 'lost'];
  return names.map((name, i) => ({ name, probability: probs[i]!, kind: kinds[i]! }));
}

/** Σ amount × probability of the open deals, in minor units (rounded). */
export function weightedValue(deals: readonly { amount: number; probability: number }[]): number {
  return Math.round(deals.reduce((s, d) => s + (d.amount * d.probability) / 100, 0));
}
