import { stringify } from 'csv-stringify/sync';
import { CSV_QUOTE_MATCH, neutralizeCell } from '@kith/domain/export/cells.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import type { Report } from '@kith/domain/assessment/assessment.api.ts';
import { escapeHtml, plainUserText, userText } from '../../platform/http/html.ts';

/**
 * The report as files: a CSV of every score (one row per practice, consolidated, then one per answer), with each
 * cell neutralised against formulas as every export of Kith is; and a standalone printable HTML page (inline SVG
 * charts, no script) that `kith assess report --format html` writes and the API serves. Every text is escaped.
 */

const cell = (v: unknown): string | number =>
  typeof v === 'number' ? Math.round(v * 100) / 100 : neutralizeCell(v === null || v === undefined ? '' : String(v));

export function reportCsv(
  r: Report,
  answers: { practiceId: string; respondent: string; intention: number; reality: number; comment: string | null }[],
  lang: string,
): string {
  const en = lang === 'en';
  const header = en
    ? ['row', 'area', 'practice', 'text', 'respondent', 'intention', 'reality', 'score %', 'gap', 'respondents', 'disagreement', 'decided', 'comment']
    : [
        'dòng',
        'lĩnh vực',
        'thực hành',
        'nội dung',
        'người trả lời',
        'ý định',
        'thực tế',
        'điểm %',
        'chênh lệch',
        'số người trả lời',
        'bất đồng',
        'đã chốt',
        'ghi chú',
      ];
  const areaName = new Map(r.areas.map((a) => [a.key, a.name]));
  const yes = en ? 'yes' : 'có';
  const rows: (string | number)[][] = [];
  for (const a of r.areas)
    rows.push([en ? 'area' : 'lĩnh vực', a.name, '', '', '', a.intention ?? '', a.reality ?? '', a.score ?? '', a.gap ?? '', '', '', '', ''].map(cell));
  for (const p of r.practices)
    rows.push(
      [
        en ? 'consolidated' : 'tổng hợp',
        areaName.get(p.areaKey) ?? p.areaKey,
        p.id,
        p.text,
        '',
        p.intention ?? '',
        p.reality ?? '',
        p.score ?? '',
        p.gap ?? '',
        p.n,
        p.disagreement ? yes : '',
        p.decided ? yes : '',
        '',
      ].map(cell),
    );
  const textOf = new Map(r.practices.map((p) => [p.id, p]));
  for (const a of answers) {
    const p = textOf.get(a.practiceId);
    rows.push(
      [
        en ? 'answer' : 'câu trả lời',
        areaName.get(p?.areaKey ?? '') ?? '',
        a.practiceId,
        p?.text ?? '',
        a.respondent,
        a.intention,
        a.reality,
        ((a.intention + a.reality) / 8) * 100,
        a.intention - a.reality,
        '',
        '',
        '',
        a.comment ?? '',
      ].map(cell),
    );
  }
  return `\uFEFF${stringify([header, ...rows], { quoted_match: CSV_QUOTE_MATCH })}`;
}

const pct = (v: number | null, lang: string) =>
  v === null ? '—' : `${new Intl.NumberFormat(lang === 'en' ? 'en' : 'vi', { maximumFractionDigits: 1 }).format(v)}%`;

/** A radar of the areas as inline SVG: this assessment, the previous one, the benchmark median. */
function radarSvg(r: Report, legend: { this: string; previous: string; bench: string }): string {
  const n = r.areas.length;
  if (n < 3) return '';
  const cx = 260;
  const cy = 175;
  const R = 120;
  const pt = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + Math.cos(a) * R * (v / 100), cy + Math.sin(a) * R * (v / 100)] as const;
  };
  const poly = (vals: (number | null)[], cls: string) => `<polygon class="${cls}" points="${vals.map((v, i) => pt(i, v ?? 0).join(',')).join(' ')}"/>`;
  const rings = [25, 50, 75, 100].map((v) => `<polygon class="ring" points="${r.areas.map((_, i) => pt(i, v).join(',')).join(' ')}"/>`).join('');
  const labels = r.areas
    .map((a, i) => {
      const [x, y] = pt(i, 118);
      return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle">${escapeHtml(a.name.length > 34 ? `${a.name.slice(0, 33)}…` : a.name)}</text>`;
    })
    .join('');
  const prev = r.areas.some((a) => a.previous !== null)
    ? poly(
        r.areas.map((a) => a.previous),
        'prev',
      )
    : '';
  const key = [['this', legend.this], ...(prev ? [['prev', legend.previous]] : []), ['bench', legend.bench]]
    .map(
      ([cls, label], i) =>
        `<rect class="${cls}" x="8" y="${8 + i * 16}" width="14" height="8"/><text x="28" y="${16 + i * 16}">${escapeHtml(label as string)}</text>`,
    )
    .join('');
  return `<svg viewBox="0 0 520 350" width="520" height="350" role="img" aria-label="radar">${key}${rings}${poly(
    r.areas.map((a) => a.benchmark.cuts[1] ?? null),
    'bench',
  )}${prev}${poly(
    r.areas.map((a) => a.score),
    'this',
  )}${labels}</svg>`;
}

export function reportHtml(r: Report, lang: string): string {
  const en = lang === 'en';
  const T = en
    ? {
        overall: 'Overall',
        area: 'Area',
        score: 'Score',
        quartile: 'Quartile',
        gap: 'Gap (I−R)',
        evidence: 'Evidence from the CRM',
        contradictions: 'Evidence contradicts',
        recs: 'Recommendations',
        seed: 'benchmark: seed derived from published aggregates',
        pool: 'benchmark: pooled scores of',
        period: 'Period',
        none: 'none',
        suggested: 'suggests Reality',
        thisOne: 'This assessment',
        previous: 'Previous assessment',
        median: 'Benchmark median',
      }
    : {
        overall: 'Tổng điểm',
        area: 'Lĩnh vực',
        score: 'Điểm',
        quartile: 'Tứ phân vị',
        gap: 'Chênh lệch (Ý định − Thực tế)',
        evidence: 'Bằng chứng từ dữ liệu CRM',
        contradictions: 'Bằng chứng mâu thuẫn',
        recs: 'Đề xuất',
        seed: 'mốc so sánh: phân phối khởi tạo suy ra từ số liệu đã công bố',
        pool: 'mốc so sánh: điểm gộp của',
        period: 'Kỳ đánh giá',
        none: 'không có',
        suggested: 'gợi ý mức Thực tế',
        thisOne: 'Lần đánh giá này',
        previous: 'Lần trước',
        median: 'Trung vị mốc so sánh',
      };
  const e = escapeHtml;
  const num = (v: number | null, d = 2) => (v === null ? '—' : new Intl.NumberFormat(en ? 'en' : 'vi', { maximumFractionDigits: d }).format(v));
  const bench = r.benchmark.source === 'seed' ? T.seed : `${T.pool} ${r.benchmark.n}`;
  const areaRows = r.areas
    .map(
      (a) =>
        `<tr><td>${e(a.name)}</td><td class="n">${pct(a.score, lang)}</td><td class="n">${a.quartile ? `Q${a.quartile}` : '—'}</td><td class="n">${num(a.gap)}</td><td><div class="bar"><span style="width:${Math.round(a.score ?? 0)}%"></span></div></td></tr>`,
    )
    .join('');
  const evidence = r.areas
    .map((a) =>
      a.evidence.length === 0
        ? ''
        : `<h3>${e(a.name)}</h3><ul>${a.evidence
            .map(
              (x) =>
                `<li><b>${e(x.name)}</b>: ${x.value === null ? e(x.reasonText ?? '') : `${e(num(x.unit === 'share' ? x.value * 100 : x.value))}${x.unit === 'share' ? '%' : ''} (${e(x.from)} – ${e(x.to)}; ${e(T.suggested)} ${x.suggestedReality ?? '—'})`}</li>`,
            )
            .join('')}</ul>`,
    )
    .join('');
  const contradictions = r.contradictions.length
    ? `<ul>${r.contradictions.map((c) => `<li>${userText(c.text)} — ${num(c.reality)} / ${e(T.suggested)} ${c.suggestedReality} (${e(c.indicators.join(', '))})</li>`).join('')}</ul>`
    : `<p>${e(T.none)}</p>`;
  const recs = (['quick_win', 'strategic'] as const)
    .map((k) => {
      const list = r.recommendations.filter((x) => x.kind === k).slice(0, 15);
      return `<h3>${e(enumLabel('recommendationKind', k, lang))}</h3>${list.length ? `<ol>${list.map((x) => `<li>${userText(x.text)}${x.actions[0] ? ` — <i>${e(x.actions[0].text)}</i>` : ''}</li>`).join('')}</ol>` : `<p>${e(T.none)}</p>`}`;
    })
    .join('');
  const style = `body{font:14px/1.45 system-ui,"Noto Sans",sans-serif;color:#1f2328;margin:24px;max-width:900px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px;break-after:avoid}h3{font-size:15px;margin:12px 0 4px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d8dee4;padding:4px 6px;text-align:start}.n{text-align:end;font-variant-numeric:tabular-nums}.bar{background:#eef1f4;height:10px;border-radius:5px;min-width:120px}.bar span{display:block;height:10px;background:#0b5cad;border-radius:5px}
.big{font-size:32px;font-weight:700}.muted{color:#57606a}svg text{font-size:10px;fill:#333}.ring{fill:none;stroke:#d8dee4}.this{fill:rgba(11,92,173,.25);stroke:#0b5cad;stroke-width:2}.prev{fill:none;stroke:#8a939c;stroke-dasharray:4 3}.bench{fill:none;stroke:#d4351c;stroke-dasharray:2 2}
section{break-inside:avoid}@page{size:A4;margin:14mm}`;
  return `<!doctype html><html lang="${en ? 'en' : 'vi'}"><head><meta charset="utf-8"><title>${plainUserText(r.assessment.name)}</title><style>${style}</style></head><body>
<h1>${userText(r.assessment.name)}</h1><p class="muted">${e(r.framework.name)} · ${e(T.period)} ${e(r.assessment.periodFrom)} – ${e(r.assessment.periodTo)}</p>
<section><p><span class="big">${pct(r.overall, lang)}</span> ${e(T.overall)}${r.overallQuartile ? ` · Q${r.overallQuartile}` : ''}</p><p class="muted">${e(bench)}</p>${radarSvg(r, { this: T.thisOne, previous: T.previous, bench: T.median })}</section>
<section><h2>${e(T.area)}</h2><table><thead><tr><th>${e(T.area)}</th><th class="n">${e(T.score)}</th><th class="n">${e(T.quartile)}</th><th class="n">${e(T.gap)}</th><th></th></tr></thead><tbody>${areaRows}</tbody></table></section>
<section><h2>${e(T.contradictions)}</h2>${contradictions}</section>
<section><h2>${e(T.recs)}</h2>${recs}</section>
<section><h2>${e(T.evidence)}</h2>${evidence}</section>
</body></html>`;
}
