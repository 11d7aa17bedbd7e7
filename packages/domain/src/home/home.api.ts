import { z } from 'zod';
import { contract } from '../api/contract.ts';
import { TicketOut } from '../tickets/ticket.api.ts';

/**
 * The first screen after signing in, per role (issue 20): an agent's queue with its SLA clocks, tasks and pipeline;
 * a manager's team — breaches, NPS trend, who needs help, the team's tasks; an owner's business — revenue, new and
 * returning customers, retention, NPS and the latest assessment score. Each part is null for a role that may not
 * read it. KPI figures against targets come from /kpis/report (the web app's KPI cards).
 */

export const HOME_VIEWS = ['agent', 'manager', 'owner'] as const;

const Count = z.number().int();
export const HomeOut = z
  .object({
    view: z.enum(HOME_VIEWS),
    period: z.string().describe('This month in the workspace’s zone, YYYY-MM'),
    currency: z.string(),
    queue: z.object({ total: Count, tickets: z.array(TicketOut) }).nullable(),
    tasks: z.object({ overdue: Count, today: Count, upcoming: Count, someday: Count }).nullable(),
    pipeline: z
      .object({
        open: Count,
        value: z.number(),
        stages: z.array(z.object({ stageId: z.string(), name: z.string(), deals: Count, value: z.number() })),
      })
      .nullable(),
    team: z
      .object({
        breaches: Count.describe('Open tickets in your scope past an SLA target, or within two working hours of one'),
        breached: z.array(TicketOut),
        npsTrend: z.array(z.object({ month: z.string(), nps: z.number().nullable(), n: Count })),
        needsHelp: z.array(
          z.object({ userId: z.string(), name: z.string(), reasons: z.array(z.enum(['behind_pace', 'sla_low', 'csat_low', 'tasks_overdue'])) }),
        ),
        tasks: z.array(z.object({ userId: z.string(), name: z.string(), open: Count, overdue: Count, today: Count })),
      })
      .nullable(),
    business: z
      .object({
        revenue: z.number(),
        revenuePrevious: z.number(),
        newCustomers: Count,
        returningCustomers: Count,
        retention: z.number().nullable().describe('Of the customers active when the month began, the share not lapsed by now'),
        nps: z.object({ value: z.number().nullable(), n: Count }),
        assessment: z
          .object({ id: z.string(), name: z.string(), framework: z.string(), overall: z.number().nullable(), closedAt: z.string().nullable() })
          .nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Home' });
export type Home = z.output<typeof HomeOut>;

export const homeApi = {
  get: contract({
    method: 'GET',
    path: '/home',
    tags: ['kpis'],
    summary: 'Your first screen: your queue, tasks and pipeline; a manager’s team; an owner’s business — each as your role may see it',
    status: 200,
    response: HomeOut,
  }),
};
