import { ticketTimeline } from './ticket-timeline.repository.ts';
import { ticketContactRefs } from './ticket.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { runSlaCheck } from './ticket-sla.ts';
import { ticketRoutes } from './ticket.routes.ts';
import { SLA_JOB, type SlaJobPayload } from './ticket-sla.ts';

/** Tickets, their SLA clocks and the care settings they count in (working calendar, SLA policies), canned replies. */
export const ticketsModule: KithModule = {
  name: 'tickets',
  routes: [ticketRoutes],
  jobs: {
    [SLA_JOB]: (core, job: ClaimedJob<SlaJobPayload>) => runSlaCheck(core, job.payload),
  },
  contactRefs: ticketContactRefs,
  timeline: [ticketTimeline],
};
