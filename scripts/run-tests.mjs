#!/usr/bin/env node
// Runs one test suite with node's test runner: unit | api | e2e.
//   unit: pure code next to the source (server/src/**/*.test.ts)
//   api:  server/test/**/*.test.ts through app.inject() on a real database
//         (GUIFAN_TEST_DB=pglite, the default, or GUIFAN_TEST_DB=pg with TEST_DATABASE_URL)
//   e2e:  web/e2e/**/*.e2e.ts, Playwright driving Debian's Chromium against the built web app
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const suite = process.argv[2];
const extra = process.argv.slice(3);
const root = path.resolve(import.meta.dirname, '..');

function find(dir, suffix) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...find(p, suffix));
    else if (e.name.endsWith(suffix)) out.push(path.relative(root, p));
  }
  return out.sort();
}

const suites = {
  unit: { files: () => find(path.join(root, 'server/src'), '.test.ts').concat(find(path.join(root, 'bench'), '.test.ts')), concurrency: 2 },
  api: { files: () => find(path.join(root, 'server/test'), '.test.ts'), concurrency: 2, before: ['server/test/template.ts'] },
  e2e: { files: () => find(path.join(root, 'web/e2e'), '.e2e.ts'), concurrency: 1, before: ['web/e2e/seed-template.ts'] },
};

const s = suites[suite];
if (!s) {
  console.error(`usage: run-tests.mjs unit|api|e2e [files…]`);
  process.exit(2);
}
const files = extra.length ? extra : s.files();
if (files.length === 0) {
  console.error(`no ${suite} test files found`);
  process.exit(1);
}
for (const b of s.before ?? []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', b], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// Spec to the console for people; TAP to a file so scripts/test-all.sh can total the run.
const label = process.env.GUIFAN_TEST_LABEL ?? (suite === 'api' ? `api-${process.env.GUIFAN_TEST_DB ?? 'pglite'}` : suite);
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${s.concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${path.join(root, '.tmp', `results-${label}.tap`)}`,
    ...files,
  ],
  { stdio: 'inherit', cwd: root, env: { ...process.env, GUIFAN_LOG_LEVEL: process.env.GUIFAN_LOG_LEVEL ?? 'silent' } },
);
process.exit(r.status ?? 1);
