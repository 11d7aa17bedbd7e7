import { z } from 'zod';
import { LIFECYCLE_STAGES } from '@kith/domain/contacts/contact.schema.ts';
import {
  PLAYBOOK_ACTIONS,
  PLAYBOOK_STATUSES,
  PlaybookCreateSchema,
  PlaybookUpdateSchema,
  RUN_STATUSES,
  RunCreateSchema,
  STEP_STATUSES,
} from '@kith/domain/playbooks/playbook.schema.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errors, etag, IdParams, parseIfMatch, Timestamp } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { contactRuns, enrollContact, stopRun } from './playbook-run.service.ts';
import { createPlaybook, deletePlaybook, getPlaybook, listPlaybooks, updatePlaybook } from './playbook.service.ts';

const StepOut = z.object({
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
    steps: z.array(StepOut),
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

export function playbookRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/playbooks',
      {
        schema: {
          tags: ['playbooks'],
          summary: 'Care playbooks (the built-in ones for new, potential and loyal customers are made on first use, in the workspace’s language)',
          response: { 200: z.object({ data: z.array(PlaybookOut) }) },
        },
        config: { action: 'playbooks.read' },
      },
      async (req) => listPlaybooks(core, actorOf(req)),
    );
    app.post(
      '/playbooks',
      {
        schema: {
          tags: ['playbooks'],
          summary:
            'Create a playbook: an audience (lifecycle stages or a saved segment) and 1–20 steps, each a task, an email or a survey some days after enrolment',
          body: PlaybookCreateSchema,
          response: { 201: PlaybookOut, ...errors(403, 422) },
        },
        config: { action: 'playbooks.manage' },
      },
      async (req, reply) => {
        const p = await createPlaybook(core, actorOf(req), req.body);
        return reply.code(201).header('etag', etag(p.version)).header('location', `/api/v1/playbooks/${p.id}`).send(p);
      },
    );
    app.get(
      '/playbooks/:id',
      {
        schema: { tags: ['playbooks'], summary: 'One playbook with its steps', params: IdParams, response: { 200: PlaybookOut, ...errors(404) } },
        config: { action: 'playbooks.read' },
      },
      async (req, reply) => {
        const p = await getPlaybook(core, actorOf(req), req.params.id);
        return reply.header('etag', etag(p.version)).send(p);
      },
    );
    app.patch(
      '/playbooks/:id',
      {
        schema: {
          tags: ['playbooks'],
          summary:
            'Change a playbook (If-Match honoured). Steps keep their ids: pending steps of customers on their way take the new wording; a removed step is skipped for them. Switching auto-enrolment on enrols everyone in the audience who was never enrolled',
          params: IdParams,
          body: PlaybookUpdateSchema,
          response: { 200: PlaybookOut, ...errors(403, 404, 412, 422) },
        },
        config: { action: 'playbooks.manage' },
      },
      async (req, reply) => {
        const p = await updatePlaybook(core, actorOf(req), req.params.id, req.body, parseIfMatch(req.headers['if-match']));
        return reply.header('etag', etag(p.version)).send(p);
      },
    );
    app.delete(
      '/playbooks/:id',
      {
        schema: {
          tags: ['playbooks'],
          summary: 'Delete a playbook; customers still going through it stop',
          params: IdParams,
          response: { 204: z.null(), ...errors(403, 404) },
        },
        config: { action: 'playbooks.manage' },
      },
      async (req, reply) => {
        await deletePlaybook(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/playbooks/:id/runs',
      {
        schema: {
          tags: ['playbooks'],
          summary:
            'Enrol a customer (one you may see): a run whose steps are scheduled at the start plus each step’s delay. 409 when the customer is already on it or went through it; a stopped run starts again',
          params: IdParams,
          body: RunCreateSchema,
          response: { 201: PlaybookRunOut, ...errors(403, 404, 409, 422) },
        },
        config: { action: 'playbooks.enroll' },
      },
      async (req, reply) => reply.code(201).send(await enrollContact(core, actorOf(req), req.params.id, req.body.contactId)),
    );
    app.post(
      '/playbook-runs/:id/stop',
      {
        schema: {
          tags: ['playbooks'],
          summary: 'Stop a customer’s run: its remaining steps are stopped and will not run',
          params: IdParams,
          response: { 200: PlaybookRunOut, ...errors(403, 404, 409) },
        },
        config: { action: 'playbooks.enroll' },
      },
      async (req) => stopRun(core, actorOf(req), req.params.id),
    );
    app.get(
      '/contacts/:id/playbook-runs',
      {
        schema: {
          tags: ['playbooks'],
          summary: 'A customer’s playbook runs, newest first: each step’s status, due time and outcome',
          params: IdParams,
          response: { 200: z.object({ data: z.array(PlaybookRunOut) }), ...errors(404) },
        },
        config: { action: 'contacts.read' },
      },
      async (req) => contactRuns(core, actorOf(req), req.params.id),
    );
  };
}
