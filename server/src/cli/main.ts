import { ConfigError, loadConfig } from '../config';
import { DatabaseInUseError } from '../db/open';
import { AppError } from '../platform/errors';
import { BackupError } from '../backup';
import { parseOptions, usageLine, UsageError } from './args';
import { CliError, COMMANDS, type Io } from './commands';

export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  return [
    'usage: guifan <command> [options]     (or: npm run guifan -- <command> [options])',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}this list; \`guifan help <command>\` for its options`,
    '',
    'The database is PostgreSQL when DATABASE_URL is set, else the embedded PGlite in $GUIFAN_DATA_DIR/pglite',
    '(default ./data). Exit codes: 0 done, 1 failed, 2 wrong usage.',
  ].join('\n');
}

function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  const lines = [`usage: ${usageLine(name, c.options)}`, '', c.summary];
  const opts = Object.entries(c.options);
  if (opts.length) {
    lines.push('', 'options:');
    for (const [k, s] of opts) lines.push(`  --${k}${s.type === 'string' ? ` ${s.value ?? k.toUpperCase()}` : ''}`.padEnd(26) + s.description);
  }
  return lines.join('\n');
}

/** Runs one command line; returns the exit code. Expected failures print a message, no stack. */
export async function runCli(argv: readonly string[], io: Io = consoleIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0];
    if (name === 'help' && topic !== undefined) {
      if (!COMMANDS[topic]) {
        io.err(`guifan: unknown command "${topic}"\n\n${help()}`);
        return 2;
      }
      io.out(commandHelp(topic));
      return 0;
    }
    if (name === undefined) {
      io.err(help());
      return 2;
    }
    io.out(help());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`guifan: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(name));
      return 0;
    }
    const opts = parseOptions(name, rest, command.options);
    const config = loadConfig(env);
    return await command.run({ config, opts, io });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`guifan ${name}: ${err.message}\nusage: ${usageLine(name, command.options)}   (guifan help ${name})`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.err(`guifan: configuration error: ${err.message}`);
      return 1;
    }
    if (err instanceof CliError || err instanceof BackupError || err instanceof DatabaseInUseError) {
      io.err(`guifan ${name}: ${err.message}`);
      return 1;
    }
    if (err instanceof AppError) {
      const issues = (err.details as { issues?: { field: string; message: string }[] } | undefined)?.issues;
      const detail = err.code === 'request.validation' && issues?.length ? ` (${issues.map((i) => `${i.field}: ${i.message}`).join('; ')})` : '';
      io.err(`guifan ${name}: ${err.message}${detail}`);
      return 1;
    }
    // Unexpected: say what happened; the stack only on request, it means nothing to an operator.
    const message = err instanceof Error ? err.message : String(err);
    io.err(`guifan ${name}: failed: ${message}`);
    if (env.GUIFAN_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
    else io.err('(set GUIFAN_DEBUG=1 to see the stack trace)');
    return 1;
  }
}
