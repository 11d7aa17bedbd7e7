import type { KithModule } from '../../kith-module.ts';
import { REMINDERS_JOB, REMINDERS_SCHEDULE, runTrainingReminders } from './training-reminders.ts';
import { trainingRoutes } from './training.routes.ts';

/** Training and competencies: the catalogue, each member's records, the competency matrix, and reminders before an expiry. */
export const trainingModule: KithModule = {
  name: 'training',
  routes: [trainingRoutes],
  jobs: { [REMINDERS_JOB]: (core) => runTrainingReminders(core) },
  // Daily: a task 30 and 7 days before a record expires, and one when a required item has expired.
  recurring: { [REMINDERS_JOB]: REMINDERS_SCHEDULE },
};
