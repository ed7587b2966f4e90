import { parseArgs } from 'node:util';

/** Bad command line: exit code 2, with the command's usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    public readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  required?: boolean;
  description: string;
  /** Placeholder in usage lines, e.g. FILE. */
  value?: string;
}

export type ParsedOptions = Record<string, string | boolean | undefined>;

/** Strict option parsing: unknown options, stray arguments and missing required options are usage errors. */
export function parseOptions(command: string, args: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedOptions {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(Object.entries(spec).map(([k, s]) => [k, { type: s.type }])),
      strict: true,
      allowPositionals: true,
    }) as typeof parsed;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
    throw new UsageError(msg.replace(/\. To specify a positional argument.*$/, ''), command);
  }
  if (parsed.positionals.length) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`, command);
  for (const [k, s] of Object.entries(spec)) {
    const v = parsed.values[k];
    if (s.required && (v === undefined || v === '')) throw new UsageError(`missing --${k}`, command);
    if (s.type === 'string' && v === '') throw new UsageError(`--${k} needs a value`, command);
  }
  return parsed.values;
}

export function usageLine(command: string, spec: Readonly<Record<string, OptionSpec>>): string {
  const parts = Object.entries(spec).map(([k, s]) => {
    const flag = s.type === 'string' ? `--${k} ${s.value ?? k.toUpperCase()}` : `--${k}`;
    return s.required ? flag : `[${flag}]`;
  });
  return `guifan ${command}${parts.length ? ` ${parts.join(' ')}` : ''}`;
}
