/**
 * Search pages newest-first, on both databases, whichever way the database finds the matches: on
 * PostgreSQL a page is filled first from the newest window of rows and then from the GIN index over the
 * older ones; small windows (instead of 20,000) make every step run here.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseSearchQuery } from '@kith/domain/search/contact-search.ts';
import { createTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { createContacts } from './contact.service.ts';
import { listContactRows } from './contact.repository.ts';

let t: TestApp;
let owner: TestUser;
let other: TestUser;

before(async () => {
  t = await createTestApp();
  ({ owner } = await makeWorkspace(t.core));
  ({ owner: other } = await makeWorkspace(t.core));
  // 30 contacts; every third is a "Lan", only two (old ones) are "Quỳnh"; the other workspace has both names too.
  const names = Array.from({ length: 30 }, (_, i) => (i === 2 || i === 4 ? `Võ Thị Quỳnh ${i}` : i % 3 === 0 ? `Phạm Lan ${i}` : `Đỗ Minh ${i}`));
  for (const n of names) await createContacts(t.core, owner.actor, [{ name: n }], { bulk: false });
  await createContacts(t.core, other.actor, [{ name: 'Lan Khác' }, { name: 'Quỳnh Khác' }], { bulk: true });
});
after(() => t.close());

async function page(q: string, limit: number, after: number | null, window?: number) {
  const r = await listContactRows(
    t.core.db,
    t.core.dialect,
    { workspaceId: owner.workspaceId, limitTo: null },
    {
      filters: [],
      sort: null,
      cursor: null,
      searchAfterSeq: after,
      limit,
      searchTokens: parseSearchQuery(q),
      deleted: 'exclude',
      ...(window ? { searchWindow: window } : {}),
    },
  );
  return { names: r.rows.map((c) => c.name), last: r.seqs[r.seqs.length - 1] ?? null };
}

for (const window of [undefined, 5]) {
  const label = window ? `a ${window}-row window` : 'the default window';
  test(`newest matches first, paged without gaps or repeats, with ${label}`, async () => {
    const all: string[] = [];
    let after: number | null = null;
    for (;;) {
      const p = await page('lan', 3, after, window);
      all.push(...p.names);
      if (p.names.length < 3) break;
      after = p.last;
    }
    assert.deepEqual(
      all,
      [27, 24, 21, 18, 15, 12, 9, 6, 3, 0].map((i) => `Phạm Lan ${i}`),
    );
  });

  test(`rare words beyond the window are found, in order, with ${label}`, async () => {
    assert.deepEqual((await page('quynh', 10, null, window)).names, ['Võ Thị Quỳnh 4', 'Võ Thị Quỳnh 2']);
    assert.deepEqual((await page('quynh', 1, null, window)).names, ['Võ Thị Quỳnh 4']);
    assert.deepEqual((await page('khong co ai', 10, null, window)).names, []);
  });

  test(`common words not filling the window's page are walked further back, in order, with ${label}`, async () => {
    const minh = [29, 28, 26, 25, 23, 22, 20, 19, 17, 16, 14, 13, 11, 10, 8, 7, 5, 1].map((i) => `Đỗ Minh ${i}`);
    assert.deepEqual((await page('minh', 15, null, window && 12)).names, minh.slice(0, 15));
    assert.deepEqual((await page('do minh', 30, null, window && 12)).names, minh);
  });
}
