import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import vi from '../locales/vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORE_KEY = 'kith.lang';

/** The language before anyone signs in: the last one chosen on this browser, else the browser's own. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORE_KEY);
  if (stored === 'vi' || stored === 'en') return stored;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'vi' || base === 'en') return base;
  }
  return 'vi';
}

export function applyLanguage(lang: Language): void {
  localStorage.setItem(STORE_KEY, lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = i18next.dir(lang);
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(lng);
}

export { i18next };
