import { z } from 'zod';
import { isoDateTime, longText, text, uuid } from '../schema/fields.ts';

/** Tasks: a follow-up someone must do, by a time, often about a customer (the care model's "before, during and after"). */
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

const fields = {
  title: text(200, 1),
  notes: longText(5_000).nullable(),
  dueAt: isoDateTime().nullable(),
  assigneeId: uuid().nullable(),
  contactId: uuid().nullable(),
  priority: z.enum(TASK_PRIORITIES),
};
export const TaskCreateSchema = z.strictObject(fields).partial().required({ title: true });
export const TaskUpdateSchema = z.strictObject({ ...fields, done: z.boolean() }).partial();
export type TaskCreateInput = z.output<typeof TaskCreateSchema>;
export type TaskUpdateInput = z.output<typeof TaskUpdateSchema>;

// The response shape (Task) is the API contract's: task.api.ts.

/**
 * Where an open task stands for someone looking at it at `now` in a time zone: overdue (its time has
 * passed), today (due later today, that zone's calendar day), upcoming, or someday (no due time).
 */
export function dueBucket(dueAt: string | null, now: Date, timeZone: string): 'overdue' | 'today' | 'upcoming' | 'someday' {
  if (!dueAt) return 'someday';
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return day(due) === day(now) ? 'today' : 'upcoming';
}
