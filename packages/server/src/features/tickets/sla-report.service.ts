import type { z } from 'zod';
import type { SlaReportRow as SlaReportRowOut } from '@kith/domain/tickets/ticket.api.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { loadCare } from './care-settings.service.ts';
import { selectTickets, type Row } from './ticket.repository.ts';
import { rowToTicket } from './ticket.service.ts';

/** SLA attainment per team, agent or category (the care report). */

/** One group's figures, as the contract returns them (ticketApi.slaReport). */
export type SlaReportRow = z.output<typeof SlaReportRowOut>;

/**
 * SLA attainment of the tickets created in [from, to), per team, agent or category: a target counts as met
 * or missed once it is decided (answered or resolved, or already past due), and attainment is met ÷ decided
 * over both targets.
 */
export async function slaReport(
  core: Core,
  actor: Actor,
  o: { by: 'team' | 'agent' | 'category'; from: string; to: string },
): Promise<{ data: SlaReportRow[] }> {
  authorize(actor, 'surveys.read');
  const now = core.now();
  const care = await loadCare(core.db, actor.workspaceId, now);
  const rows = await selectTickets(core.db)
    .where('tickets.workspace_id', '=', actor.workspaceId)
    .where('tickets.created_at', '>=', o.from)
    .where('tickets.created_at', '<', o.to)
    .execute();
  const groups = new Map<string | null, SlaReportRow>();
  for (const r of rows) {
    const t = rowToTicket(r as Row, care, now);
    const key = o.by === 'team' ? t.teamId : o.by === 'agent' ? t.assigneeId : t.category;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = { key, tickets: 0, firstResponse: { met: 0, missed: 0, running: 0 }, resolution: { met: 0, missed: 0, running: 0 }, attainment: null }),
      );
    g.tickets++;
    for (const [k, s] of [
      ['firstResponse', t.sla.firstResponse],
      ['resolution', t.sla.resolution],
    ] as const) {
      if (!s) continue;
      if (s.met === true) g[k].met++;
      else if (s.met === false || s.breached) g[k].missed++;
      else g[k].running++;
    }
  }
  for (const g of groups.values()) {
    const decided = g.firstResponse.met + g.firstResponse.missed + g.resolution.met + g.resolution.missed;
    g.attainment = decided ? (g.firstResponse.met + g.resolution.met) / decided : null;
  }
  return { data: [...groups.values()].sort((a, b) => b.tickets - a.tickets) };
}
