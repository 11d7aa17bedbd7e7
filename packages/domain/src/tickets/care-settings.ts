import { z } from 'zod';
import { isoDate, text } from '../schema/fields.ts';
import { withCode } from '../schema/issues.ts';

/**
 * The workspace's care settings (issue 6): the working calendar the SLA clocks run on, the ticket categories,
 * the warning threshold and the escalation on a breach; and the ways a team's new tickets are assigned.
 */

export const DEFAULT_CATEGORIES = ['complaint', 'question', 'request', 'incident'] as const;
export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

const hhmm = z.string().refine((s) => /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(s), {
  message: 'Must be a time of day as HH:MM (24:00 for midnight at the end)',
  params: withCode('invalid_format'),
});
const interval = z.strictObject({ from: hhmm, to: hhmm }).refine((i) => i.from < i.to, { message: 'Must end after it starts', params: withCode('invalid') });
const dayIntervals = z
  .array(interval)
  .max(6)
  .refine((list) => list.every((x, i) => i === 0 || list[i - 1]!.to <= x.from), {
    message: 'Intervals must be in order and must not overlap',
    params: withCode('invalid'),
  });

export const categoryName = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => /^[a-z0-9][a-z0-9_-]{0,39}$/.test(s), { message: 'Must be 1–40 lowercase letters, digits, - or _', params: withCode('invalid_format') });

/** How many holidays a calendar holds: past 30 years of them, the oldest give way as the years are added. */
export const MAX_HOLIDAYS = 400;

export const CalendarSchema = z.strictObject({
  timeZone: z.string().refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Must be an IANA time zone, e.g. Asia/Ho_Chi_Minh', params: withCode('invalid_format') },
  ),
  /** Sunday first, seven entries. */
  week: z.array(dayIntervals).length(7, { message: 'Must list the seven weekdays, Sunday first' }),
  holidays: z.array(z.strictObject({ date: isoDate(), name: text(120, 1) })).max(MAX_HOLIDAYS),
  extraWorkingDays: z.array(isoDate()).max(60).default([]),
});
export type CalendarSettings = z.output<typeof CalendarSchema>;

export const CareSettingsSchema = z.strictObject({
  calendar: CalendarSchema,
  categories: z
    .array(categoryName)
    .min(1)
    .max(40)
    .refine((c) => new Set(c).size === c.length, { message: 'Categories must be distinct', params: withCode('not_unique') }),
  /** Warn when at most this fraction of a target is left (0.2: the last fifth). */
  warnFraction: z.number().min(0).max(0.9),
  escalation: z.strictObject({
    /** On a breach, give the ticket to a manager of its team. */
    reassignToManager: z.boolean(),
    /** On a breach, email the managers of its team (and the assignee on a warning). */
    notifyManagers: z.boolean(),
  }),
});
export type CareSettings = z.output<typeof CareSettingsSchema>;
export const CareSettingsPatchSchema = CareSettingsSchema.partial();
