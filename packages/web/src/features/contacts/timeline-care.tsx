import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { LoyaltyTimelineEntry, SurveyTimelineEntry } from '@kith/domain/timeline/timeline.api.ts';
import { useCan } from '../../app/session.tsx';
import { call } from '../../lib/api-call.ts';
import { surveyApi } from '@kith/domain/surveys/survey.api.ts';
import { loyaltyApi } from '@kith/domain/loyalty/loyalty.api.ts';
import { useFormat } from '../../lib/format.ts';
import { tierWentUp, useTierName } from '../loyalty/loyalty-model.ts';
import { npsBand, SCALE_RANGE, wordingIn, type QuestionType, type Wording } from '../surveys/survey-model.ts';

type SurveyEntryData = SurveyTimelineEntry;
type LoyaltyEntryData = LoyaltyTimelineEntry;

/** A survey answered, on the customer's timeline: each answer with its score, and the follow-up ticket it opened. */
export function SurveyEntry({ survey, when }: { survey: SurveyEntryData; when: ReactNode }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  // A single choice comes as the option's index (`value`), a multiple choice as a list of them (`choices`).
  const picked = (a: SurveyEntryData['answers'][number]): number[] | null =>
    a.type === 'single' && a.value !== null ? [a.value] : Array.isArray(a.choices) ? (a.choices as number[]) : null;
  const choices = survey.answers.some((a) => picked(a) !== null);
  // The options' wording lives with the survey: read it only when a choice needs naming.
  const full = useQuery({
    queryKey: ['survey', survey.surveyId],
    queryFn: async () => (await call(surveyApi.get, { params: { id: survey.surveyId } })).data,
    enabled: choices && can('surveys.read'),
    staleTime: 300_000,
  });
  const optionsOf = (text: unknown) => {
    const w = (text ?? {}) as Wording;
    return full.data?.questions.find((q) => (q.text.vi ?? '') === (w.vi ?? '') && (q.text.en ?? '') === (w.en ?? ''))?.options ?? null;
  };
  return (
    <>
      <div>
        <strong>{t('timeline.surveyAnswered', { name: survey.name })}</strong>
      </div>
      {when}
      <ul className="survey-answers">
        {survey.answers.map((a, i) => {
          const type = a.type as QuestionType;
          const range = SCALE_RANGE[type];
          const question = wordingIn(a.text as Wording, i18n.language);
          let value: ReactNode = null;
          if (range && a.value !== null) {
            const tone = type === 'nps' ? npsBand(a.value) : a.value >= range.max - 1 ? 'promoter' : a.value <= range.min + 1 ? 'detractor' : 'passive';
            value = (
              <span className={`badge score-${tone}`} data-testid="survey-score">
                {t('timeline.score', { value: fmt.number(a.value), max: fmt.number(range.max) })}
                {type === 'nps' ? ` · ${t(`surveys.bands.${npsBand(a.value)}`)}` : ''}
              </span>
            );
          } else if (picked(a)) {
            const opts = optionsOf(a.text);
            value = (
              <span className="survey-choice">
                {picked(a)!
                  .map((k) => (opts?.[k] ? wordingIn(opts[k], i18n.language) : t('timeline.option', { n: k + 1 })))
                  .join(', ')}
              </span>
            );
          } else if (a.valueText) {
            value = <q className="answer-text">{a.valueText}</q>;
          }
          return (
            <li key={i}>
              <span className="muted">{question}</span>
              {value}
            </li>
          );
        })}
      </ul>
      {survey.followUpTicketId && (
        <div>
          <Link href={`/tickets/${survey.followUpTicketId}`} data-testid="follow-up-link">
            {t('timeline.surveyFollowUp')}
          </Link>
        </div>
      )}
    </>
  );
}

/** Points earned, taken back, redeemed, expired or adjusted, a referral rewarded, a tier reached. */
export function LoyaltyEntry({ entry, by, when }: { entry: LoyaltyEntryData; by: ReactNode; when: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tierName = useTierName();
  const settings = useQuery({
    queryKey: ['loyalty', 'settings'],
    queryFn: async () => (await call(loyaltyApi.settings)).data,
    enabled: entry.kind === 'tier',
    staleTime: 300_000,
  });
  const abs = fmt.number(Math.abs(entry.points));
  const signedPoints = `${entry.points > 0 ? '+' : '−'}${abs}`;
  const orderLink = entry.orderId && <Link href={`/orders/${entry.orderId}`}>{entry.reason ?? t('timeline.order')}</Link>;
  let title: ReactNode;
  let extra: ReactNode = null;
  switch (entry.kind) {
    case 'earn':
      title = t('timeline.pointsEarned', { points: signedPoints });
      extra = orderLink && <> · {orderLink}</>;
      break;
    case 'reverse':
      title = t('timeline.pointsReversed', { points: signedPoints });
      extra = orderLink && <> · {orderLink}</>;
      break;
    case 'redeem':
      title = t('timeline.pointsRedeemed', { points: abs });
      extra = entry.reason && <> · {entry.reason}</>;
      break;
    case 'expire':
      title = t('timeline.pointsExpired', { points: abs });
      break;
    case 'adjust':
      title = t('timeline.pointsAdjusted', { points: signedPoints });
      extra = entry.reason && <> · {entry.reason}</>;
      break;
    case 'referral':
      title = t('timeline.referralReward', { points: signedPoints });
      extra = entry.relatedContactId && (
        <>
          {' · '}
          <Link href={`/contacts/${entry.relatedContactId}`}>{t('timeline.referredCustomer')}</Link>
        </>
      );
      break;
    case 'referee':
      title = t('timeline.refereeReward', { points: signedPoints });
      extra = entry.relatedContactId && (
        <>
          {' · '}
          <Link href={`/contacts/${entry.relatedContactId}`}>{t('timeline.referrer')}</Link>
        </>
      );
      break;
    case 'tier': {
      const m = (entry.meta ?? {}) as { from?: string; to?: string };
      const tiers = settings.data?.tiers ?? [];
      const name = (key: string | undefined) => {
        const tier = tiers.find((x) => x.key === key);
        return tier ? tierName(tier) : (key ?? '');
      };
      title = tierWentUp(tiers, m.from ?? '', m.to ?? '') ? t('timeline.tierUp', { tier: name(m.to) }) : t('timeline.tierDown', { tier: name(m.to) });
      extra = m.from && <span className="muted"> · {t('timeline.tierFrom', { tier: name(m.from) })}</span>;
      break;
    }
    default:
      title = t('timeline.pointsChanged', { points: signedPoints });
  }
  return (
    <>
      <div>
        <strong>{title}</strong>
        {extra}
        {by}
      </div>
      {when}
    </>
  );
}
