import { z } from 'zod';
import { contract } from '../api/contract.ts';
import { ContactOut } from '../contacts/contact.api.ts';
import { PICKED_CONTACT_FIELDS } from '../contacts/contact.fields.ts';
import { DUPLICATE_REASONS } from './score.ts';

/** The duplicates API's shapes and operations (api/contract.ts): the server's routes and the web's calls both use these. */

const DuplicateIdParams = z.object({ id: z.uuid() });

/** One side of a pair: the contact's fields a person compares. */
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

export const CandidateOut = z
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
/** A pair of contacts that may be one customer. */
export type DuplicateCandidate = z.output<typeof CandidateOut>;

export const MergeBody = z.strictObject({
  survivorId: z.uuid().describe('the contact that stays'),
  mergedId: z.uuid().describe('the contact merged into it (soft-deleted, restorable by undoing the merge)'),
  prefer: z
    .partialRecord(z.enum(PICKED_CONTACT_FIELDS), z.enum(['survivor', 'merged']))
    .optional()
    .describe('per field, whose value to keep (default: the survivor’s, the other’s where the survivor has none); phones, emails and tags are joined'),
});

export const duplicateApi = {
  detect: contract({
    method: 'POST',
    path: '/duplicates/detect',
    tags: ['duplicates'],
    summary:
      'Find duplicate contacts in the whole workspace (same phone, email or customer id; same name with the same birthday, company or province), scored; a dismissed pair stays dismissed',
    status: 200,
    response: z.object({
      contacts: z.number().int(),
      blocks: z.number().int(),
      pairsCompared: z.number().int(),
      candidates: z.number().int(),
      added: z.number().int(),
      seconds: z.number(),
    }),
  }),
  list: contract({
    method: 'GET',
    path: '/duplicates',
    tags: ['duplicates'],
    summary: 'Open duplicate pairs, likeliest first (pairs whose two contacts the caller may read)',
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.string().max(200).optional(),
      contactId: z.uuid().optional().describe('only the pairs with this contact'),
    }),
    status: 200,
    response: z.object({ data: z.array(CandidateOut), nextCursor: z.string().nullable() }),
  }),
  dismiss: contract({
    method: 'POST',
    path: '/duplicates/:id/dismiss',
    tags: ['duplicates'],
    summary: 'Not the same person: the pair is not offered again',
    params: DuplicateIdParams,
    status: 204,
    response: null,
  }),
  merge: contract({
    method: 'POST',
    path: '/contacts/merge',
    tags: ['duplicates'],
    summary:
      'Merge two contacts into one: values chosen field by field, phones, emails and tags joined, everything that points at the other (orders, interactions, tasks, deals, tickets, surveys, loyalty points, playbook runs) moved to the survivor, loyalty balances added up, points re-synced; audited, and undone with POST /merges/{id}/undo',
    body: MergeBody,
    status: 200,
    response: z.object({
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
  }),
  undoMerge: contract({
    method: 'POST',
    path: '/merges/:id/undo',
    tags: ['duplicates'],
    summary: 'Undo a merge: the survivor as it was, the other contact back with everything that was moved (refused with 412 when the survivor changed since)',
    params: DuplicateIdParams,
    status: 200,
    response: z.object({ survivor: ContactOut, restored: ContactOut }),
  }),
};
