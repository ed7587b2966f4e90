import { runCli } from './cli/main';

/** `npm run guifan -- <command> [options]`, or `guifan …` through bin/guifan.mjs. */
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
