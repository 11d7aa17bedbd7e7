import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useCan } from '../../app/session.tsx';
import { loyaltyApi } from '@kith/domain/loyalty/loyalty.api.ts';
import { isApiError } from '../../lib/api-client.ts';
import { call } from '../../lib/api-call.ts';
import { useFormat } from '../../lib/format.ts';
import { fieldError, useErrorText } from '../../lib/form-errors.ts';
import { type Loyalty, tierProgress, useTierName } from './loyalty-model.ts';

/**
 * A customer's loyalty on their page: points to spend, the tier (by points earned in the last 12 months) and
 * how far the next one is, their referral code to share, who referred them and whom they referred; redeeming
 * and adjusting points, and recording a referrer by code, for those allowed.
 */
export function CustomerLoyalty({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const notify = useToast();
  const tierName = useTierName();
  const [dialog, setDialog] = useState<null | 'redeem' | 'adjust'>(null);
  const [settingReferrer, setSettingReferrer] = useState(false);
  const q = useQuery({
    queryKey: ['loyalty', 'contact', contactId],
    queryFn: async ({ signal }) => (await call(loyaltyApi.get, { params: { id: contactId }, signal })).data,
    enabled: can('loyalty.read'),
  });
  if (!can('loyalty.read')) return null;
  const l = q.data;
  const adjust = can('loyalty.adjust');
  const copy = (code: string) =>
    void navigator.clipboard?.writeText(code).then(
      () => notify(t('common.copied')),
      () => undefined,
    );
  return (
    <section className="card" aria-labelledby="loyalty-title" data-testid="customer-loyalty">
      <div className="card-header">
        <h2 id="loyalty-title">{t('loyalty.title')}</h2>
        {l && l.enabled && (
          <span className={`badge tier-badge tier-${l.tier.key}`} data-testid="loyalty-tier">
            {tierName(l.tier)}
          </span>
        )}
      </div>
      {q.isPending ? (
        <div className="progress" />
      ) : q.isError || !l ? (
        <p className="card-body muted">{t('errors.unexpected')}</p>
      ) : !l.enabled ? (
        <p className="card-body muted">
          {t('loyalty.disabled')}{' '}
          {can('loyalty.configure') && (
            <Link href="/settings/loyalty" className="underline">
              {t('loyalty.turnOn')}
            </Link>
          )}
        </p>
      ) : (
        <div className="card-body stack" style={{ gap: 'var(--s3)' }}>
          <div className="row" style={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
            <span className="loyalty-balance" data-testid="loyalty-balance">
              {fmt.number(l.balance)}
            </span>
            <span className="muted">{t('loyalty.pointsToSpend', { count: l.balance })}</span>
          </div>
          <TierProgress l={l} />
          {adjust && (
            <div className="row" style={{ flexWrap: 'wrap' }}>
              <Button size="sm" onClick={() => setDialog('redeem')} disabled={l.balance <= 0}>
                {t('loyalty.redeem')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDialog('adjust')}>
                {t('loyalty.adjust')}
              </Button>
            </div>
          )}
          <dl className="loyalty-dl">
            <dt>{t('loyalty.referralCode')}</dt>
            <dd className="row" style={{ gap: 'var(--s1)' }}>
              <code className="mono" data-testid="referral-code">
                {l.referralCode}
              </code>
              <Button size="sm" variant="ghost" onClick={() => copy(l.referralCode)} aria-label={t('loyalty.copyCode', { code: l.referralCode })}>
                {t('common.copy')}
              </Button>
            </dd>
            <dt>{t('loyalty.referredBy')}</dt>
            <dd>
              {l.referredBy ? (
                <Link href={`/contacts/${l.referredBy.id}`}>{l.referredBy.name ?? '—'}</Link>
              ) : adjust && !settingReferrer ? (
                <Button size="sm" variant="ghost" onClick={() => setSettingReferrer(true)}>
                  {t('loyalty.setReferrer')}
                </Button>
              ) : !settingReferrer ? (
                <span className="muted">{t('loyalty.nobody')}</span>
              ) : null}
              {settingReferrer && !l.referredBy && <ReferrerForm contactId={contactId} onDone={() => setSettingReferrer(false)} />}
            </dd>
            <dt>{t('loyalty.referrals')}</dt>
            <dd>
              {l.referrals.length === 0 ? (
                <span className="muted">{t('loyalty.noReferrals')}</span>
              ) : (
                <ul className="plain-list" data-testid="referrals">
                  {l.referrals.map((r) => (
                    <li key={r.id} className="row" style={{ gap: 'var(--s1)' }}>
                      <Link href={`/contacts/${r.id}`}>{r.name ?? '—'}</Link>
                      {r.rewarded ? (
                        <span className="badge badge-success">{t('loyalty.rewarded')}</span>
                      ) : (
                        <span className="badge badge-neutral">{t('loyalty.notYetBought')}</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <p className="muted" style={{ fontSize: 'var(--text-sm)', margin: 0 }}>
            {t('loyalty.lifetime', { earned: fmt.number(l.lifetimeEarned), since: fmt.date(l.tierSince) })}
          </p>
        </div>
      )}
      {dialog && l && <PointsDialog contactId={contactId} kind={dialog} balance={l.balance} onClose={() => setDialog(null)} />}
    </section>
  );
}

/** The tier now and the way to the next: a bar of the points earned in 12 months against the next threshold. */
function TierProgress({ l }: { l: Loyalty }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tierName = useTierName();
  const p = tierProgress(l);
  return (
    <div className="stack" style={{ gap: 'var(--s1)' }} data-testid="tier-progress">
      <div className="row" style={{ fontSize: 'var(--text-sm)' }}>
        <span>
          <strong>{tierName(l.tier)}</strong>
        </span>
        <span className="spacer" />
        {l.next && <span className="muted">{tierName(l.next.tier)}</span>}
      </div>
      <div
        className="meter"
        role="progressbar"
        aria-label={t('loyalty.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(p * 100)}
      >
        <div className="meter-fill" style={{ inlineSize: `${p * 100}%` }} />
      </div>
      <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
        {l.next
          ? t('loyalty.toNext', { missing: fmt.number(l.next.missing), tier: tierName(l.next.tier), earned: fmt.number(l.earned12m) })
          : t('loyalty.topTier', { earned: fmt.number(l.earned12m) })}
      </span>
    </div>
  );
}

function ReferrerForm({ contactId, onDone }: { contactId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const save = useMutation({
    mutationFn: async () => (await call(loyaltyApi.setReferrer, { params: { id: contactId }, body: { code } })).data,
    onSuccess: (l) => {
      qc.setQueryData(['loyalty', 'contact', contactId], l);
      void qc.invalidateQueries({ queryKey: ['loyalty'] });
      onDone();
    },
  });
  const codeError = fieldError(save.error, '/code');
  return (
    <form
      className="stack"
      style={{ gap: 'var(--s2)' }}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TextField
        label={t('loyalty.referrerCode')}
        value={code}
        onChange={(e) => setCode(e.target.value.toUpperCase())}
        error={codeError}
        maxLength={20}
        autoFocus
        className="mono"
        hint={t('loyalty.referrerHint')}
      />
      {save.isError && !codeError && (
        <div className="alert alert-error" role="alert">
          {isApiError(save.error) && save.error.status === 409 ? t('loyalty.referrerConflict') : errorText(save.error)}
        </div>
      )}
      <div className="row">
        <Button type="submit" size="sm" variant="primary" busy={save.isPending} disabled={!code.trim()}>
          {t('common.save')}
        </Button>
        <Button size="sm" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Redeem points (a reward given) or adjust them by hand (either way), always with a reason; audited. */
function PointsDialog({ contactId, kind, balance, onClose }: { contactId: string; kind: 'redeem' | 'adjust'; balance: number; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const notify = useToast();
  const errorText = useErrorText();
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const n = Math.trunc(Number(points.replace(/[.\s]/g, '').replace(',', '.')));
  const save = useMutation({
    mutationFn: async () => (await call(loyaltyApi[kind], { params: { id: contactId }, body: { points: n, reason: reason.trim() } })).data,
    onSuccess: (l) => {
      qc.setQueryData(['loyalty', 'contact', contactId], l);
      void qc.invalidateQueries({ queryKey: ['timeline', contactId] });
      void qc.invalidateQueries({ queryKey: ['loyalty', 'summary'] });
      notify(t(kind === 'redeem' ? 'loyalty.redeemed' : 'loyalty.adjusted', { points: fmt.number(Math.abs(n)), balance: fmt.number(l.balance) }));
      onClose();
    },
  });
  const pointsError = fieldError(save.error, '/points');
  const reasonError = fieldError(save.error, '/reason');
  const valid = Number.isFinite(n) && n !== 0 && (kind === 'adjust' || n > 0) && reason.trim() !== '';
  return (
    <Dialog
      open
      onClose={onClose}
      title={t(kind === 'redeem' ? 'loyalty.redeemTitle' : 'loyalty.adjustTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={save.isPending} disabled={!valid} onClick={() => save.mutate()}>
            {t(kind === 'redeem' ? 'loyalty.redeemConfirm' : 'loyalty.adjustConfirm')}
          </Button>
        </>
      }
    >
      <div className="stack" data-testid="points-dialog">
        <p className="muted">{t('loyalty.balanceNow', { balance: fmt.number(balance) })}</p>
        <TextField
          label={t(kind === 'redeem' ? 'loyalty.pointsToRedeem' : 'loyalty.pointsToAdjust')}
          inputMode={kind === 'redeem' ? 'numeric' : 'text'}
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          error={pointsError}
          hint={kind === 'adjust' ? t('loyalty.adjustHint') : undefined}
          autoFocus
        />
        <TextField
          label={t('loyalty.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={reasonError}
          maxLength={200}
          placeholder={t(kind === 'redeem' ? 'loyalty.redeemReasonPlaceholder' : 'loyalty.adjustReasonPlaceholder')}
        />
        {save.isError && !pointsError && !reasonError && (
          <div className="alert alert-error" role="alert">
            {errorText(save.error)}
          </div>
        )}
      </div>
    </Dialog>
  );
}
