import { z } from 'zod';
import { IdParams, Timestamp } from '../api/common.ts';
import { contract } from '../api/contract.ts';
import { isoDate, longText, text, uuid } from '../schema/fields.ts';
import { ACTION_KINDS, SCREENS } from './framework.ts';
import { INDICATOR_KEYS, UNAVAILABLE_REASONS } from './indicators.ts';

/**
 * The assessment API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use
 * these. Frameworks come back in the caller's language (their profile's, or `?lang=`); the outside respondent's
 * page (GET /a/{token}) is HTML and no contract, the scores it posts are one.
 */

export const ASSESSMENT_STATUSES = ['open', 'closed'] as const;
export const RESPONDENT_KINDS = ['member', 'outside'] as const;
/** What an answer's evidence may link to (the web opens the record). */
export const EVIDENCE_KINDS = ['contact', 'company', 'deal', 'ticket', 'order', 'segment', 'playbook', 'survey', 'note'] as const;

const Lang = z.object({ lang: z.enum(['vi', 'en']).optional() });
const Level = z.number().int().min(0).max(4);
const Localised = z.object({ vi: z.string(), en: z.string() });

export const ActionOut = z.object({
  kind: z.enum(ACTION_KINDS),
  text: z.string(),
  screen: z.enum(Object.keys(SCREENS) as [keyof typeof SCREENS]),
  path: z.string(),
});
export const PracticeOut = z.object({
  id: z.string(),
  text: z.string(),
  subComponent: z.string(),
  intention: z.string(),
  reality: z.string(),
  weight: z.number(),
  indicators: z.array(z.enum(INDICATOR_KEYS)),
  actions: z.array(ActionOut),
});
export const FrameworkOut = z
  .object({
    key: z.string(),
    version: z.number().int(),
    name: z.string(),
    description: z.string(),
    source: z.string(),
    /** A workspace's own copy (editable), and the shipped framework it was copied from. */
    custom: z.boolean(),
    baseKey: z.string().nullable(),
    areas: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        summary: z.string(),
        weight: z.number(),
        subComponents: z.array(z.object({ key: z.string(), name: z.string(), ownBreakdown: z.boolean() })),
        practices: z.array(PracticeOut),
      }),
    ),
    /** The two scales, level 0 to 4, in the caller's language. */
    scale: z.object({ intention: z.array(z.string()), reality: z.array(z.string()) }),
  })
  .meta({ id: 'AssessmentFramework' });
export type FrameworkView = z.output<typeof FrameworkOut>;

const FrameworkKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Must be a framework key');
export const FrameworkParams = z.object({ key: FrameworkKey });

export const FrameworkEditBody = z.strictObject({
  name: Localised.partial().optional(),
  areas: z
    .array(z.strictObject({ key: z.string().max(60), weight: z.number().positive().max(10) }))
    .max(40)
    .optional(),
  practices: z
    .array(
      z.strictObject({
        id: z.string().max(48),
        text: z.strictObject({ vi: text(600, 1).optional(), en: text(600, 1).optional() }).optional(),
        weight: z.number().positive().max(10).optional(),
        remove: z.literal(true).optional(),
      }),
    )
    .max(400)
    .optional(),
});

export const RespondentOut = z.object({
  id: z.string(),
  kind: z.enum(RESPONDENT_KINDS),
  memberId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  answered: z.number().int(),
  total: z.number().int(),
  submittedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  /** The personal link of an outside respondent: given once, when invited. */
  link: z.string().optional(),
  /** Whether the invitation was queued by email (only in the answer to an invitation). */
  emailed: z.boolean().optional(),
});
export type Respondent = z.output<typeof RespondentOut>;

export const AssessmentOut = z
  .object({
    id: z.string(),
    name: z.string(),
    framework: z.string(),
    frameworkName: z.string(),
    frameworkVersion: z.number().int(),
    status: z.enum(ASSESSMENT_STATUSES),
    teamId: z.string().nullable(),
    periodFrom: z.string(),
    periodTo: z.string(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    closedAt: Timestamp.nullable(),
    practices: z.number().int(),
    respondents: z.number().int(),
    submitted: z.number().int(),
    /** The caller as a respondent, when invited. */
    me: z.object({ respondentId: z.string(), answered: z.number().int(), submittedAt: Timestamp.nullable() }).nullable(),
    /** Whether the caller may see the answers and the report now (an invited respondent: only after submitting). */
    canSeeResults: z.boolean(),
    overall: z.number().nullable(),
  })
  .meta({ id: 'Assessment' });
export type Assessment = z.output<typeof AssessmentOut>;

export const AssessmentCreateBody = z.strictObject({
  framework: FrameworkKey,
  name: text(200, 1),
  teamId: uuid().nullable().optional(),
  periodFrom: isoDate().optional(),
  periodTo: isoDate().optional(),
});
export const AssessmentUpdateBody = z.strictObject({
  name: text(200, 1).optional(),
  periodFrom: isoDate().optional(),
  periodTo: isoDate().optional(),
  status: z.enum(ASSESSMENT_STATUSES).optional(),
});

export const InviteBody = z.strictObject({
  memberIds: z.array(uuid()).max(200).optional(),
  outside: z
    .array(z.strictObject({ name: text(200, 1), email: z.email().max(254).optional(), locale: z.enum(['vi', 'en']).optional() }))
    .max(50)
    .optional(),
  /** How long an outside person's link works. */
  expiresDays: z.number().int().min(1).max(90).optional(),
  /** Email each respondent who has an address their invitation (an outside person's link; a member's way in), through the workspace's mail. */
  sendEmail: z.boolean().optional(),
});

export const EvidenceLink = z.strictObject({ kind: z.enum(EVIDENCE_KINDS), id: uuid().optional(), note: text(500).optional() });
export const ScoreIn = z.strictObject({
  practiceId: z.string().min(1).max(48),
  intention: Level,
  reality: Level,
  comment: longText(2000).nullable().optional(),
  evidence: z.array(EvidenceLink).max(10).optional(),
});
export const ScoresBody = z.strictObject({
  scores: z.array(ScoreIn).max(500),
  /** Hand the answers in: from then on they are final and the caller may see the others'. Every practice must be scored. */
  submit: z.boolean().optional(),
});
export const ScoreOut = z.object({
  practiceId: z.string(),
  intention: z.number().int(),
  reality: z.number().int(),
  comment: z.string().nullable(),
  evidence: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), id: z.string().optional(), note: z.string().optional() })),
});
export const MyScoresOut = z.object({ scores: z.array(ScoreOut), answered: z.number().int(), total: z.number().int(), submittedAt: Timestamp.nullable() });

const SpreadOut = z.object({ mean: z.number(), min: z.number(), max: z.number(), sd: z.number() }).nullable();
export const ConsolidationOut = z.object({
  respondents: z.array(RespondentOut),
  practices: z.array(
    z.object({
      practiceId: z.string(),
      areaKey: z.string(),
      n: z.number().int(),
      intention: SpreadOut,
      reality: SpreadOut,
      disagreement: z.boolean(),
      final: z.object({ intention: z.number(), reality: z.number(), reason: z.string().nullable() }).nullable(),
      score: z.number().nullable(),
      answers: z.array(ScoreOut.extend({ respondentId: z.string(), respondent: z.string() })),
    }),
  ),
});
export const FinalBody = z.strictObject({
  scores: z
    .array(
      z.strictObject({
        practiceId: z.string().min(1).max(48),
        /** null clears the decision: the means are used again. */
        intention: Level.nullable(),
        reality: Level.nullable(),
        reason: longText(1000).nullable().optional(),
      }),
    )
    .max(500),
});

export const EvidenceOut = z.object({
  key: z.enum(INDICATOR_KEYS),
  name: z.string(),
  description: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  reason: z.enum(UNAVAILABLE_REASONS).nullable(),
  /** Why it has no value, in the caller's language. */
  reasonText: z.string().nullable(),
  n: z.number().int(),
  from: z.string(),
  to: z.string(),
  suggestedReality: z.number().int().nullable(),
  interval: z.object({ low: z.number(), high: z.number() }).nullable(),
  trend: z.array(z.object({ month: z.string(), value: z.number().nullable() })).nullable(),
  link: z.string(),
});
export type Evidence = z.output<typeof EvidenceOut>;

const BenchmarkOut = z.object({ source: z.enum(['seed', 'pool']), n: z.number().int(), cuts: z.array(z.number()) });
export const ReportOut = z
  .object({
    assessment: AssessmentOut,
    framework: z.object({ key: z.string(), name: z.string(), version: z.number().int() }),
    /** 0–100 from the consolidated scores; null while nothing is scored. */
    overall: z.number().nullable(),
    intention: z.number().nullable(),
    reality: z.number().nullable(),
    overallQuartile: z.number().int().nullable(),
    benchmark: BenchmarkOut,
    areas: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        score: z.number().nullable(),
        /** 1 (bottom quarter) … 4 (top quarter) against the benchmark; null while unscored. */
        quartile: z.number().int().nullable(),
        intention: z.number().nullable(),
        reality: z.number().nullable(),
        gap: z.number().nullable(),
        scored: z.number().int(),
        practices: z.number().int(),
        benchmark: BenchmarkOut,
        /** The same area in the previous assessment of this framework, for the radar and the deltas. */
        previous: z.number().nullable(),
        evidence: z.array(EvidenceOut),
      }),
    ),
    practices: z.array(
      z.object({
        id: z.string(),
        areaKey: z.string(),
        text: z.string(),
        n: z.number().int(),
        intention: z.number().nullable(),
        reality: z.number().nullable(),
        score: z.number().nullable(),
        gap: z.number().nullable(),
        disagreement: z.boolean(),
        decided: z.boolean(),
      }),
    ),
    /** Practices whose Reality is two or more levels above what their indicators suggest. */
    contradictions: z.array(
      z.object({
        practiceId: z.string(),
        areaKey: z.string(),
        text: z.string(),
        reality: z.number(),
        suggestedReality: z.number().int(),
        indicators: z.array(z.string()),
        respondents: z.number().int(),
      }),
    ),
    recommendations: z.array(
      z.object({
        practiceId: z.string(),
        areaKey: z.string(),
        text: z.string(),
        kind: z.enum(ACTION_KINDS),
        priority: z.number(),
        shortfall: z.number(),
        gap: z.number(),
        actions: z.array(ActionOut),
      }),
    ),
    previous: z.object({ id: z.string(), name: z.string(), overall: z.number().nullable(), at: Timestamp }).nullable(),
    evidenceAt: Timestamp.nullable(),
  })
  .meta({ id: 'AssessmentReport' });
export type Report = z.output<typeof ReportOut>;

export const HistoryOut = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(ASSESSMENT_STATUSES),
      at: Timestamp,
      overall: z.number().nullable(),
      delta: z.number().nullable(),
      areas: z.array(z.object({ key: z.string(), score: z.number().nullable(), delta: z.number().nullable() })),
    }),
  ),
});

export const SettingsOut = z.object({ shareBenchmark: z.boolean(), pooledWorkspaces: z.number().int() });

export const assessmentApi = {
  frameworks: contract({
    method: 'GET',
    path: '/assessment/frameworks',
    tags: ['assessment'],
    summary:
      'The frameworks an assessment can use — the shipped ones (qci, idic, care, gartner, payne_frow, buttle) and the workspace’s own copies — with areas and practices, in the caller’s language',
    query: Lang,
    status: 200,
    response: z.array(FrameworkOut),
  }),
  framework: contract({
    method: 'GET',
    path: '/assessment/frameworks/:key',
    tags: ['assessment'],
    summary: 'One framework',
    params: FrameworkParams,
    query: Lang,
    status: 200,
    response: FrameworkOut,
  }),
  copyFramework: contract({
    method: 'POST',
    path: '/assessment/frameworks/:key/copy',
    tags: ['assessment'],
    summary: 'Copy a framework into the workspace, to edit its practices and weights',
    params: FrameworkParams,
    body: z.strictObject({ name: Localised.partial().optional() }),
    status: 201,
    response: FrameworkOut,
  }),
  editFramework: contract({
    method: 'PATCH',
    path: '/assessment/frameworks/:key',
    tags: ['assessment'],
    summary:
      'Edit the workspace’s own copy: its name, area weights, practice texts and weights, practices removed (a new version; running assessments keep theirs)',
    params: FrameworkParams,
    query: Lang,
    body: FrameworkEditBody,
    status: 200,
    response: FrameworkOut,
  }),
  deleteFramework: contract({
    method: 'DELETE',
    path: '/assessment/frameworks/:key',
    tags: ['assessment'],
    summary: 'Delete the workspace’s own copy (assessments made with it keep their version)',
    params: FrameworkParams,
    status: 204,
    response: null,
  }),
  settings: contract({
    method: 'GET',
    path: '/assessment/settings',
    tags: ['assessment'],
    summary: 'Whether the workspace shares its anonymised scores with the installation’s benchmark pool, and how many workspaces do',
    status: 200,
    response: SettingsOut,
  }),
  updateSettings: contract({
    method: 'PUT',
    path: '/assessment/settings',
    tags: ['assessment'],
    summary: 'Opt in or out of the installation’s benchmark pool',
    body: z.strictObject({ shareBenchmark: z.boolean() }),
    status: 200,
    response: SettingsOut,
  }),
  list: contract({
    method: 'GET',
    path: '/assessments',
    tags: ['assessment'],
    summary: 'The workspace’s assessments, newest first (an agent sees those they are invited to)',
    query: Lang,
    status: 200,
    response: z.object({ data: z.array(AssessmentOut) }),
  }),
  history: contract({
    method: 'GET',
    path: '/assessments/history',
    tags: ['assessment'],
    summary: 'Overall and area scores of a framework’s assessments over time, oldest first, with the change from the one before',
    query: z.object({ framework: FrameworkKey }),
    status: 200,
    response: HistoryOut,
  }),
  create: contract({
    method: 'POST',
    path: '/assessments',
    tags: ['assessment'],
    summary: 'Start an assessment: a framework, the whole business or a team, the period it describes (default: the last twelve months)',
    body: AssessmentCreateBody,
    status: 201,
    response: AssessmentOut,
  }),
  get: contract({
    method: 'GET',
    path: '/assessments/:id',
    tags: ['assessment'],
    summary: 'One assessment',
    params: IdParams,
    query: Lang,
    status: 200,
    response: AssessmentOut,
  }),
  assessmentFramework: contract({
    method: 'GET',
    path: '/assessments/:id/framework',
    tags: ['assessment'],
    summary: 'The framework as this assessment uses it: the version it started with, whatever was edited since',
    params: IdParams,
    query: Lang,
    status: 200,
    response: FrameworkOut,
  }),
  update: contract({
    method: 'PATCH',
    path: '/assessments/:id',
    tags: ['assessment'],
    summary: 'Rename it, change its period, close it (its evidence and scores are kept as they are) or reopen it',
    params: IdParams,
    body: AssessmentUpdateBody,
    status: 200,
    response: AssessmentOut,
  }),
  remove: contract({
    method: 'DELETE',
    path: '/assessments/:id',
    tags: ['assessment'],
    summary: 'Delete an assessment and its answers',
    params: IdParams,
    status: 204,
    response: null,
  }),
  respondents: contract({
    method: 'GET',
    path: '/assessments/:id/respondents',
    tags: ['assessment'],
    summary: 'Who is invited and how far each has got',
    params: IdParams,
    status: 200,
    response: z.object({ data: z.array(RespondentOut) }),
  }),
  invite: contract({
    method: 'POST',
    path: '/assessments/:id/respondents',
    tags: ['assessment'],
    summary: 'Invite members, or outside people through a personal link that expires (shown once)',
    params: IdParams,
    body: InviteBody,
    status: 201,
    response: z.object({ data: z.array(RespondentOut) }),
  }),
  removeRespondent: contract({
    method: 'DELETE',
    path: '/assessments/:id/respondents/:respondentId',
    tags: ['assessment'],
    summary: 'Withdraw an invitation and its answers',
    params: z.object({ id: uuid(), respondentId: uuid() }),
    status: 204,
    response: null,
  }),
  myScores: contract({
    method: 'GET',
    path: '/assessments/:id/my-scores',
    tags: ['assessment'],
    summary: 'The caller’s own answers',
    params: IdParams,
    status: 200,
    response: MyScoresOut,
  }),
  putMyScores: contract({
    method: 'PUT',
    path: '/assessments/:id/my-scores',
    tags: ['assessment'],
    summary:
      'Save the caller’s scores (Intention and Reality, integers 0–4, a comment, evidence); saved again they replace the earlier ones; `submit` hands them in',
    params: IdParams,
    body: ScoresBody,
    status: 200,
    response: MyScoresOut,
  }),
  consolidation: contract({
    method: 'GET',
    path: '/assessments/:id/consolidation',
    tags: ['assessment'],
    summary: 'Every practice’s answers, mean and spread, disagreements and the final decisions (an invited respondent: after submitting)',
    params: IdParams,
    status: 200,
    response: ConsolidationOut,
  }),
  putFinal: contract({
    method: 'PUT',
    path: '/assessments/:id/final',
    tags: ['assessment'],
    summary: 'The assessor’s final scores of practices, each with a reason (null clears one)',
    params: IdParams,
    body: FinalBody,
    status: 200,
    response: ConsolidationOut,
  }),
  evidence: contract({
    method: 'POST',
    path: '/assessments/:id/evidence',
    tags: ['assessment'],
    summary: 'Compute the live evidence again from the CRM’s data (a closed assessment keeps what it had)',
    params: IdParams,
    query: Lang,
    status: 200,
    response: z.object({ data: z.array(EvidenceOut), at: Timestamp }),
  }),
  report: contract({
    method: 'GET',
    path: '/assessments/:id/report',
    tags: ['assessment'],
    summary: 'The report: overall and area scores, quartiles against the benchmark, gaps, evidence, contradictions and ranked recommendations',
    params: IdParams,
    query: Lang,
    status: 200,
    response: ReportOut,
  }),
  publicScores: contract({
    method: 'POST',
    path: '/public/assessments/:token/scores',
    tags: ['assessment'],
    summary: 'An outside respondent saves (and with `submit`, hands in) their scores from the personal link',
    params: z.object({ token: z.string().min(10).max(200) }),
    body: ScoresBody,
    status: 200,
    response: z.object({ answered: z.number().int(), total: z.number().int(), submittedAt: Timestamp.nullable() }),
  }),
};
