/**
 * What the survey screens share, apart from how they look: the survey and its results as the API sends
 * them, the builder's draft and the body it becomes, and the small sums the dashboard shows (NPS bands,
 * response rate, shares as percentages).
 */
import type { Priority as TicketPriority } from '@kith/domain/tickets/tickets.ts';

export const QUESTION_TYPES = ['nps', 'csat', 'ces', 'rating', 'single', 'multiple', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SURVEY_STATUSES = ['active', 'paused', 'archived'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const TRIGGER_KINDS = ['manual', 'ticket_resolved', 'order_delivered'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export const BREAKDOWNS = ['team', 'agent', 'category', 'segment', 'survey', 'product'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The scale of each scored question type: what the public page offers. */
export const SCALE_RANGE: Partial<Record<QuestionType, { min: number; max: number }>> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  rating: { min: 1, max: 5 },
};
export const isChoice = (t: QuestionType) => t === 'single' || t === 'multiple';

export type Wording = { vi?: string; en?: string };
export type SurveyQuestion = { id: string; position: number; type: QuestionType; text: Wording; options: Wording[] | null; required: boolean };
export type SurveyTrigger = { kind: TriggerKind; delayMinutes?: number; delayDays?: number };
export type FollowUp = { enabled: boolean; npsMax: number; csatMax: number; priority: TicketPriority };
export type Survey = {
  id: string;
  name: string;
  title: Wording;
  intro: Wording;
  status: SurveyStatus;
  trigger: SurveyTrigger;
  followUp: FollowUp;
  expiresDays: number;
  questions: SurveyQuestion[];
  createdAt: string;
  updatedAt: string;
  version: number;
  stats: { invited: number; responded: number };
};
export type Invitation = { id: string; url: string; token: string; expiresAt: string; mailId: string | null };
export type BulkInvitation = { invited: number; skipped: number; invitations: { contactId: string; url: string | null; token: string | null }[] };

type Interval = { low: number; high: number } | null;
type Bucket<T> = { key: string; firstDay: string; lastDay: string; summary: T };
type Score = {
  n: number;
  mean: number | null;
  sd: number | null;
  meanInterval: Interval;
  favourable: number;
  favourableShare: number | null;
  favourableInterval: Interval;
  confidence: number;
  distribution: number[];
};
export type SurveyResults = {
  nps: {
    n: number;
    promoters: number;
    passives: number;
    detractors: number;
    promoterShare: number | null;
    passiveShare: number | null;
    detractorShare: number | null;
    nps: number | null;
    interval: Interval;
    confidence: number;
    distribution: number[];
    trend: Bucket<{ n: number; nps: number | null; low: number | null; high: number | null }>[];
  };
  csat: Score & { trend: Bucket<{ n: number; mean: number | null; satisfied: number | null }>[] };
  ces: Score;
  groups: { key: string | null; nps: number | null; npsN: number; npsInterval: Interval; csat: number | null; csatN: number }[];
  responses: number;
  invited: number;
};
export type TextAnswer = { id: string; surveyId: string; contactId: string; contactName: string | null; text: string; answeredAt: string };

/** A text in the language asked for, else the other one. */
export function wordingIn(w: Wording | null | undefined, lang: string): string {
  return (lang === 'en' ? (w?.en ?? w?.vi) : (w?.vi ?? w?.en)) ?? '';
}

/** Reichheld's bands: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export type NpsBand = 'promoter' | 'passive' | 'detractor';
export function npsBand(score: number): NpsBand {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** Answers over invitations, null when nobody was invited (a rate of nothing is not 0%). */
export function responseRate(responses: number, invited: number): number | null {
  return invited > 0 ? Math.min(1, responses / invited) : null;
}

/** A share (0..1) as a percentage with at most one decimal: 0.4567 → 45.7. */
export const percent = (share: number) => Math.round(share * 1000) / 10;

// ---------------------------------------------------------------------------------------------------
// The builder's draft

export type DraftOption = { vi: string; en: string };
export type DraftQuestion = { key: number; id?: string; type: QuestionType; vi: string; en: string; options: DraftOption[]; required: boolean };
export type SurveyDraft = {
  name: string;
  title: DraftOption;
  intro: DraftOption;
  status: SurveyStatus;
  questions: DraftQuestion[];
  trigger: TriggerKind;
  delayMinutes: string;
  delayDays: string;
  followUp: { enabled: boolean; npsMax: number; csatMax: number; priority: TicketPriority };
  expiresDays: string;
};

let nextKey = 1;
export const draftKey = () => nextKey++;

/** A new question of a type: choices start with two empty options; free text is optional, the rest required. */
export function newQuestion(type: QuestionType, text: DraftOption = { vi: '', en: '' }): DraftQuestion {
  return {
    key: draftKey(),
    type,
    vi: text.vi,
    en: text.en,
    options: isChoice(type)
      ? [
          { vi: '', en: '' },
          { vi: '', en: '' },
        ]
      : [],
    required: type !== 'text',
  };
}

/** The question's type changed: options appear for a choice and go for anything else; text turns optional. */
export function retype(q: DraftQuestion, type: QuestionType): DraftQuestion {
  const options = isChoice(type)
    ? q.options.length >= 2
      ? q.options
      : [...q.options, ...Array.from({ length: 2 - q.options.length }, () => ({ vi: '', en: '' }))]
    : [];
  return { ...q, type, options, required: type === 'text' ? false : q.type === 'text' ? true : q.required };
}

export function emptyDraft(questions: DraftQuestion[] = []): SurveyDraft {
  return {
    name: '',
    title: { vi: '', en: '' },
    intro: { vi: '', en: '' },
    status: 'active',
    questions,
    trigger: 'manual',
    delayMinutes: '60',
    delayDays: '3',
    followUp: { enabled: true, npsMax: 6, csatMax: 2, priority: 'high' },
    expiresDays: '30',
  };
}

export function draftOf(s: Survey): SurveyDraft {
  const two = (w: Wording): DraftOption => ({ vi: w.vi ?? '', en: w.en ?? '' });
  return {
    name: s.name,
    title: two(s.title),
    intro: two(s.intro),
    status: s.status,
    questions: s.questions.map((q) => ({
      key: draftKey(),
      id: q.id,
      type: q.type,
      vi: q.text.vi ?? '',
      en: q.text.en ?? '',
      options: (q.options ?? []).map(two),
      required: q.required,
    })),
    trigger: s.trigger.kind,
    delayMinutes: String(s.trigger.delayMinutes ?? 60),
    delayDays: String(s.trigger.delayDays ?? 3),
    followUp: { ...s.followUp },
    expiresDays: String(s.expiresDays),
  };
}

/** Vietnamese and/or English, trimmed; a side left blank is left out (the server falls back to the other). */
function wording(w: DraftOption): Wording {
  const out: Wording = {};
  if (w.vi.trim()) out.vi = w.vi.trim();
  if (w.en.trim()) out.en = w.en.trim();
  return out;
}

const whole = (s: string) => {
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(n) ? n : Number.NaN;
};

/**
 * The body of POST /surveys (or PATCH): what the builder shows, in the API's shape. A blank title or intro is
 * left out; numbers typed as text are sent as numbers (the server says which are out of range). `withQuestions`
 * false leaves the questions out, for a survey whose answers pin them.
 */
export function surveyBody(d: SurveyDraft, withQuestions = true): Record<string, unknown> {
  const title = wording(d.title);
  const intro = wording(d.intro);
  const trigger =
    d.trigger === 'ticket_resolved'
      ? { kind: d.trigger, delayMinutes: whole(d.delayMinutes) }
      : d.trigger === 'order_delivered'
        ? { kind: d.trigger, delayDays: whole(d.delayDays) }
        : { kind: 'manual' };
  return {
    name: d.name.trim(),
    ...(title.vi || title.en ? { title } : {}),
    ...(intro.vi || intro.en ? { intro } : {}),
    status: d.status,
    trigger,
    followUp: { ...d.followUp },
    expiresDays: whole(d.expiresDays),
    ...(withQuestions
      ? {
          questions: d.questions.map((q) => ({
            type: q.type,
            text: wording(q),
            ...(isChoice(q.type) ? { options: q.options.map(wording) } : {}),
            required: q.required,
          })),
        }
      : {}),
  };
}

/** Move an item of a list one place up (-1) or down (+1); out of range leaves it where it is. */
export function moved<T>(list: readonly T[], i: number, dir: -1 | 1): T[] {
  const j = i + dir;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
