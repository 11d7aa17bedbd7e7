import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAMEWORK_KEYS, FRAMEWORKS } from './frameworks.ts';
import { frameworkProblems, practicesOf } from './framework.ts';
import { INDICATOR_KEYS } from './indicators.ts';

test('every shipped framework is sound: ids unique and well formed, weights positive, texts in vi and en', () => {
  for (const f of FRAMEWORKS) assert.deepEqual(frameworkProblems(f), [], f.key);
  assert.deepEqual(
    FRAMEWORKS.map((f) => f.key),
    [...FRAMEWORK_KEYS],
  );
});

test('the QCI-model health check has the eight areas in the model’s order and about a hundred practices', () => {
  const qci = FRAMEWORKS.find((f) => f.key === 'qci');
  assert.ok(qci);
  assert.deepEqual(
    qci.areas.map((a) => a.key),
    [
      'analysis_planning',
      'proposition',
      'customer_management',
      'people_organisation',
      'information_technology',
      'process_management',
      'measurement',
      'customer_experience',
    ],
  );
  const n = practicesOf(qci).length;
  assert.ok(n >= 90 && n <= 120, `${n} practices`);
  for (const a of qci.areas) assert.ok(a.subComponents.flatMap((s) => s.practices).length >= 8, a.key);
});

test('the other frameworks have their models’ parts', () => {
  const keys = (k: string) => FRAMEWORKS.find((f) => f.key === k)?.areas.map((a) => a.key);
  assert.deepEqual(keys('idic'), ['identify', 'differentiate', 'interact', 'customize']);
  assert.equal(keys('gartner')?.length, 8);
  assert.equal(keys('buttle')?.length, 9); // five primary stages, four supporting conditions
  assert.equal(keys('payne_frow')?.length, 9); // five processes, four conditions
  assert.ok((keys('care')?.length ?? 0) >= 10); // six components, four ways of building
});

test('every indicator is used by some practice, and practices name only known indicators', () => {
  const used = new Set(FRAMEWORKS.flatMap((f) => practicesOf(f).flatMap((p) => [...p.practice.indicators])));
  for (const k of used) assert.ok((INDICATOR_KEYS as readonly string[]).includes(k), k);
  assert.deepEqual(
    INDICATOR_KEYS.filter((k) => !used.has(k)),
    [],
  );
});

test('no practice copies the commercial tool’s name', () => {
  const text = JSON.stringify(FRAMEWORKS);
  assert.ok(!/CMAT/i.test(text));
});
