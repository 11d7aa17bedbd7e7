import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer, type RunningServer } from '../packages/server/src/main.ts';
import { ensureWebBuild } from '../packages/cli/src/web-build.ts';

/** Debian's Chromium (never a downloaded browser), headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KITH_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The real server on a free loopback port over a fresh SQLite data directory. */
export async function startTestServer(): Promise<RunningServer & { dataDir: string; cleanup(): Promise<void> }> {
  // The real built app, as `npm start` serves it (built here if missing or stale).
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'kith-e2e-'));
  const config = loadConfig({}, { dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn' });
  const server = await startServer(config, { handleSignals: false });
  return {
    ...server,
    dataDir,
    async cleanup() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
