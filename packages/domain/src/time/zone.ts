/**
 * Instants and wall clocks in an IANA time zone, through Intl's time-zone data, so clock changes are right
 * in any zone. Shared by the SLA clocks (time/business-hours.ts) and the survey trends (surveys/survey-stats.ts).
 */

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`not an IANA time zone: ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** A time zone's offsets, remembered for the length of one computation (a day's are asked for several times). */
export type Zone = { offsetAt(t: number): number; localDay(t: number): number; wallToUtc(wall: number): number };

export function timeZoneOf(timeZone: string): Zone {
  const format = formatterFor(timeZone);
  const memo = new Map<number, number>();
  /** Milliseconds the zone's wall clock is ahead of UTC at instant `t`. */
  const offsetAt = (t: number): number => {
    const second = t - (((t % 1000) + 1000) % 1000);
    let offset = memo.get(second);
    if (offset === undefined) {
      const p: Record<string, number> = {};
      for (const part of format.formatToParts(second)) if (part.type !== 'literal') p[part.type] = Number(part.value);
      const wall = new Date(0);
      wall.setUTCFullYear(p.year!, p.month! - 1, p.day!);
      wall.setUTCHours(p.hour!, p.minute!, p.second!, 0);
      offset = wall.getTime() - second;
      memo.set(second, offset);
    }
    return offset;
  };
  return {
    offsetAt,
    /** The local date of instant `t`, in days since 1970-01-01. */
    localDay: (t) => Math.floor((t + offsetAt(t)) / DAY_MS),
    /**
     * The instant a wall-clock time (written as if it were UTC) happens. When the clocks go back and it
     * happens twice, the first; when they go forward over it, as long after the jump as it was after the
     * time jumped from (the rule of Temporal's "compatible" disambiguation).
     */
    wallToUtc: (wall) => {
      const before = offsetAt(wall - DAY_MS);
      const after = offsetAt(wall + DAY_MS);
      if (before === after) return wall - before;
      const early = wall - before;
      const late = wall - after;
      const earlyHolds = offsetAt(early) === before;
      const lateHolds = offsetAt(late) === after;
      if (earlyHolds && lateHolds) return Math.min(early, late);
      if (lateHolds) return late;
      return early;
    },
  };
}
