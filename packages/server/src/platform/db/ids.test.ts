import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from './ids.ts';

test('ids are UUID version 7 with the RFC variant, carry the time, sort in the order they were made, and do not repeat', () => {
  const before = Date.now();
  const ids = Array.from({ length: 20_000 }, () => uuidv7());
  const after = Date.now();
  for (const id of ids.slice(0, 50)) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const ms = Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
  assert.ok(ms >= before && ms <= after + 1, `the timestamp ${ms} is now`);
  assert.deepEqual([...ids].sort(), ids, 'made in a row, they sort in that order');
  assert.equal(new Set(ids).size, ids.length);
});
