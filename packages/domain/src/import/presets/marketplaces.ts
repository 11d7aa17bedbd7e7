import type { ImportPreset } from '../preset.ts';

/** Import presets: Shopee, Lazada, TikTok Shop order exports. */
export const MARKETPLACE_PRESETS: readonly ImportPreset[] = [];
