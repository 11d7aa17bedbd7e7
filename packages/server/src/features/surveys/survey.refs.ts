import type { ContactRef } from '../../platform/records/contact-refs.ts';

/**
 * Survey invitations, responses and answers follow a merge. A customer has at most one open invitation per
 * survey (sending skips those who have one): when both contacts have an open one for the same survey, the
 * merged contact's is expired and the survivor's stays open; an unmerge reopens it as it was.
 */
export const surveyContactRefs: readonly ContactRef[] = [
  {
    table: 'survey_invitations',
    column: 'contact_id',
    kind: 'dedupe',
    key: ['survey_id'],
    open: (eb, now) => eb.and([eb('responded_at', 'is', null), eb('expires_at', '>', now)]),
    onMatch: { close: (now) => ({ expires_at: now }) },
  },
  { table: 'survey_responses', column: 'contact_id', kind: 'repoint' },
  { table: 'survey_answers', column: 'contact_id', kind: 'repoint' },
];
