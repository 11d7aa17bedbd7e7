import type { ContactRef } from '../../platform/records/contact-refs.ts';

/**
 * A segment's stored membership is derived from the contacts' data, never moved: after a merge the merged contact
 * (soft-deleted) leaves its segments at the next recompute and the survivor's own data decides where it is.
 */
export const segmentContactRefs: readonly ContactRef[] = [
  {
    table: 'segment_members',
    column: 'contact_id',
    kind: 'keep',
    why: 'derived membership: the next recompute drops the merged (deleted) contact and decides the survivor’s from its data',
  },
];
