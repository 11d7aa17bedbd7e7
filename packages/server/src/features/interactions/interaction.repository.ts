import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool } from 'kysely';
import type { Interaction } from '@kith/domain/interactions/interaction.api.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Database } from '../../platform/db/database.ts';
import { visibleTo, type Scope } from '../../platform/records/visibility.ts';
import type { InteractionTable } from './interaction.table.ts';

export function rowToInteraction(r: Selectable<InteractionTable>): Interaction {
  return {
    id: r.id,
    contactId: r.contact_id,
    companyId: r.company_id,
    kind: r.kind as Interaction['kind'],
    channel: r.channel as Interaction['channel'],
    direction: r.direction as Interaction['direction'],
    occurredAt: r.occurred_at,
    durationSeconds: r.duration_seconds,
    outcome: r.outcome,
    subject: r.subject,
    body: r.body,
    authorId: r.author_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** An interaction is in scope when its customer is (records/visibility.ts). */
const inScope = (scope: Scope) => (eb: ExpressionBuilder<Database, 'interactions' | 'contacts'>) =>
  visibleTo(eb as unknown as ExpressionBuilder<Database, 'contacts'>, scope, 'contacts') as Expression<SqlBool>;

/** A live interaction about a customer in scope. */
export async function findInteraction(db: Db, scope: Scope, id: string): Promise<Interaction | undefined> {
  const r = await db
    .selectFrom('interactions')
    .innerJoin('contacts', 'contacts.id', 'interactions.contact_id')
    .selectAll('interactions')
    .where('interactions.workspace_id', '=', scope.workspaceId)
    .where('interactions.id', '=', id)
    .where('interactions.deleted_at', 'is', null)
    .where(inScope(scope))
    .executeTakeFirst();
  return r && rowToInteraction(r);
}

/** Is this a live company of the workspace? */
export async function liveCompanyExists(db: Db, workspaceId: string, companyId: string): Promise<boolean> {
  const c = await db
    .selectFrom('companies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', companyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return c !== undefined;
}

/** Insert interactions, 200 rows a statement. */
export async function insertInteractionRows(db: Db, rows: Insertable<InteractionTable>[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 200)
    await db
      .insertInto('interactions')
      .values(rows.slice(k, k + 200))
      .execute();
}
