import type { ContactRef } from '../../platform/records/contact-refs.ts';

/** The merge's own bookkeeping: it names both contacts on purpose and is never re-pointed. */
export const duplicateContactRefs: readonly ContactRef[] = [
  { table: 'merges', column: 'survivor_id', kind: 'keep', why: 'the merge log: which contact survived' },
  { table: 'merges', column: 'merged_id', kind: 'keep', why: 'the merge log: which contact was merged (the unmerge restores it)' },
  {
    table: 'duplicate_candidates',
    column: 'a_id',
    kind: 'keep',
    why: 'a candidate pair is about the two contacts it names: a merge marks it merged, an unmerge opens it again',
  },
  { table: 'duplicate_candidates', column: 'b_id', kind: 'keep', why: 'see a_id' },
];
