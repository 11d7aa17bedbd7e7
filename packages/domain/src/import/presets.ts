import { ADDRESS_BOOK_PRESETS } from './presets/address-books.ts';
import { CRM_PRESETS } from './presets/crm.ts';
import { KITH_PRESETS } from './presets/kith.ts';
import { MARKETPLACE_PRESETS } from './presets/marketplaces.ts';
import { ODOO_PRESETS } from './presets/odoo.ts';
import { VN_SHOP_PRESETS } from './presets/vn-shops.ts';
import type { ImportEntity } from './mapping.ts';
import { detectPreset, type ImportPreset } from './preset.ts';

/** Every import preset Kith ships (preset.ts): the one list the importer, the API and the CLI's `--preset` read. */
export const IMPORT_PRESETS: readonly ImportPreset[] = [
  ...KITH_PRESETS,
  ...CRM_PRESETS,
  ...ADDRESS_BOOK_PRESETS,
  ...ODOO_PRESETS,
  ...VN_SHOP_PRESETS,
  ...MARKETPLACE_PRESETS,
];

/** The preset with this id, or undefined. */
export const presetById = (id: string): ImportPreset | undefined => IMPORT_PRESETS.find((p) => p.id === id);

/** The shipped preset a file of this kind looks like, or null. */
export const recognisePreset = (headers: readonly string[], kind: ImportEntity): ImportPreset | null => detectPreset(IMPORT_PRESETS, headers, kind);
