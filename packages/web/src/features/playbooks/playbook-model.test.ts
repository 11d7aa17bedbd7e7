import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayOf, draftOf, newStep, playbookBody, reaction, renderTitle, type Playbook } from './playbook-model.ts';

const playbook: Playbook = {
  id: 'p1',
  key: 'new_customer',
  name: 'Chăm sóc khách hàng mới',
  description: null,
  audience: { kind: 'lifecycle', stages: ['new_customer'] },
  steps: [
    { id: 's1', delayDays: 0, action: 'email', title: 'Cảm ơn', body: 'Kính gửi {{contact.name}}', dueInDays: null, surveyId: null },
    { id: 's2', delayDays: 3, action: 'task', title: 'Gọi hỏi thăm', body: null, dueInDays: 2, surveyId: null },
    { id: 's3', delayDays: 30, action: 'survey', title: 'CSAT', body: null, dueInDays: null, surveyId: 'sv1' },
  ],
  status: 'active',
  autoEnroll: false,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  runs: { running: 0, completed: 0, stopped: 0 },
};

test('a saved playbook keeps every existing step’s id, in the order the steps are listed; a new step has none', () => {
  const d = draftOf(playbook);
  d.steps = [d.steps[1]!, d.steps[0]!, d.steps[2]!, { ...newStep('task', 7), title: 'Nhắc' }];
  const body = playbookBody(d);
  assert.deepEqual(
    body.steps.map((s) => ('id' in s ? s.id : null)),
    ['s2', 's1', 's3', null],
  );
  assert.deepEqual(body.steps[0], { id: 's2', delayDays: 3, action: 'task', title: 'Gọi hỏi thăm', body: null, dueInDays: 2 });
  assert.deepEqual(body.steps[2], { id: 's3', delayDays: 30, action: 'survey', title: 'CSAT', body: null, surveyId: 'sv1' });
  assert.deepEqual(body.audience, { kind: 'lifecycle', stages: ['new_customer'] });
});

test('changing a step’s action drops what the new action does not take', () => {
  const task = draftOf(playbook).steps[1]!;
  const email = reaction(task, 'email');
  assert.equal(email.dueInDays, '');
  assert.equal(playbookBody({ ...draftOf(playbook), steps: [email] }).steps[0]!.dueInDays, undefined);
  assert.equal(reaction(email, 'task').dueInDays, '1');
});

test('a number typed badly goes to the server as typed, which names the field', () => {
  const d = draftOf(playbook);
  d.steps[0]!.delayDays = 'abc';
  assert.equal(playbookBody(d).steps[0]!.delayDays, 'abc');
});

test('a run step’s day is its whole days from the start', () => {
  assert.equal(dayOf('2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z'), 0);
  assert.equal(dayOf('2026-01-01T08:00:00Z', '2026-01-04T08:00:00Z'), 3);
});

test('a run step’s title reads as the customer’s: variables filled in, the greeting name by the workspace’s language', () => {
  const v = { contact: { name: 'Nguyễn Thị Lan', givenName: null }, owner: null, workspace: { name: 'Nội thất Gỗ Việt' }, locale: 'vi' };
  assert.equal(
    renderTitle('{{contact.firstName}} ơi, {{workspace.name}} cảm ơn ({{owner.name}}) {{x.y}}', v),
    'Lan ơi, Nội thất Gỗ Việt cảm ơn (Nội thất Gỗ Việt) {{x.y}}',
  );
  assert.equal(renderTitle('Hi {{ contact.firstName }}', { ...v, contact: { name: 'Mary Smith', givenName: null }, locale: 'en' }), 'Hi Mary');
});
