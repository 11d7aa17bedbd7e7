import { stringify } from 'csv-stringify/sync';
import { CSV_QUOTE_MATCH, neutralizeCell } from '@kith/domain/export/cells.ts';
import type { Kpi, KpiReportT } from '@kith/domain/kpis/kpi.api.ts';

/**
 * A KPI report as a CSV file people open in a spreadsheet: one row per person (or team) and KPI, numbers as plain
 * numbers (money in minor units, shares as fractions), the names neutralised against formulas. UTF-8 with a BOM, so
 * Excel reads Vietnamese names right.
 */
export function reportCsv(r: KpiReportT, kpis: readonly Kpi[], lang: 'vi' | 'en'): string {
  const en = lang === 'en';
  const header = en
    ? ['period', r.by === 'user' ? 'member' : 'team', 'id', 'kpi', 'kpi name', 'value', 'n', 'target', 'attainment', 'pace', 'forecast', 'on pace', 'score']
    : ['kỳ', r.by === 'user' ? 'thành viên' : 'nhóm', 'mã', 'kpi', 'tên kpi', 'giá trị', 'n', 'chỉ tiêu', 'mức đạt', 'nhịp', 'dự báo', 'đúng nhịp', 'điểm'];
  const names = new Map(r.subjects.map((s) => [s.id, s.name]));
  const kpiName = new Map(kpis.map((k) => [k.key, en ? k.name.en : k.name.vi]));
  const score = new Map(r.scores.map((s) => [s.id, s.score]));
  const n = (v: number | null) => (v === null ? '' : String(Math.round(v * 1e6) / 1e6));
  const rows = r.rows.map((x) => {
    const id = x.userId ?? x.teamId ?? '';
    return [
      r.period.key,
      neutralizeCell(names.get(id) ?? ''),
      id,
      x.kpi,
      neutralizeCell(kpiName.get(x.kpi) ?? x.kpi),
      n(x.value),
      String(x.n),
      n(x.target),
      n(x.attainment),
      n(x.pace),
      n(x.forecast),
      x.onPace === null ? '' : x.onPace ? (en ? 'yes' : 'có') : en ? 'no' : 'không',
      n(score.get(id) ?? null),
    ];
  });
  return `\uFEFF${stringify([header, ...rows], { quoted_match: CSV_QUOTE_MATCH })}`;
}
