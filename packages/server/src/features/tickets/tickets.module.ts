import { ticketTimeline } from './ticket-timeline.repository.ts';
import { ticketContactRefs } from './ticket.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { runSlaCheck } from './ticket-sla.ts';
import { ticketRoutes } from './ticket.routes.ts';
import { SLA_JOB, type SlaJobPayload } from './ticket-sla.ts';
import { extendHolidayCalendars, HOLIDAYS_JOB, HOLIDAYS_SCHEDULE } from './care-holidays.ts';

/** Tickets, their SLA clocks and the care settings they count in (working calendar, SLA policies), canned replies. */
export const ticketsModule: KithModule = {
  name: 'tickets',
  routes: [ticketRoutes],
  jobs: {
    [SLA_JOB]: (core, job: ClaimedJob<SlaJobPayload>) => runSlaCheck(core, job.payload),
    [HOLIDAYS_JOB]: (core) => extendHolidayCalendars(core),
  },
  // Each workspace's working calendar gets the public holidays of each new year (and the next) by the law.
  recurring: { [HOLIDAYS_JOB]: HOLIDAYS_SCHEDULE },
  contactRefs: ticketContactRefs,
  timeline: [ticketTimeline],
};
