import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueBucket } from './task.schema.ts';

test('overdue, today and upcoming follow the workspace’s calendar day, not UTC’s', () => {
  const now = new Date('2026-11-23T15:00:00Z'); // 22:00 in Hồ Chí Minh City
  assert.equal(dueBucket('2026-11-23T14:00:00Z', now, 'Asia/Ho_Chi_Minh'), 'overdue');
  assert.equal(dueBucket('2026-11-23T16:30:00Z', now, 'Asia/Ho_Chi_Minh'), 'today', '23:30 the same evening');
  assert.equal(dueBucket('2026-11-23T17:30:00Z', now, 'Asia/Ho_Chi_Minh'), 'upcoming', '00:30 the next day there, though still the 23rd in UTC');
  assert.equal(dueBucket('2026-11-23T17:30:00Z', now, 'UTC'), 'today');
  assert.equal(dueBucket(null, now, 'Asia/Ho_Chi_Minh'), 'someday');
});
