import { MAX_HOLIDAYS, type CalendarSettings, type CareSettings } from '@kith/domain/tickets/care-settings.ts';
import { vietnamPublicHolidays } from '@kith/domain/time/holidays.ts';
import type { Core } from '../../core.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { careSettingsWorkspaces, findCareSettingsRow, writeCareSettings } from './care-settings.repository.ts';

/**
 * The public holidays in a workspace's working calendar, kept current (issue 18).
 *
 * A workspace's calendar is seeded with the holidays of the year it is first used and the next
 * (care-settings.service.ts), by the law of each year (@kith/domain/time/holidays.ts), with the days in lieu
 * of those that fall on the workspace's weekly rest days: the weekdays it has no working hours on (Saturday and
 * Sunday for the default Monday-to-Friday week). From then on it is the workspace's: days added, removed or
 * renamed, and the swaps the Government decrees in particular years (a Saturday worked, làm bù), are its own
 * edits. A daily job adds the law's holidays of each year the calendar has not had yet (this year and the
 * next, so a ticket opened in late December counts the next year's), and leaves every year it had alone: the
 * years seeded are stored beside the settings (`holidayYears`), so a year whose days were all removed stays so.
 */

export const HOLIDAYS_JOB = 'tickets.holidays-extend';
/** Daily (at 00:00 UTC, 07:00 in Vietnam), the first a few minutes after a server starts: a missed new year is caught up. */
export const HOLIDAYS_SCHEDULE = { everyMs: 86_400_000, firstAfterMs: 5 * 60_000 };

/** What the care settings row holds: the settings, and the years whose law holidays the calendar has had. */
export type StoredCare = CareSettings & { holidayYears?: number[] };

/** The weekly rest days of a week (0 Sunday to 6 Saturday): the days with no working hours. */
export function weeklyRestOf(week: CalendarSettings['week']): number[] {
  return Array.from({ length: 7 }, (_, d) => d).filter((d) => !(week[d]?.length ?? 0));
}

/** The law's holidays of `years`, with days in lieu by the week's rest days, named in the workspace's language. */
export function lawHolidays(years: readonly number[], locale: string, week: CalendarSettings['week']): CalendarSettings['holidays'] {
  const weeklyRest = weeklyRestOf(week);
  return years.flatMap((y) => vietnamPublicHolidays(y, { weeklyRest }).map((h) => ({ date: h.date, name: locale === 'en' ? h.name.en : h.name.vi })));
}

/** The Gregorian year at `now` in a time zone. */
export function yearIn(timeZone: string, now: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(now));
}

/** The settings and the years seeded, from the stored row; a row from before the record counts the years its holidays are in. */
export function splitStored(stored: StoredCare): { settings: CareSettings; holidayYears: number[] } {
  const { holidayYears, ...settings } = stored;
  const years = holidayYears ?? [...new Set(settings.calendar.holidays.map((h) => Number(h.date.slice(0, 4))))];
  return { settings, holidayYears: [...years].sort((a, b) => a - b) };
}

/**
 * The calendar with the law's holidays of this year and the next added where it has not had them: the days
 * added (a date the calendar already has keeps the workspace's name), the years now seeded, and the holidays
 * (the oldest give way past MAX_HOLIDAYS). Null when there is nothing to add.
 */
export function extendCalendar(
  calendar: CalendarSettings,
  holidayYears: readonly number[],
  year: number,
  locale: string,
): { holidays: CalendarSettings['holidays']; holidayYears: number[]; years: number[]; added: CalendarSettings['holidays'] } | null {
  const years = [year, year + 1].filter((y) => !holidayYears.includes(y));
  if (years.length === 0) return null;
  const have = new Set(calendar.holidays.map((h) => h.date));
  const added = lawHolidays(years, locale, calendar.week).filter((h) => !have.has(h.date));
  const holidays = [...calendar.holidays, ...added].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    holidays: holidays.slice(Math.max(0, holidays.length - MAX_HOLIDAYS)),
    holidayYears: [...holidayYears, ...years].sort((a, b) => a - b),
    years,
    added,
  };
}

/**
 * One pass of the job: every workspace's calendar extended where it lacks this year or the next. A workspace
 * whose settings someone saved meanwhile is read again (the write is conditional on the version read).
 */
export async function extendHolidayCalendars(core: Core): Promise<{ extended: { workspaceId: string; years: number[]; added: number }[] }> {
  const extended: { workspaceId: string; years: number[]; added: number }[] = [];
  for (const workspaceId of await careSettingsWorkspaces(core.db)) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await findCareSettingsRow(core.db, workspaceId);
      if (!row) break;
      const stored = readJson<StoredCare | null>(row.settings, null);
      if (!stored) break;
      const { settings, holidayYears } = splitStored(stored);
      const locale = (await findWorkspace(core.db, workspaceId))?.locale ?? 'vi';
      const now = core.now();
      const next = extendCalendar(settings.calendar, holidayYears, yearIn(settings.calendar.timeZone, now), locale);
      if (!next) break;
      const written = await core.db.transaction().execute(async (trx) => {
        const after: StoredCare = { ...settings, calendar: { ...settings.calendar, holidays: next.holidays }, holidayYears: next.holidayYears };
        if (!(await writeCareSettings(trx, workspaceId, after, now, row.version))) return false;
        await recordAudit(
          trx,
          {
            workspaceId,
            actorUserId: null,
            action: 'update',
            entityType: 'care_settings',
            entityId: workspaceId,
            before: { holidayYears },
            after: { holidayYears: next.holidayYears, holidaysAdded: next.added },
            meta: { via: 'job', job: HOLIDAYS_JOB },
          },
          now,
        );
        return true;
      });
      if (written) {
        extended.push({ workspaceId, years: next.years, added: next.added.length });
        break;
      }
    }
  }
  if (extended.length) core.log.info({ workspaces: extended.length }, 'holiday calendars extended');
  return { extended };
}
