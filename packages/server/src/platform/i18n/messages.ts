import { labelLocale, type LabelLocale } from '@kith/domain/labels/enums.ts';
import { en } from './messages.en.ts';
import { vi, type MessageKey } from './messages.vi.ts';

export type { MessageKey };
export type Locale = LabelLocale;

const CATALOGUE: Record<Locale, Record<MessageKey, string>> = { vi, en };

/**
 * A server text in `locale` (English for 'en…', Vietnamese otherwise), its {{name}} placeholders filled from
 * `params`. A placeholder without a param stays as written (the survey templates fill {{contact.name}} later).
 */
export function t(locale: string | null | undefined, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUE[labelLocale(locale)][key].replace(/\{\{([\w.]+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The same text in Vietnamese, then English, for mail that goes to someone whose language Kith does not know. */
export function bothLanguages(key: MessageKey, params: Record<string, string | number> = {}, between = ' / '): string {
  return `${t('vi', key, params)}${between}${t('en', key, params)}`;
}
