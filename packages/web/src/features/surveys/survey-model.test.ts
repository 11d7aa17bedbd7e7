import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftOf, emptyDraft, moved, newQuestion, npsBand, percent, responseRate, retype, surveyBody, type Survey } from './survey-model.ts';

test('NPS bands: 9–10 promoters, 7–8 passives, 0–6 detractors', () => {
  assert.deepEqual([0, 6, 7, 8, 9, 10].map(npsBand), ['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
});

test('response rate: answers over invitations, none when nobody was invited', () => {
  assert.equal(responseRate(3, 12), 0.25);
  assert.equal(responseRate(0, 0), null);
  assert.equal(responseRate(5, 4), 1, 'never above 100%');
  assert.equal(percent(0.4567), 45.7);
});

test('a question retyped: options for a choice only, text optional, a scale required again', () => {
  const q = newQuestion('nps', { vi: 'Giới thiệu?', en: 'Recommend?' });
  assert.deepEqual([q.options.length, q.required], [0, true]);
  const single = retype(q, 'single');
  assert.equal(single.options.length, 2);
  assert.equal(single.vi, 'Giới thiệu?', 'the wording stays');
  const text = retype(single, 'text');
  assert.deepEqual([text.options.length, text.required], [0, false]);
  assert.equal(retype(text, 'csat').required, true);
});

test('the builder’s draft becomes the API’s body: blank sides left out, numbers as numbers, the trigger’s own delay', () => {
  const d = emptyDraft([
    newQuestion('nps', { vi: ' Anh/chị có giới thiệu không? ', en: '' }),
    {
      ...newQuestion('single'),
      vi: 'Kênh nào?',
      en: 'Which channel?',
      options: [
        { vi: 'Zalo', en: '' },
        { vi: 'Cửa hàng', en: 'Shop' },
      ],
    },
  ]);
  d.name = ' Sau giao hàng ';
  d.trigger = 'order_delivered';
  d.delayDays = '5';
  d.title = { vi: 'Cảm nhận của anh/chị', en: '' };
  const body = surveyBody(d);
  assert.deepEqual(body, {
    name: 'Sau giao hàng',
    title: { vi: 'Cảm nhận của anh/chị' },
    status: 'active',
    trigger: { kind: 'order_delivered', delayDays: 5 },
    followUp: { enabled: true, npsMax: 6, csatMax: 2, priority: 'high' },
    expiresDays: 30,
    questions: [
      { type: 'nps', text: { vi: 'Anh/chị có giới thiệu không?' }, required: true },
      { type: 'single', text: { vi: 'Kênh nào?', en: 'Which channel?' }, options: [{ vi: 'Zalo' }, { vi: 'Cửa hàng', en: 'Shop' }], required: true },
    ],
  });
  d.trigger = 'ticket_resolved';
  d.delayMinutes = 'abc';
  assert.ok(Number.isNaN((surveyBody(d).trigger as { delayMinutes: number }).delayMinutes), 'not a number: the server names the field');
  assert.equal('questions' in surveyBody(d, false), false, 'answered surveys keep their questions');
});

test('a saved survey read back into the draft gives the same body', () => {
  const s: Survey = {
    id: 's1',
    name: 'CSKH',
    title: { vi: 'Khảo sát', en: 'Survey' },
    intro: {},
    status: 'paused',
    trigger: { kind: 'ticket_resolved', delayMinutes: 30 },
    followUp: { enabled: false, npsMax: 5, csatMax: 1, priority: 'urgent' },
    expiresDays: 14,
    questions: [{ id: 'q1', position: 0, type: 'csat', text: { vi: 'Hài lòng?', en: 'Satisfied?' }, options: null, required: true }],
    createdAt: '',
    updatedAt: '',
    version: 1,
    stats: { invited: 0, responded: 0 },
  };
  assert.deepEqual(surveyBody(draftOf(s)), {
    name: 'CSKH',
    title: { vi: 'Khảo sát', en: 'Survey' },
    status: 'paused',
    trigger: { kind: 'ticket_resolved', delayMinutes: 30 },
    followUp: { enabled: false, npsMax: 5, csatMax: 1, priority: 'urgent' },
    expiresDays: 14,
    questions: [{ type: 'csat', text: { vi: 'Hài lòng?', en: 'Satisfied?' }, required: true }],
  });
});

test('moving a question up or down, never off the ends', () => {
  assert.deepEqual(moved(['a', 'b', 'c'], 1, -1), ['b', 'a', 'c']);
  assert.deepEqual(moved(['a', 'b', 'c'], 2, 1), ['a', 'b', 'c']);
});
