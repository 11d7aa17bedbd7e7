import { enumLabel, enumOptions } from '@kith/domain/labels/enums.ts';

export type ProvinceOption = { value: string; label: string };

/** The 34 provinces after the 2025 reorganisation, named in the user's language (`@kith/domain/labels/enums.ts`), in alphabetical order. */
export function provinceOptions(lang: string): ProvinceOption[] {
  return enumOptions('province', lang).sort((a, b) => a.label.localeCompare(b.label, lang));
}

export function provinceName(code: string | null | undefined, lang: string): string {
  return enumLabel('province', code, lang);
}
