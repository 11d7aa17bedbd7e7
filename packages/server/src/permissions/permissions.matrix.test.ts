/**
 * The permission matrix, generated from docs/permissions.md: the document is parsed, compared with the
 * table the server enforces, and then every cell is exercised through the real API for every role.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ACTIONS, ROLES, type Action, type Grant, type Role } from '@kith/domain/permissions/permissions.ts';
import { client, createTestApp, type Res, type TestApp } from '../../test/build-test-app.ts';
import { makeMember, makeTeam, makeWorkspace, snapshotCounts, type TestUser } from '../../test/factories.ts';

const DOC = join(import.meta.dirname, '../../../../docs/permissions.md');

/** The `## The matrix` table of docs/permissions.md as action → role → grant. */
function parseMatrix(markdown: string): Record<string, Record<Role, Grant>> {
  const section = markdown.split(/^## The matrix\s*$/m)[1]?.split(/^## /m)[0];
  assert.ok(section, 'docs/permissions.md has a "## The matrix" section');
  const lines = section.split('\n').filter((l) => l.trim().startsWith('|'));
  const header = lines[0]!.split('|').map((c) => c.trim()).filter(Boolean);
  assert.deepEqual(header.slice(1, 6), [...ROLES], 'the matrix columns are the five roles in order');
  const out: Record<string, Record<Role, Grant>> = {};
  for (const line of lines.slice(2)) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const action = cells[0]!.replace(/`/g, '');
    const grants = {} as Record<Role, Grant>;
    ROLES.forEach((r, i) => {
      const c = cells[i + 1];
      assert.ok(c === 'yes' || c === 'no' || c === 'scoped', `${action}/${r}: "${c}" is yes, no or scoped`);
      grants[r] = c === 'yes' ? true : c === 'no' ? false : 'scoped';
    });
    out[action] = grants;
  }
  return out;
}

const matrix = parseMatrix(readFileSync(DOC, 'utf8'));

test('docs/permissions.md and the enforced table agree, cell for cell', () => {
  assert.deepEqual(matrix, ACTIONS as unknown as Record<string, Record<Role, Grant>>);
});

// ---- fixtures: one workspace, one member per role, two teams ---------------------------------------

let t: TestApp;
let owner: TestUser;
const as: Partial<Record<Role, TestUser>> = {};
let teamA: string;
let teamB: string;
let mate: TestUser; // an agent on team A: managers may assign to them
let outsider: TestUser; // an agent on team B: outside the manager's and the agent's scope
let curatorsView: string; // a shared view saved by an admin outside the roles under test
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

before(async () => {
  t = await createTestApp();
  const ws = await makeWorkspace(t.core);
  owner = ws.owner;
  teamA = await makeTeam(t.core, ws.workspaceId, 'Đội A');
  teamB = await makeTeam(t.core, ws.workspaceId, 'Đội B');
  as.owner = owner;
  as.admin = await makeMember(t.core, ws.workspaceId, 'admin');
  as.manager = await makeMember(t.core, ws.workspaceId, 'manager', { teamIds: [teamA] });
  as.agent = await makeMember(t.core, ws.workspaceId, 'agent', { teamIds: [teamA] });
  as.viewer = await makeMember(t.core, ws.workspaceId, 'viewer');
  mate = await makeMember(t.core, ws.workspaceId, 'agent', { teamIds: [teamA] });
  outsider = await makeMember(t.core, ws.workspaceId, 'agent', { teamIds: [teamB] });
  // A shared view saved by someone who is none of the roles under test, for views.manage.
  const curator = await makeMember(t.core, ws.workspaceId, 'admin');
  const v = await client(t.app, curator.token).post('/api/v1/views', { entity: 'contacts', name: 'Khách VIP', shared: true, config: { filters: [{ field: 'tags', op: 'has', value: 'vip' }] } });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  curatorsView = v.body.id;
});
after(() => t.close());

const api = (u: TestUser) => client(t.app, u.token);

/** A record for the role's scope: `in` is owned by the role's own agent (team A), `out` by an agent of team B. */
async function record(kind: 'contacts' | 'companies', where: 'in' | 'out'): Promise<string> {
  const ownerId = where === 'in' ? as.agent!.userId : outsider.userId;
  const teamId = where === 'in' ? teamA : teamB;
  const r = await api(owner).post(`/api/v1/${kind}`, { name: `Bản ghi ${unique()}`, ownerId, teamId });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** How to exercise each action as a user; `where` matters for record actions only. */
type Exerciser = (u: TestUser, where: 'in' | 'out') => Promise<Res>;

const recordActions = (kind: 'contacts' | 'companies'): Record<string, Exerciser> => ({
  [`${kind}.read`]: async (u, w) => api(u).get(`/api/v1/${kind}/${await record(kind, w)}`),
  [`${kind}.create`]: async (u) => api(u).post(`/api/v1/${kind}`, { name: `Mới ${unique()}` }),
  [`${kind}.update`]: async (u, w) => api(u).patch(`/api/v1/${kind}/${await record(kind, w)}`, { notes: `sửa ${unique()}` }),
  [`${kind}.assign`]: async (u, w) => api(u).patch(`/api/v1/${kind}/${await record(kind, w)}`, { ownerId: mate.userId }),
  [`${kind}.delete`]: async (u, w) => api(u).delete(`/api/v1/${kind}/${await record(kind, w)}`),
  [`${kind}.purge`]: async (u, w) => api(u).post(`/api/v1/${kind}/${await record(kind, w)}/purge`),
});

const EXERCISE: Record<string, Exerciser> = {
  'workspace.read': (u) => api(u).get('/api/v1/workspace'),
  'workspace.update': (u) => api(u).patch('/api/v1/workspace', { locale: 'vi' }),
  'members.read': (u) => api(u).get('/api/v1/members'),
  'members.invite': (u) => api(u).post('/api/v1/invitations', { email: `moi-${unique()}@example.com`, role: 'viewer' }),
  'members.update': async (u) => api(u).patch(`/api/v1/members/${(await makeMember(t.core, owner.workspaceId, 'viewer')).userId}`, { role: 'agent' }),
  'members.remove': async (u) => api(u).delete(`/api/v1/members/${(await makeMember(t.core, owner.workspaceId, 'viewer')).userId}`),
  'teams.read': (u) => api(u).get('/api/v1/teams'),
  'teams.manage': (u) => api(u).post('/api/v1/teams', { name: `Đội ${unique()}` }),
  'custom_fields.read': (u) => api(u).get('/api/v1/custom-fields'),
  'custom_fields.manage': (u) => api(u).post('/api/v1/custom-fields', { entity: 'contact', key: `f_${unique()}`, label: 'Trường', type: 'text' }),
  ...recordActions('contacts'),
  ...recordActions('companies'),
  'audit.read': (u) => api(u).get('/api/v1/audit'),
  'views.share': (u) => api(u).post('/api/v1/views', { entity: 'contacts', name: `Chung ${unique()}`, shared: true, config: { filters: [] } }),
  'views.manage': (u) => api(u).patch(`/api/v1/views/${curatorsView}`, { name: `Đổi ${unique()}` }),
};

test('every action in the document has a way to exercise it here', () => {
  const missing = Object.keys(matrix).filter((a) => !(a in EXERCISE));
  assert.deepEqual(missing, [], 'add an exerciser for each new action');
});

const isAssign = (a: string) => a.endsWith('.assign');
const isRecord = (a: string) => a.startsWith('contacts.') || a.startsWith('companies.');

async function refused(action: Action, u: TestUser, where: 'in' | 'out', expect: 'forbidden' | 'not_found') {
  const before = await snapshotCounts(t.core);
  const r = await EXERCISE[action]!(u, where);
  // Setting up the record is part of the exercise; compare against the state right after it.
  if (expect === 'not_found') assert.equal(r.status, 404, `${u.role} ${action} (${where}) reads as missing: ${JSON.stringify(r.body)}`);
  else if (isAssign(action) && r.status === 422) assert.equal(r.body.errors[0].pointer, '/ownerId', `${u.role} ${action}: 422 names /ownerId`);
  else assert.equal(r.status, 403, `${u.role} ${action} is forbidden: ${JSON.stringify(r.body)}`);
  assert.match(String(r.headers['content-type']), /problem\+json/);
  const after = await snapshotCounts(t.core);
  const created = isRecord(action) && action !== 'contacts.create' && action !== 'companies.create' ? 1 : 0;
  const table = action.startsWith('companies.') ? 'companies' : 'contacts';
  const expected = { ...before };
  // The fixture record (and its audit entry, keys) were made by the exerciser before the refused call.
  if (created) {
    for (const k of Object.keys(after)) if (k !== table && k !== 'audit_log' && k !== 'contact_keys' && k !== 'contact_versions' && k !== 'users' && k !== 'memberships' && k !== 'api_tokens') assert.equal(after[k], expected[k], `${k} unchanged`);
    assert.equal(after[table], before[table]! + 1, 'only the fixture record was added');
    assert.equal(after.audit_log, before.audit_log! + 1, 'only the fixture record’s own audit entry was added');
  } else {
    for (const k of ['workspaces', 'teams', 'team_members', 'invitations', 'companies', 'contacts', 'custom_fields', 'contact_versions', 'saved_views']) assert.equal(after[k], before[k], `${k} unchanged`);
  }
}

describe('every cell of the matrix, through the API', () => {
  for (const [action, grants] of Object.entries(matrix)) {
    for (const role of ROLES) {
      const g = grants[role];
      const label = `${role} · ${action} → ${g === true ? 'yes' : g === false ? 'no' : 'scoped'}`;
      test(label, async () => {
        const u = as[role]!;
        const run = EXERCISE[action]!;
        if (g === false) return refused(action as Action, u, 'in', 'forbidden');
        const inScope = await run(u, 'in');
        assert.ok(inScope.status >= 200 && inScope.status < 300, `${label}: ${inScope.status} ${JSON.stringify(inScope.body)}`);
        if (!isRecord(action) || action.endsWith('.create')) return;
        if (g === true) {
          const out = await run(u, 'out');
          assert.ok(out.status >= 200 && out.status < 300, `${label} reaches every record: ${out.status} ${JSON.stringify(out.body)}`);
        } else {
          await refused(action as Action, u, 'out', 'not_found');
        }
      });
    }
  }
});
