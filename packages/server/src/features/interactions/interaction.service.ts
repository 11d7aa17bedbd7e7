import type { Insertable } from 'kysely';
import { uuidv7 } from '../../platform/db/ids.ts';
import { invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { defaultChannel, type InteractionCreateInput, type InteractionUpdateInput } from '@kith/domain/interactions/interaction.schema.ts';
import type { Interaction } from '@kith/domain/interactions/interaction.api.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { checkVersion, softDelete, updateVersioned } from '../../platform/records/lifecycle.ts';
import { readableContacts, scopeFor } from '../../platform/records/visibility.ts';
import { findInteraction, insertInteractionRows, liveCompanyExists } from './interaction.repository.ts';
import type { InteractionTable } from './interaction.table.ts';

/**
 * Interactions (calls, meetings, emails, chats, messages, visits, notes): logged, edited and removed (the customer's
 * timeline reads them through interaction-timeline.repository.ts).
 */

const AUDITED = ['kind', 'channel', 'direction', 'occurredAt', 'durationSeconds', 'outcome', 'subject', 'body', 'companyId', 'contactId'] as const;

async function readableContact(db: Db, actor: Actor, contactId: string): Promise<{ company_id: string | null } | undefined> {
  const c = (await readableContacts(db, actor, [contactId])).get(contactId);
  return c && { company_id: c.companyId };
}

async function checkCompany(db: Db, workspaceId: string, companyId: string | null | undefined, issues: FieldIssue[]): Promise<void> {
  if (!companyId) return;
  if (!(await liveCompanyExists(db, workspaceId, companyId))) issues.push({ path: ['companyId'], message: 'No such company', code: 'not_found' });
}

const audited = (i: Interaction) => Object.fromEntries(AUDITED.map((k) => [k, i[k]]));

/** An interaction's row as first written. */
const newRow = (i: Interaction, workspaceId: string): Insertable<InteractionTable> => ({
  id: i.id,
  workspace_id: workspaceId,
  contact_id: i.contactId,
  company_id: i.companyId,
  kind: i.kind,
  channel: i.channel,
  direction: i.direction,
  occurred_at: i.occurredAt,
  duration_seconds: i.durationSeconds,
  outcome: i.outcome,
  subject: i.subject,
  body: i.body,
  author_id: i.authorId,
  created_at: i.createdAt,
  updated_at: i.updatedAt,
  deleted_at: null,
  version: 1,
});

export async function createInteraction(core: Core, actor: Actor, input: InteractionCreateInput): Promise<Interaction> {
  scopeFor(actor, 'interactions.create');
  return core.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    const contact = await readableContact(trx, actor, input.contactId);
    if (!contact) issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
    await checkCompany(trx, actor.workspaceId, input.companyId, issues);
    if (issues.length) throw invalid(issues, 'The interaction has invalid fields');
    const now = core.now().toISOString();
    const i: Interaction = {
      id: uuidv7(),
      contactId: input.contactId,
      companyId: input.companyId !== undefined ? input.companyId : (contact?.company_id ?? null),
      kind: input.kind,
      channel: input.channel !== undefined ? input.channel : defaultChannel(input.kind),
      direction: input.direction ?? null,
      occurredAt: input.occurredAt ?? now,
      durationSeconds: input.durationSeconds ?? null,
      outcome: input.outcome ?? null,
      subject: input.subject ?? null,
      body: input.body ?? null,
      authorId: actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await insertInteractionRows(trx, [newRow(i, actor.workspaceId)]);
    await recordAudit(
      trx,
      { ...by(actor), action: 'create', entityType: 'interaction', entityId: i.id, after: audited(i), meta: { contactId: i.contactId } },
      core.now(),
    );
    return i;
  });
}

/** Log many interactions at once, all or none (imports, the demo); paths start with `items.N`. */
export async function createInteractions(core: Core, actor: Actor, inputs: InteractionCreateInput[]): Promise<number> {
  scopeFor(actor, 'interactions.create');
  if (inputs.length === 0) return 0;
  return core.db.transaction().execute(async (trx) => (await createInteractionsIn(core, trx, actor, inputs)).length);
}

/** The body of createInteractions inside the caller's transaction (an import); returns the ids, in order. */
export async function createInteractionsIn(
  core: Core,
  trx: Db,
  actor: Actor,
  inputs: InteractionCreateInput[],
  meta?: Record<string, unknown>,
): Promise<string[]> {
  {
    const known = new Map(
      [
        ...(await readableContacts(
          trx,
          actor,
          inputs.map((i) => i.contactId),
        )),
      ].map(([id, c]) => [id, c.companyId]),
    );
    const issues: FieldIssue[] = inputs.flatMap((i, n) =>
      known.has(i.contactId) ? [] : [{ path: ['items', n, 'contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' }],
    );
    if (issues.length) throw invalid(issues, 'Some interactions are invalid; nothing was logged');
    const now = core.now().toISOString();
    const made: Interaction[] = inputs.map((input) => ({
      id: uuidv7(),
      contactId: input.contactId,
      companyId: input.companyId !== undefined ? input.companyId : (known.get(input.contactId) ?? null),
      kind: input.kind,
      channel: input.channel !== undefined ? input.channel : defaultChannel(input.kind),
      direction: input.direction ?? null,
      occurredAt: input.occurredAt ?? now,
      durationSeconds: input.durationSeconds ?? null,
      outcome: input.outcome ?? null,
      subject: input.subject ?? null,
      body: input.body ?? null,
      authorId: actor.userId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    await insertInteractionRows(
      trx,
      made.map((i) => newRow(i, actor.workspaceId)),
    );
    await recordAudit(
      trx,
      made.map((i) => ({
        ...by(actor),
        action: 'create' as const,
        entityType: 'interaction',
        entityId: i.id,
        after: audited(i),
        meta: { ...meta, contactId: i.contactId },
      })),
      core.now(),
    );
    return made.map((i) => i.id);
  }
}

export async function getInteraction(core: Core, actor: Actor, id: string): Promise<Interaction> {
  const i = await findInteraction(core.db, scopeFor(actor, 'contacts.read'), id);
  if (!i) throw notFound('Interaction');
  return i;
}

export async function updateInteraction(core: Core, actor: Actor, id: string, patch: InteractionUpdateInput, ifVersion: number | null): Promise<Interaction> {
  const scope = scopeFor(actor, 'interactions.update');
  return core.db.transaction().execute(async (trx) => {
    const before = await findInteraction(trx, scope, id);
    if (!before) throw notFound('Interaction');
    checkVersion(before, ifVersion);
    const issues: FieldIssue[] = [];
    if (patch.contactId !== undefined && patch.contactId !== before.contactId && !(await readableContact(trx, actor, patch.contactId)))
      issues.push({ path: ['contactId'], message: 'No such customer (or not one you may see)', code: 'not_found' });
    if (patch.companyId !== undefined) await checkCompany(trx, actor.workspaceId, patch.companyId, issues);
    if (issues.length) throw invalid(issues, 'The interaction has invalid fields');
    const next: Interaction = { ...before };
    for (const k of AUDITED) if (patch[k] !== undefined) (next as Record<string, unknown>)[k] = patch[k];
    const changed = AUDITED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    if (changed.length === 0) return before;
    const now = core.now().toISOString();
    const version = await updateVersioned(trx, 'interactions', actor.workspaceId, before, {
      contact_id: next.contactId,
      company_id: next.companyId,
      kind: next.kind,
      channel: next.channel,
      direction: next.direction,
      occurred_at: next.occurredAt,
      duration_seconds: next.durationSeconds,
      outcome: next.outcome,
      subject: next.subject,
      body: next.body,
      updated_at: now,
    });
    await recordAudit(
      trx,
      {
        ...by(actor),
        action: 'update',
        entityType: 'interaction',
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        meta: { contactId: next.contactId },
      },
      core.now(),
    );
    return { ...next, updatedAt: now, version };
  });
}

export async function deleteInteraction(core: Core, actor: Actor, id: string): Promise<void> {
  const scope = scopeFor(actor, 'interactions.update');
  await core.db.transaction().execute(async (trx) => {
    const i = await findInteraction(trx, scope, id);
    if (!i) throw notFound('Interaction');
    await softDelete(trx, 'interactions', actor.workspaceId, i, { at: core.now().toISOString() });
    await recordAudit(
      trx,
      { ...by(actor), action: 'delete', entityType: 'interaction', entityId: id, before: audited(i), meta: { contactId: i.contactId } },
      core.now(),
    );
  });
}
