import { useTranslation } from 'react-i18next';
import { isApiError } from './api-client.ts';
import { enumLabel } from './enum-label.ts';

/**
 * The message to show for a failed request: the server's field messages go beside their fields
 * (`fieldError`), everything else becomes one sentence in the user's language.
 */
export function useErrorText(): (e: unknown) => string {
  const { t, i18n } = useTranslation();
  return (e) => {
    if (!isApiError(e)) return t('errors.unexpected');
    if (e.status === 0) return t('errors.network');
    if (e.reason && i18n.exists(`errors.reasons.${e.reason}`)) {
      // Roles and permissions in params are names the API shares with us: say them in the user's words.
      const p = { ...e.params };
      for (const k of ['role', 'target'] as const) if (typeof p[k] === 'string') p[k] = enumLabel('role', p[k]);
      if (typeof p.action === 'string') p.action = enumLabel('permission', p.action);
      return t(`errors.reasons.${e.reason}`, p);
    }
    if (e.status === 401) return t('errors.signedOut');
    if (e.status === 429) return t('errors.rateLimited');
    if (e.status === 403) return t('errors.forbidden');
    if (e.status === 404) return t('errors.notFound');
    if (e.status === 412) return t('errors.conflict');
    if (e.status === 413) return t('errors.tooLarge');
    if (e.status === 422 && e.fieldErrors.length) return t('errors.fixFields');
    if (e.status >= 500) return t('errors.server');
    if (e.status === 409) return t('errors.duplicate');
    return t('errors.unexpected');
  };
}

export function fieldError(e: unknown, pointer: string): string | undefined {
  return isApiError(e) ? e.fieldMessage(pointer) : undefined;
}
