import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The workplace's public reference data sets (read-only, never copied into the repository): from
 * KITH_SHARED_DATA, or `../shared/data` beside the checkout, or /work/shared/data. Null when none is there
 * (tests that need them are then skipped, saying why).
 */
export function sharedData(...parts: string[]): string | null {
  const roots = [process.env.KITH_SHARED_DATA, resolve(import.meta.dirname, '../../../../shared/data'), '/work/shared/data'].filter((x): x is string => !!x);
  for (const r of roots) if (existsSync(join(r, ...parts))) return join(r, ...parts);
  return null;
}
