import { PROVINCES } from '@kith/domain/geo/provinces.ts';

export type ProvinceOption = { value: string; label: string };

/** The 34 provinces after the 2025 reorganisation, named in the user's language. */
export function provinceOptions(lang: string): ProvinceOption[] {
  return PROVINCES.map((p) => ({ value: p.code, label: lang === 'vi' ? p.name : p.nameEn })).sort((a, b) => a.label.localeCompare(b.label, lang));
}

export function provinceName(code: string | null | undefined, lang: string): string {
  if (!code) return '';
  const p = PROVINCES.find((x) => x.code === code);
  return p ? (lang === 'vi' ? p.name : p.nameEn) : code;
}
