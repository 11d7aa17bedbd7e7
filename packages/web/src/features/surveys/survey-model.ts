/**
 * What the survey screens share, apart from how they look: the survey and its results as the API sends
 * them, the builder's draft and the body it becomes, and the small sums the dashboard shows (NPS bands,
 * response rate, shares as percentages).
 */
import type { BodyOf, QueryOf, ResponseOf } from '@kith/domain/api/contract.ts';
import type { Survey, surveyApi } from '@kith/domain/surveys/survey.api.ts';
import type { QUESTION_TYPES, SURVEY_STATUSES, TRIGGERS } from '@kith/domain/surveys/survey.schema.ts';

export { QUESTION_TYPES, SURVEY_STATUSES, TRIGGERS as TRIGGER_KINDS } from '@kith/domain/surveys/survey.schema.ts';
export type { Survey, SurveyResults, TextAnswer } from '@kith/domain/surveys/survey.api.ts';

export type QuestionType = (typeof QUESTION_TYPES)[number];
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export type TriggerKind = (typeof TRIGGERS)[number];
/** The breakdowns the results page offers (the API also takes 'none'). */
export type Breakdown = Exclude<NonNullable<QueryOf<typeof surveyApi.results>['by']>, 'none'>;
export const BREAKDOWNS = ['team', 'agent', 'category', 'segment', 'survey', 'product'] as const satisfies readonly Breakdown[];

/** The scale of each scored question type: what the public page offers. */
export const SCALE_RANGE: Partial<Record<QuestionType, { min: number; max: number }>> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  rating: { min: 1, max: 5 },
};
export const isChoice = (t: QuestionType) => t === 'single' || t === 'multiple';

export type Wording = Survey['title'];
export type FollowUp = Survey['followUp'];
export type Invitation = ResponseOf<typeof surveyApi.invite>;
export type BulkInvitation = ResponseOf<typeof surveyApi.inviteMany>;

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
  followUp: FollowUp;
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
export function surveyBody(d: SurveyDraft): BodyOf<typeof surveyApi.create>;
export function surveyBody(d: SurveyDraft, withQuestions: boolean): BodyOf<typeof surveyApi.update>;
export function surveyBody(d: SurveyDraft, withQuestions = true): BodyOf<typeof surveyApi.update> {
  const title = wording(d.title);
  const intro = wording(d.intro);
  const trigger =
    d.trigger === 'ticket_resolved'
      ? { kind: d.trigger, delayMinutes: whole(d.delayMinutes) }
      : d.trigger === 'order_delivered'
        ? { kind: d.trigger, delayDays: whole(d.delayDays) }
        : { kind: 'manual' as const };
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
