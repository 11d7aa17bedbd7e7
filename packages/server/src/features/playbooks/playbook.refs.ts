import type { ContactRef } from '../../platform/records/contact-refs.ts';

/**
 * A customer goes through a playbook once (a unique index on playbook and customer). The merged contact's
 * runs move to the survivor, except a run of a playbook the survivor already has a run of: that one stays
 * with the merged contact (its remaining steps are skipped, the contact being deleted) and comes back with an
 * unmerge. The survivor keeps one run per playbook.
 */
export const playbookContactRefs: readonly ContactRef[] = [
  { table: 'playbook_runs', column: 'contact_id', kind: 'dedupe', key: ['playbook_id'], onMatch: 'stay' },
];
