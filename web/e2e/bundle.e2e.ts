/** The initial JS (entry + modulepreloads of web/dist/index.html) stays small and free of Leaflet/ECharts. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { REPO_ROOT, WEB_DIST_INDEX } from './harness';

const LIMIT_GZIP_BYTES = 400 * 1024;

test('initial JS ≤ 400 KB gzip, without Leaflet or ECharts', () => {
  assert.ok(fs.existsSync(WEB_DIST_INDEX), 'web/dist/index.html missing: run npm run build:web first');
  const html = fs.readFileSync(WEB_DIST_INDEX, 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  assert.ok(refs.length > 0, 'no entry script found in index.html');
  let total = 0;
  for (const ref of new Set(refs)) {
    const code = fs.readFileSync(path.join(REPO_ROOT, 'web', 'dist', ref.replace(/^\//, '')));
    total += zlib.gzipSync(code, { level: 9 }).length;
    const text = code.toString('utf8');
    assert.ok(!/leafletjs\.com|L\.Map|leaflet-container/.test(text), `${ref} contains Leaflet`);
    assert.ok(!/echarts/i.test(text), `${ref} contains ECharts`);
  }
  console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzip in ${new Set(refs).size} files`);
  assert.ok(total <= LIMIT_GZIP_BYTES, `initial JS is ${(total / 1024).toFixed(1)} KB gzip (> 400 KB)`);
});
