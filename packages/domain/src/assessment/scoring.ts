import { practicesOf, type ActionKind, type Framework, type RecommendedAction } from './framework.ts';

/**
 * The assessment's arithmetic, pure so a reader can check it by hand (docs/assessment.md has worked examples):
 * - a practice's score is (Intention + Reality) / 8, as a percentage: I = R = 4 gives 100, I = 4 and R = 0 gives 50;
 * - consolidation: each practice's mean, lowest, highest and spread over the respondents who submitted; two
 *   respondents two or more levels apart on either scale is a disagreement; the assessor's final score (with a
 *   reason) replaces the means where given;
 * - an area's score is the weighted mean of its scored practices (practice weights); the overall score is the
 *   weighted mean of the scored areas (area weights); nothing scored gives null, never 0;
 * - the gap is Intention − Reality in levels (positive: planned more than done);
 * - recommendations rank the practices that fall short by weight × shortfall, then by gap.
 */

export type Score = { readonly practiceId: string; readonly intention: number; readonly reality: number };

/** A practice's score in percent from its two levels (means allowed). */
export const practicePercent = (intention: number, reality: number): number => ((intention + reality) / 8) * 100;

/** Two answers this many levels apart (on Intention or on Reality) are a disagreement the assessor should look at. */
export const DISAGREEMENT_LEVELS = 2;

export type Spread = { readonly mean: number; readonly min: number; readonly max: number; readonly sd: number };

export type ConsolidatedPractice = {
  readonly practiceId: string;
  /** Respondents who scored it. */
  readonly n: number;
  readonly intention: Spread | null;
  readonly reality: Spread | null;
  readonly disagreement: boolean;
  /** The assessor's decision, where one was made. */
  readonly final: { readonly intention: number; readonly reality: number; readonly reason: string | null } | null;
  /** What the report uses: the final decision, else the means; null when nobody scored it. */
  readonly used: { readonly intention: number; readonly reality: number } | null;
  /** 0–100, null when not scored. */
  readonly score: number | null;
  /** Intention − Reality of `used`, in levels. */
  readonly gap: number | null;
};

function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { mean, min: Math.min(...values), max: Math.max(...values), sd };
}

/**
 * Consolidate the submitted answers of every respondent (one array per respondent) and the assessor's final
 * decisions, practice by practice, in the framework's order. Answers to practices the framework lacks are ignored.
 */
export function consolidate(
  framework: Framework,
  respondents: readonly (readonly Score[])[],
  finals: ReadonlyMap<string, { intention: number; reality: number; reason: string | null }> = new Map(),
): ConsolidatedPractice[] {
  const byPractice = new Map<string, { i: number[]; r: number[] }>();
  for (const answers of respondents)
    for (const a of answers) {
      const e = byPractice.get(a.practiceId) ?? { i: [], r: [] };
      e.i.push(a.intention);
      e.r.push(a.reality);
      byPractice.set(a.practiceId, e);
    }
  return practicesOf(framework).map(({ practice }) => {
    const e = byPractice.get(practice.id) ?? { i: [], r: [] };
    const intention = spread(e.i);
    const reality = spread(e.r);
    const disagreement =
      (intention !== null && intention.max - intention.min >= DISAGREEMENT_LEVELS) || (reality !== null && reality.max - reality.min >= DISAGREEMENT_LEVELS);
    const final = finals.get(practice.id) ?? null;
    const used = final
      ? { intention: final.intention, reality: final.reality }
      : intention && reality
        ? { intention: intention.mean, reality: reality.mean }
        : null;
    return {
      practiceId: practice.id,
      n: e.i.length,
      intention,
      reality,
      disagreement,
      final,
      used,
      score: used ? practicePercent(used.intention, used.reality) : null,
      gap: used ? used.intention - used.reality : null,
    };
  });
}

export type AreaScore = {
  readonly key: string;
  /** 0–100, null when none of its practices is scored. */
  readonly score: number | null;
  /** Intention and Reality alone, as percentages of 4 (weighted like the score). */
  readonly intention: number | null;
  readonly reality: number | null;
  /** Weighted mean gap, in levels. */
  readonly gap: number | null;
  readonly scored: number;
  readonly practices: number;
};

const weightedMean = (items: readonly { value: number; weight: number }[]): number | null => {
  const w = items.reduce((a, x) => a + x.weight, 0);
  return w > 0 ? items.reduce((a, x) => a + x.value * x.weight, 0) / w : null;
};

/** Each area's weighted scores, in the framework's order. */
export function areaScores(framework: Framework, consolidated: readonly ConsolidatedPractice[]): AreaScore[] {
  const byId = new Map(consolidated.map((c) => [c.practiceId, c]));
  return framework.areas.map((area) => {
    const practices = area.subComponents.flatMap((s) => s.practices);
    const scored = practices.flatMap((p) => {
      const c = byId.get(p.id);
      return c?.used ? [{ p, used: c.used }] : [];
    });
    const mean = (f: (u: { intention: number; reality: number }) => number) => weightedMean(scored.map((x) => ({ value: f(x.used), weight: x.p.weight })));
    return {
      key: area.key,
      score: mean((u) => practicePercent(u.intention, u.reality)),
      intention: mean((u) => (u.intention / 4) * 100),
      reality: mean((u) => (u.reality / 4) * 100),
      gap: mean((u) => u.intention - u.reality),
      scored: scored.length,
      practices: practices.length,
    };
  });
}

/**
 * The overall score: the weighted mean of the scored areas (area weights); null when no area is scored. `of` picks
 * another of the area's figures to average the same way (its Intention or Reality alone).
 */
export function overallScore(framework: Framework, areas: readonly AreaScore[], of: (a: AreaScore) => number | null = (a) => a.score): number | null {
  const weight = new Map(framework.areas.map((a) => [a.key, a.weight]));
  return weightedMean(
    areas.flatMap((a) => {
      const v = of(a);
      return v === null ? [] : [{ value: v, weight: weight.get(a.key) ?? 1 }];
    }),
  );
}

export type Recommendation = {
  readonly practiceId: string;
  readonly areaKey: string;
  readonly kind: ActionKind;
  /** weight × shortfall: practice weight × area weight × (1 − score/100). */
  readonly priority: number;
  readonly shortfall: number;
  readonly gap: number;
  readonly actions: readonly RecommendedAction[];
};

/**
 * What to do first. Every scored practice below 100% is a candidate. It is a **quick win** when the business
 * already means it (Intention ≥ 3) and does less than it means (gap ≥ 1): the plan exists, the doing lags, and
 * Kith has a screen that does it. Otherwise it is **strategic**: the intention itself is missing or weak, so a
 * decision comes first. Within each kind, by priority (weight × shortfall), then by gap, then in the framework's
 * order. Each carries the practice's actions of its kind first.
 */
export function recommendations(framework: Framework, consolidated: readonly ConsolidatedPractice[]): Recommendation[] {
  const byId = new Map(consolidated.map((c) => [c.practiceId, c]));
  const out: (Recommendation & { order: number })[] = [];
  practicesOf(framework).forEach(({ practice, area }, order) => {
    const c = byId.get(practice.id);
    if (!c?.used || c.score === null || c.score >= 100) return;
    const gap = c.used.intention - c.used.reality;
    const kind: ActionKind = c.used.intention >= 3 && gap >= 1 ? 'quick_win' : 'strategic';
    const shortfall = 1 - c.score / 100;
    const actions = [...practice.actions.filter((a) => a.kind === kind), ...practice.actions.filter((a) => a.kind !== kind)];
    out.push({ practiceId: practice.id, areaKey: area.key, kind, priority: practice.weight * area.weight * shortfall, shortfall, gap, actions, order });
  });
  const EPS = 1e-9;
  out.sort((a, b) =>
    a.kind !== b.kind
      ? a.kind === 'quick_win'
        ? -1
        : 1
      : Math.abs(b.priority - a.priority) > EPS
        ? b.priority - a.priority
        : b.gap !== a.gap
          ? b.gap - a.gap
          : a.order - b.order,
  );
  return out.map(({ order: _, ...r }) => r);
}

/**
 * Where the data disagrees with the answers: a practice whose Reality (as used) is two or more levels above what
 * its indicators suggest (the lowest suggestion of the indicators that have a value). `suggested` maps an
 * indicator key to its suggested level (null: no value).
 */
export const CONTRADICTION_LEVELS = 2;
export function contradiction(
  reality: number,
  indicatorKeys: readonly string[],
  suggested: ReadonlyMap<string, number | null>,
): { suggested: number; indicators: string[] } | null {
  const withValue = indicatorKeys.flatMap((k) => {
    const s = suggested.get(k);
    return s === null || s === undefined ? [] : [{ k, s }];
  });
  if (withValue.length === 0) return null;
  const lowest = Math.min(...withValue.map((x) => x.s));
  if (reality - lowest < CONTRADICTION_LEVELS) return null;
  return { suggested: lowest, indicators: withValue.filter((x) => x.s === lowest).map((x) => x.k) };
}
