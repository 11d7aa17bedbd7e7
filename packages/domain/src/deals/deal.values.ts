// The values deals' schemas and field table share (deal.schema.ts re-exports them; deal.fields.ts uses them).

/** A stage's kind, and so a deal's status: a won or lost stage closes the deal. */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
