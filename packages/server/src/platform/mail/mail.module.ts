import { outboxContactRefs } from './outbox.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../jobs/runner.ts';
import { mailRoutes, unsubscribeRoutes } from './mail.routes.ts';
import { MAIL_JOB, sendQueuedMail } from './outbox.ts';

/** The workspace's mail settings, the unsubscribe page, and the delivery of queued mail (the outbox). */
export const mailModule: KithModule = {
  name: 'mail',
  routes: [mailRoutes],
  pages: [unsubscribeRoutes],
  jobs: {
    [MAIL_JOB]: (core, job: ClaimedJob<{ mailId: string }>) => sendQueuedMail(core, job.payload.mailId, job.attempts >= job.maxAttempts),
  },
  contactRefs: outboxContactRefs,
};
