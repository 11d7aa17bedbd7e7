import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDangerousCell, neutralizeCell } from './cells.ts';

test('cells a spreadsheet would execute get a leading apostrophe; everything else is untouched', () => {
  for (const bad of ['=1+1', '=HYPERLINK("http://x","y")', '+84912345678', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
    assert.equal(isDangerousCell(bad), true, bad);
    assert.equal(neutralizeCell(bad), `'${bad}`);
  }
  for (const ok of ['Nguyễn Văn An', '0912 345 678', 'an@example.vn', '', ' =1', '1-2']) assert.equal(neutralizeCell(ok), ok);
});
