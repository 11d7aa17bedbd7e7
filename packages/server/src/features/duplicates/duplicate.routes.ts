import { z } from 'zod';
import { DUPLICATE_REASONS } from '@kith/domain/duplicates/score.ts';
import type { Core } from '../../core.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/types.ts';
import { ContactOut } from '../contacts/contact.routes.ts';
import { detectDuplicates } from './duplicate-detect.service.ts';
import { mergeContacts, MERGE_FIELDS, undoMerge } from './duplicate-merge.service.ts';
import { dismissCandidate, listCandidates } from './duplicate.service.ts';

const Brief = ContactOut.pick({
  id: true,
  name: true,
  externalId: true,
  emails: true,
  phones: true,
  birthday: true,
  gender: true,
  province: true,
  company: true,
  companyId: true,
  ownerId: true,
  lifecycleStage: true,
  tags: true,
  jobTitle: true,
  occupation: true,
  addressLine: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});

const CandidateOut = z
  .object({
    id: z.string(),
    score: z.number().describe('0–1: how likely the two are one customer'),
    reasons: z.array(z.enum(DUPLICATE_REASONS)).describe('what they share or contradict, strongest first'),
    status: z.string(),
    detectedAt: z.string(),
    a: Brief,
    b: Brief,
  })
  .meta({ id: 'DuplicateCandidate' });

const MergeBody = z.strictObject({
  survivorId: z.uuid().describe('the contact that stays'),
  mergedId: z.uuid().describe('the contact merged into it (soft-deleted, restorable by undoing the merge)'),
  prefer: z
    .partialRecord(z.enum(MERGE_FIELDS), z.enum(['survivor', 'merged']))
    .optional()
    .describe('per field, whose value to keep (default: the survivor’s, the other’s where the survivor has none); phones, emails and tags are joined'),
});

export function duplicateRoutes(core: Core) {
  return async function (app: App) {
    app.post(
      '/duplicates/detect',
      {
        schema: {
          tags: ['duplicates'],
          summary:
            'Find duplicate contacts in the whole workspace (same phone, email or customer id; same name with the same birthday, company or province), scored; a dismissed pair stays dismissed',
          response: {
            200: z.object({
              contacts: z.number().int(),
              blocks: z.number().int(),
              pairsCompared: z.number().int(),
              candidates: z.number().int(),
              added: z.number().int(),
              seconds: z.number(),
            }),
            ...errors(403),
          },
        },
        config: { action: 'contacts.delete' },
      },
      async (req) => detectDuplicates(core, actorOf(req)),
    );

    app.get(
      '/duplicates',
      {
        schema: {
          tags: ['duplicates'],
          summary: 'Open duplicate pairs, likeliest first (pairs whose two contacts the caller may read)',
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z.string().max(200).optional(),
            contactId: z.uuid().optional().describe('only the pairs with this contact'),
          }),
          response: { 200: z.object({ data: z.array(CandidateOut), nextCursor: z.string().nullable() }), ...errors(403, 422) },
        },
        config: { action: 'contacts.read' },
      },
      async (req) => listCandidates(core, actorOf(req), req.query),
    );

    app.post(
      '/duplicates/:id/dismiss',
      {
        schema: {
          tags: ['duplicates'],
          summary: 'Not the same person: the pair is not offered again',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null(), ...errors(403, 404) },
        },
        config: { action: 'contacts.update' },
      },
      async (req, reply) => {
        await dismissCandidate(core, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/contacts/merge',
      {
        schema: {
          tags: ['duplicates'],
          summary:
            'Merge two contacts into one: values chosen field by field, phones, emails and tags joined, everything that points at the other (orders, interactions, tasks, deals, tickets, surveys, loyalty points, playbook runs) moved to the survivor, loyalty balances added up, points re-synced; audited, and undone with POST /merges/{id}/undo',
          body: MergeBody,
          response: {
            200: z.object({
              id: z.string(),
              survivorId: z.string(),
              mergedId: z.string(),
              moved: z
                .record(z.string(), z.number().int())
                .describe(
                  'Rows now pointing at the survivor, by table (orders, interactions, tasks, deals, tickets, points_ledger…); every table a merge moves rows of, 0 when none moved',
                ),
              contact: ContactOut,
            }),
            ...errors(403, 404, 409, 422),
          },
        },
        config: { action: 'contacts.delete' },
      },
      async (req) => mergeContacts(core, actorOf(req), req.body),
    );

    app.post(
      '/merges/:id/undo',
      {
        schema: {
          tags: ['duplicates'],
          summary:
            'Undo a merge: the survivor as it was, the other contact back with everything that was moved (refused with 412 when the survivor changed since)',
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ survivor: ContactOut, restored: ContactOut }), ...errors(403, 404, 409, 412) },
        },
        config: { action: 'contacts.delete' },
      },
      async (req) => undoMerge(core, actorOf(req), req.params.id),
    );
  };
}
