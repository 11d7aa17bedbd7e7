import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { LIFECYCLE_STAGES } from '../contacts/contact.schema.ts';
import {
  PLAYBOOK_ACTIONS,
  PLAYBOOK_STATUSES,
  PlaybookCreateSchema,
  PlaybookUpdateSchema,
  RUN_STATUSES,
  RunCreateSchema,
  STEP_STATUSES,
} from './playbook.schema.ts';

/** The care playbooks API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

export const PlaybookStepOut = z.object({
  id: z.string(),
  delayDays: z.number().int().describe('Days after enrolment'),
  action: z.enum(PLAYBOOK_ACTIONS),
  title: z.string().describe('The task’s title, the email’s subject or the survey step’s label; a template'),
  body: z
    .string()
    .nullable()
    .describe(
      'The task’s notes or the email’s text; a template with {{contact.name}}, {{contact.firstName}}, {{owner.name}}, {{owner.email}}, {{workspace.name}}',
    ),
  dueInDays: z.number().int().nullable().describe('A task is due this many days after it is made'),
  surveyId: z.string().nullable(),
});

export const PlaybookOut = z
  .object({
    id: z.string(),
    key: z.string().nullable().describe('new_customer, potential_customer or loyal_customer for the built-in playbooks; null for the workspace’s own'),
    name: z.string(),
    description: z.string().nullable(),
    audience: z.union([
      z.object({ kind: z.literal('lifecycle'), stages: z.array(z.enum(LIFECYCLE_STAGES)) }),
      z.object({ kind: z.literal('segment'), segmentId: z.string() }),
    ]),
    steps: z.array(PlaybookStepOut),
    status: z.enum(PLAYBOOK_STATUSES),
    autoEnroll: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
    runs: z.object({ running: z.number().int(), completed: z.number().int(), stopped: z.number().int() }),
  })
  .meta({ id: 'Playbook' });

export const PlaybookRunOut = z
  .object({
    id: z.string(),
    playbookId: z.string(),
    playbookName: z.string(),
    contactId: z.string(),
    status: z.enum(RUN_STATUSES),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    stoppedBy: z.string().nullable(),
    enrolledBy: z.string().nullable().describe('Who enrolled the customer; null when auto-enrolment did'),
    steps: z.array(
      z.object({
        id: z.string(),
        index: z.number().int(),
        stepId: z.string().nullable(),
        action: z.enum(PLAYBOOK_ACTIONS),
        title: z.string().nullable(),
        dueAt: Timestamp,
        status: z.enum(STEP_STATUSES),
        doneAt: Timestamp.nullable(),
        outcome: z
          .record(z.string(), z.unknown())
          .nullable()
          .describe(
            'What the step did: taskId and assigneeId; mailId, to and mailStatus (queued, sent, suppressed…); invitationId; or reason (no_email, no_owner, survey_unavailable, step_removed, contact_deleted, run_stopped, error)',
          ),
      }),
    ),
  })
  .meta({ id: 'PlaybookRun' });

/** A playbook as the API returns it. */
export type Playbook = z.output<typeof PlaybookOut>;
/** A customer's run through a playbook as the API returns it. */
export type PlaybookRun = z.output<typeof PlaybookRunOut>;

export const playbookApi = {
  list: contract({
    method: 'GET',
    path: '/playbooks',
    tags: ['playbooks'],
    summary: 'Care playbooks (the built-in ones for new, potential and loyal customers are made on first use, in the workspace’s language)',
    status: 200,
    response: z.object({ data: z.array(PlaybookOut) }),
  }),
  create: contract({
    method: 'POST',
    path: '/playbooks',
    tags: ['playbooks'],
    summary: 'Create a playbook: an audience (lifecycle stages or a saved segment) and 1–20 steps, each a task, an email or a survey some days after enrolment',
    body: PlaybookCreateSchema,
    status: 201,
    response: PlaybookOut,
  }),
  get: contract({
    method: 'GET',
    path: '/playbooks/:id',
    tags: ['playbooks'],
    summary: 'One playbook with its steps',
    params: IdParams,
    status: 200,
    response: PlaybookOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/playbooks/:id',
    tags: ['playbooks'],
    summary:
      'Change a playbook (If-Match honoured). Steps keep their ids: pending steps of customers on their way take the new wording; a removed step is skipped for them. Switching auto-enrolment on enrols everyone in the audience who was never enrolled',
    params: IdParams,
    body: PlaybookUpdateSchema,
    status: 200,
    response: PlaybookOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/playbooks/:id',
    tags: ['playbooks'],
    summary: 'Delete a playbook; customers still going through it stop',
    params: IdParams,
    status: 204,
    response: null,
  }),
  enroll: contract({
    method: 'POST',
    path: '/playbooks/:id/runs',
    tags: ['playbooks'],
    summary:
      'Enrol a customer (one you may see): a run whose steps are scheduled at the start plus each step’s delay. 409 when the customer is already on it or went through it; a stopped run starts again',
    params: IdParams,
    body: RunCreateSchema,
    status: 201,
    response: PlaybookRunOut,
  }),
  stopRun: contract({
    method: 'POST',
    path: '/playbook-runs/:id/stop',
    tags: ['playbooks'],
    summary: 'Stop a customer’s run: its remaining steps are stopped and will not run',
    params: IdParams,
    status: 200,
    response: PlaybookRunOut,
  }),
  contactRuns: contract({
    method: 'GET',
    path: '/contacts/:id/playbook-runs',
    tags: ['playbooks'],
    summary: 'A customer’s playbook runs, newest first: each step’s status, due time and outcome',
    params: IdParams,
    status: 200,
    response: z.object({ data: z.array(PlaybookRunOut) }),
  }),
};
