import type { ImportPreset } from '../preset.ts';

/** Import presets: Kith's own exports (derived from the field tables). */
export const KITH_PRESETS: readonly ImportPreset[] = [];
