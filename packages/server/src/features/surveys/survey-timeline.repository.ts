import { readJson } from '../../platform/db/column-types.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { olderThan, type TimelineSource } from '../../platform/records/timeline.ts';

/** The customer's survey answers on their timeline. */
export const surveyTimeline: TimelineSource = {
  kind: 'survey',
  async read(db: Db, { workspaceId, contactId, after, limit }) {
    let q = db
      .selectFrom('survey_responses')
      .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
      .select(['survey_responses.id', 'survey_responses.submitted_at', 'survey_responses.survey_id', 'survey_responses.follow_up_ticket_id', 'surveys.name'])
      .where('survey_responses.workspace_id', '=', workspaceId)
      .where('survey_responses.contact_id', '=', contactId);
    if (after) q = q.where((eb) => olderThan(eb, 'survey_responses.submitted_at', 'survey_responses.id', after));
    const rows = await q.orderBy('survey_responses.submitted_at', 'desc').orderBy('survey_responses.id', 'desc').limit(limit).execute();
    if (rows.length === 0) return [];
    const answers = await db
      .selectFrom('survey_answers')
      .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
      .select([
        'survey_answers.response_id',
        'survey_answers.type',
        'survey_questions.text',
        'survey_questions.position',
        'survey_answers.value_num',
        'survey_answers.value_text',
        'survey_answers.value_choices',
      ])
      .where(
        'survey_answers.response_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('survey_questions.position')
      .execute();
    return rows.map((r) => ({
      kind: 'survey' as const,
      id: r.id,
      at: r.submitted_at,
      actorUserId: null,
      survey: {
        surveyId: r.survey_id,
        name: r.name,
        responseId: r.id,
        followUpTicketId: r.follow_up_ticket_id,
        answers: answers
          .filter((a) => a.response_id === r.id)
          .map((a) => ({
            type: a.type,
            text: readJson(a.text, null),
            value: a.value_num === null ? null : Number(a.value_num),
            valueText: a.value_text,
            choices: readJson(a.value_choices, null),
          })),
      },
    }));
  },
};
