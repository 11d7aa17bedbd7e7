import { AppError } from '@kith/domain/errors.ts';
import { practicesOf, SCREENS, type Framework } from '@kith/domain/assessment/framework.ts';
import {
  areaScores,
  consolidate,
  contradiction,
  CONTRADICTION_LEVELS,
  overallScore,
  recommendations,
  type ConsolidatedPractice,
} from '@kith/domain/assessment/scoring.ts';
import { benchmarkFrom, quartileOf, type Benchmark } from '@kith/domain/assessment/benchmark.ts';
import { INDICATORS } from '@kith/domain/assessment/indicator-catalogue.ts';
import type { EvidenceValue } from '@kith/domain/assessment/indicators.ts';
import type { Evidence, Report } from '@kith/domain/assessment/assessment.api.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { can } from '@kith/domain/permissions/permissions.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { langOf, pick } from './assessment-framework.service.ts';
import { frameworkOf, getOne, listRespondents, requireResults, visibleAssessment, withVisibleResults } from './assessment.service.ts';
import { computeEvidence } from './evidence.service.ts';
import {
  answersOfAssessment,
  assessmentsOfFramework,
  finalsOf,
  pooledResults,
  putSettings,
  settingsOf,
  sharingWorkspaces,
  updateAssessment,
  type AssessmentRow,
} from './assessment.repository.ts';
import type { Freezer } from './assessment.service.ts';

/**
 * The report: consolidation of the answers (domain scoring.ts), the live evidence (evidence.service.ts, kept on
 * the assessment: computed when first asked for, again on request, frozen when the assessment closes), the
 * benchmark (the seed, or the pool of the workspaces that share their scores), the previous assessment of the
 * same framework, contradictions and ranked recommendations.
 */

export type Stored = { overall: number | null; areas: { key: string; score: number | null }[] };

export async function consolidationOf(
  db: Db,
  row: AssessmentRow,
): Promise<{ framework: Framework; consolidated: ConsolidatedPractice[]; answers: Awaited<ReturnType<typeof answersOfAssessment>> }> {
  const framework = frameworkOf(row);
  const [answers, finals] = await Promise.all([answersOfAssessment(db, row.workspace_id, row.id), finalsOf(db, row.workspace_id, row.id)]);
  const byRespondent = new Map<string, { practiceId: string; intention: number; reality: number }[]>();
  for (const a of answers) {
    const list = byRespondent.get(a.respondent_id) ?? [];
    list.push({ practiceId: a.practice_id, intention: a.intention, reality: a.reality });
    byRespondent.set(a.respondent_id, list);
  }
  const consolidated = consolidate(
    framework,
    [...byRespondent.values()],
    new Map(finals.map((f) => [f.practice_id, { intention: f.intention, reality: f.reality, reason: f.reason }])),
  );
  return { framework, consolidated, answers };
}

/** The overall and area scores of an assessment: the stored ones once it is closed, else computed now. */
export async function scoresOf(db: Db, row: AssessmentRow): Promise<Stored> {
  if (row.status === 'closed' && row.results) return readJson<Stored>(row.results, { overall: null, areas: [] });
  const { framework, consolidated } = await consolidationOf(db, row);
  const areas = areaScores(framework, consolidated);
  return { overall: overallScore(framework, areas), areas: areas.map((a) => ({ key: a.key, score: a.score })) };
}

export const overallOf = async (core: Core, row: AssessmentRow) => (await scoresOf(core.db, row)).overall;

/**
 * What a closed assessment keeps: its scores and its evidence as they were. Two steps: the evidence is computed
 * before the closing transaction (it reads a lot, through its own connection: inside the transaction it would wait
 * for SQLite's one writer, the transaction itself), the scores inside it, from the answers it closes on.
 */
export function freezer(core: Core): Freezer {
  return {
    before: async (row) => {
      const evidence = await computeEvidence(core, row.workspace_id, { from: row.period_from, to: row.period_to, teamId: row.team_id });
      return { evidence: JSON.stringify(evidence), evidenceAt: core.now().toISOString() };
    },
    inside: async (trx, row) => JSON.stringify(await scoresOf(trx, { ...row, status: 'open' })),
  };
}

function evidenceView(v: EvidenceValue, lang: string): Evidence {
  const def = INDICATORS[v.key];
  return {
    key: v.key,
    name: pick(def.name, lang),
    description: pick(def.description, lang),
    unit: def.unit,
    value: v.value,
    reason: v.reason,
    reasonText: v.reason ? enumLabel('evidenceReason', v.reason, lang) : null,
    n: v.n,
    from: v.from,
    to: v.to,
    suggestedReality: v.suggestedReality,
    interval: v.interval,
    trend: v.trend ? v.trend.map((x) => ({ month: x.month, value: x.value })) : null,
    link: v.link,
  };
}

/** The assessment's evidence: kept, or computed now (and kept) when it has none or `refresh` asks. */
async function evidenceValues(core: Core, row: AssessmentRow, refresh: boolean): Promise<{ values: EvidenceValue[]; at: string | null }> {
  if (row.evidence && !(refresh && row.status === 'open')) return { values: readJson<EvidenceValue[]>(row.evidence, []), at: row.evidence_at };
  if (row.status === 'closed') return { values: readJson<EvidenceValue[]>(row.evidence, []), at: row.evidence_at };
  const values = await computeEvidence(core, row.workspace_id, { from: row.period_from, to: row.period_to, teamId: row.team_id });
  const at = core.now().toISOString();
  await updateAssessment(core.db, row.workspace_id, row.id, { evidence: JSON.stringify(values), evidence_at: at }, at);
  return { values, at };
}

export async function refreshEvidence(core: Core, actor: Actor, id: string, lang?: string): Promise<{ data: Evidence[]; at: string }> {
  if (!can(actor.role, 'assessments.manage')) throw new AppError('forbidden', 'You do not have permission to do this');
  const { row } = await visibleAssessment(core, actor, id);
  const { values, at } = await evidenceValues(core, row, true);
  const l = await langOf(core, actor, lang);
  return { data: values.map((v) => evidenceView(v, l)), at: at ?? core.now().toISOString() };
}

/** Per area: the pool's quartiles (latest closed assessment per sharing workspace) or the seed. */
async function benchmarks(core: Core, row: AssessmentRow): Promise<{ overall: Benchmark; areas: Map<string, Benchmark> }> {
  const rows = await pooledResults(core.db, row.base_key);
  const latest = new Map<string, Stored>();
  for (const r of rows) if (!latest.has(r.workspace_id)) latest.set(r.workspace_id, readJson<Stored>(r.results, { overall: null, areas: [] }));
  const pooled = [...latest.values()];
  const overall = benchmarkFrom(pooled.flatMap((p) => (p.overall === null ? [] : [p.overall])));
  const areas = new Map<string, Benchmark>();
  for (const a of frameworkOf(row).areas)
    areas.set(a.key, benchmarkFrom(pooled.flatMap((p) => p.areas.filter((x) => x.key === a.key && x.score !== null).map((x) => x.score as number))));
  return { overall, areas };
}

export async function buildReport(core: Core, actor: Actor, id: string, lang?: string): Promise<Report> {
  const row = await requireResults(core, actor, id);
  const l = await langOf(core, actor, lang);
  const { framework, consolidated, answers } = await consolidationOf(core.db, row);
  const areas = areaScores(framework, consolidated);
  const overall = overallScore(framework, areas);
  const { values, at } = await evidenceValues(core, row, false);
  const bench = await benchmarks(core, row);
  const suggested = new Map<string, number | null>(values.map((v) => [v.key, v.suggestedReality]));
  const evidenceByKey = new Map(values.map((v) => [v.key, v]));

  // The previous assessment of this framework (created before this one): for the radar and the deltas.
  const siblings = await assessmentsOfFramework(core.db, row.workspace_id, row.framework_key);
  const before = siblings.filter((s) => s.id !== row.id && s.created_at <= row.created_at);
  const prevRow = before[before.length - 1];
  const prev = prevRow ? await scoresOf(core.db, prevRow) : null;

  const all = practicesOf(framework);
  const practiceText = new Map(all.map((p) => [p.practice.id, pick(p.practice.text, l)]));
  const areaOf = new Map(all.map((p) => [p.practice.id, p.area.key]));
  const byId = new Map(consolidated.map((c) => [c.practiceId, c]));

  const contradictions: Report['contradictions'] = [];
  for (const { practice, area } of all) {
    const c = byId.get(practice.id);
    if (!c?.used) continue;
    const hit = contradiction(c.used.reality, practice.indicators, suggested);
    if (!hit) continue;
    const respondents = answers.filter((a) => a.practice_id === practice.id && a.reality - hit.suggested >= CONTRADICTION_LEVELS).length;
    contradictions.push({
      practiceId: practice.id,
      areaKey: area.key,
      text: pick(practice.text, l),
      reality: c.used.reality,
      suggestedReality: hit.suggested,
      indicators: hit.indicators,
      respondents,
    });
  }

  const view = await getOne(core, actor, id, l, overallOf);
  return {
    assessment: view,
    framework: { key: framework.key, name: pick(framework.name, l), version: framework.version },
    overall,
    intention: overallScore(framework, areas, (a) => a.intention),
    reality: overallScore(framework, areas, (a) => a.reality),
    overallQuartile: quartileOf(overall, bench.overall.cuts),
    benchmark: { source: bench.overall.source, n: bench.overall.n, cuts: [...bench.overall.cuts] },
    areas: framework.areas.map((a, i) => {
      const s = areas[i];
      const b = bench.areas.get(a.key) ?? bench.overall;
      const keys = [...new Set(a.subComponents.flatMap((sc) => sc.practices.flatMap((p) => [...p.indicators])))];
      return {
        key: a.key,
        name: pick(a.name, l),
        score: s?.score ?? null,
        quartile: quartileOf(s?.score ?? null, b.cuts),
        intention: s?.intention ?? null,
        reality: s?.reality ?? null,
        gap: s?.gap ?? null,
        scored: s?.scored ?? 0,
        practices: s?.practices ?? 0,
        benchmark: { source: b.source, n: b.n, cuts: [...b.cuts] },
        previous: prev?.areas.find((x) => x.key === a.key)?.score ?? null,
        evidence: keys.flatMap((k) => {
          const v = evidenceByKey.get(k);
          return v ? [evidenceView(v, l)] : [];
        }),
      };
    }),
    practices: consolidated.map((c) => ({
      id: c.practiceId,
      areaKey: areaOf.get(c.practiceId) ?? '',
      text: practiceText.get(c.practiceId) ?? c.practiceId,
      n: c.n,
      intention: c.used?.intention ?? null,
      reality: c.used?.reality ?? null,
      score: c.score,
      gap: c.gap,
      disagreement: c.disagreement,
      decided: c.final !== null,
    })),
    contradictions,
    recommendations: recommendations(framework, consolidated).map((r) => ({
      practiceId: r.practiceId,
      areaKey: r.areaKey,
      text: practiceText.get(r.practiceId) ?? r.practiceId,
      kind: r.kind,
      priority: r.priority,
      shortfall: r.shortfall,
      gap: r.gap,
      actions: r.actions.map((x) => ({ kind: x.kind, text: pick(x.text, l), screen: x.screen, path: SCREENS[x.screen] })),
    })),
    previous: prevRow && prev ? { id: prevRow.id, name: prevRow.name, overall: prev.overall, at: prevRow.closed_at ?? prevRow.created_at } : null,
    evidenceAt: at,
  };
}

export async function consolidationView(core: Core, actor: Actor, id: string) {
  const row = await requireResults(core, actor, id);
  const { framework, consolidated, answers } = await consolidationOf(core.db, row);
  const respondents = await listRespondents(core, actor, id);
  const names = new Map(respondents.map((r) => [r.id, r.name]));
  const areaOf = new Map(practicesOf(framework).map((p) => [p.practice.id, p.area.key]));
  return {
    respondents,
    practices: consolidated.map((c) => ({
      practiceId: c.practiceId,
      areaKey: areaOf.get(c.practiceId) ?? '',
      n: c.n,
      intention: c.intention,
      reality: c.reality,
      disagreement: c.disagreement,
      final: c.final,
      score: c.score,
      answers: answers
        .filter((a) => a.practice_id === c.practiceId)
        .map((a) => ({
          respondentId: a.respondent_id,
          respondent: names.get(a.respondent_id) ?? '',
          practiceId: a.practice_id,
          intention: a.intention,
          reality: a.reality,
          comment: a.comment,
          evidence: readJson<{ kind: 'note'; id?: string; note?: string }[]>(a.evidence, []),
        })),
    })),
  };
}

export async function history(core: Core, actor: Actor, frameworkKey: string) {
  const rows = await withVisibleResults(core, actor, await assessmentsOfFramework(core.db, actor.workspaceId, frameworkKey));
  let prev: Stored | null = null;
  const data = [];
  for (const r of rows) {
    const s = await scoresOf(core.db, r);
    const p: Stored | null = prev;
    data.push({
      id: r.id,
      name: r.name,
      status: r.status as 'open' | 'closed',
      at: r.closed_at ?? r.created_at,
      overall: s.overall,
      delta: s.overall !== null && p?.overall != null ? s.overall - p.overall : null,
      areas: s.areas.map((a) => {
        const before = p?.areas.find((x) => x.key === a.key)?.score;
        return { key: a.key, score: a.score, delta: a.score !== null && before != null ? a.score - before : null };
      }),
    });
    prev = s;
  }
  return { data };
}

// ---- the benchmark pool setting ---------------------------------------------------------------------------

export async function benchmarkSettings(core: Core, actor: Actor) {
  const s = await settingsOf(core.db, actor.workspaceId);
  return { shareBenchmark: Boolean(s?.share_benchmark), pooledWorkspaces: await sharingWorkspaces(core.db) };
}

export async function setBenchmarkSharing(core: Core, actor: Actor, share: boolean) {
  await core.db.transaction().execute(async (trx) => {
    await putSettings(trx, actor.workspaceId, share, core.now().toISOString());
    await recordAudit(
      trx,
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action: 'update',
        entityType: 'assessment_settings',
        entityId: actor.workspaceId,
        after: { shareBenchmark: share },
      },
      core.now(),
    );
  });
  return benchmarkSettings(core, actor);
}
