import type { ReactNode } from 'react';
import { useFormat } from '../../lib/format.ts';

/** A titled card of an editor page (the survey builder, the playbook editor), with an optional count badge. */
export function Card({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  const fmt = useFormat();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {count !== undefined && <span className="badge badge-neutral">{fmt.number(count)}</span>}
      </div>
      <div className="card-body stack">{children}</div>
    </section>
  );
}
