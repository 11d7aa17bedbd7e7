/**
 * Survey results: the scales of the usual customer-care questions, the checks an answer must pass, and the
 * summaries the survey pages show (NPS, CSAT, CES), alone or as a trend over calendar weeks or months.
 *
 * Every figure comes with an interval at a chosen confidence, because survey samples are small: an NPS of
 * 20 from ten answers and one from a thousand are different news. The intervals are the textbook ones a
 * reader can recompute by hand:
 * - NPS, the difference of two shares of one sample (promoters less detractors), gets a normal (Wald)
 *   interval from the variance of that difference under the multinomial;
 * - a share (satisfied, low effort) gets a Wilson score interval, which unlike the Wald interval stays
 *   inside 0..1 and does not shrink to a point when every answer is alike, the usual case at small n;
 * - a mean gets a normal interval (see `scoreSummary` for why not Student's t).
 * A summary of no answers says so with n = 0 and nulls, never NaN, so a page can render an empty week.
 *
 * Pure: no I/O, no clock. Answers are validated (an out-of-range score is a bug upstream, not data).
 */
import { timeZoneOf } from '../time/zone.ts';

// ---------------------------------------------------------------------------------------------------
// Scales

export type QuestionKind = 'nps' | 'csat' | 'ces' | 'rating';

export type Scale = {
  /** How the kind is named in messages. */
  label: string;
  min: number;
  max: number;
};

/**
 * The scales, all whole numbers:
 * - NPS, "How likely are you to recommend us?", 0 to 10: promoters answer 9–10, passives 7–8, detractors
 *   0–6 (Reichheld's definition);
 * - CSAT, "How satisfied were you?", 1 (very dissatisfied) to 5 (very satisfied): satisfied is 4–5;
 * - CES, "The company made it easy for me to handle my issue", 1 (strongly disagree) to 7 (strongly
 *   agree), the wording of CES 2.0 (Gartner/CEB): agreeing, 5–7, is low effort, so higher is better like
 *   the other scales. The older CES 1.0 asked "How much effort did you have to put forth?" with 1 as very
 *   low effort; answers to a question worded that way must be reversed (8 − answer) before they are
 *   stored as CES, or every figure here reads backwards;
 * - a plain rating, 1 to 5 stars.
 */
export const SCALES: Readonly<Record<QuestionKind, Scale>> = {
  nps: { label: 'NPS', min: 0, max: 10 },
  csat: { label: 'CSAT', min: 1, max: 5 },
  ces: { label: 'CES', min: 1, max: 7 },
  rating: { label: 'rating', min: 1, max: 5 },
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === null ? 'null' : `a value of type ${typeof value}`;
}

/**
 * Why `value` is not an answer to a question of kind `kind`, or null if it is one: a whole number within
 * the kind's scale. Meant for an API's 400 response, so the reason names the kind, the range and the value.
 * A numeric string ("7") is refused too: the request schema, not this check, decides what to coerce.
 */
export function checkAnswer(kind: QuestionKind, value: unknown): string | null {
  if (!Object.hasOwn(SCALES, kind)) return `not a question kind: ${describe(kind)} (one of ${Object.keys(SCALES).join(', ')})`;
  const { label, min, max } = SCALES[kind];
  const range = `${label} answers are whole numbers from ${min} to ${max}`;
  if (typeof value !== 'number') return `${range}, not ${describe(value)}`;
  if (!Number.isInteger(value)) return `${range}; ${describe(value)} is not a whole number`;
  if (value < min || value > max) return `${range}; ${value} is out of range`;
  return null;
}

function checkAll(kind: QuestionKind, scores: readonly number[]): void {
  for (let i = 0; i < scores.length; i++) {
    const why = checkAnswer(kind, scores[i]);
    if (why !== null) throw new RangeError(`answer ${i}: ${why}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The normal quantile

/**
 * The standard normal quantile Φ⁻¹(p): Wichura's algorithm AS 241, PPND16 ("The percentage points of the
 * normal distribution", Applied Statistics 37(3), 1988, 477–484), accurate to about 1 part in 10¹⁶.
 * No installed package provides it (@stdlib's math-base-special-* packages here have no erf inverse or
 * normal quantile), and three rational functions are short enough to check against the paper: the
 * coefficients below are its, in order of rising power.
 * p = 0 and p = 1 give −∞ and +∞; anything outside 0..1 is refused.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability is between 0 and 1, not ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(AS241_A, r)) / poly(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly(AS241_C, r) / poly(AS241_D, r);
  } else {
    r -= 5;
    z = poly(AS241_E, r) / poly(AS241_F, r);
  }
  return q < 0 ? -z : z;
}

/** c[0] + c[1]·x + c[2]·x² + …, by Horner's rule. */
function poly(c: readonly number[], x: number): number {
  let sum = 0;
  for (let i = c.length - 1; i >= 0; i--) sum = sum * x + c[i]!;
  return sum;
}

// For p close to 0.5.
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
  5226.495278852854561,
];
// For p not close to 0, 0.5 or 1.
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
  0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4,
  1.05075007164441684324e-9,
];
// For p near 0 or 1 (beyond about 1.4·10⁻¹¹ from them).
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386,
  2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
  2.04426310338993978564e-15,
];

/** The z of a two-sided interval at `confidence` (1.959964… at 0.95). */
function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`a confidence level is between 0 and 1, exclusive (0.95 for 95%), not ${confidence}`);
  return normalQuantile(0.5 + confidence / 2);
}

// ---------------------------------------------------------------------------------------------------
// Summaries

/** A two-sided confidence interval, `low` ≤ `high`. */
export type Interval = { low: number; high: number };

export type NpsSummary = {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** The counts over n; null when there are no answers. */
  promoterShare: number | null;
  passiveShare: number | null;
  detractorShare: number | null;
  /** Promoters less detractors, in percent of n: −100 to 100; null when there are no answers. */
  nps: number | null;
  /** The interval for the NPS, within −100..100; null below two answers. */
  interval: Interval | null;
  confidence: number;
};

/**
 * The Net Promoter Score of NPS answers (0–10), with its confidence interval.
 *
 * With shares pP of promoters and pD of detractors out of n, the NPS is 100·(pP − pD). The two shares come
 * from one multinomial sample, so they are negatively correlated (cov = −pP·pD/n) and
 *   Var(pP − pD) = (pP(1 − pP) + pD(1 − pD) + 2·pP·pD) / n,
 * times 100² on the NPS scale. The interval is NPS ± z·100·√Var, cut to −100..100 (it can reach past them
 * when n is small and answers extreme). Like any Wald interval it is too narrow for a handful of answers,
 * and it shrinks to a point when every answer falls in one group (all promoters: 100 to 100), which says
 * "no spread seen", not "certain"; below two answers there is no interval at all.
 */
export function npsSummary(scores: readonly number[], confidence = 0.95): NpsSummary {
  checkAll('nps', scores);
  const z = zFor(confidence);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s >= 7) passives++;
    else detractors++;
  }
  const n = scores.length;
  if (n === 0) {
    return { n, promoters, passives, detractors, promoterShare: null, passiveShare: null, detractorShare: null, nps: null, interval: null, confidence };
  }
  const pP = promoters / n;
  const pD = detractors / n;
  const nps = (100 * (promoters - detractors)) / n;
  let interval: Interval | null = null;
  if (n >= 2) {
    const variance = (pP * (1 - pP) + pD * (1 - pD) + 2 * pP * pD) / n;
    const half = z * 100 * Math.sqrt(variance);
    interval = { low: Math.max(-100, nps - half), high: Math.min(100, nps + half) };
  }
  return { n, promoters, passives, detractors, promoterShare: pP, passiveShare: passives / n, detractorShare: pD, nps, interval, confidence };
}

/**
 * The Wilson score interval for a share of `k` out of `n` (Wilson 1927): the shares p whose normal test
 * against k/n does not reject at z,
 *   (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
 * It stays inside 0..1 and keeps a width at k = 0 or k = n. Null for n = 0.
 */
export function wilson(k: number, n: number, z = 1.959963984540054): Interval | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At k = 0 the low end is 0 exactly, and at k = n the high end 1, though rounding leaves ±3·10⁻¹⁷ there;
  // elsewhere the interval lies strictly inside 0..1.
  return { low: k === 0 ? 0 : centre - half, high: k === n ? 1 : centre + half };
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

export type ScoreSummary = {
  n: number;
  /** The mean answer; null when there are no answers. */
  mean: number | null;
  /** The sample standard deviation (divisor n − 1); null below two answers. */
  sd: number | null;
  /** The interval for the mean, within the scale; null below two answers. */
  meanInterval: Interval | null;
  /** Answers at the good end: satisfied (4–5) for CSAT, low effort (5–7) for CES. */
  favourable: number;
  /** `favourable` over n; null when there are no answers. */
  favourableShare: number | null;
  /** The Wilson interval for that share; null when there are no answers. */
  favourableInterval: Interval | null;
  confidence: number;
};

/**
 * A mean and a "top box" share of answers on a 1..max scale.
 *
 * The mean's interval is mean ± z·s/√n with z from the normal distribution, not Student's t: no installed
 * package gives the t quantile. From about 30 answers the two differ by under 5% of the width (t₂₉ =
 * 2.045 against z = 1.960); below that the normal one is too narrow (at 5 answers t₄ = 2.776, so about 30%
 * too narrow), which matters for a week with a few answers. It is cut to the scale, as the mean cannot
 * leave it, and is a point when every answer is the same.
 */
function scoreSummary(kind: 'csat' | 'ces', favourableFrom: number, scores: readonly number[], confidence: number): ScoreSummary {
  checkAll(kind, scores);
  const z = zFor(confidence);
  const n = scores.length;
  let favourable = 0;
  let sum = 0;
  for (const s of scores) {
    sum += s;
    if (s >= favourableFrom) favourable++;
  }
  const mean = n === 0 ? null : sum / n;
  let sd: number | null = null;
  let meanInterval: Interval | null = null;
  if (mean !== null && n >= 2) {
    let squares = 0;
    for (const s of scores) squares += (s - mean) * (s - mean);
    sd = Math.sqrt(squares / (n - 1));
    const half = (z * sd) / Math.sqrt(n);
    const { min, max } = SCALES[kind];
    meanInterval = { low: Math.max(min, mean - half), high: Math.min(max, mean + half) };
  }
  return {
    n,
    mean,
    sd,
    meanInterval,
    favourable,
    favourableShare: n === 0 ? null : favourable / n,
    favourableInterval: wilson(favourable, n, z),
    confidence,
  };
}

/** CSAT answers (1–5): the mean, and the share satisfied (4–5) with its Wilson interval. */
export function csatSummary(scores: readonly number[], confidence = 0.95): ScoreSummary {
  return scoreSummary('csat', 4, scores, confidence);
}

/**
 * CES answers (1–7, "it was easy", so higher is less effort): the mean, and the share of low effort (5–7,
 * agreeing) with its Wilson interval. See `SCALES` for questions worded the other way round.
 */
export function cesSummary(scores: readonly number[], confidence = 0.95): ScoreSummary {
  return scoreSummary('ces', 5, scores, confidence);
}

// ---------------------------------------------------------------------------------------------------
// Trends

export type TimedAnswer = {
  /** An ISO 8601 instant, with `Z` or an offset. */
  at: string;
  value: number;
};

export type TrendBucket<T> = {
  /** `2026-W05` (the ISO week-numbering year and week) or `2026-02`. */
  key: string;
  /** The bucket's first and last local dates, both included (`YYYY-MM-DD`). */
  firstDay: string;
  lastDay: string;
  summary: T;
};

const DAY_MS = 86_400_000;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch of an ISO instant. Date.parse refuses a minute, second or offset out of
 * range, but takes 30 February as 2 March and 24:00 as the next day's midnight, so those are checked here.
 */
function instantOf(at: unknown, i: number): number {
  const m = typeof at === 'string' ? INSTANT.exec(at) : null;
  if (m) {
    const [year, month, day, hour] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const t = Date.parse(m[0]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && Number.isFinite(t)) return t;
  }
  throw new RangeError(`answer ${i}: not an ISO 8601 instant (like 2026-01-31T18:00:00Z or …+07:00): ${describe(at)}`);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (setUTCFullYear, as Date.UTC maps years 0–99 to 19xx). */
function dayOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().split('T')[0]!;
}

/** A year as ISO 8601 writes it: four digits, or a sign and six beyond 0000..9999. */
function isoYear(year: number): string {
  return year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
}

type Period = { key: string; firstDay: number; lastDay: number; next: number };

/** The ISO week holding local day `day`: Monday to Sunday, numbered in the year that holds its Thursday. */
function weekOf(day: number): Period {
  const monday = day - ((((day + 3) % 7) + 7) % 7); // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday + 3 - dayOf(year, 1, 1)) / 7) + 1;
  return { key: `${isoYear(year)}-W${String(week).padStart(2, '0')}`, firstDay: monday, lastDay: monday + 6, next: monday + 7 };
}

function monthOf(day: number): Period {
  const d = new Date(day * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const first = dayOf(year, month, 1);
  const next = dayOf(year, month + 1, 1);
  return { key: `${isoYear(year)}-${String(month).padStart(2, '0')}`, firstDay: first, lastDay: next - 1, next };
}

/**
 * Answers grouped by the calendar week (ISO 8601: Monday to Sunday, `2026-W01` being the week of the
 * year's first Thursday) or month they were given in, in the workspace's time zone, each group summarised
 * by `summarise` (say `npsSummary`). Every bucket from the first answer's to the last answer's is there,
 * in order, the empty ones summarised from no answers (n = 0), so a chart's time axis has no holes.
 *
 * The zone matters at the edges: 2026-01-31T18:00:00Z is already 1 February in Asia/Ho_Chi_Minh (UTC+7),
 * and a Vietnamese team reading "January" expects January as it was lived there. Dates come from
 * Intl.DateTimeFormat, so zones with summer time are right on either side of a change.
 */
export function trend<T>(answers: readonly TimedAnswer[], bucket: 'week' | 'month', timeZone: string, summarise: (values: number[]) => T): TrendBucket<T>[] {
  if (bucket !== 'week' && bucket !== 'month') throw new RangeError(`a trend is by 'week' or 'month', not ${describe(bucket)}`);
  const periodOf = bucket === 'week' ? weekOf : monthOf;
  const { localDay } = timeZoneOf(timeZone);
  const groups = new Map<number, number[]>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  answers.forEach((a, i) => {
    const start = periodOf(localDay(instantOf(a.at, i))).firstDay;
    let values = groups.get(start);
    if (!values) groups.set(start, (values = []));
    values.push(a.value);
    first = Math.min(first, start);
    last = Math.max(last, start);
  });
  const out: TrendBucket<T>[] = [];
  for (let day = first; day <= last; ) {
    const p = periodOf(day);
    out.push({ key: p.key, firstDay: isoDate(p.firstDay), lastDay: isoDate(p.lastDay), summary: summarise(groups.get(p.firstDay) ?? []) });
    day = p.next;
  }
  return out;
}
