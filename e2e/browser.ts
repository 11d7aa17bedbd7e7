import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../packages/server/src/app.ts';
import { createCore, type Core } from '../packages/server/src/core.ts';
import { MODULES } from '../packages/server/src/modules.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer, type RunningServer } from '../packages/server/src/main.ts';
import { ensureWebBuild } from '../packages/cli/src/web-build.ts';

/** Debian's Chromium (never a downloaded browser), headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KITH_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The real server on a free loopback port over a fresh SQLite data directory. */
export async function startTestServer(): Promise<RunningServer & { dataDir: string; cleanup(): Promise<void> }> {
  // The real built app, as `npm start` serves it (built here if missing or stale).
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'kith-e2e-'));
  // Loopback allowed as outbound target (KITH_OUTBOUND_ALLOW): stories point a workspace's SMTP server at 127.0.0.1.
  const config = loadConfig({}, { dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn', outboundAllow: '127.0.0.1' });
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

/**
 * The real server and built app, as `npm start` serves them, over a fresh SQLite directory, with a clock the
 * test moves: `shiftMs()` is added to the real time on every reading (answers seeded months ago, links expired).
 */
export async function startClockedServer(shiftMs: () => number): Promise<{ url: string; core: Core; cleanup(): Promise<void> }> {
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'kith-e2e-'));
  const config = loadConfig({}, { dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn' });
  const core = await createCore(config, { modules: MODULES, migrate: true, now: () => new Date(Date.now() + shiftMs()) });
  const app = await buildApp(core);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    core,
    async cleanup() {
      await app.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export type Owner = { workspace: string; name: string; email: string; password: string };
export type OpenWorkspace = {
  server: Awaited<ReturnType<typeof startTestServer>>;
  browser: Browser;
  page: Page;
  token: string;
  pageErrors: string[];
  close(): Promise<void>;
};

/**
 * A fresh server with one workspace set up through the API, an API token for checks, and the owner signed in
 * to the web app in Vietnamese (Asia/Ho_Chi_Minh) on the contacts page: the start of most browser stories.
 */
export async function openWorkspace(owner: Owner, viewport = { width: 1366, height: 900 }): Promise<OpenWorkspace> {
  const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
  const server = await startTestServer();
  const setup = await fetch(`${server.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(owner) });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}`);
  const tok = await fetch(`${server.url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: owner.email, password: owner.password, name: 'e2e' }),
  });
  const token = ((await tok.json()) as { token: string }).token;
  const browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport, bypassCSP: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByLabel(vi.auth.email).fill(owner.email);
  await page.getByLabel(vi.auth.password).fill(owner.password);
  await page.getByRole('button', { name: vi.auth.signIn, exact: true }).click();
  // Signed in: the home page is the first screen; then to the contacts list.
  await page.getByRole('heading', { name: vi.home.title, level: 1 }).waitFor();
  await page.locator('nav.sidebar').getByRole('link', { name: vi.nav.contacts, exact: true }).click();
  await page.getByRole('heading', { name: vi.contacts.title, level: 1 }).waitFor();
  return {
    server,
    browser,
    page,
    token,
    pageErrors,
    async close() {
      await browser.close();
      await server.cleanup();
    },
  };
}
