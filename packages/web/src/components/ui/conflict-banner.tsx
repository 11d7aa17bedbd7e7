import { useTranslation } from 'react-i18next';
import { Button } from './button.tsx';

/** Someone changed the record after it was read (412): say so, change nothing, offer the latest version. */
export function ConflictBanner({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning row sticky-alert" role="alert" data-testid="conflict">
      <span>{t('record.conflict')}</span>
      <span className="spacer" />
      <Button size="sm" variant="primary" onClick={onReload}>
        {t('record.reload')}
      </Button>
    </div>
  );
}
