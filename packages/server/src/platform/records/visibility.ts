import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { AppError, roleCannot } from '@kith/domain/errors.ts';
import { grantOf, type Action } from '@kith/domain/permissions/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';

/**
 * Which records of a workspace an actor may touch for an action (docs/permissions.md, "Record scope"):
 * - all: owner, admin (and viewer, for reading);
 * - a manager: records they own, records of their teams, records owned by members of their teams, and unassigned ones;
 * - an agent: records they own, records of their teams, and unassigned ones.
 * The workspace itself is never optional: every repository query starts from it.
 */
export type Scope = {
  workspaceId: string;
  /** null: every record in the workspace. */
  limitTo: null | { userId: string; teamIds: string[]; includeTeamMembers: boolean };
};

export function scopeFor(actor: Actor, action: Action): Scope {
  const grant = grantOf(actor.role, action);
  if (grant === false) throw roleCannot(actor.role, action);
  if (grant === true) return { workspaceId: actor.workspaceId, limitTo: null };
  return { workspaceId: actor.workspaceId, limitTo: { userId: actor.userId, teamIds: actor.teamIds, includeTeamMembers: actor.role === 'manager' } };
}

/** The scope as a WHERE condition over a table with owner_id and team_id columns. */
export function visibleTo<T extends 'contacts' | 'companies' | 'deals'>(eb: ExpressionBuilder<Database, T>, scope: Scope, table: T): Expression<SqlBool> {
  const ws = eb(sql.ref(`${table}.workspace_id`), '=', scope.workspaceId);
  const l = scope.limitTo;
  if (!l) return ws;
  const owner = sql.ref<string | null>(`${table}.owner_id`);
  const team = sql.ref<string | null>(`${table}.team_id`);
  const ors: Expression<SqlBool>[] = [eb(owner, '=', l.userId), eb.and([eb(owner, 'is', null), eb(team, 'is', null)])];
  if (l.teamIds.length > 0) {
    ors.push(eb(team, 'in', l.teamIds));
    if (l.includeTeamMembers) {
      ors.push(
        sql<boolean>`${owner} in (select tm.user_id from team_members as tm where tm.workspace_id = ${scope.workspaceId} and tm.team_id in (${sql.join(l.teamIds)}))`,
      );
    }
  }
  return eb.and([ws, eb.or(ors)]);
}

/** Throw unless the actor's role has this action at all (scoped or not). */
export function authorize(actor: Actor, action: Action): void {
  if (grantOf(actor.role, action) === false) throw roleCannot(actor.role, action);
}

export const preconditionFailed = (current: number): AppError =>
  new AppError('precondition_failed', 'Someone changed this record after you read it; reload it and apply your change again', {
    extra: { currentVersion: current },
  });

/**
 * Of these contact ids, the live contacts the actor may read, with each one's company: what a record
 * about a customer (an order, an interaction, a task) may point at. Missing, deleted and out-of-scope
 * contacts are simply absent, so the caller answers each the same way (a 422 naming the field).
 */
export async function readableContacts(db: Kysely<Database>, actor: Actor, ids: readonly string[]): Promise<Map<string, { companyId: string | null }>> {
  const scope = scopeFor(actor, 'contacts.read');
  const out = new Map<string, { companyId: string | null }>();
  const unique = [...new Set(ids)];
  for (let k = 0; k < unique.length; k += 500) {
    const rows = await db
      .selectFrom('contacts')
      .select(['contacts.id', 'contacts.company_id'])
      .where((eb) => visibleTo(eb, scope, 'contacts'))
      .where('contacts.id', 'in', unique.slice(k, k + 500))
      .where('contacts.deleted_at', 'is', null)
      .execute();
    for (const r of rows) out.set(r.id, { companyId: r.company_id });
  }
  return out;
}
