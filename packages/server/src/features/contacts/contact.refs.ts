import type { ContactRef } from '../../platform/records/contact-refs.ts';

export const contactContactRefs: readonly ContactRef[] = [
  {
    table: 'contact_keys',
    column: 'contact_id',
    kind: 'keep',
    why: 'the contact’s own lookup keys: the merge deletes the merged contact’s and writes the survivor’s from its merged emails, phones and tags',
  },
];
