import type { ImportPreset } from '../preset.ts';

/** Import presets: Odoo contacts, its labels in every language it ships. */
export const ODOO_PRESETS: readonly ImportPreset[] = [];
