import type { ImportPreset } from '../preset.ts';

/** Import presets: KiotViet, Sapo, Haravan. */
export const VN_SHOP_PRESETS: readonly ImportPreset[] = [];
