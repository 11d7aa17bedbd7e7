import en from '../../../web/src/locales/en.json' with { type: 'json' };
import vi from '../../../web/src/locales/vi.json' with { type: 'json' };
import { labelLocale, LABEL_LOCALES, type LabelLocale } from './enums.ts';

/**
 * A record field's name as people read it, in vi and en. The web app's locale files hold these names
 * (`contactFields.<field>` in packages/web/src/locales/{vi,en}.json — AGENTS.md's checklist puts a new field's
 * label there); the server's files for people (the contacts export's headers) and the import presets of those
 * files read them from there, so each name is written once.
 */

type Labels = Readonly<Record<string, string>>;
const CONTACT: Record<LabelLocale, Labels> = { vi: vi.contactFields, en: en.contactFields };

/** A contact field's name (or `id`, `createdAt`, `updatedAt`) in `lang`; the field's own name when it has none. */
export function contactFieldLabel(name: string, lang: string | null | undefined): string {
  return CONTACT[labelLocale(lang)][name] ?? name;
}

/** Whether a contact field has its name in every language. */
export const hasContactFieldLabel = (name: string): boolean => LABEL_LOCALES.every((l) => typeof CONTACT[l][name] === 'string');
