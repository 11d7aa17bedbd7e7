/**
 * Spreadsheet safety for exports (CSV injection, OWASP): a cell whose text starts with = + - @, a tab or a
 * carriage return may be run as a formula by Excel, LibreOffice or Google Sheets when the file is opened.
 * By default such a cell gets a leading apostrophe, which spreadsheets show as text and do not evaluate;
 * the raw export (`--raw`, `raw=true`) leaves every value as stored, for round trips into other systems.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutralizeCell(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

export function isDangerousCell(text: string): boolean {
  return DANGEROUS.test(text);
}
