import type { Writable } from 'node:stream';
import { enumLabel } from '@kith/domain/labels/enums.ts';
import type { Peak, PersonWorkload, TeamWorkload } from '@kith/domain/workload/workload.api.ts';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findUserById } from '../../platform/auth/user.repository.ts';
import { writeTable, type ExportColumn, type ExportFormat } from '../export/table-export.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { getPeak, getWorkload } from './workload.service.ts';

/**
 * The workload page's tables as files (CSV, UTF-8 with a BOM, or XLSX) through the export's writer: every text cell
 * neutralised against formulas (@kith/domain/export/cells.ts), headers and enumerated values in the member's
 * language. `people`: one row per person; `teams`: the team totals; `peak`: the 168 hours of the week.
 */

export const WORKLOAD_TABLES = ['people', 'teams', 'peak'] as const;
export type WorkloadTable = (typeof WORKLOAD_TABLES)[number];

const H = {
  vi: {
    name: 'Nhân viên',
    role: 'Vai trò',
    teams: 'Nhóm',
    tickets: 'Yêu cầu đang mở',
    ticketCap: 'Sức chứa yêu cầu',
    deals: 'Cơ hội đang mở',
    dealCap: 'Sức chứa cơ hội',
    tasks: 'Việc chưa xong',
    overdue: 'Việc quá hạn',
    taskCap: 'Sức chứa công việc',
    utilisation: 'Mức tải (%)',
    level: 'Tình trạng',
    reasons: 'Lý do',
    onDuty: 'Đang trong ca',
    team: 'Nhóm',
    members: 'Số thành viên',
    queue: 'Yêu cầu chờ trong hàng đợi',
    overloaded: 'Số người quá tải',
    warnings: 'Số người sắp đầy',
    weekday: 'Thứ',
    hour: 'Giờ',
    perWeek: 'Yêu cầu mỗi tuần (trung bình)',
    staff: 'Nhân viên trong ca (người-giờ)',
    ratio: 'Yêu cầu trên mỗi nhân viên',
    flag: 'Cảnh báo',
    yes: 'có',
    no: 'không',
  },
  en: {
    name: 'Person',
    role: 'Role',
    teams: 'Teams',
    tickets: 'Open tickets',
    ticketCap: 'Ticket capacity',
    deals: 'Open deals',
    dealCap: 'Deal capacity',
    tasks: 'Open tasks',
    overdue: 'Overdue tasks',
    taskCap: 'Task capacity',
    utilisation: 'Utilisation (%)',
    level: 'Status',
    reasons: 'Reasons',
    onDuty: 'On duty now',
    team: 'Team',
    members: 'Members',
    queue: 'Tickets waiting in the queue',
    overloaded: 'People overloaded',
    warnings: 'People near capacity',
    weekday: 'Weekday',
    hour: 'Hour',
    perWeek: 'Tickets per week (average)',
    staff: 'Agents on duty (agent-hours)',
    ratio: 'Tickets per agent',
    flag: 'Flag',
    yes: 'yes',
    no: 'no',
  },
};

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

export async function exportWorkload(
  core: Core,
  actor: Actor,
  o: { table: WorkloadTable; format: ExportFormat; teamId?: string | undefined; weeks: number },
): Promise<(out: Writable) => Promise<{ rows: number }>> {
  const [user, workspace] = await Promise.all([findUserById(core.db, actor.userId), findWorkspace(core.db, actor.workspaceId)]);
  const lang = (user?.locale ?? workspace?.locale ?? 'vi') === 'en' ? 'en' : 'vi';
  const h = H[lang];
  const sheet = { format: o.format, raw: false, sheet: o.table === 'people' ? 'Workload' : o.table === 'teams' ? 'Teams' : 'Peak', locale: lang };
  // Everything is read before the file begins, so a 404 (a team out of scope) is a problem document, not a broken file.
  if (o.table === 'peak') {
    const peak = await getPeak(core, actor, { weeks: o.weeks, ...(o.teamId ? { teamId: o.teamId } : {}) });
    const days =
      lang === 'vi'
        ? ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy']
        : ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    type Slot = Peak['slots'][number];
    const cols: ExportColumn<Slot>[] = [
      { key: 'weekday', header: h.weekday, value: (s) => days[s.weekday] },
      { key: 'hour', header: h.hour, value: (s) => `${String(s.hour).padStart(2, '0')}:00`, plain: true },
      { key: 'tickets', header: h.perWeek, value: (s) => s.tickets },
      { key: 'onDuty', header: h.staff, value: (s) => s.onDuty },
      { key: 'ratio', header: h.ratio, value: (s) => s.ratio },
      { key: 'flag', header: h.flag, value: (s) => s.flag, enum: 'peakFlag' },
    ];
    return (out) => writeTable(out, sheet, cols, one(peak.slots));
  }
  const w = await getWorkload(core, actor, o.teamId ? { teamId: o.teamId } : {});
  if (o.table === 'teams') {
    const cols: ExportColumn<TeamWorkload>[] = [
      { key: 'team', header: h.team, value: (t) => t.name },
      { key: 'members', header: h.members, value: (t) => t.members },
      { key: 'tickets', header: h.tickets, value: (t) => t.tickets.open },
      { key: 'ticketCap', header: h.ticketCap, value: (t) => t.tickets.capacity },
      { key: 'queue', header: h.queue, value: (t) => t.queue },
      { key: 'deals', header: h.deals, value: (t) => t.deals.open },
      { key: 'dealCap', header: h.dealCap, value: (t) => t.deals.capacity },
      { key: 'tasks', header: h.tasks, value: (t) => t.tasks.open },
      { key: 'overdue', header: h.overdue, value: (t) => t.tasks.overdue },
      { key: 'taskCap', header: h.taskCap, value: (t) => t.tasks.capacity },
      { key: 'overloaded', header: h.overloaded, value: (t) => t.overloaded },
      { key: 'warnings', header: h.warnings, value: (t) => t.warnings },
    ];
    return (out) => writeTable(out, sheet, cols, one(w.teams));
  }
  const teamName = new Map(w.teams.map((t) => [t.teamId, t.name]));
  const kind = (k: string) =>
    ({ vi: { tickets: 'yêu cầu', deals: 'cơ hội', tasks: 'công việc' }, en: { tickets: 'tickets', deals: 'deals', tasks: 'tasks' } })[lang][k as 'tickets'];
  const cols: ExportColumn<PersonWorkload>[] = [
    { key: 'name', header: h.name, value: (p) => p.name },
    { key: 'role', header: h.role, value: (p) => p.role, enum: 'role' },
    {
      key: 'teams',
      header: h.teams,
      value: (p) =>
        p.teamIds
          .map((id) => teamName.get(id))
          .filter(Boolean)
          .join('; '),
    },
    { key: 'tickets', header: h.tickets, value: (p) => p.tickets.open },
    { key: 'ticketCap', header: h.ticketCap, value: (p) => p.tickets.capacity },
    { key: 'deals', header: h.deals, value: (p) => p.deals.open },
    { key: 'dealCap', header: h.dealCap, value: (p) => p.deals.capacity },
    { key: 'tasks', header: h.tasks, value: (p) => p.tasks.open },
    { key: 'overdue', header: h.overdue, value: (p) => p.tasks.overdue },
    { key: 'taskCap', header: h.taskCap, value: (p) => p.tasks.capacity },
    { key: 'utilisation', header: h.utilisation, value: (p) => pct(p.utilisation) },
    { key: 'level', header: h.level, value: (p) => p.level, enum: 'workloadLevel' },
    {
      key: 'reasons',
      header: h.reasons,
      value: (p) => p.reasons.map((r) => `${kind(r.kind)} ${r.open}/${r.capacity} (${enumLabel('workloadLevel', r.level, lang)})`).join('; '),
    },
    { key: 'onDuty', header: h.onDuty, value: (p) => (p.onDutyNow ? h.yes : h.no) },
  ];
  return (out) => writeTable(out, sheet, cols, one(w.people));
}

async function* one<T>(rows: readonly T[]): AsyncIterable<readonly T[]> {
  yield rows;
}
