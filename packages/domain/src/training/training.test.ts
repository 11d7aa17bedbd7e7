import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addMonths,
  bestRecord,
  cellState,
  computedExpiry,
  coverageOf,
  dayIn,
  RecordCreateSchema,
  RequirementCreateSchema,
  reminderDue,
  recordState,
  type RecordFacts,
} from './training.schema.ts';

test('an expiry is the completion day plus the course’s months, clamped to the month’s last day', () => {
  assert.equal(addMonths('2026-01-15', 12), '2027-01-15');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2028-01-31', 1), '2028-02-29', 'a leap year');
  assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
  assert.equal(addMonths('2026-08-31', 120), '2036-08-31');
  assert.equal(computedExpiry('2026-03-10', 'passed', 24), '2028-03-10');
  assert.equal(computedExpiry('2026-03-10', 'passed', null), null, 'a course that never expires');
  assert.equal(computedExpiry('2026-03-10', 'failed', 24), null, 'a failed course gives nothing to expire');
});

test('a record is valid up to the day before its expiry; expiring within the window; failed never counts', () => {
  const r = { result: 'passed' as const, expiresOn: '2026-07-10' };
  assert.equal(recordState(r, '2026-06-09', 30), 'valid');
  assert.equal(recordState(r, '2026-06-10', 30), 'expiring');
  assert.equal(recordState(r, '2026-07-09', 30), 'expiring');
  assert.equal(recordState(r, '2026-07-10', 30), 'expired', 'on its expiry date it has expired');
  assert.equal(recordState({ result: 'passed', expiresOn: null }, '2099-01-01', 30), 'valid');
  assert.equal(recordState({ result: 'failed', expiresOn: null }, '2026-01-01', 30), 'failed');
});

test('reminders: the tightest threshold reached, none for a record that never expires', () => {
  assert.equal(reminderDue('2026-07-10', '2026-06-09'), null);
  assert.equal(reminderDue('2026-07-10', '2026-06-10'), '30');
  assert.equal(reminderDue('2026-07-10', '2026-07-02'), '30');
  assert.equal(reminderDue('2026-07-10', '2026-07-03'), '7');
  assert.equal(reminderDue('2026-07-10', '2026-07-09'), '7');
  assert.equal(reminderDue('2026-07-10', '2026-07-10'), 'expired');
  assert.equal(reminderDue(null, '2026-07-10'), null);
});

test('the best record for an item expires last; a competency is held through any course granting it', () => {
  const rec = (id: string, courseId: string, completedOn: string, expiresOn: string | null, result: 'passed' | 'failed' = 'passed'): RecordFacts => ({
    id,
    userId: 'u',
    courseId,
    result,
    completedOn,
    expiresOn,
  });
  const records = [rec('a', 'c1', '2025-01-01', '2026-01-01'), rec('b', 'c1', '2025-06-01', '2026-06-01'), rec('c', 'c2', '2026-01-01', null, 'failed')];
  const granting = (k: string) => new Set(k === 'k1' ? ['c1', 'c2'] : []);
  assert.equal(bestRecord('course', 'c1', records, granting)?.id, 'b');
  assert.equal(bestRecord('competency', 'k1', records, granting)?.id, 'b', 'the failed course grants nothing');
  assert.equal(bestRecord('course', 'c2', records, granting), null);
  assert.equal(cellState(true, null, '2026-03-01', 30), 'missing');
  assert.equal(cellState(false, null, '2026-03-01', 30), 'not_required');
  assert.equal(cellState(true, records[1]!, '2026-05-15', 30), 'expiring');
  assert.equal(cellState(true, records[1]!, '2026-06-01', 30), 'expired');
  assert.deepEqual(coverageOf(['valid', 'expiring', 'expired', 'missing', 'not_required']), { required: 4, satisfied: 2, percent: 50 });
  assert.deepEqual(coverageOf(['not_required']), { required: 0, satisfied: 0, percent: null });
});

test('the workspace’s day, and the inputs refused by name', () => {
  assert.equal(dayIn('Asia/Ho_Chi_Minh', new Date('2026-06-30T17:30:00Z')), '2026-07-01');
  assert.equal(dayIn('UTC', new Date('2026-06-30T17:30:00Z')), '2026-06-30');
  const bad = RecordCreateSchema.safeParse({ courseId: 'x', completedOn: '2026-02-30', result: 'ok', score: 101, evidenceUrl: 'javascript:alert(1)' });
  assert.ok(!bad.success);
  assert.deepEqual(bad.error.issues.map((i) => i.path.join('/')).sort(), ['completedOn', 'courseId', 'evidenceUrl', 'result', 'score']);
  for (const url of ['http://example.com/cert.pdf', 'data:text/html,x', 'https://user:pw@example.com/', 'ftp://example.com']) {
    const r = RecordCreateSchema.safeParse({ courseId: '0190a1b2-0000-7000-8000-000000000001', completedOn: '2026-02-01', result: 'passed', evidenceUrl: url });
    assert.ok(!r.success, url);
    assert.deepEqual(
      r.error.issues.map((i) => i.path.join('/')),
      ['evidenceUrl'],
    );
  }
  assert.ok(
    RecordCreateSchema.safeParse({
      courseId: '0190a1b2-0000-7000-8000-000000000001',
      completedOn: '2026-02-01',
      result: 'passed',
      evidenceUrl: 'https://drive.example.vn/chung-chi.pdf',
    }).success,
  );
  const neither = RequirementCreateSchema.safeParse({ role: 'agent' });
  assert.deepEqual(
    neither.error?.issues.map((i) => i.path.join('/')),
    ['courseId'],
  );
  const both = RequirementCreateSchema.safeParse({
    role: 'agent',
    courseId: '0190a1b2-0000-7000-8000-000000000001',
    competencyId: '0190a1b2-0000-7000-8000-000000000002',
  });
  assert.deepEqual(
    both.error?.issues.map((i) => i.path.join('/')),
    ['competencyId'],
  );
});
