import { useTranslation } from 'react-i18next';
import { authApi, type Session } from '@kith/domain/auth/auth.api.ts';
import { call } from '../lib/api-call.ts';
import { applyLanguage, LANGUAGES, type Language } from '../lib/i18n.ts';
import { useSession } from './session.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from './session.tsx';

/** Switches the language at once; for a signed-in user the choice is saved on the account. */
export function useChangeLanguage(): (l: Language) => Promise<void> {
  const session = useSession();
  const qc = useQueryClient();
  return async (l) => {
    applyLanguage(l);
    if (session) {
      await call(authApi.updateMe, { body: { locale: l } });
      qc.setQueryData<Session | null>(SESSION_KEY, (s) => (s ? { ...s, user: { ...s.user, locale: l } } : s));
    }
  };
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const change = useChangeLanguage();
  return (
    <select
      className="select"
      style={{ inlineSize: 'auto', minBlockSize: 28, paddingBlock: 2 }}
      aria-label={t('settings.language')}
      value={i18n.language}
      onChange={(e) => void change(e.target.value as Language)}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {t(`languages.${l}`)}
        </option>
      ))}
    </select>
  );
}
