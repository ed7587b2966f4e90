// Builds the seeded data-dir template the browser tests start from (run once per `npm run test:e2e`).
import fs from 'node:fs';
import path from 'node:path';
import { ensureSeededTemplate, REPO_ROOT } from './harness';

const started = Date.now();
fs.rmSync(path.join(REPO_ROOT, '.tmp', 'e2e-template'), { recursive: true, force: true });
ensureSeededTemplate();
console.log(`e2e data template seeded in ${Date.now() - started} ms`);
