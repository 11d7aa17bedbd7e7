import type { FieldIssue } from '@kith/domain/errors.ts';
import { grantOf } from '@kith/domain/permissions/permissions.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CareContext } from './care-settings.service.ts';
import { findMembership, findOrderContact, isTeamMate, teamExists } from './ticket.repository.ts';

/** The checks of a ticket's references and category, shared by opening a ticket and changing one: each adds its issues. */

export function checkCategory(care: CareContext, category: string | null | undefined, issues: FieldIssue[]): void {
  if (category === undefined || category === null || care.settings.categories.includes(category)) return;
  issues.push({ path: ['category'], message: `Not one of the workspace's categories (${care.settings.categories.join(', ')})`, code: 'invalid_choice' });
}

export async function checkTeam(db: Db, workspaceId: string, teamId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!teamId) return;
  if (!(await teamExists(db, workspaceId, teamId))) issues.push({ path: ['teamId'], message: 'No such team in this workspace', code: 'not_found' });
}

/** Themselves always; others with tickets.assign (a manager: members of their teams). A null actor is the system. */
export async function checkAssignee(
  db: Db,
  actor: Actor | null,
  workspaceId: string,
  assigneeId: string | null | undefined,
  issues: FieldIssue[],
): Promise<void> {
  if (!assigneeId || assigneeId === actor?.userId) return;
  const member = await findMembership(db, workspaceId, assigneeId);
  if (!member) return void issues.push({ path: ['assigneeId'], message: 'Not a member of this workspace', code: 'not_found' });
  if (member.role === 'viewer') return void issues.push({ path: ['assigneeId'], message: 'A viewer cannot work tickets', code: 'invalid' });
  if (!actor) return;
  const grant = grantOf(actor.role, 'tickets.assign');
  if (grant === true) return;
  if (grant === 'scoped' && actor.teamIds.length && (await isTeamMate(db, workspaceId, actor.teamIds, assigneeId))) return;
  issues.push({ path: ['assigneeId'], message: 'You may take tickets yourself only (or, as a manager, give them to members of your teams)', code: 'invalid' });
}

export async function checkOrder(db: Db, workspaceId: string, contactId: string, orderId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!orderId) return;
  const o = await findOrderContact(db, workspaceId, orderId);
  if (!o) issues.push({ path: ['orderId'], message: 'No such order', code: 'not_found' });
  else if (o.contact_id !== contactId) issues.push({ path: ['orderId'], message: 'The order is another customer’s', code: 'invalid' });
}
