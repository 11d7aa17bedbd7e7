import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IMPORT_FIELDS, MULTI_COLUMN_FIELDS } from './mapping.ts';
import { IMPORT_PRESETS, recognisePreset } from './presets.ts';
import { matchKey } from '../text/fold.ts';

test('every preset has a unique id and maps only to fields its kind imports', () => {
  const ids = IMPORT_PRESETS.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, 'preset ids are unique');
  for (const p of IMPORT_PRESETS) {
    assert.match(p.id, /^[a-z0-9-]+$/, p.id);
    assert.ok(p.signature.length > 0, `${p.id} has a signature`);
    const known = new Set(IMPORT_FIELDS[p.kind]);
    for (const [header, target] of Object.entries(p.columns))
      if (typeof target === 'string') assert.ok(known.has(target), `${p.id}: "${header}" → ${target}, not a field of ${p.kind}`);
      else assert.ok(target.skip.length > 10, `${p.id}: "${header}" is left out with a reason`);
    for (const h of p.signature)
      assert.ok(
        Object.keys(p.columns).some((c) => matchKey(c) === matchKey(h)),
        `${p.id}: signature "${h}" is one of its columns`,
      );
    // Single-valued fields: two columns of one file may not both fill one (unless they are spellings of one column in other languages).
    for (const v of Object.values(p.values ?? {})) for (const code of Object.values(v)) assert.ok(code.length > 0);
  }
  assert.ok(MULTI_COLUMN_FIELDS.contacts.has('phones'));
});

test('a preset recognises its own header list and no other preset claims it first', () => {
  for (const p of IMPORT_PRESETS) {
    const headers = Object.keys(p.columns);
    assert.equal(recognisePreset(headers, p.kind)?.id, p.id, `${p.id}'s full header list is recognised as ${p.id}`);
  }
});
