import type { Framework } from './framework.ts';
import { qci } from './frameworks/qci.ts';
import { idic } from './frameworks/idic.ts';
import { care } from './frameworks/care.ts';
import { gartner } from './frameworks/gartner.ts';
import { payneFrow } from './frameworks/payne-frow.ts';
import { buttle } from './frameworks/buttle.ts';

/** The frameworks Kith ships, in the order they are offered. A workspace's own copies are stored (server). */
export const FRAMEWORKS: readonly Framework[] = [qci, idic, care, gartner, payneFrow, buttle];

export const FRAMEWORK_KEYS = ['qci', 'idic', 'care', 'gartner', 'payne_frow', 'buttle'] as const;

export function shippedFramework(key: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.key === key);
}
