import {
  applies,
  bestRecord,
  cellState,
  dayIn,
  daysBetween,
  reminderDue,
  type RecordFacts,
  type ReminderThreshold,
} from '@kith/domain/training/training.schema.ts';
import { timeZoneOf } from '@kith/domain/time/zone.ts';
import type { Core } from '../../core.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { listMembers } from '../../platform/auth/user.repository.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { t } from '../../platform/i18n/messages.ts';
import { insertTaskRow } from '../tasks/task.repository.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import { claimReminder, setReminderTask, userLocales, workspacesWithExpiries } from './training.repository.ts';
import { trainingFacts } from './training-records.service.ts';

/**
 * Reminders before a training expires (issue 20): a daily job gives the person a task — shown in their task
 * list like any other — 30 days and 7 days before their current record of a course expires, and one when a
 * required item has expired with nothing valid in its place. The tightest threshold reached is the one given (a
 * record entered with five days left gets the 7-day task only). Each is given once per record, threshold and
 * expiry (`training_reminders`, claimed with an insert that ignores a duplicate, in the task's transaction), so
 * a second run, or two processes at once, give no second task; a corrected expiry arms them again.
 */

export const REMINDERS_JOB = 'training.reminders';
/** Daily (at 00:00 UTC, 07:00 in Vietnam), the first ten minutes after a server starts. */
export const REMINDERS_SCHEDULE = { everyMs: 86_400_000, firstAfterMs: 10 * 60_000 };

const PRIORITY: Record<ReminderThreshold, string> = { '30': 'normal', '7': 'high', expired: 'urgent' };

const formatDay = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** The person's current record of each course: the latest completed (a renewal supersedes the record it renews). */
function currentRecords(records: readonly RecordFacts[]): RecordFacts[] {
  const latest = new Map<string, RecordFacts>();
  for (const r of records) {
    if (r.result !== 'passed') continue;
    const k = `${r.userId}:${r.courseId}`;
    const was = latest.get(k);
    if (!was || r.completedOn > was.completedOn || (r.completedOn === was.completedOn && r.id > was.id)) latest.set(k, r);
  }
  return [...latest.values()];
}

export async function runTrainingReminders(
  core: Core,
): Promise<{ given: { workspaceId: string; recordId: string; threshold: ReminderThreshold; taskId: string }[] }> {
  const now = core.now();
  // Every time zone's today is within a day of UTC's: the workspaces with an expiry in the next 31 days, or past.
  const until = new Date(Date.parse(`${dayIn('UTC', now)}T00:00:00Z`) + 32 * 86_400_000).toISOString().slice(0, 10);
  const given: { workspaceId: string; recordId: string; threshold: ReminderThreshold; taskId: string }[] = [];
  for (const workspaceId of await workspacesWithExpiries(core.db, until)) {
    const ws = await findWorkspace(core.db, workspaceId);
    if (!ws) continue;
    const today = dayIn(ws.timezone, now);
    const zone = timeZoneOf(ws.timezone);
    const members = new Map((await listMembers(core.db, workspaceId)).filter((m) => !m.disabled).map((m) => [m.userId, m]));
    const f = await trainingFacts(core.db, workspaceId);
    const locales = await userLocales(core.db, [...members.keys()]);
    for (const r of currentRecords(f.records)) {
      const person = members.get(r.userId);
      const course = f.courseById.get(r.courseId);
      const threshold = reminderDue(r.expiresOn, today);
      if (!person || !course || !threshold || r.expiresOn === null) continue;
      if (threshold === 'expired') {
        // Only for a required item, and only when nothing else the person holds covers it now.
        const facts = { userId: person.userId, role: person.role, teamIds: person.teamIds };
        const covered = f.rules.filter(
          (rule) => applies(rule, facts) && (rule.kind === 'course' ? rule.itemId === course.id : course.competencyIds.includes(rule.itemId)),
        );
        const mine = f.recordsOf.get(person.userId) ?? [];
        const stillMissing = covered.some((rule) => cellState(true, bestRecord(rule.kind, rule.itemId, mine, f.coursesGranting), today, 0) !== 'valid');
        if (!stillMissing) continue;
      }
      const expiresOn = r.expiresOn;
      const locale = locales.get(person.userId) ?? ws.locale;
      const params = { course: course.name, date: formatDay(expiresOn, locale), days: daysBetween(today, expiresOn) };
      const taskId = uuidv7();
      const at = now.toISOString();
      // Due when the record expires: the start of its expiry day in the workspace's zone (now, once expired).
      const due = threshold === 'expired' ? at : new Date(zone.wallToUtc(Date.parse(`${expiresOn}T00:00:00Z`))).toISOString();
      const made = await core.db.transaction().execute(async (trx) => {
        if (!(await claimReminder(trx, { record_id: r.id, threshold, expires_on: expiresOn, workspace_id: workspaceId, task_id: null, created_at: at })))
          return false;
        await insertTaskRow(trx, {
          id: taskId,
          workspace_id: workspaceId,
          title: t(locale, threshold === 'expired' ? 'training.reminder.expired' : 'training.reminder.expiring', params),
          notes: t(locale, 'training.reminder.notes', params),
          due_at: due,
          assignee_id: person.userId,
          contact_id: null,
          priority: PRIORITY[threshold],
          done_at: null,
          done_by: null,
          created_by: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
          version: 1,
        });
        await setReminderTask(trx, { recordId: r.id, threshold, expiresOn }, taskId);
        await recordAudit(
          trx,
          {
            workspaceId,
            actorUserId: null,
            action: 'create',
            entityType: 'task',
            entityId: taskId,
            after: {
              title: t(locale, threshold === 'expired' ? 'training.reminder.expired' : 'training.reminder.expiring', params),
              assigneeId: person.userId,
            },
            meta: { via: 'job', job: REMINDERS_JOB, trainingRecordId: r.id, threshold },
          },
          now,
        );
        return true;
      });
      if (made) given.push({ workspaceId, recordId: r.id, threshold, taskId });
    }
  }
  if (given.length) core.log.info({ reminders: given.length }, 'training reminders given');
  return { given };
}
