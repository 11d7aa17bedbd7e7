import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCREENS } from './framework.ts';
import { INDICATOR_UNITS, INDICATORS, suggestedReality } from './indicator-catalogue.ts';
import { INDICATOR_KEYS } from './indicators.ts';

test('every indicator key has a definition, texts in both languages, ordered thresholds and a screen', () => {
  assert.deepEqual(Object.keys(INDICATORS).sort(), [...INDICATOR_KEYS].sort());
  for (const k of INDICATOR_KEYS) {
    const d = INDICATORS[k];
    for (const l of [d.name, d.description]) assert.ok(l.vi.trim() && l.en.trim(), `${k}: a text is missing`);
    assert.notEqual(d.description.vi, d.description.en, `${k}: the Vietnamese description is not translated`);
    assert.ok(INDICATOR_UNITS.includes(d.unit), k);
    assert.ok(d.screen in SCREENS, `${k}: ${d.screen} is not a screen`);
    for (let i = 1; i < 4; i++) {
      const [a, b] = [d.thresholds[i - 1]!, d.thresholds[i]!];
      assert.ok(d.direction === 'higher' ? a < b : a > b, `${k}: thresholds must run towards the better end`);
    }
    if (d.unit === 'share') for (const t of d.thresholds) assert.ok(t >= 0 && t <= 1, `${k}: a share's threshold is 0–1`);
  }
});

test('higher is better: each threshold is the first value of its level', () => {
  // owner_coverage: 0.25 / 0.5 / 0.75 / 0.95
  assert.equal(suggestedReality('owner_coverage', 0), 0);
  assert.equal(suggestedReality('owner_coverage', 0.2499), 0);
  assert.equal(suggestedReality('owner_coverage', 0.25), 1);
  assert.equal(suggestedReality('owner_coverage', 0.4999), 1);
  assert.equal(suggestedReality('owner_coverage', 0.5), 2);
  assert.equal(suggestedReality('owner_coverage', 0.75), 3);
  assert.equal(suggestedReality('owner_coverage', 0.9499), 3);
  assert.equal(suggestedReality('owner_coverage', 0.95), 4);
  assert.equal(suggestedReality('owner_coverage', 1), 4);
  // A scale below zero: NPS −20 / 0 / 30 / 50.
  assert.equal(suggestedReality('nps', -100), 0);
  assert.equal(suggestedReality('nps', -20.01), 0);
  assert.equal(suggestedReality('nps', -20), 1);
  assert.equal(suggestedReality('nps', 0), 2);
  assert.equal(suggestedReality('nps', 49.9), 3);
  assert.equal(suggestedReality('nps', 100), 4);
});

test('lower is better: a value at or below each threshold reaches its level', () => {
  // duplicates_waiting: 50 / 20 / 5 / 1 per thousand
  assert.equal(suggestedReality('duplicates_waiting', 1000), 0);
  assert.equal(suggestedReality('duplicates_waiting', 50.01), 0);
  assert.equal(suggestedReality('duplicates_waiting', 50), 1);
  assert.equal(suggestedReality('duplicates_waiting', 20.5), 1);
  assert.equal(suggestedReality('duplicates_waiting', 20), 2);
  assert.equal(suggestedReality('duplicates_waiting', 5), 3);
  assert.equal(suggestedReality('duplicates_waiting', 1.01), 3);
  assert.equal(suggestedReality('duplicates_waiting', 1), 4);
  assert.equal(suggestedReality('duplicates_waiting', 0), 4);
  // complaint_resolution_time: 168 / 72 / 24 / 8 hours
  assert.equal(suggestedReality('complaint_resolution_time', 169), 0);
  assert.equal(suggestedReality('complaint_resolution_time', 168), 1);
  assert.equal(suggestedReality('complaint_resolution_time', 24), 3);
  assert.equal(suggestedReality('complaint_resolution_time', 0.5), 4);
});
