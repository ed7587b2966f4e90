/**
 * Bytes on the wire for the web app, measured in Chromium (playwright-core driving /usr/bin/chromium, as
 * web/e2e/harness.ts does): the login page from a cold cache, then signing in and the first page after it
 * (组织机构), in the same browser context (what the login page loaded stays in the HTTP cache). Bytes are CDP's
 * `Network.loadingFinished.encodedDataLength` (headers + body as received, compressed); the encoding is the
 * response's `content-encoding`, and the `Accept-Encoding` Chromium sent is reported: brotli is offered to secure
 * origins only, and loopback (`http://127.0.0.1`) counts as one, so this measurement receives the `.br` files; a
 * browser on plain http to a LAN address would get the `.gz` ones.
 *
 *   npm run build:web && node --import tsx bench/wire.ts
 */
import fs from 'node:fs';
import { chromium, type CDPSession } from 'playwright-core';
import { BENCH_ADMIN_PASSWORD, GUIFAN_MAIN, LOOPBACK, fmt, freePort, guifanEnv, isMain, mdTable, repoRoot, spawnNode, stopChild, tempDataDir, waitForOk } from './lib';

const CHROMIUM = process.env.GUIFAN_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Req {
  url: string;
  type: string;
  encoding: string;
  fromCache: boolean;
  bytes: number;
  acceptEncoding: string;
}

/** Collects every request of a page through CDP until `take()` is called. */
function recorder(cdp: CDPSession) {
  let reqs = new Map<string, Req>();
  const inflight = new Set<string>();
  let lastActivity = Date.now();
  const settle = (id: string) => {
    inflight.delete(id);
    lastActivity = Date.now();
  };
  cdp.on('Network.loadingFailed', (e) => settle(e.requestId));
  cdp.on('Network.requestWillBeSent', (e) => {
    inflight.add(e.requestId);
    lastActivity = Date.now();
    reqs.set(e.requestId, { url: e.request.url, type: e.type ?? '', encoding: '', fromCache: false, bytes: 0, acceptEncoding: '' });
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const r = reqs.get(e.requestId);
    const h = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding');
    if (r && h) r.acceptEncoding = String(h[1]);
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (!r) return;
    const h = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
    r.encoding = h ? String(h[1]) : 'identity';
    r.fromCache = Boolean(e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    settle(e.requestId);
    const r = reqs.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return {
    /** Resolves once no request has been in flight for `quietMs` (the page's lazy chunks and API reads are done). */
    async quiet(quietMs = 1500, timeoutMs = 60_000): Promise<void> {
      const t0 = Date.now();
      while (inflight.size > 0 || Date.now() - lastActivity < quietMs) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`network not quiet after ${timeoutMs} ms: ${inflight.size} in flight`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    take(): Req[] {
      const out = [...reqs.values()];
      reqs = new Map();
      return out;
    },
  };
}

interface Phase {
  name: string;
  reqs: Req[];
}

export interface WireResult {
  markdown: string;
  phases: Array<{ name: string; total: number; js: number; api: number; requests: number; cached: number; encodings: string }>;
}

function summarizePhase(p: Phase) {
  const net = p.reqs.filter((r) => !r.fromCache && !r.url.startsWith('data:'));
  const sum = (rs: Req[]) => rs.reduce((s, r) => s + r.bytes, 0);
  const isApi = (r: Req) => new URL(r.url).pathname.startsWith('/api/');
  const js = net.filter((r) => !isApi(r) && /\.m?js$/.test(new URL(r.url).pathname));
  const enc = new Map<string, number>();
  for (const r of net.filter((x) => !isApi(x))) enc.set(r.encoding, (enc.get(r.encoding) ?? 0) + 1);
  return {
    name: p.name,
    total: sum(net),
    js: sum(js),
    api: sum(net.filter(isApi)),
    requests: net.length,
    cached: p.reqs.length - net.length,
    encodings: [...enc].map(([k, n]) => `${k} × ${n}`).join(', '),
    acceptEncoding: [...new Set(net.map((r) => r.acceptEncoding).filter(Boolean))].join(' / '),
  };
}

export async function measureWire(): Promise<WireResult> {
  if (!fs.existsSync(`${repoRoot}/web/dist/index.html`)) {
    return { markdown: '**SKIPPED**: `web/dist` not built (`npm run build:web`).', phases: [] };
  }
  if (!fs.existsSync(CHROMIUM)) return { markdown: `**SKIPPED**: no Chromium at \`${CHROMIUM}\` (set GUIFAN_CHROMIUM).`, phases: [] };
  const port = await freePort();
  const dataDir = tempDataDir('wire');
  const child = spawnNode(GUIFAN_MAIN, ['--seed-demo'], guifanEnv({ port, dataDir }));
  const base = `http://${LOOPBACK}:${port}`;
  try {
    await waitForOk(`${base}/api/health`, child, Date.now(), 180_000);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const rec = recorder(cdp);
      const phases: Phase[] = [];

      await page.goto('/login', { waitUntil: 'networkidle' });
      await page.locator('#login-username').waitFor();
      await rec.quiet();
      phases.push({ name: 'login page (cold cache)', reqs: rec.take() });

      await page.locator('#login-username').fill('admin');
      await page.locator('#login-password').fill(BENCH_ADMIN_PASSWORD);
      const unitsRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/org/units');
      await page.locator('[data-testid="login-submit"]').click();
      await page.locator('[data-testid="side-menu"]').waitFor();
      await unitsRead;
      await rec.quiet();
      const landing = new URL(page.url()).pathname;
      phases.push({ name: `sign-in and the first page after it (\`${landing}\`, 组织机构; login page's files cached)`, reqs: rec.take() });

      // WIRE_DUMP=1 lists every request (phase, bytes, encoding, cache, type, URL) on stderr.
      if (process.env.WIRE_DUMP) for (const p of phases) for (const r of p.reqs) console.error(p.name.slice(0, 10), r.bytes, r.encoding, r.fromCache, r.type, r.url.slice(0, 90));
      const rows = phases.map(summarizePhase);
      const kb = (n: number) => `${fmt(n / 1000, 1)} KB`;
      const markdown = [
        'Bytes on the wire, measured in Chromium (`bench/wire.ts`: playwright-core driving `/usr/bin/chromium`, a fresh ' +
          'context; CDP `Network.loadingFinished` `encodedDataLength`: compressed body + headers as received; requests ' +
          'served from the HTTP cache not counted). guifan serves `web/dist` precompressed (`scripts/compress-web.mjs`, ' +
          '`@fastify/static` `preCompressed`; hashed assets `immutable`).',
        '',
        mdTable(
          ['phase', 'bytes transferred', 'of which JavaScript', 'of which API', 'requests (+ from cache)', 'content-encoding of static files', 'Accept-Encoding sent'],
          rows.map((r) => [r.name, `**${kb(r.total)}**`, kb(r.js), kb(r.api), `${r.requests} (+ ${r.cached})`, r.encodings || '—', r.acceptEncoding || '—']),
        ),
        '',
        'Chromium offers brotli (`br`) only to secure origins: https, and `http://127.0.0.1`/`localhost` (loopback counts ' +
          'as potentially trustworthy), which is why this measurement received the `.br` copies. A browser reaching ' +
          'guifan over plain http on a LAN address offers `gzip, deflate` and receives the gzip level 9 copies ' +
          '(the bundle table above gives the gzip size of the initial JavaScript). `identity` files are under ' +
          '1 KB (not compressed); API answers are JSON as fastify sends them (uncompressed).',
      ].join('\n');
      return { markdown, phases: rows };
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  measureWire()
    .then((r) => console.log(r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
