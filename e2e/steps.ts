import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeViolations, seriousViolations } from './a11y.ts';
import { SCREENSHOTS } from './browser.ts';

/**
 * A browser story's helpers: steps that build on each other (once one fails the rest are skipped, with a
 * screenshot of the failure, rather than timing out one by one), screenshots, the axe check, and the API
 * as a script would call it with a personal token.
 */
export function story(page: () => Page, o: { failedShot: string; url: () => string; token: () => string }) {
  let broken: string | null = null;
  return {
    step(name: string, fn: () => Promise<void>): void {
      test(name, async (t) => {
        if (broken) return t.skip(`an earlier step failed: ${broken}`);
        try {
          await fn();
        } catch (e) {
          broken = name;
          await page()
            .screenshot({ path: join(SCREENSHOTS, `${o.failedShot}.png`) })
            .catch(() => {});
          throw e;
        }
      });
    },
    async shot(name: string): Promise<void> {
      await page().screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    async accessible(name: string): Promise<void> {
      const v = await seriousViolations(page());
      assert.deepEqual(v.length, 0, `${name}: serious or critical accessibility violations:\n${describeViolations(v)}`);
    },
    async apiCall(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; body: any; etag: string | null }> {
      const r = await fetch(`${o.url()}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${o.token()}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null, etag: r.headers.get('etag') };
    },
  };
}
