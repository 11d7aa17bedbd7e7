import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TIMELINE_KINDS } from '@kith/domain/timeline/timeline.api.ts';
import { timelineSourcesOf, type KithModule } from '../../kith-module.ts';
import { MODULES } from '../../modules.ts';

test('every kind of timeline entry is read by exactly one module, and nothing else is', () => {
  const kinds = timelineSourcesOf(MODULES).map((s) => s.kind);
  assert.deepEqual([...kinds].sort(), [...TIMELINE_KINDS].sort());
});

test('two modules reading the same kind are refused', () => {
  const read = async () => [];
  const twice: KithModule[] = [
    { name: 'a', timeline: [{ kind: 'order', read }] },
    { name: 'b', timeline: [{ kind: 'order', read }] },
  ];
  assert.throws(() => timelineSourcesOf(twice), /same kind/);
});
