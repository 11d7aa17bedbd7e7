import { analyticsContactRefs } from '../analytics/analytics.refs.ts';
import { loyaltyContactRefs } from '../care/loyalty.refs.ts';
import { outboxContactRefs } from '../care/outbox.refs.ts';
import { playbookContactRefs } from '../care/playbook.refs.ts';
import { surveyContactRefs } from '../care/survey.refs.ts';
import { ticketContactRefs } from '../care/ticket.refs.ts';
import { orderContactRefs } from '../commerce/order.refs.ts';
import { contactContactRefs } from '../contacts/contact.refs.ts';
import { dealContactRefs } from '../deals/deal.refs.ts';
import { interactionContactRefs } from '../interactions/interaction.refs.ts';
import { taskContactRefs } from '../tasks/task.refs.ts';
import type { ContactRef } from '../records/contact-refs.ts';
import { duplicateContactRefs } from './duplicate.refs.ts';

/**
 * TEMPORARY — the list the module list replaces. Every feature's contact references, collected in one place
 * until each feature exports a module with a `contactRefs` field and the composition root lists the modules;
 * then the merge takes `modules.flatMap((m) => m.contactRefs)` and this file goes. It lives in duplicates/
 * (its one user) rather than records/, so the platform folder imports no feature.
 *
 * Order matters only within a table: it is the order the merge applies them in (the unmerge reverses it).
 */
export const ALL_CONTACT_REFS: readonly ContactRef[] = [
  ...contactContactRefs,
  ...orderContactRefs,
  ...interactionContactRefs,
  ...taskContactRefs,
  ...dealContactRefs,
  ...ticketContactRefs,
  ...surveyContactRefs,
  ...loyaltyContactRefs,
  ...playbookContactRefs,
  ...outboxContactRefs,
  ...analyticsContactRefs,
  ...duplicateContactRefs,
];
