import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { isApiError } from '../../lib/api-client.ts';
import { EmptyState } from './empty-state.tsx';
import { Icon } from './icons.tsx';

/** A record page while its record loads, or when it cannot: missing (or out of scope: the same 404) or broken. */
export function RecordStatus({ pending, error, backHref, backLabel }: { pending: boolean; error: unknown; backHref: string; backLabel: ReactNode }) {
  const { t } = useTranslation();
  if (pending)
    return (
      <div className="page" aria-busy="true">
        <div className="progress" />
      </div>
    );
  return (
    <div className="page">
      <EmptyState
        icon={<Icon name="search" size={36} />}
        title={isApiError(error) && error.status === 404 ? t('record.notFound') : t('errors.unexpected')}
        actions={<Link href={backHref}>{backLabel}</Link>}
      />
    </div>
  );
}
