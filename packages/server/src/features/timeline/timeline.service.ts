import { AppError } from '@kith/domain/errors.ts';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '@kith/domain/timeline/timeline.api.ts';
import type { Core } from '../../core.ts';
import { timelineSourcesOf } from '../../kith-module.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { TimelineCursor } from '../../platform/records/timeline.ts';
import { getContact } from '../contacts/contact-list.service.ts';

/**
 * The customer's one timeline: what every feature recorded about them, newest first. Each feature reads its own
 * kind through the source its module declares (`timeline`, platform/records/timeline.ts) — interactions, orders,
 * tasks, deal moves, ticket messages, survey answers, points, changes to the record — and the pages merge here.
 */

const encode = (c: TimelineCursor) => Buffer.from(`${c.at}|${c.id}`).toString('base64url');
function decode(raw: string): TimelineCursor {
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw new AppError('validation', 'The cursor is not one this list gave', {
      issues: [{ path: ['cursor'], message: 'Not a cursor of this list', code: 'invalid' }],
    });
  return { at, id };
}
/** Newest first, then by id: the same order in every source, so their pages merge. */
const newer = (a: { at: string; id: string }, b: { at: string; id: string }) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

/**
 * A page of the timeline, optionally only some kinds. Each source reads `limit + 1` entries past the cursor
 * through its own (workspace, contact, time) index, so a customer with thousands of events costs one short index
 * scan per kind and page. Readable exactly when the customer is.
 */
export async function contactTimeline(
  core: Core,
  actor: Actor,
  contactId: string,
  o: { cursor?: string; limit: number; kinds?: TimelineKind[] },
): Promise<{ data: TimelineEntry[]; nextCursor: string | null }> {
  await getContact(core, actor, contactId);
  const kinds = new Set(o.kinds?.length ? o.kinds : TIMELINE_KINDS);
  const after = o.cursor ? decode(o.cursor) : null;
  const read = { workspaceId: actor.workspaceId, contactId, after, limit: o.limit + 1 };
  const parts = await Promise.all(
    timelineSourcesOf(core.modules)
      .filter((s) => kinds.has(s.kind))
      .map((s) => s.read(core.db, read)),
  );
  const all = parts.flat().sort(newer);
  const page = all.slice(0, o.limit);
  const last = page[page.length - 1];
  return { data: page, nextCursor: all.length > o.limit && last ? encode({ at: last.at, id: last.id }) : null };
}
