/**
 * records/lifecycle.ts on both databases, against two of the tables it serves: companies (with updated_by, and
 * a scope guard) and tasks (without updated_by). What the services promise through it: a stale If-Match is a
 * 412 naming the current version and writes nothing; a writer who got in between makes a write a 412 naming
 * the version read + 1; each write bumps the version by one; a live record is not restored (404, as the trash is
 * where it is looked up); purge takes a record live or deleted (today's rule), and nothing out of scope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '@kith/domain/errors.ts';
import { createTestCore, type TestCore } from '../../../test/test-db.ts';
import { makeWorkspace, type TestUser } from '../../../test/factories.ts';
import { createCompany } from '../../features/companies/company.service.ts';
import { uuidv7 } from '../db/ids.ts';
import { checkVersion, purge, restore, softDelete, updateVersioned, type Stamp } from './lifecycle.ts';
import { visibleTo, type Scope } from './visibility.ts';

let core: TestCore;
let owner: TestUser;
let other: TestUser;

before(async () => {
  core = await createTestCore();
  ({ owner } = await makeWorkspace(core));
  ({ owner: other } = await makeWorkspace(core));
});
after(() => core.cleanup());

const AT = '2026-12-01T10:00:00.000Z';
const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/** The AppError `fn` throws (fails when it throws none, or another). */
async function failure(fn: () => Promise<unknown> | unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `an AppError, not ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

async function companyRow(id: string) {
  return core.db.selectFrom('companies').select(['id', 'name', 'version', 'deleted_at', 'updated_at', 'updated_by']).where('id', '=', id).executeTakeFirst();
}

async function newCompany(name: string) {
  const c = await createCompany(core, owner.actor, { name });
  return { id: c.id, version: c.version, deletedAt: c.deletedAt };
}

async function newTask(title: string) {
  const id = uuidv7();
  await core.db
    .insertInto('tasks')
    .values({
      id,
      workspace_id: owner.workspaceId,
      title,
      notes: null,
      due_at: null,
      assignee_id: owner.userId,
      contact_id: null,
      priority: 'normal',
      done_at: null,
      done_by: null,
      created_by: owner.userId,
      created_at: AT,
      updated_at: AT,
      deleted_at: null,
      version: 1,
    })
    .execute();
  return { id, version: 1 };
}

const taskRow = (id: string) => core.db.selectFrom('tasks').select(['title', 'version', 'deleted_at', 'updated_at']).where('id', '=', id).executeTakeFirst();

/** A scope that sees only the records of someone else (an agent's): the owner's company is not in it. */
const someoneElses = (): Scope => ({ workspaceId: owner.workspaceId, limitTo: { userId: uuidv7(), teamIds: [], includeTeamMembers: false } });

describe('checkVersion', () => {
  test('no If-Match, or the current version, passes; another version is a 412 naming the current one', async () => {
    checkVersion({ version: 3 }, null);
    checkVersion({ version: 3 }, undefined);
    checkVersion({ version: 3 }, 3);
    const e = await failure(() => checkVersion({ version: 3 }, 2));
    assert.equal(e.code, 'precondition_failed');
    assert.deepEqual(e.extra, { currentVersion: 3 });
  });
});

describe('updateVersioned', () => {
  test('writes over the version read and bumps it by one', async () => {
    const c = await newCompany('Hoa Sen');
    const v = await core.db
      .transaction()
      .execute((trx) => updateVersioned(trx, 'companies', owner.workspaceId, c, { name: 'Hoa Sen 2', updated_at: AT, updated_by: owner.userId }));
    assert.equal(v, 2);
    const row = await companyRow(c.id);
    assert.equal(row?.name, 'Hoa Sen 2');
    assert.equal(row?.version, 2);
    assert.equal(iso(row!.updated_at), AT);
  });

  test('a stale read (someone wrote in between) is a 412 naming read + 1, and writes nothing', async () => {
    const c = await newCompany('Mai Vàng');
    await updateVersioned(core.db, 'companies', owner.workspaceId, c, { name: 'Mai Vàng (them)' });
    const e = await failure(() => updateVersioned(core.db, 'companies', owner.workspaceId, c, { name: 'Mai Vàng (me)' }));
    assert.equal(e.code, 'precondition_failed');
    assert.deepEqual(e.extra, { currentVersion: 2 });
    const row = await companyRow(c.id);
    assert.equal(row?.name, 'Mai Vàng (them)');
    assert.equal(row?.version, 2);
  });

  test('a lost race throws what `lost` makes (contacts retry instead)', async () => {
    const t = await newTask('Gọi lại');
    await updateVersioned(core.db, 'tasks', owner.workspaceId, t, { title: 'Gọi lại (them)' });
    const lost = new Error('lost');
    await assert.rejects(updateVersioned(core.db, 'tasks', owner.workspaceId, t, { title: 'Gọi lại (me)' }, { lost: () => lost }), (e) => e === lost);
    assert.equal((await taskRow(t.id))?.title, 'Gọi lại (them)');
  });

  test('nothing outside the guard or the workspace is written', async () => {
    const c = await newCompany('Trúc Xanh');
    const scope = someoneElses();
    const e = await failure(() =>
      updateVersioned(core.db, 'companies', owner.workspaceId, c, { name: 'x' }, { guard: (eb) => visibleTo(eb, scope, 'companies') }),
    );
    assert.equal(e.code, 'precondition_failed');
    assert.equal((await failure(() => updateVersioned(core.db, 'companies', other.workspaceId, c, { name: 'x' }))).code, 'precondition_failed');
    const row = await companyRow(c.id);
    assert.equal(row?.name, 'Trúc Xanh');
    assert.equal(row?.version, 1);
  });
});

describe('softDelete', () => {
  test('a stale If-Match is a 412 naming the current version, and the record stays', async () => {
    const c = await newCompany('Cúc Trắng');
    const e = await failure(() => softDelete(core.db, 'companies', owner.workspaceId, c, { at: AT, by: owner.userId }, { ifVersion: 7 }));
    assert.equal(e.code, 'precondition_failed');
    assert.deepEqual(e.extra, { currentVersion: 1 });
    const row = await companyRow(c.id);
    assert.equal(row?.deleted_at, null);
    assert.equal(row?.version, 1);
  });

  test('stamps deleted_at, updated_at and updated_by, bumps the version; a second delete of the same read is a 412', async () => {
    const c = await newCompany('Lan Hồ Điệp');
    assert.equal(await softDelete(core.db, 'companies', owner.workspaceId, c, { at: AT, by: other.userId }, { ifVersion: 1 }), 2);
    const row = await companyRow(c.id);
    assert.equal(iso(row!.deleted_at), AT);
    assert.equal(iso(row!.updated_at), AT);
    assert.equal(row?.updated_by, other.userId);
    assert.equal(row?.version, 2);
    const e = await failure(() => softDelete(core.db, 'companies', owner.workspaceId, c, { at: AT, by: owner.userId }));
    assert.deepEqual(e.extra, { currentVersion: 2 });
  });

  test('a table without updated_by (tasks): deleted_at and updated_at, version bumped', async () => {
    const t = await newTask('Gửi báo giá');
    const at = '2026-12-02T08:30:00.000Z';
    assert.equal(await softDelete(core.db, 'tasks', owner.workspaceId, t, { at }), 2);
    const row = await taskRow(t.id);
    assert.equal(iso(row!.deleted_at), at);
    assert.equal(iso(row!.updated_at), at);
    assert.equal(row?.version, 2);
  });
});

describe('restore', () => {
  test('a live record is not restored: 404 "Deleted … not found", nothing written; a missing one likewise', async () => {
    const c = await newCompany('Sen Đá');
    const e = await failure(() => restore(core.db, 'companies', owner.workspaceId, c, { at: AT, by: owner.userId }, { what: 'Company' }));
    assert.equal(e.code, 'not_found');
    assert.equal(e.message, 'Deleted company not found');
    assert.equal((await companyRow(c.id))?.version, 1);
    const missing = await failure(() => restore(core.db, 'companies', owner.workspaceId, undefined, { at: AT, by: owner.userId }, { what: 'Company' }));
    assert.equal(missing.message, 'Deleted company not found');
  });

  test('brings a deleted record back: deleted_at cleared, stamped, version bumped; a stale read is a 412', async () => {
    const c = await newCompany('Thược Dược');
    const v = await softDelete(core.db, 'companies', owner.workspaceId, c, { at: AT, by: owner.userId });
    const deleted = { id: c.id, version: v, deletedAt: AT };
    const later = '2026-12-03T09:00:00.000Z';
    assert.equal(await restore(core.db, 'companies', owner.workspaceId, deleted, { at: later, by: other.userId }, { what: 'Company' }), 3);
    const row = await companyRow(c.id);
    assert.equal(row?.deleted_at, null);
    assert.equal(iso(row!.updated_at), later);
    assert.equal(row?.updated_by, other.userId);
    assert.equal(row?.version, 3);
    // The same (now stale) read of the deleted record: the row is live at version 3.
    const e = await failure(() => restore(core.db, 'companies', owner.workspaceId, deleted, { at: later, by: owner.userId }, { what: 'Company' }));
    assert.equal(e.code, 'precondition_failed');
    assert.deepEqual(e.extra, { currentVersion: 3 });
  });
});

describe('purge', () => {
  test('takes a deleted record, and a live one too (purge is its own permission, not a step after the trash)', async () => {
    const deleted = await newCompany('Đào');
    await softDelete(core.db, 'companies', owner.workspaceId, deleted, { at: AT, by: owner.userId });
    await purge(core.db, 'companies', owner.workspaceId, deleted.id, { what: 'Company' });
    assert.equal(await companyRow(deleted.id), undefined);
    const live = await newCompany('Quất');
    await purge(core.db, 'companies', owner.workspaceId, live.id, { what: 'Company' });
    assert.equal(await companyRow(live.id), undefined);
  });

  test('a missing record, another workspace’s or one outside the guard is a 404, and stays', async () => {
    const c = await newCompany('Mận');
    const scope = someoneElses();
    for (const attempt of [
      () => purge(core.db, 'companies', owner.workspaceId, uuidv7(), { what: 'Company' }),
      () => purge(core.db, 'companies', other.workspaceId, c.id, { what: 'Company' }),
      () => purge(core.db, 'companies', owner.workspaceId, c.id, { what: 'Company', guard: (eb) => visibleTo(eb, scope, 'companies') }),
    ]) {
      const e = await failure(attempt);
      assert.equal(e.code, 'not_found');
      assert.equal(e.message, 'Company not found');
    }
    assert.equal((await companyRow(c.id))?.version, 1);
  });
});

/**
 * What the types hold callers to (checked by `npm run check`, never run): the stamp names updated_by exactly
 * where the table has it, `set` is the table's own columns, and a table that is not a versioned record is refused.
 */
export function typesHoldCallersTo(): void {
  const tasks: Stamp<'tasks'> = { at: AT };
  const companies: Stamp<'companies'> = { at: AT, by: 'u' };
  // @ts-expect-error tasks have no updated_by
  const tasksWithBy: Stamp<'tasks'> = { at: AT, by: 'u' };
  // @ts-expect-error companies record who changed them
  const companiesWithoutBy: Stamp<'companies'> = { at: AT };
  // @ts-expect-error a column the table does not have
  void updateVersioned(core.db, 'tasks', owner.workspaceId, { id: 'x', version: 1 }, { name: 'x' });
  // @ts-expect-error the audit log is not a versioned, soft-deletable record
  void purge(core.db, 'audit_log', owner.workspaceId, 'x', { what: 'Entry' });
  void [tasks, companies, tasksWithBy, companiesWithoutBy];
}
