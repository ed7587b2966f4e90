/**
 * Browser-journey harness: the real server (demo seed, fresh data dir, free port) + Debian's Chromium driven by
 * playwright-core. One server per test file: call `startHarness()` in `before` and `stop()` in `after`.
 *
 * Requires the built web app (web/dist/index.html): `npm run build:web` first (npm run test:e2e does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const WEB_DIST_INDEX = path.join(REPO_ROOT, 'web', 'dist', 'index.html');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results');
export const ADMIN_PASSWORD = 'admin-e2e-pass';
export const DEMO_PASSWORD = 'guifan-demo';
const CHROMIUM = process.env.GUIFAN_CHROMIUM ?? '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = 120_000;

/**
 * The demo seed takes a while (catalog, campaigns, daily history, ledgers): it runs once per test run into
 * `.tmp/e2e-template/` and every server starts on a copy of that data dir.
 */
const TEMPLATE_DIR = path.join(REPO_ROOT, '.tmp', 'e2e-template');

export function ensureSeededTemplate(): string {
  const marker = path.join(TEMPLATE_DIR, '.seeded');
  if (fs.existsSync(marker)) return TEMPLATE_DIR;
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, GUIFAN_DATA_DIR: TEMPLATE_DIR, GUIFAN_ADMIN_PASSWORD: ADMIN_PASSWORD, GUIFAN_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'seed-demo'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`seeding the e2e template failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  fs.writeFileSync(marker, new Date().toISOString());
  return TEMPLATE_DIR;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  baseUrl: string;
  /** The server's GUIFAN_DATA_DIR (its stored files), for tests that damage a file on purpose. */
  dataDir: string;
  browser: Browser;
  /** A fresh browser context (own cookies and localStorage) with one page. */
  newPage(options?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /** The server's output so far (for failure messages). */
  serverLog(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode} before becoming healthy:\n${log()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer GET /api/health with 200 within ${HEALTH_TIMEOUT_MS / 1000} s:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(WEB_DIST_INDEX)) {
    throw new Error(
      `The web app is not built: ${path.relative(REPO_ROOT, WEB_DIST_INDEX)} is missing. ` +
        'Run `npm run build:web` before the browser tests (`npm run test:e2e` is meant to run after it).',
    );
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set GUIFAN_CHROMIUM)`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guifan-e2e-'));
  fs.cpSync(ensureSeededTemplate(), dataDir, { recursive: true, filter: (src) => !src.endsWith('pglite.lock') });
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    GUIFAN_DATA_DIR: dataDir,
    GUIFAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GUIFAN_LOG_LEVEL: 'warn',
    // Device gateways on free ports (a running demo, or another test server, may hold 5055 / 5015); OsmAnd is also
    // served on the main port. Unknown devices become "unassigned" so the 设备 page's assign flow can be driven.
    GUIFAN_OSMAND_PORT: '0',
    GUIFAN_JT808_PORT: '0',
    GUIFAN_DEVICE_AUTOREGISTER: 'true',
  };
  // Always the embedded database in a fresh directory, never a developer's PostgreSQL.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const log = () => output;

  let browser: Browser | null = null;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, log);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (e) {
    await cleanup();
    throw e;
  }
  const b = browser;

  return {
    baseUrl,
    dataDir,
    browser: b,
    async newPage(options) {
      const context = await b.newContext({
        baseURL: baseUrl,
        locale: options?.locale ?? 'zh-CN',
        viewport: { width: 1440, height: 900 },
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      return { context, page };
    },
    serverLog: log,
    stop: cleanup,
  };
}

/** Sign in through the login form and wait until the app shell is shown. */
export async function loginAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="side-menu"]').waitFor();
}

/** Labels of the side-menu entries, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.locator('[data-testid="side-menu"] .ant-menu-item .ant-menu-title-content');
  return (await items.allTextContents()).map((s) => s.trim());
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Run one journey in a fresh browser context; on failure save `test-results/failed-<name>.png` and the page's
 * console errors next to it, then rethrow.
 */
export async function journey(h: Harness, name: string, fn: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await h.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  try {
    await fn(page);
  } catch (e) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    fs.writeFileSync(path.join(SCREENSHOT_DIR, `failed-${name}.console.txt`), consoleErrors.join('\n'));
    throw e;
  } finally {
    await context.close();
  }
}

export async function closeDropdowns(page: Page) {
  // A dropdown still open (or fading out) would swallow the next click: click the dialog title, or press Escape
  // outside a dialog, until none is visible.
  for (let i = 0; i < 10 && (await page.locator('.ant-select-dropdown:visible').count()) > 0; i++) {
    await page.waitForTimeout(150);
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) break;
    if ((await page.locator('.ant-modal-title:visible').count()) > 0) await page.locator('.ant-modal-title:visible').first().click();
    else await page.keyboard.press('Escape');
  }
}

/** Picks an option and checks the select shows it; under load a click during the open animation can miss, so retry. */
export async function chooseSelect(page: Page, selector: string, optionText: string, search?: string) {
  const root = page.locator(selector).locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.locator(selector).click();
    if (search) await page.locator(selector).fill(search);
    const option = page.locator('.ant-select-dropdown:visible').getByText(optionText, { exact: true }).first();
    await option.waitFor();
    await page.waitForTimeout(250); // the open animation
    await option.click();
    await closeDropdowns(page);
    if (((await root.textContent()) ?? '').includes(optionText)) return;
  }
  throw new Error(`could not select "${optionText}" in ${selector}`);
}
