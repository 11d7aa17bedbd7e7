import { invalid } from '@kith/domain/errors.ts';
import type { WorkingCalendar } from '@kith/domain/time/business-hours.ts';
import { CareSettingsSchema, DEFAULT_CATEGORIES, type CareSettings, type CalendarSettings } from '@kith/domain/tickets/care-settings.ts';
import type { SlaPolicyRow } from '@kith/domain/tickets/ticket.schema.ts';
import type { Priority } from '@kith/domain/tickets/tickets.ts';
import { fromZodIssue } from '@kith/domain/schema/issues.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import { lawHolidays, splitStored, type StoredCare, yearIn } from './care-holidays.ts';
import { findCareSettingsRow, insertCareSettingsRow, writeCareSettings } from './care-settings.repository.ts';

/**
 * A workspace's care settings (decision 0011, step 1): the working calendar SLA clocks count in, the ticket
 * categories, when to warn and how to escalate; and its SLA policies. Both are created with defaults the
 * first time anything asks for them, so a new workspace has working SLAs without a visit to the settings.
 */

const WORKDAY = [
  { from: '08:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
];

/**
 * The settings a workspace starts with: a Monday-to-Friday week, and the public holidays of this year and the
 * next by the law of each (with the days in lieu of those on a Saturday or Sunday); care-holidays.ts adds the
 * years after.
 */
export function defaultCareSettings(timeZone: string, locale: string, now: Date): StoredCare {
  const week: CalendarSettings['week'] = [[], WORKDAY, WORKDAY, WORKDAY, WORKDAY, WORKDAY, []];
  const year = yearIn(timeZone, now);
  return {
    calendar: { timeZone, week, holidays: lawHolidays([year, year + 1], locale, week), extraWorkingDays: [] },
    holidayYears: [year, year + 1],
    categories: [...DEFAULT_CATEGORIES],
    warnFraction: 0.2,
    escalation: { reassignToManager: false, notifyManagers: true },
  };
}

/** Business minutes: 8 working hours a day by the default calendar (resolution: half a day, a day, three, five). */
/** Each policy is named after its priority, in the workspace's language (@kith/domain/labels/enums.ts). */
const DEFAULT_POLICIES: { priority: Priority; first: number; resolution: number }[] = [
  { priority: 'urgent', first: 30, resolution: 240 },
  { priority: 'high', first: 60, resolution: 480 },
  { priority: 'normal', first: 240, resolution: 1_440 },
  { priority: 'low', first: 480, resolution: 2_400 },
];

/** `holidayYears`: the years whose public holidays the calendar has had (care-holidays.ts). */
export type CareContext = { settings: CareSettings; calendar: WorkingCalendar; policies: SlaPolicyRow[]; locale: string; holidayYears: number[] };

export function workingCalendar(c: CalendarSettings): WorkingCalendar {
  return {
    timeZone: c.timeZone,
    week: c.week,
    holidays: c.holidays.map((h) => h.date),
    extraWorkingDays: c.extraWorkingDays,
    extraWorkingHours: c.week[1]?.length ? c.week[1] : WORKDAY,
  };
}

function policyOf(r: {
  id: string;
  position: number;
  name: string;
  priority: string | null;
  category: string | null;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
}): SlaPolicyRow {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    priority: r.priority as Priority | null,
    category: r.category,
    firstResponseMinutes: r.first_response_minutes,
    resolutionMinutes: r.resolution_minutes,
  };
}

/** The workspace's care settings and SLA policies, made with the defaults on first use (race-free). */
export async function loadCare(db: Db, workspaceId: string, now: Date): Promise<CareContext> {
  let row = await findCareSettingsRow(db, workspaceId);
  const ws = await findWorkspace(db, workspaceId);
  const locale = ws?.locale ?? 'vi';
  if (!row) {
    // Whoever made the settings row seeds the policies, so two first requests do not seed twice.
    if (await insertCareSettingsRow(db, workspaceId, defaultCareSettings(ws?.timezone ?? 'Asia/Ho_Chi_Minh', locale, now), now)) {
      await db
        .insertInto('sla_policies')
        .values(
          DEFAULT_POLICIES.map((p, i) => ({
            id: uuidv7(),
            workspace_id: workspaceId,
            position: i,
            name: enumLabel('ticketPriority', p.priority, locale),
            priority: p.priority,
            category: null,
            first_response_minutes: p.first,
            resolution_minutes: p.resolution,
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
          })),
        )
        .execute();
    }
    row = await findCareSettingsRow(db, workspaceId);
  }
  const { settings, holidayYears } = splitStored(readJson<StoredCare>(row?.settings, defaultCareSettings('Asia/Ho_Chi_Minh', locale, now)));
  const policies = (await db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').execute()).map(policyOf);
  return { settings, calendar: workingCalendar(settings.calendar), policies, locale, holidayYears };
}

export async function getCareSettings(core: Core, actor: Actor): Promise<CareSettings> {
  authorize(actor, 'tickets.read');
  return (await loadCare(core.db, actor.workspaceId, core.now())).settings;
}

/** Change some of the settings; what is given replaces that part whole. Audited. */
export async function updateCareSettings(core: Core, actor: Actor, patch: Partial<CareSettings>): Promise<CareSettings> {
  authorize(actor, 'care.configure');
  return core.db.transaction().execute(async (trx) => {
    const care = await loadCare(trx, actor.workspaceId, core.now());
    const before = care.settings;
    const next = { ...before, ...patch };
    const parsed = CareSettingsSchema.safeParse(next);
    if (!parsed.success)
      throw invalid(
        parsed.error.issues.map((i) => fromZodIssue(i)),
        'The care settings are invalid',
      );
    // The years the calendar has had stay recorded: holidays removed by hand are not brought back.
    const stored: StoredCare = { ...parsed.data, holidayYears: care.holidayYears };
    await writeCareSettings(trx, actor.workspaceId, stored, core.now());
    const changed = Object.keys(patch).filter((k) => JSON.stringify(before[k as keyof CareSettings]) !== JSON.stringify(parsed.data[k as keyof CareSettings]));
    if (changed.length) {
      await recordAudit(
        trx,
        {
          ...by(actor),
          action: 'update',
          entityType: 'care_settings',
          entityId: actor.workspaceId,
          before: Object.fromEntries(changed.map((k) => [k, before[k as keyof CareSettings]])),
          after: Object.fromEntries(changed.map((k) => [k, parsed.data[k as keyof CareSettings]])),
        },
        core.now(),
      );
    }
    return parsed.data;
  });
}

/** The law's holidays of `year` and the next, with days in lieu by the workspace's week, named in its language: to add to the calendar. */
export async function suggestedHolidays(core: Core, actor: Actor, year: number): Promise<CalendarSettings['holidays']> {
  authorize(actor, 'tickets.read');
  const care = await loadCare(core.db, actor.workspaceId, core.now());
  return lawHolidays([year, year + 1], care.locale, care.settings.calendar.week);
}

export async function listSlaPolicies(core: Core, actor: Actor): Promise<SlaPolicyRow[]> {
  authorize(actor, 'tickets.read');
  return (await loadCare(core.db, actor.workspaceId, core.now())).policies;
}

/**
 * Replace the SLA table with `policies`, in this order (the order breaks ties between equally specific
 * rows). A category must be one of the workspace's. Tickets keep the due times they were given; new
 * tickets, and tickets whose priority or category changes, get the new ones. Audited.
 */
export async function replaceSlaPolicies(core: Core, actor: Actor, policies: Omit<SlaPolicyRow, 'id' | 'position'>[]): Promise<SlaPolicyRow[]> {
  authorize(actor, 'care.configure');
  return core.db.transaction().execute(async (trx) => {
    const care = await loadCare(trx, actor.workspaceId, core.now());
    const cats = new Set(care.settings.categories);
    const issues = policies.flatMap((p, i) =>
      p.category !== null && !cats.has(p.category)
        ? [{ path: ['policies', i, 'category'], message: `Not one of the workspace's categories (${[...cats].join(', ')})`, code: 'invalid_choice' }]
        : [],
    );
    if (issues.length) throw invalid(issues, 'The SLA policies are invalid');
    const now = core.now().toISOString();
    await trx.deleteFrom('sla_policies').where('workspace_id', '=', actor.workspaceId).execute();
    const rows = policies.map((p, i) => ({
      id: uuidv7(),
      workspace_id: actor.workspaceId,
      position: i,
      name: p.name,
      priority: p.priority,
      category: p.category,
      first_response_minutes: p.firstResponseMinutes,
      resolution_minutes: p.resolutionMinutes,
      created_at: now,
      updated_at: now,
    }));
    if (rows.length) await trx.insertInto('sla_policies').values(rows).execute();
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'sla_policies',
        entityId: actor.workspaceId,
        before: care.policies.map(({ id: _, position: __, ...p }) => p),
        after: policies,
      },
      core.now(),
    );
    return rows.map(policyOf);
  });
}
