import type { KithModule } from './kith-module.ts';
import { authModule } from './auth/auth.module.ts';
import { workspacesModule } from './workspaces/workspaces.module.ts';
import { membersModule } from './members/members.module.ts';
import { teamsModule } from './teams/teams.module.ts';
import { invitationsModule } from './invitations/invitations.module.ts';
import { customFieldsModule } from './custom-fields/custom-fields.module.ts';
import { contactsModule } from './contacts/contacts.module.ts';
import { companiesModule } from './companies/companies.module.ts';
import { commerceModule } from './commerce/commerce.module.ts';
import { interactionsModule } from './interactions/interactions.module.ts';
import { tasksModule } from './tasks/tasks.module.ts';
import { importModule } from './import/import.module.ts';
import { duplicatesModule } from './duplicates/duplicates.module.ts';
import { dealsModule } from './deals/deals.module.ts';
import { exportModule } from './export/export.module.ts';
import { analyticsModule } from './analytics/analytics.module.ts';
import { auditModule } from './audit/audit.module.ts';
import { viewsModule } from './views/views.module.ts';
import { segmentsModule } from './segments/segments.module.ts';
import { ticketsModule } from './tickets/tickets.module.ts';
import { playbooksModule } from './playbooks/playbooks.module.ts';
import { surveysModule } from './surveys/surveys.module.ts';
import { loyaltyModule } from './loyalty/loyalty.module.ts';
import { mailModule } from './mail/mail.module.ts';

/**
 * The composition root: every feature of the server, listed once. The HTTP server registers their routes and
 * pages from it (app.ts, in this order), and every process — the server (main.ts), the CLI, the tests — builds
 * its Core with it, which gives the job runner its handlers and the hooks (orders changed, a ticket resolved)
 * their listeners. Nothing registers itself by being imported; a feature not listed here does not run.
 */
export const MODULES: readonly KithModule[] = [
  authModule,
  workspacesModule,
  membersModule,
  teamsModule,
  invitationsModule,
  customFieldsModule,
  contactsModule,
  companiesModule,
  commerceModule,
  interactionsModule,
  tasksModule,
  importModule,
  duplicatesModule,
  dealsModule,
  exportModule,
  analyticsModule,
  auditModule,
  viewsModule,
  segmentsModule,
  ticketsModule,
  playbooksModule,
  surveysModule,
  loyaltyModule,
  mailModule,
];
