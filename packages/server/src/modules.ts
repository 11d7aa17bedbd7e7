import type { KithModule } from './kith-module.ts';
import { authModule } from './platform/auth/auth.module.ts';
import { workspacesModule } from './features/workspaces/workspaces.module.ts';
import { membersModule } from './features/members/members.module.ts';
import { teamsModule } from './features/teams/teams.module.ts';
import { invitationsModule } from './features/invitations/invitations.module.ts';
import { customFieldsModule } from './features/custom-fields/custom-fields.module.ts';
import { contactsModule } from './features/contacts/contacts.module.ts';
import { companiesModule } from './features/companies/companies.module.ts';
import { commerceModule } from './features/commerce/commerce.module.ts';
import { interactionsModule } from './features/interactions/interactions.module.ts';
import { timelineModule } from './features/timeline/timeline.module.ts';
import { tasksModule } from './features/tasks/tasks.module.ts';
import { importModule } from './features/import/import.module.ts';
import { duplicatesModule } from './features/duplicates/duplicates.module.ts';
import { dealsModule } from './features/deals/deals.module.ts';
import { exportModule } from './features/export/export.module.ts';
import { analyticsModule } from './features/analytics/analytics.module.ts';
import { auditModule } from './platform/audit/audit.module.ts';
import { viewsModule } from './features/views/views.module.ts';
import { segmentsModule } from './features/segments/segments.module.ts';
import { ticketsModule } from './features/tickets/tickets.module.ts';
import { playbooksModule } from './features/playbooks/playbooks.module.ts';
import { surveysModule } from './features/surveys/surveys.module.ts';
import { loyaltyModule } from './features/loyalty/loyalty.module.ts';
import { assessmentModule } from './features/assessment/assessment.module.ts';
import { kpisModule } from './features/kpis/kpis.module.ts';
import { homeModule } from './features/home/home.module.ts';
import { mailModule } from './platform/mail/mail.module.ts';
import { eventsModule } from './platform/events/events.module.ts';
import { trainingModule } from './features/training/training.module.ts';
import { workloadModule } from './features/workload/workload.module.ts';
import { rewardsModule } from './features/rewards/rewards.module.ts';

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
  timelineModule,
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
  assessmentModule,
  kpisModule,
  homeModule,
  mailModule,
  eventsModule,
  trainingModule,
  workloadModule,
  rewardsModule,
];
