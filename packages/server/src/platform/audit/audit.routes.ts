import { z } from 'zod';
import { uuid } from '@kith/domain/schema/fields.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errors, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { authorize } from '../records/visibility.ts';
import { listAudit } from './audit.repository.ts';

const AuditOut = z
  .object({
    id: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    actorUserId: z.string().nullable(),
    actorTokenId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    meta: z.unknown(),
    createdAt: Timestamp,
  })
  .meta({ id: 'AuditEntry' });

export function auditRoutes(core: Core) {
  return async function (app: App) {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit log of this workspace, newest first (admins)',
          querystring: z.strictObject({
            entityType: z.string().max(40).optional(),
            entityId: z.string().max(64).optional(),
            actorUserId: uuid().optional(),
            action: z.string().max(40).optional(),
            cursor: uuid().optional().describe('The id of the last entry seen'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ data: z.array(AuditOut), nextCursor: z.string().nullable() }), ...errors(403) },
        },
        config: { action: 'audit.read' },
      },
      async (req) => {
        const a = actorOf(req);
        authorize(a, 'audit.read');
        const { cursor, limit, ...f } = req.query;
        const rows = await listAudit(core.db, a.workspaceId, { ...f, ...(cursor ? { before: cursor } : {}), limit: limit + 1 });
        const more = rows.length > limit;
        const page = more ? rows.slice(0, limit) : rows;
        return { data: page, nextCursor: more ? page[page.length - 1]!.id : null };
      },
    );
  };
}
