import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DomainEvent } from '@kith/domain/events/event-types.ts';
import { client, createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace } from '../../../test/factories.ts';
import { eventListenersOf, recurringOf } from '../../kith-module.ts';
import { deliverDueEvents, type EventListener } from '../../platform/events/delivery.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';
import { segmentMemberIds } from './segment-members.repository.ts';
import { recomputeSegments, SEGMENTS_RECOMPUTE_JOB, SEGMENTS_RECOMPUTE_WORKSPACE_JOB } from './segment-members.service.ts';

let clock = new Date('2026-12-07T02:00:30.000Z');
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
let t: TestApp;
before(async () => {
  t = await createTestApp({ now: () => clock });
});
after(() => t.close());

/** What a listener of segment events is handed (automation, later), every delivery of every event. */
const heard: DomainEvent[] = [];
const probe: EventListener = {
  id: 'test.segment-members',
  on: ['segment.entered', 'segment.left'],
  async handle(_core, e) {
    heard.push(e);
  },
};
/** Deliver what is due to the modules' listeners and the probe together (a dispatch fans out to those it is given). */
const deliver = () => deliverDueEvents(t.core, [...eventListenersOf(t.core.modules), probe]);
const told = (workspaceId: string) => heard.filter((e) => e.workspaceId === workspaceId).map((e) => `${e.type} ${e.payload.contactId}`);

const vip = { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'vip' }] }] };

async function workspace() {
  const { owner, workspaceId } = await makeWorkspace(t.core);
  const api = client(t.app, owner.token);
  const contact = async (name: string, tags: string[]) => {
    const r = await api.post('/api/v1/contacts', { name, tags });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const tag = async (id: string, tags: string[]) => assert.equal((await api.patch(`/api/v1/contacts/${id}`, { tags })).status, 200);
  const segment = async (name: string) => {
    const r = await api.post('/api/v1/segments', { name, definition: vip });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  return { workspaceId, api, contact, tag, segment };
}

describe('segment membership', () => {
  // First: the jobs it counts are the only ones due.
  test('a change to a customer schedules one recompute of the workspace within the minute, which tells the change; every 15 minutes all are recomputed', async () => {
    assert.equal(recurringOf(t.core.modules).get(SEGMENTS_RECOMPUTE_JOB)?.everyMs, 15 * 60_000);
    const a = await workspace();
    const s = await a.segment('VIP');
    const ids = [await a.contact('Hà', []), await a.contact('Hùng', []), await a.contact('Hương', [])];
    for (const id of ids) await a.tag(id, ['vip']);
    await deliver();
    // Six changes, one recompute waiting (debounced); it is due at the end of the minute.
    const recompute = () => runDueJobs(t.core, 'test', { kinds: [SEGMENTS_RECOMPUTE_WORKSPACE_JOB] });
    assert.equal((await recompute()).done, 0, 'not due yet');
    assert.deepEqual(await segmentMemberIds(t.core.db, a.workspaceId, s), []);
    later(60_000);
    assert.equal((await recompute()).done, 1, 'one job for the six changes');
    assert.deepEqual(await segmentMemberIds(t.core.db, a.workspaceId, s), [...ids].sort());
    await deliver();
    assert.deepEqual(told(a.workspaceId).sort(), ids.map((id) => `segment.entered ${id}`).sort());
    // Nothing else was waiting: running again (later still) tells nothing more.
    later(60_000);
    assert.equal((await recompute()).done, 0);
    await deliver();
    assert.equal(told(a.workspaceId).length, 3);
  });

  test('entered and left are told once per change, after the recompute; a new segment’s baseline and an idle recompute tell nothing; other workspaces never enter', async () => {
    const a = await workspace();
    const b = await workspace();
    const anh = await a.contact('Anh', ['vip']);
    const binh = await a.contact('Bình', []);
    const outsider = await b.contact('Người ngoài', ['vip']);
    const s = await a.segment('Khách VIP');
    const sb = await b.segment('VIP bên kia');

    // The baseline: today's members recorded, none announced.
    assert.deepEqual(await segmentMemberIds(t.core.db, a.workspaceId, s), [anh]);
    assert.deepEqual(await segmentMemberIds(t.core.db, b.workspaceId, sb), [outsider]);
    await deliver();
    assert.deepEqual(told(a.workspaceId), [], 'a new segment floods nobody');
    assert.deepEqual((await recomputeSegments(t.core, a.workspaceId))[s], { entered: 0, left: 0, baseline: false });
    await deliver();
    assert.deepEqual(told(a.workspaceId), [], 'a recompute with no change tells nothing');

    // Bình is tagged into the conditions: one segment.entered, once the recompute has run.
    await a.tag(binh, ['vip']);
    await deliver();
    assert.deepEqual(told(a.workspaceId), [], 'nothing before the recompute');
    assert.deepEqual((await recomputeSegments(t.core, a.workspaceId))[s], { entered: 1, left: 0, baseline: false });
    await deliver();
    await deliver();
    assert.deepEqual(told(a.workspaceId), [`segment.entered ${binh}`]);
    const entered = heard.find((e) => e.workspaceId === a.workspaceId)!;
    assert.deepEqual(entered.payload, { segmentId: s, contactId: binh });
    assert.equal(entered.recordKey, `contact:${binh}`);

    // A second recompute with nothing changed: nothing more.
    assert.deepEqual((await recomputeSegments(t.core, a.workspaceId))[s], { entered: 0, left: 0, baseline: false });
    await deliver();
    assert.equal(told(a.workspaceId).length, 1);

    // Anh is untagged out of them, Bình deleted: each leaves.
    await a.tag(anh, []);
    assert.equal((await a.api.delete(`/api/v1/contacts/${binh}`)).status, 204);
    assert.deepEqual((await recomputeSegments(t.core, a.workspaceId))[s], { entered: 0, left: 2, baseline: false });
    await deliver();
    assert.deepEqual(told(a.workspaceId).slice(1).sort(), [`segment.left ${anh}`, `segment.left ${binh}`].sort());
    assert.deepEqual(await segmentMemberIds(t.core.db, a.workspaceId, s), []);

    // Every event reached the probe exactly once.
    const ids = heard.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);

    // Workspace isolation: the other workspace's vip never entered A's segment, and A's changes tell B nothing.
    assert.deepEqual(await segmentMemberIds(t.core.db, b.workspaceId, sb), [outsider]);
    assert.ok(!heard.some((e) => e.payload.contactId === outsider));
    assert.deepEqual((await recomputeSegments(t.core, b.workspaceId))[sb], { entered: 0, left: 0, baseline: false });
    assert.deepEqual(told(b.workspaceId), []);
  });

  test('a merge: the survivor enters by its merged tags, the merged contact leaves', async () => {
    const a = await workspace();
    const merged = await a.contact('Cường', ['vip']);
    const survivor = await a.contact('Cường Nguyễn', []);
    const s = await a.segment('VIP');
    const m = await a.api.post('/api/v1/contacts/merge', { survivorId: survivor, mergedId: merged });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    assert.deepEqual((await recomputeSegments(t.core, a.workspaceId))[s], { entered: 1, left: 1, baseline: false });
    await deliver();
    assert.deepEqual(told(a.workspaceId).sort(), [`segment.entered ${survivor}`, `segment.left ${merged}`].sort());
    assert.deepEqual(await segmentMemberIds(t.core.db, a.workspaceId, s), [survivor]);
  });

  test('redefining a segment records a new baseline, not a wave of entries', async () => {
    const a = await workspace();
    await a.contact('Dung', ['vip']);
    const lead = await a.contact('Giang', ['lead']);
    const s = await a.segment('VIP');
    const r = await a.api.patch(`/api/v1/segments/${s}`, {
      definition: { match: 'all', groups: [{ match: 'all', conditions: [{ field: 'tags', op: 'has', value: 'lead' }] }] },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(await segmentMemberIds(t.core.db, a.workspaceId, s), [lead]);
    assert.deepEqual((await recomputeSegments(t.core, a.workspaceId))[s], { entered: 0, left: 0, baseline: false });
    await deliver();
    assert.deepEqual(told(a.workspaceId), []);
  });
});
