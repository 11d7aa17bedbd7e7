import { parseDateTime, parseWholeNumber } from '@kith/domain/import/values.ts';
import {
  DIRECTIONS,
  INTERACTION_CHANNELS,
  INTERACTION_KINDS,
  InteractionCreateSchema,
  type InteractionCreateInput,
} from '@kith/domain/interactions/interaction.schema.ts';
import { matchKey } from '@kith/domain/text/fold.ts';
import type { Core } from '../../core.ts';
import type { Db } from '../../platform/db/create-db.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { by, recordAudit } from '../../platform/audit/audit.repository.ts';
import { contactsByKeys } from '../contacts/contact.repository.ts';
import { createInteractionsIn } from '../interactions/interaction.service.ts';
import { scopeFor } from '../../platform/records/visibility.ts';
import { findWorkspace } from '../workspaces/workspace.repository.ts';
import type { ImportError } from './engine.ts';
import { customerKeys, type KindHandler, type MappedRow, type PrepareContext, type UndoItem, type UndoResult, type Written } from './kinds.ts';

/**
 * Importing interactions (a call log, a chat export, a visit book): one row per interaction, its customer
 * found by customer id, email or phone (a row whose customer is not in Kith is refused: import the
 * customers first). The same customer, kind and time already logged is skipped, so a file imported again
 * adds nothing. Kinds, channels and directions are read in Vietnamese or English.
 */

const KIND: Record<string, (typeof INTERACTION_KINDS)[number]> = {
  goi: 'call',
  'cuoc goi': 'call',
  'goi dien': 'call',
  'dien thoai': 'call',
  call: 'call',
  'phone call': 'call',
  gap: 'meeting',
  'gap mat': 'meeting',
  'cuoc hop': 'meeting',
  hop: 'meeting',
  meeting: 'meeting',
  email: 'email',
  'e mail': 'email',
  thu: 'email',
  chat: 'chat',
  'tro chuyen': 'chat',
  'nhan tin': 'message',
  'tin nhan': 'message',
  message: 'message',
  sms: 'message',
  zalo: 'message',
  facebook: 'message',
  messenger: 'message',
  'ghe tham': 'visit',
  'ghe cua hang': 'visit',
  'den cua hang': 'visit',
  visit: 'visit',
  'ghi chu': 'note',
  note: 'note',
};
const CHANNEL_OF_KIND: Record<string, (typeof INTERACTION_CHANNELS)[number]> = { zalo: 'zalo', facebook: 'facebook', messenger: 'facebook', sms: 'sms' };
const CHANNEL: Record<string, (typeof INTERACTION_CHANNELS)[number]> = {
  'dien thoai': 'phone',
  phone: 'phone',
  zalo: 'zalo',
  facebook: 'facebook',
  fb: 'facebook',
  messenger: 'facebook',
  sms: 'sms',
  'web chat': 'web_chat',
  website: 'web_chat',
  email: 'email',
  'truc tiep': 'in_person',
  'tai cua hang': 'in_person',
  'in person': 'in_person',
  video: 'video',
  'goi video': 'video',
  khac: 'other',
  other: 'other',
};
const DIRECTION: Record<string, (typeof DIRECTIONS)[number]> = {
  den: 'inbound',
  'goi den': 'inbound',
  vao: 'inbound',
  inbound: 'inbound',
  in: 'inbound',
  di: 'outbound',
  'goi di': 'outbound',
  ra: 'outbound',
  outbound: 'outbound',
  out: 'outbound',
};

type Plan = { items: { row: number; input: InteractionCreateInput }[]; skipped: number };

async function prepare(core: Core, actor: Actor, rows: MappedRow[], ctx: PrepareContext) {
  const errors: ImportError[] = [];
  const err = (row: number, field: string | null, message: string, code: string, value?: string) =>
    errors.push({ row, column: field ? ctx.headerOf(field) : null, value: value ?? null, message, code });
  const ws = (await findWorkspace(core.db, actor.workspaceId))!;
  const keysOf = (v: Record<string, string>) => customerKeys(v, ws.phoneRegion);
  // Customers the member may read only: one outside their scope reads as unknown, like a phone nobody has.
  const known = await contactsByKeys(
    core.db,
    actor.workspaceId,
    rows.flatMap((r) => keysOf(r.values)),
    scopeFor(actor, 'contacts.read'),
  );
  const candidates: { row: number; input: InteractionCreateInput }[] = [];
  for (const r of rows) {
    const v = r.values;
    const before = errors.length;
    const contactId = keysOf(v)
      .map((k) => known.get(k))
      .find((x) => x !== undefined);
    if (!contactId)
      err(
        r.row,
        v.customerPhone ? 'customerPhone' : v.customerEmail ? 'customerEmail' : 'customerExternalId',
        'No customer in Kith has this phone, email or customer id; import the customers first',
        'not_found',
        v.customerPhone ?? v.customerEmail ?? v.customerExternalId,
      );
    const kindText = v.kind ? matchKey(v.kind) : '';
    const kind = v.kind ? KIND[kindText] : 'note';
    if (v.kind && !kind)
      err(r.row, 'kind', `Not a kind of interaction: ${v.kind} (gọi, gặp, email, chat, tin nhắn, ghé thăm, ghi chú)`, 'invalid_choice', v.kind);
    const channel = v.channel ? CHANNEL[matchKey(v.channel)] : CHANNEL_OF_KIND[kindText];
    if (v.channel && !channel) err(r.row, 'channel', `Not a channel: ${v.channel}`, 'invalid_choice', v.channel);
    const direction = v.direction ? DIRECTION[matchKey(v.direction)] : undefined;
    if (v.direction && !direction) err(r.row, 'direction', `Not a direction: ${v.direction} (đến or đi)`, 'invalid_choice', v.direction);
    const occurredAt = v.occurredAt ? parseDateTime(v.occurredAt, ctx.options.dateOrder, 420) : null;
    if (v.occurredAt && !occurredAt) err(r.row, 'occurredAt', `Not a date: ${v.occurredAt} (write it as dd/mm/yyyy hh:mm)`, 'invalid_date', v.occurredAt);
    const duration = v.durationSeconds ? parseWholeNumber(v.durationSeconds) : null;
    if (v.durationSeconds && duration === null)
      err(r.row, 'durationSeconds', `Not a number of seconds: ${v.durationSeconds}`, 'not_integer', v.durationSeconds);
    if (errors.length > before || !contactId || !kind) continue;
    const raw = {
      contactId,
      kind,
      ...(channel ? { channel } : {}),
      ...(direction ? { direction } : {}),
      ...(occurredAt ? { occurredAt } : {}),
      ...(duration !== null ? { durationSeconds: duration } : {}),
      ...(v.outcome ? { outcome: v.outcome } : {}),
      ...(v.subject ? { subject: v.subject } : {}),
      ...(v.body ? { body: v.body } : {}),
    };
    const parsed = InteractionCreateSchema.safeParse(raw);
    if (!parsed.success) {
      for (const x of parsed.error.issues) err(r.row, String(x.path[0] ?? '') || null, x.message, 'invalid', v[String(x.path[0] ?? '')]);
      continue;
    }
    candidates.push({ row: r.row, input: parsed.data });
  }
  // Already logged (same customer, kind and time), or twice in the file: skipped.
  const seen = new Set<string>();
  const withTime = candidates.filter((c) => c.input.occurredAt);
  for (let i = 0; i < withTime.length; i += 500) {
    const chunk = withTime.slice(i, i + 500);
    const found = await core.db
      .selectFrom('interactions')
      .select(['contact_id', 'kind', 'occurred_at'])
      .where('workspace_id', '=', actor.workspaceId)
      .where('deleted_at', 'is', null)
      .where('contact_id', 'in', [...new Set(chunk.map((c) => c.input.contactId))])
      .where('occurred_at', 'in', [...new Set(chunk.map((c) => c.input.occurredAt!))])
      .execute();
    for (const f of found) seen.add(`${f.contact_id}|${f.kind}|${new Date(f.occurred_at).toISOString()}`);
  }
  let skipped = 0;
  const items = candidates.filter((c) => {
    if (!c.input.occurredAt) return true;
    const k = `${c.input.contactId}|${c.input.kind}|${c.input.occurredAt}`;
    if (seen.has(k)) {
      skipped++;
      return false;
    }
    seen.add(k);
    return true;
  });
  return { plan: { items, skipped } satisfies Plan, errors, counts: { created: items.length, updated: 0, skipped } };
}

async function write(core: Core, trx: Db, actor: Actor, plan: Plan, meta: { importId: string }): Promise<Written> {
  const ids = plan.items.length
    ? await createInteractionsIn(
        core,
        trx,
        actor,
        plan.items.map((x) => x.input),
        meta,
      )
    : [];
  return { created: ids.map((id) => ({ type: 'interaction', id })), updated: [], skipped: plan.skipped, errors: [] };
}

async function undo(core: Core, actor: Actor, items: UndoItem[], meta: { importId: string }): Promise<UndoResult> {
  scopeFor(actor, 'interactions.update');
  const ids = items.filter((x) => x.action === 'create' && x.entityType === 'interaction').map((x) => x.entityId);
  let removed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    await core.db.transaction().execute(async (trx) => {
      const now = core.now().toISOString();
      const done = await trx
        .updateTable('interactions')
        .set((eb) => ({ deleted_at: now, updated_at: now, version: eb('version', '+', 1) }))
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', 'in', ids.slice(i, i + 500))
        .where('deleted_at', 'is', null)
        .returning('id')
        .execute();
      removed += done.length;
      const who = by(actor);
      await recordAudit(
        trx,
        done.map((r) => ({ ...who, meta: { ...who.meta, ...meta, undo: true }, action: 'delete' as const, entityType: 'interaction', entityId: r.id })),
        core.now(),
      );
    });
  }
  return { removed, restored: 0, kept: [] };
}

export const interactionsHandler: KindHandler<Plan, null> = {
  kind: 'interactions',
  entityType: 'interaction',
  action: 'interactions.create',
  defaultMatchBy: ['externalId', 'email', 'phone'],
  missing: (fields) =>
    ['customerPhone', 'customerEmail', 'customerExternalId'].some((f) => fields.has(f))
      ? null
      : 'No column finds the customer: map a phone, email or customer id column',
  newState: () => null,
  prepare,
  write,
  undo,
};
