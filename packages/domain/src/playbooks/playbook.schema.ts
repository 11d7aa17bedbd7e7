import { z } from 'zod';
import { LIFECYCLE_STAGES } from '../contacts/contact.schema.ts';
import { longText, text, uuid } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';

/**
 * Care playbooks (issue 6): a sequence of steps for a group of customers — a lifecycle group (new, potential,
 * loyal, at risk…) or a saved segment. Each step, a number of days after the customer was enrolled, creates a
 * task for the customer's owner, sends an email from a template, or sends a survey. Shared by the API's
 * validation and its OpenAPI document.
 *
 * Templates (a step's title and body) take `{{contact.name}}`, `{{contact.firstName}}`, `{{owner.name}}`,
 * `{{owner.email}}` and `{{workspace.name}}`; values are escaped in the HTML part of an email.
 */

export const PLAYBOOK_ACTIONS = ['task', 'email', 'survey'] as const;
export type PlaybookAction = (typeof PLAYBOOK_ACTIONS)[number];
export const PLAYBOOK_STATUSES = ['active', 'paused'] as const;
export type PlaybookStatus = (typeof PLAYBOOK_STATUSES)[number];
export const RUN_STATUSES = ['running', 'completed', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const STEP_STATUSES = ['scheduled', 'done', 'skipped', 'failed', 'stopped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const TEMPLATE_VARIABLES = ['contact.name', 'contact.firstName', 'owner.name', 'owner.email', 'workspace.name'] as const;

export const MAX_STEPS = 20;
export const MAX_DELAY_DAYS = 730;

export const AudienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('lifecycle'),
    stages: z
      .array(z.enum(LIFECYCLE_STAGES))
      .min(1, { message: 'Choose at least one lifecycle stage' })
      .max(LIFECYCLE_STAGES.length)
      .transform((s) => [...new Set(s)]),
  }),
  z.strictObject({ kind: z.literal('segment'), segmentId: uuid() }),
]);
export type Audience = z.output<typeof AudienceSchema>;

const int = (min: number, max: number) =>
  z
    .number()
    .int({ message: 'Must be a whole number' })
    .min(min, { message: `Must be at least ${min}` })
    .max(max, { message: `Must be at most ${max}` });

export const StepSchema = z
  .strictObject({
    /** Kept across edits so pending steps of running customers find their step again; made when absent. */
    id: uuid().optional(),
    /** Days after enrolment. */
    delayDays: int(0, MAX_DELAY_DAYS),
    action: z.enum(PLAYBOOK_ACTIONS),
    /** The task's title, the email's subject, or the survey step's label (a template). */
    title: text(200, 1),
    /** The task's notes or the email's text (a template); an email needs one. */
    body: longText(10_000).nullable().optional(),
    /** A task is due this many days after it is created (default 1). */
    dueInDays: int(0, 365).optional(),
    /** The survey a survey step sends. */
    surveyId: uuid().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.action === 'email' && !s.body)
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'An email step needs the text of the email', params: withCode('required') });
    if (s.action === 'survey' && !s.surveyId)
      ctx.addIssue({ code: 'custom', path: ['surveyId'], message: 'A survey step needs the survey to send', params: withCode('required') });
    if (s.action !== 'survey' && s.surveyId !== undefined)
      ctx.addIssue({ code: 'custom', path: ['surveyId'], message: `A ${s.action} step sends no survey`, params: withCode('invalid') });
    if (s.action !== 'task' && s.dueInDays !== undefined)
      ctx.addIssue({ code: 'custom', path: ['dueInDays'], message: `A ${s.action} step has no due date`, params: withCode('invalid') });
  });
export type StepInput = z.output<typeof StepSchema>;

const steps = z
  .array(StepSchema)
  .min(1, { message: 'A playbook has at least one step' })
  .max(MAX_STEPS, { message: `A playbook has at most ${MAX_STEPS} steps` })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (!s.id) return;
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Two steps have the same id', params: withCode('not_unique') });
      seen.add(s.id);
    });
  });

export const PlaybookCreateSchema = z.strictObject({
  name: text(200, 1),
  description: text(2_000).nullable().optional(),
  audience: AudienceSchema,
  steps,
  status: z.enum(PLAYBOOK_STATUSES).default('active'),
  /** Enrol every customer of the audience who was never enrolled (hourly), not only by hand. */
  autoEnroll: z.boolean().default(false),
});
export type PlaybookCreateInput = z.output<typeof PlaybookCreateSchema>;

export const PlaybookUpdateSchema = z
  .strictObject({
    name: text(200, 1),
    description: text(2_000).nullable(),
    audience: AudienceSchema,
    steps,
    status: z.enum(PLAYBOOK_STATUSES),
    autoEnroll: z.boolean(),
  })
  .partial();
export type PlaybookUpdateInput = z.output<typeof PlaybookUpdateSchema>;

export const RunCreateSchema = z.strictObject({ contactId: uuid() });
export type RunCreateInput = z.output<typeof RunCreateSchema>;

/** A step as stored in a playbook: every step has its id. */
export type PlaybookStep = {
  id: string;
  delayDays: number;
  action: PlaybookAction;
  title: string;
  body: string | null;
  dueInDays: number | null;
  surveyId: string | null;
};

/**
 * How to greet someone: a stored given name wins; otherwise Vietnamese names put it last ("Nguyễn Thị Lan" →
 * "Lan"), English ones first.
 */
export function firstNameOf(name: string, givenName: string | null | undefined, locale: string): string {
  if (givenName && givenName.trim()) return givenName.trim();
  const parts = name.trim().split(/\s+/);
  return (locale === 'en' ? parts[0] : parts[parts.length - 1]) ?? '';
}
