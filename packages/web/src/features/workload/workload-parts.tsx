import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PersonWorkload } from '@kith/domain/workload/workload.api.ts';
import { enumLabel } from '../../lib/enum-label.ts';
import { useFormat } from '../../lib/format.ts';

/** Parts shared by the workload page and the summary on the home pages: a load's bar, and who is overloaded and why. */

/** Who is over capacity or near it, and why, in one sentence each. */
export function Overloaded({ people, limit }: { people: PersonWorkload[]; limit?: number }) {
  const { t } = useTranslation();
  const flagged = people
    .filter((p) => p.level !== 'ok')
    .sort((a, b) => (a.level === b.level ? (b.utilisation ?? 0) - (a.utilisation ?? 0) : a.level === 'over' ? -1 : 1));
  if (flagged.length === 0) return null;
  const shown = limit ? flagged.slice(0, limit) : flagged;
  return (
    <div className={`alert ${flagged.some((p) => p.level === 'over') ? 'alert-error' : 'alert-warning'}`} role="status" data-testid="workload-overloaded">
      <strong>{t('workload.overloadedTitle', { count: flagged.filter((p) => p.level === 'over').length })}</strong>
      <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
        {shown.map((p) => (
          <li key={p.userId}>
            <bdi>{p.name}</bdi> — {enumLabel('workloadLevel', p.level)}: {reasonText(t, p)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function reasonText(t: TFunction, p: PersonWorkload): string {
  return p.reasons.map((r) => t(`workload.reason.${r.kind}`, { open: r.open, capacity: r.capacity })).join('; ');
}

export function LoadBar({
  label,
  load,
  extra,
}: {
  label: string;
  load: { open: number; capacity: number | null; ratio: number | null; level: string };
  extra?: string | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const share = load.ratio === null ? 0 : Math.min(1, load.ratio);
  const text = load.capacity === null ? t('workload.noLimit', { open: fmt.number(load.open) }) : `${fmt.number(load.open)} / ${fmt.number(load.capacity)}`;
  return (
    <div className="workload-load">
      <span className="row" style={{ justifyContent: 'space-between', gap: 'var(--s2)' }}>
        <span className="muted">{label}</span>
        <span className="num" style={load.level === 'over' ? { color: 'var(--danger)', fontWeight: 650 } : undefined}>
          {text}
        </span>
      </span>
      <div
        className={`meter ${load.capacity === null ? 'meter-none' : ''}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={load.capacity ?? undefined}
        aria-valuenow={load.open}
        aria-valuetext={text}
      >
        {load.capacity !== null && <div className="meter-fill" data-level={load.level} style={{ inlineSize: `${share * 100}%` }} />}
      </div>
      {extra && <span style={{ color: 'var(--warning)', fontSize: 'var(--text-xs)' }}>{extra}</span>}
    </div>
  );
}
