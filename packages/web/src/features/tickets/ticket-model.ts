/**
 * What the care screens share, apart from how it looks: the ticket types as the API sends them, the inbox's
 * queues, which SLA clock a list shows, how a clock stands, business minutes as hours and working days, and
 * the small edits the settings make (holidays merged by date, canned replies filled in).
 */
import type { AssignmentMode } from '@kith/domain/tickets/care-settings.ts';
import type { CannedReplyOut, CareSettingsOut, Queue, SlaTargetView, Ticket, TicketMessage } from '@kith/domain/tickets/ticket.api.ts';
import type { TicketStatus } from '@kith/domain/tickets/tickets.ts';

// The API's shapes, derived from its contracts (@kith/domain tickets/ticket.api.ts): none is written here.
export type { AssignmentMode, Queue, SlaTargetView, Ticket, TicketMessage, TicketStatus };
export type CareSettings = CareSettingsOut;
export type CannedReply = CannedReplyOut;

export const STATUS_FILTERS = ['open', 'resolved', 'closed', 'any'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'waiting_on_customer', 'reopened'];

export type SlaTarget = 'firstResponse' | 'resolution';

/**
 * The clock a list shows for a ticket: the first response until it is answered, then the resolution; once
 * both are decided, the resolution's outcome (else the first response's). Null when no policy applied.
 */
export function nextTarget(sla: Ticket['sla']): { which: SlaTarget; state: SlaTargetView } | null {
  if (sla.firstResponse && sla.firstResponse.met === null) return { which: 'firstResponse', state: sla.firstResponse };
  if (sla.resolution) return { which: 'resolution', state: sla.resolution };
  if (sla.firstResponse) return { which: 'firstResponse', state: sla.firstResponse };
  return null;
}

/**
 * How a clock stands, for its colour and words: met (green), missed or breached (red), paused while the
 * ticket waits on the customer (the resolution clock only), warn (amber), or running with time to spare.
 */
export type SlaTone = 'met' | 'missed' | 'breached' | 'paused' | 'warn' | 'running';

export function slaTone(state: SlaTargetView, which: SlaTarget, status: TicketStatus): SlaTone {
  if (state.met === true) return 'met';
  if (state.met === false) return 'missed';
  if (state.breached) return 'breached';
  if (which === 'resolution' && status === 'waiting_on_customer') return 'paused';
  return state.warn ? 'warn' : 'running';
}

/** Minutes as whole hours and the minutes left over, sign dropped (the words say "left" or "overdue"). */
export function hoursAndMinutes(minutes: number): { h: number; m: number } {
  const abs = Math.abs(Math.round(minutes));
  return { h: Math.floor(abs / 60), m: abs % 60 };
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** A working day's length in minutes: the longest day of the calendar's week (8 hours when none works). */
export function workdayMinutes(week: readonly { from: string; to: string }[][]): number {
  const days = week.map((d) => d.reduce((s, i) => s + Math.max(0, minutesOf(i.to) - minutesOf(i.from)), 0));
  return Math.max(0, ...days) || 480;
}

export type DurationUnit = 'minutes' | 'hours' | 'days';

/** A target in the largest unit it is a whole number of: 1,440 minutes with 8-hour days is 3 days. */
export function splitDuration(minutes: number, dayMinutes: number): { value: number; unit: DurationUnit } {
  if (minutes > 0 && dayMinutes > 0 && minutes % dayMinutes === 0) return { value: minutes / dayMinutes, unit: 'days' };
  if (minutes % 60 === 0) return { value: minutes / 60, unit: 'hours' };
  return { value: minutes, unit: 'minutes' };
}

/** The minutes for a value typed in a unit (decimals allowed: 1.5 hours), rounded to the minute; null when blank. */
export function toMinutes(value: string, unit: DurationUnit, dayMinutes: number): number | null {
  const n = Number(value.trim().replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(n)) return null;
  return Math.round(n * (unit === 'days' ? dayMinutes : unit === 'hours' ? 60 : 1));
}

/** Holidays added to a list: dates already listed keep their own name; the result is in date order. */
export function mergeHolidays<H extends { date: string; name: string }>(current: readonly H[], added: readonly H[]): { holidays: H[]; added: number } {
  const have = new Set(current.map((h) => h.date));
  const fresh = added.filter((h) => !have.has(h.date) && (have.add(h.date), true));
  return { holidays: [...current, ...fresh].sort((a, b) => a.date.localeCompare(b.date)), added: fresh.length };
}

/**
 * A canned reply made ready to send: {{contact.name}}, {{agent.name}} and {{ticket.number}} filled in (the
 * reply goes out as the plain text it becomes); any other {{…}} is left for the agent to see and edit.
 */
export function fillCanned(body: string, vars: { contactName: string | null; agentName: string; ticketNumber: number }): string {
  const values: Record<string, string> = { 'contact.name': vars.contactName ?? '', 'agent.name': vars.agentName, 'ticket.number': String(vars.ticketNumber) };
  return body.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gi, (all, key: string) => values[key] ?? all);
}

/** Text put in a textarea at the caret (or replacing the selection), with the caret after it. */
export function insertAt(text: string, insert: string, start: number, end = start): { text: string; caret: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = before && !before.endsWith('\n') && !before.endsWith(' ') ? ' ' : '';
  return { text: before + lead + insert + after, caret: (before + lead + insert).length };
}
