import { openBenchDb, benchWorkspace } from './lib.ts';
import { contactRegistryFor } from '@kith/server/features/contacts/contact.fields.ts';
import { listContactRows } from '@kith/server/features/contacts/contact.repository.ts';
import { scopeFor } from '@kith/server/platform/records/visibility.ts';
import { parseSort } from '@kith/server/platform/records/list-query.ts';
import { Session } from 'node:inspector/promises';
import { writeFileSync, mkdirSync } from 'node:fs';
const db = await openBenchDb('sqlite', 'main');
const core = db.core;
const ws = await benchWorkspace(core);
const { registry, fields } = await contactRegistryFor(core, ws.workspaceId);
const sort = parseSort(undefined, registry, fields, core.dialect, 'contacts', '-createdAt');
const scope = scopeFor(ws.actor, 'contacts.read');
const f = () =>
  listContactRows(core.db, core.dialect, scope, {
    filters: [],
    sort,
    cursor: null,
    searchAfterSeq: null,
    limit: 51,
    searchTokens: [],
    deleted: 'exclude',
    groups: [],
  });
for (let i = 0; i < 500; i++) await f();
const sess = new Session();
sess.connect();
await sess.post('Profiler.enable');
await sess.post('Profiler.start');
for (let i = 0; i < 3000; i++) await f();
const { profile } = await sess.post('Profiler.stop');
mkdirSync('/tmp/prof-repo', { recursive: true });
writeFileSync('/tmp/prof-repo/p.cpuprofile', JSON.stringify(profile));
await core.close();
