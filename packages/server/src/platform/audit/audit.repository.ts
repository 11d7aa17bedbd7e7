import { bulkInsert } from '../db/bulk-insert.ts';
import { uuidv7 } from '../db/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { readJson } from '../db/column-types.ts';
import type { Db } from '../db/create-db.ts';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'restore'
  | 'purge'
  | 'complete'
  | 'reopen'
  | 'login'
  | 'login.failed'
  | 'logout'
  | 'logout.all'
  | 'token.create'
  | 'token.revoke'
  | 'token.use'
  | 'session.revoke'
  | 'password.change'
  | 'password.reset.request'
  | 'password.reset'
  | 'member.role'
  | 'member.remove'
  | 'member.join'
  | 'team.member.add'
  | 'team.member.remove'
  | 'invitation.create'
  | 'invitation.revoke'
  | 'invitation.accept'
  | 'export'
  | 'merge'
  | 'period.close'
  | 'period.recount'
  | 'assignment.held'
  | 'approve'
  | 'reject'
  | 'withdraw';

export type AuditEntry = {
  workspaceId: string | null;
  actorUserId: string | null;
  actorTokenId?: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  meta?: Record<string, unknown>;
};

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Append entries to the audit log (inside the caller's transaction, so the change and its record commit together). */
export async function recordAudit(db: Db, entries: AuditEntry | AuditEntry[], at: Date): Promise<void> {
  await insertAuditRows(db, auditRows(Array.isArray(entries) ? entries : [entries], at));
}

export type AuditRow = ReturnType<typeof auditRows>[number];

/** The rows recordAudit writes, made ahead (an import makes them while it prepares a batch, outside its transaction). */
export function auditRows(list: AuditEntry[], at: Date) {
  const createdAt = at.toISOString();
  return list.map((e) => ({
    id: uuidv7(),
    workspace_id: e.workspaceId,
    actor_user_id: e.actorUserId,
    actor_token_id: e.actorTokenId ?? null,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    before: json(e.before),
    after: json(e.after),
    meta: json(e.meta),
    created_at: createdAt,
  }));
}

/** Rows of auditRows, inside the caller's transaction. */
export async function insertAuditRows(db: Db, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  // Chunks under SQLite's bound-parameter limit; one unnest statement per 5,000 rows on PostgreSQL.
  await bulkInsert(db, 'audit_log', rows, { sqliteChunk: 500 });
}

/** The who/where part of an audit entry for an actor. */
export function by(actor: Actor): Pick<AuditEntry, 'workspaceId' | 'actorUserId' | 'actorTokenId' | 'meta'> {
  return {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    meta: { via: actor.via, ...(actor.requestId ? { requestId: actor.requestId } : {}), ...(actor.ip ? { ip: actor.ip } : {}) },
  };
}

export type AuditRecord = {
  id: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  actorTokenId: string | null;
  before: unknown;
  after: unknown;
  meta: unknown;
  createdAt: string;
};

export async function listAudit(
  db: Db,
  workspaceId: string,
  f: { entityType?: string; entityId?: string; actorUserId?: string; action?: string; before?: string; limit: number },
): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.before) q = q.where('id', '<', f.before);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    actorUserId: r.actor_user_id,
    actorTokenId: r.actor_token_id,
    before: readJson(r.before, null),
    after: readJson(r.after, null),
    meta: readJson(r.meta, null),
    createdAt: r.created_at,
  }));
}
