import type { ImportPreset } from '../preset.ts';

/** Import presets: Google Contacts (both layouts), Outlook. */
export const ADDRESS_BOOK_PRESETS: readonly ImportPreset[] = [];
