/**
 * What the care-playbook screens share, apart from how they look: the playbook and a customer's runs as the
 * API sends them, the editor's draft and the body it becomes. A draft step keeps the id of the step it was
 * made from, so a save never loses it (customers already on the playbook find their pending steps by it).
 */
import type { BodyOf } from '@kith/domain/api/contract.ts';
import type { Playbook, PlaybookRun, playbookApi } from '@kith/domain/playbooks/playbook.api.ts';
import { firstNameOf, type PlaybookAction, type PlaybookStatus, type RunStatus, type StepStatus } from '@kith/domain/playbooks/playbook.schema.ts';

export { MAX_DELAY_DAYS, MAX_STEPS, PLAYBOOK_ACTIONS, PLAYBOOK_STATUSES, TEMPLATE_VARIABLES } from '@kith/domain/playbooks/playbook.schema.ts';
export type { PlaybookAction, PlaybookStatus, RunStatus, StepStatus };

export type { Playbook, PlaybookRun } from '@kith/domain/playbooks/playbook.api.ts';
export type Audience = Playbook['audience'];
export type PlaybookStep = Playbook['steps'][number];
export type RunStep = PlaybookRun['steps'][number];
type LifecycleStage = Extract<Audience, { kind: 'lifecycle' }>['stages'][number];

// ---------------------------------------------------------------------------------------------------
// The editor's draft: numbers as typed (strings), every step with a local key and, once saved, its id.

export type DraftStep = {
  key: number;
  id?: string;
  delayDays: string;
  action: PlaybookAction;
  title: string;
  body: string;
  dueInDays: string;
  surveyId: string;
};
export type PlaybookDraft = {
  name: string;
  description: string;
  audienceKind: 'lifecycle' | 'segment';
  stages: LifecycleStage[];
  segmentId: string;
  status: PlaybookStatus;
  autoEnroll: boolean;
  steps: DraftStep[];
};

let nextKey = 1;
export function newStep(action: PlaybookAction = 'task', delayDays = 0): DraftStep {
  return { key: nextKey++, delayDays: String(delayDays), action, title: '', body: '', dueInDays: action === 'task' ? '1' : '', surveyId: '' };
}

export function emptyDraft(): PlaybookDraft {
  return {
    name: '',
    description: '',
    audienceKind: 'lifecycle',
    stages: ['new_customer'],
    segmentId: '',
    status: 'active',
    autoEnroll: false,
    steps: [newStep('email', 0)],
  };
}

export function draftOf(p: Playbook): PlaybookDraft {
  return {
    name: p.name,
    description: p.description ?? '',
    audienceKind: p.audience.kind,
    stages: p.audience.kind === 'lifecycle' ? [...p.audience.stages] : [],
    segmentId: p.audience.kind === 'segment' ? p.audience.segmentId : '',
    status: p.status,
    autoEnroll: p.autoEnroll,
    steps: p.steps.map((s) => ({
      key: nextKey++,
      id: s.id,
      delayDays: String(s.delayDays),
      action: s.action,
      title: s.title,
      body: s.body ?? '',
      dueInDays: s.dueInDays === null ? '' : String(s.dueInDays),
      surveyId: s.surveyId ?? '',
    })),
  };
}

/**
 * A number as typed: blank or not a number stays as it is for the server to name (it answers with the field).
 * Typed as the number the contract asks for, which it is whenever the body is valid.
 */
const num = (s: string): number => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : (s as unknown as number));

/** Change a step's action, dropping what the new action does not take and giving a task its default due-in. */
export function reaction(s: DraftStep, action: PlaybookAction): DraftStep {
  return { ...s, action, dueInDays: action === 'task' ? s.dueInDays || '1' : '', surveyId: action === 'survey' ? s.surveyId : '' };
}

/** The body of POST /playbooks or PATCH /playbooks/{id}: every step keeps its id when it has one. */
export function playbookBody(d: PlaybookDraft): BodyOf<typeof playbookApi.create> {
  return {
    name: d.name.trim(),
    description: d.description.trim() === '' ? null : d.description.trim(),
    audience: d.audienceKind === 'segment' ? { kind: 'segment' as const, segmentId: d.segmentId } : { kind: 'lifecycle' as const, stages: d.stages },
    status: d.status,
    autoEnroll: d.autoEnroll,
    steps: d.steps.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      delayDays: num(s.delayDays),
      action: s.action,
      title: s.title,
      body: s.body.trim() === '' ? null : s.body,
      ...(s.action === 'task' && s.dueInDays.trim() !== '' ? { dueInDays: num(s.dueInDays) } : {}),
      ...(s.action === 'survey' ? { surveyId: s.surveyId } : {}),
    })),
  };
}

/** Steps in the order they happen: by day, ties kept in the playbook's order. */
export function byDay<T extends { delayDays: number | string }>(steps: readonly T[]): T[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Number(a.s.delayDays) - Number(b.s.delayDays) || a.i - b.i)
    .map((x) => x.s);
}

/** The day of a run's step: days from the run's start to its due time (whole days; the schedule is start + delay). */
export function dayOf(startedAt: string, dueAt: string): number {
  return Math.max(0, Math.round((Date.parse(dueAt) - Date.parse(startedAt)) / 86_400_000));
}

export type TemplateValues = {
  contact: { name: string; givenName: string | null };
  owner: { name: string; email: string } | null;
  workspace: { name: string };
  locale: string;
};

/**
 * A step's title as this customer reads it: the variables filled in as the server fills them (the greeting name
 * from the given name, else the Vietnamese last word or the English first; the workspace's name for a missing
 * owner). An unknown variable stays as written.
 */
export function renderTitle(template: string, v: TemplateValues): string {
  const values: Record<string, string> = {
    'contact.name': v.contact.name,
    'contact.firstName': firstNameOf(v.contact.name, v.contact.givenName, v.locale),
    'owner.name': v.owner?.name ?? v.workspace.name,
    'owner.email': v.owner?.email ?? '',
    'workspace.name': v.workspace.name,
  };
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, k: string) => values[k] ?? m);
}
