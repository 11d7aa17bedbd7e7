import type { Insertable, Selectable } from 'kysely';
import type { Db, DialectName } from '../../platform/db/create-db.ts';
import { groupsCondition, type FilterGroups } from '../../platform/records/list-query.ts';
import type { PlaybookRunTable, PlaybookTable } from './playbook.table.ts';

/** Does the workspace have an active playbook that enrols its audience by itself? */
export async function hasAutoEnrollPlaybook(db: Db, workspaceId: string): Promise<boolean> {
  const r = await db
    .selectFrom('playbooks')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'active')
    .where('auto_enroll', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** The workspace's active auto-enrol playbooks, by id. */
export async function autoEnrollPlaybooks(db: Db, workspaceId: string): Promise<Selectable<PlaybookTable>[]> {
  return db
    .selectFrom('playbooks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'active')
    .where('auto_enroll', '=', 1)
    .orderBy('id')
    .execute();
}

/** A segment's stored definition (the audience of a playbook), if the segment is there. */
export async function segmentDefinition(db: Db, workspaceId: string, segmentId: string): Promise<{ definition: unknown } | undefined> {
  return db.selectFrom('segments').select('definition').where('workspace_id', '=', workspaceId).where('id', '=', segmentId).executeTakeFirst();
}

/** Up to `limit` live contacts in the audience (lifecycle stages, or a compiled segment) never enrolled in the playbook, by id. */
export async function unenrolledContacts(
  db: Db,
  w: {
    workspaceId: string;
    playbookId: string;
    audience: { stages: string[] } | { groups: FilterGroups; dialect: DialectName };
    limit: number;
  },
): Promise<string[]> {
  let q = db
    .selectFrom('contacts')
    .select('contacts.id')
    .where('contacts.workspace_id', '=', w.workspaceId)
    .where('contacts.deleted_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('playbook_runs')
            .select('playbook_runs.id')
            .whereRef('playbook_runs.contact_id', '=', 'contacts.id')
            .where('playbook_runs.playbook_id', '=', w.playbookId),
        ),
      ),
    );
  const a = w.audience;
  if ('stages' in a) q = q.where('contacts.lifecycle_stage', 'in', a.stages);
  else
    q = q.where((eb) =>
      groupsCondition(eb, a.groups, {
        dialect: a.dialect,
        table: 'contacts',
        workspaceId: w.workspaceId,
        keysTable: { name: 'contact_keys', idColumn: 'contact_id' },
      }),
    );
  return (await q.orderBy('contacts.id').limit(w.limit).execute()).map((r) => r.id);
}

/** Insert runs, skipping customers who have a run of the playbook already; the runs inserted. */
export async function insertRunsOnce(trx: Db, runs: Insertable<PlaybookRunTable>[]): Promise<{ id: string; contact_id: string }[]> {
  return trx
    .insertInto('playbook_runs')
    .values(runs)
    .onConflict((oc) => oc.columns(['playbook_id', 'contact_id']).doNothing())
    .returning(['id', 'contact_id'])
    .execute();
}
