import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS, can, canManageRole, grantOf, ROLES } from './permissions.ts';

test('owners and admins may do everything; viewers write nothing', () => {
  for (const a of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
    assert.equal(grantOf('owner', a), true, a);
    assert.equal(grantOf('admin', a), true, a);
    if (!a.endsWith('.read')) assert.equal(can('viewer', a), false, a);
  }
});

test('managers and agents work in their scope; agents neither delete nor assign', () => {
  assert.equal(grantOf('manager', 'contacts.update'), 'scoped');
  assert.equal(grantOf('agent', 'contacts.read'), 'scoped');
  assert.equal(can('agent', 'contacts.delete'), false);
  assert.equal(can('agent', 'contacts.assign'), false);
  assert.equal(can('manager', 'contacts.purge'), false);
});

test('who may give or take which role', () => {
  assert.equal(canManageRole('owner', 'owner'), true);
  assert.equal(canManageRole('admin', 'owner'), false);
  assert.equal(canManageRole('admin', 'admin'), true);
  for (const r of ROLES) assert.equal(canManageRole('manager', r), false);
});
