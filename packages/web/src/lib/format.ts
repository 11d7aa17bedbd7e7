/** The formatters for the signed-in user's language and workspace (VND and Asia/Ho_Chi_Minh by default). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session.tsx';
import { makeFormatters, type Formatters } from './formatters.ts';

export type { Formatters };

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const session = useSession();
  const currency = session?.workspace.currency ?? 'VND';
  const tz = session?.workspace.timezone ?? 'Asia/Ho_Chi_Minh';
  return useMemo(() => makeFormatters(i18n.language, currency, tz), [i18n.language, currency, tz]);
}
