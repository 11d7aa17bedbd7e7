import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'wouter';
import { assessmentApi } from '@kith/domain/assessment/assessment.api.ts';
import { useCan } from '../../app/session.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { useErrorText } from '../../lib/form-errors.ts';
import { AnswerTab } from './assessment-answer.tsx';
import { ConsolidationTab } from './assessment-consolidation.tsx';
import { useAssessment, useIsAssessor } from './assessment-data.ts';
import { ReportTab } from './assessment-report.tsx';
import { RespondentsTab } from './assessment-respondents.tsx';
import { StatusBadge, useScopeName } from './assessments-page.tsx';

const TABS = ['answer', 'respondents', 'consolidation', 'report'] as const;
type Tab = (typeof TABS)[number];

/**
 * One assessment: the caller's own questionnaire, the respondents (assessors), the consolidation of everyone's
 * answers and the report. Nobody sees the others' answers before handing in their own (`canSeeResults`).
 */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams<{ id: string }>();
  const errorText = useErrorText();
  const assessor = useIsAssessor();
  const can = useCan();
  const scope = useScopeName();
  const q = useAssessment(id);
  const [params, setParams] = useSearchParams();
  const a = q.data;
  if (q.isError)
    return (
      <div className="page">
        <div className="alert alert-error" role="alert">
          {errorText(q.error)}
        </div>
        <Link href="/assessments" className="underline">
          {t('assessment.backToList')}
        </Link>
      </div>
    );
  if (!a)
    return (
      <div className="page" aria-busy="true">
        <div className="progress" />
      </div>
    );
  const available: Tab[] = TABS.filter((x) =>
    x === 'answer'
      ? (!!a.me || assessor) && can('assessments.answer')
      : x === 'respondents'
        ? assessor
        : x === 'consolidation'
          ? can('assessments.consolidate') || a.canSeeResults
          : a.canSeeResults,
  );
  const wanted = params.get('tab') as Tab | null;
  const fallback: Tab | undefined = a.me && !a.me.submittedAt && a.status === 'open' ? 'answer' : a.canSeeResults ? 'report' : available[0];
  const tab = wanted && available.includes(wanted) ? wanted : fallback;
  const choose = (x: Tab) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('tab', x);
        return n;
      },
      { replace: true },
    );
  return (
    <div className="page assessment-page" data-testid="assessment-page">
      <div className="page-header">
        <div className="stack" style={{ gap: 2, minInlineSize: 0 }}>
          <Link href="/assessments" className="muted no-print" style={{ fontSize: 'var(--text-sm)' }}>
            ← {t('assessment.title')}
          </Link>
          <h1 className="row" style={{ gap: 'var(--s2)', flexWrap: 'wrap' }}>
            {a.name} <StatusBadge status={a.status} />
          </h1>
          <span className="muted">
            {a.frameworkName} · {scope(a.teamId)} · {t('assessment.periodRange', { from: fmt.date(a.periodFrom), to: fmt.date(a.periodTo) })}
          </span>
        </div>
        <span className="spacer" />
        {assessor && <CloseButton id={a.id} status={a.status} />}
      </div>
      {available.length === 0 || !tab ? (
        <EmptyState icon={<Icon name="lock" size={36} />} title={t('assessment.noAccessTitle')}>
          {t('assessment.noAccessBody')}
        </EmptyState>
      ) : (
        <>
          <div className="tabs no-print" role="tablist" aria-label={t('assessment.tabsLabel')}>
            {available.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                id={`tab-${x}`}
                aria-selected={tab === x}
                aria-controls={`panel-${x}`}
                className="tab"
                aria-current={tab === x ? 'page' : undefined}
                onClick={() => choose(x)}
                data-testid={`tab-${x}`}
              >
                {t(`assessment.tabs.${x}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'answer' && <AnswerTab assessment={a} />}
            {tab === 'respondents' && <RespondentsTab assessment={a} />}
            {tab === 'consolidation' && <ConsolidationTab assessment={a} />}
            {tab === 'report' && <ReportTab assessment={a} />}
          </div>
        </>
      )}
    </div>
  );
}

/** Close the assessment (its scores and evidence are kept as they are) or open it again. */
function CloseButton({ id, status }: { id: string; status: 'open' | 'closed' }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const m = useMutation({
    mutationFn: async () => (await call(assessmentApi.update, { params: { id }, body: { status: status === 'open' ? 'closed' : 'open' } })).data,
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['assessments'] });
      notify(t(a.status === 'closed' ? 'assessment.closedNotice' : 'assessment.reopenedNotice'));
    },
    onError: (e) => notify(errorText(e), 'error'),
  });
  return (
    <Button className="no-print" busy={m.isPending} onClick={() => m.mutate()} data-testid="close-assessment">
      {t(status === 'open' ? 'assessment.close' : 'assessment.reopen')}
    </Button>
  );
}
