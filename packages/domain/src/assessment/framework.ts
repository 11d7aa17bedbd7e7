import type { IndicatorKey } from './indicators.ts';

/**
 * An assessment framework as data: areas → sub-components → practices. A practice is one piece of good customer
 * management that a business is scored on, twice: **Intention** (is it planned, communicated and bought into?) and
 * **Reality** (is it done, fully and everywhere?), each 0–4 on the scale below. The frameworks Kith ships live in
 * `frameworks/` (one file each, listed in `frameworks.ts`); a workspace can copy one and edit practices and weights
 * (the copy is stored, the shipped one never changes under a running assessment: an assessment keeps the version it
 * started with). Every text is Kith's own wording, in Vietnamese and English.
 */

export type Localised = { readonly vi: string; readonly en: string };

/** The screens of the web app a recommended action can open: the one list, so a link cannot point nowhere. */
export const SCREENS = {
  contacts: '/contacts',
  companies: '/companies',
  orders: '/orders',
  products: '/products',
  tasks: '/tasks',
  deals: '/deals',
  imports: '/imports',
  duplicates: '/duplicates',
  analytics_rfm: '/analytics',
  analytics_value: '/analytics?tab=value',
  analytics_customers: '/analytics?tab=customers',
  segments: '/segments',
  playbooks: '/playbooks',
  surveys: '/surveys',
  survey_results: '/surveys/results',
  care_reports: '/surveys/reports',
  tickets: '/tickets',
  assessments: '/assessments',
  settings_fields: '/settings/fields',
  settings_members: '/settings/members',
  settings_teams: '/settings/teams',
  settings_roles: '/settings/roles',
  settings_pipelines: '/settings/pipelines',
  settings_care: '/settings/care',
  settings_loyalty: '/settings/loyalty',
  settings_mail: '/settings/mail',
  settings_tokens: '/settings/tokens',
  analytics_settings: '/analytics?tab=settings',
} as const;
export type ScreenKey = keyof typeof SCREENS;

export const ACTION_KINDS = ['quick_win', 'strategic'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** What to do about a practice that falls short, and the screen of Kith that does it. */
export type RecommendedAction = { readonly kind: ActionKind; readonly text: Localised; readonly screen: ScreenKey };

export type Practice = {
  /** Stable within its framework: lowercase letters, digits, `.`, `_` or `-`, at most 48 characters. */
  readonly id: string;
  /** The practice, as a statement a respondent scores ("Customers are segmented by value and needs…"). */
  readonly text: Localised;
  /** What Intention 4 looks like for this practice (levels 1–3 are the scale's steps towards it). */
  readonly intention: Localised;
  /** What Reality 4 looks like: the evidence of full implementation and adoption. */
  readonly reality: Localised;
  /** Its weight in its area (1 = ordinary; 2 = carries twice as much). */
  readonly weight: number;
  /** The live indicators (indicators.ts) that bear on its Reality; empty when the CRM's data cannot tell. */
  readonly indicators: readonly IndicatorKey[];
  readonly actions: readonly RecommendedAction[];
};

export type SubComponent = {
  readonly key: string;
  readonly name: Localised;
  /** True when the sub-component's list is Kith's own (the model's published text does not break the area down). */
  readonly ownBreakdown?: boolean;
  readonly practices: readonly Practice[];
};

export type Area = {
  readonly key: string;
  readonly name: Localised;
  /** One or two sentences: what the area is about. */
  readonly summary: Localised;
  /** Its weight in the overall score (1 = ordinary). */
  readonly weight: number;
  readonly subComponents: readonly SubComponent[];
};

export type Framework = {
  readonly key: string;
  /** Bumped whenever a practice, a weight or a text changes; an assessment keeps the version it started with. */
  readonly version: number;
  readonly name: Localised;
  readonly description: Localised;
  /** Where the model comes from, and what in this framework is Kith's own. */
  readonly source: Localised;
  readonly areas: readonly Area[];
};

/** Every practice of a framework, in order, with its area and sub-component. */
export function practicesOf(f: Framework): { practice: Practice; area: Area; sub: SubComponent }[] {
  return f.areas.flatMap((area) => area.subComponents.flatMap((sub) => sub.practices.map((practice) => ({ practice, area, sub }))));
}

export const LEVELS = [0, 1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

/**
 * The two scales every practice is scored on. A level is read with the practice's own "what 4 looks like"
 * (`Practice.intention`, `Practice.reality`): 4 is that description in full; 0 is nothing of it.
 */
export const SCALE: { readonly intention: readonly Localised[]; readonly reality: readonly Localised[] } = {
  intention: [
    { vi: 'Chưa có ý định: chưa ai nghĩ tới hoặc đã gác lại', en: 'No intention: nobody has planned it, or it was dropped' },
    { vi: 'Có người muốn làm, nhưng chưa thành kế hoạch', en: 'Some people want it, but there is no plan' },
    { vi: 'Có kế hoạch, nhưng chưa được truyền đạt hay đồng thuận rộng', en: 'There is a plan, not yet communicated or agreed widely' },
    {
      vi: 'Kế hoạch rõ ràng, đã truyền đạt; phần lớn người liên quan đồng thuận',
      en: 'A clear plan, communicated; most of the people concerned are behind it',
    },
    {
      vi: 'Kế hoạch rõ ràng, được lãnh đạo cam kết và mọi người liên quan đồng thuận',
      en: 'A clear plan, committed to by the leadership and bought into by everyone concerned',
    },
  ],
  reality: [
    { vi: 'Không có bằng chứng nào là đang làm', en: 'No evidence that it is done' },
    { vi: 'Làm lẻ tẻ, tùy người', en: 'Done here and there, depending on who is involved' },
    { vi: 'Làm ở một phần doanh nghiệp hoặc một phần thời gian', en: 'Done in part of the business, or part of the time' },
    { vi: 'Làm ở hầu hết các nơi, có bằng chứng rõ ràng', en: 'Done almost everywhere, with clear evidence' },
    { vi: 'Làm đầy đủ, mọi nơi, đều đặn, có số liệu chứng minh', en: 'Done fully, everywhere, routinely, and the figures show it' },
  ],
};

/** A framework's structural rules (ids unique and well-formed, weights positive, texts in both languages). Empty when sound. */
export function frameworkProblems(f: Framework): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  const texts = (where: string, l: Localised) => {
    if (!l.vi.trim() || !l.en.trim()) out.push(`${where}: a text is missing in vi or en`);
  };
  texts(`${f.key}.name`, f.name);
  if (!/^[a-z][a-z0-9_]*$/.test(f.key)) out.push(`${f.key}: the key must be lowercase letters, digits and _`);
  const areaKeys = new Set<string>();
  for (const a of f.areas) {
    if (areaKeys.has(a.key)) out.push(`${f.key}.${a.key}: two areas have this key`);
    areaKeys.add(a.key);
    texts(`${a.key}.name`, a.name);
    texts(`${a.key}.summary`, a.summary);
    if (!(a.weight > 0)) out.push(`${a.key}: the weight must be positive`);
    if (a.subComponents.length === 0) out.push(`${a.key}: an area needs at least one sub-component`);
    for (const s of a.subComponents) {
      texts(`${a.key}.${s.key}.name`, s.name);
      if (s.practices.length === 0) out.push(`${a.key}.${s.key}: a sub-component needs at least one practice`);
      for (const p of s.practices) {
        if (!/^[a-z0-9][a-z0-9._-]{0,47}$/.test(p.id)) out.push(`${p.id}: a practice id must be lowercase letters, digits, ., _ or -, at most 48`);
        if (ids.has(p.id)) out.push(`${p.id}: two practices have this id`);
        ids.add(p.id);
        texts(`${p.id}.text`, p.text);
        texts(`${p.id}.intention`, p.intention);
        texts(`${p.id}.reality`, p.reality);
        if (!(p.weight > 0)) out.push(`${p.id}: the weight must be positive`);
        for (const [i, act] of p.actions.entries()) texts(`${p.id}.actions[${i}]`, act.text);
      }
    }
  }
  return out;
}
