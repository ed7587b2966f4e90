/**
 * Start-up time and idle memory on the embedded database (PGlite):
 *  (a) first start with the demo seed on an empty data dir (goal < 30 s),
 *  (b) restart on the existing data, same command line, seed skipped (goal < 5 s),
 * each measured from spawn to the first 200 of /api/health; RSS (VmRSS) of the server process after 5 s idle.
 *
 *   node --import tsx bench/startup.ts
 */
import fs from 'node:fs';
import { GUIFAN_MAIN, LOOPBACK, emitSection, fmt, freePort, guifanEnv, isMain, mdTable, passFail, rssKib, sleep, spawnNode, stopChild, tempDataDir, waitForOk } from './lib';

const FIRST_GOAL_MS = 30_000;
const RESTART_GOAL_MS = 5_000;
const IDLE_MS = 5_000;

interface StartRun {
  ms: number;
  idleRssKib: number | null;
}

async function startOnce(dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const started = Date.now();
  const child = spawnNode(GUIFAN_MAIN, ['--seed-demo'], guifanEnv({ port, dataDir }));
  try {
    const ms = await waitForOk(`http://${LOOPBACK}:${port}/api/health`, child, started, 120_000);
    await sleep(IDLE_MS);
    return { ms, idleRssKib: rssKib(child.pid) };
  } finally {
    await stopChild(child);
  }
}

export async function runStartupBench(): Promise<{ markdown: string; pass: boolean }> {
  const dataDir = tempDataDir('startup');
  try {
    console.error('[startup] first start with demo seed…');
    const first = await startOnce(dataDir);
    console.error(`[startup] first start ${fmt(first.ms)} ms; restart…`);
    const again = await startOnce(dataDir);
    console.error(`[startup] restart ${fmt(again.ms)} ms`);
    const firstOk = first.ms < FIRST_GOAL_MS;
    const againOk = again.ms < RESTART_GOAL_MS;
    const mib = (k: number | null) => (k === null ? 'n/a' : `${fmt(k / 1024)} MiB`);
    const markdown = [
      '### Start-up and idle memory (`bench/startup.ts`)',
      '',
      'Embedded PGlite, `node --import tsx server/src/main.ts --seed-demo` on a fresh temporary data dir; time from ' +
        `spawn to the first 200 of \`/api/health\`; RSS = \`VmRSS\` of the server process after ${IDLE_MS / 1000} s idle.`,
      '',
      mdTable(
        ['run', 'time to healthy', 'goal', 'verdict', `idle RSS (+${IDLE_MS / 1000} s)`],
        [
          ['first start, empty data dir, demo seed', `${fmt(first.ms / 1000, 2)} s`, `< ${FIRST_GOAL_MS / 1000} s`, passFail(firstOk), mib(first.idleRssKib)],
          ['restart on the existing data (seed skipped)', `${fmt(again.ms / 1000, 2)} s`, `< ${RESTART_GOAL_MS / 1000} s`, passFail(againOk), mib(again.idleRssKib)],
        ],
      ),
      '',
      `Idle server RSS on the embedded database: **${mib(again.idleRssKib)}** after a restart (${mib(first.idleRssKib)} right after seeding).`,
    ].join('\n');
    return { markdown, pass: firstOk && againOk };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  runStartupBench()
    .then((r) => emitSection('startup', r.markdown))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
