/**
 * Vietnamese-aware text folding for matching and search.
 *
 * Folding removes case and diacritics so that "Nguyễn Văn An", "NGUYEN VAN AN" and "nguyen van an"
 * compare equal. Unicode decomposition (NFD) strips the tone and vowel marks, but "đ"/"Đ" is a
 * separate letter (U+0111/U+0110) with no decomposition, so it is mapped by hand.
 */
const COMBINING = /[\u0300-\u036f]/g;
const D_STROKE = /[đĐ]/g;

export function fold(input: string): string {
  return input.normalize('NFD').replace(COMBINING, '').replace(D_STROKE, 'd').toLowerCase().normalize('NFC');
}

/** Folded words made only of a–z and 0–9 (everything else separates words). */
export function foldedWords(input: string): string[] {
  return fold(input)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** A stable key for equality matching: folded words joined by one space. */
export function matchKey(input: string): string {
  return foldedWords(input).join(' ');
}

/** Unicode NFC, trimmed, inner whitespace collapsed to one space. */
export function cleanText(input: string): string {
  return input.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** True when the string holds no lone surrogate and no NUL (PostgreSQL rejects NUL in text). */
export function isStorableText(input: string): boolean {
  return input.isWellFormed() && !input.includes('\u0000');
}
