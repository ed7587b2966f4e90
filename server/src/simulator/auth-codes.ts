/**
 * The simulated terminals' non-volatile memory: the JT/T 808 authentication codes the platform issued, kept in a
 * small JSON file between runs. The gateway refuses a second 0x0100 from a terminal that already holds a code, so a
 * terminal that forgot its code is locked out until an administrator resets it; keeping the codes lets a second
 * `guifan simulate` against the same server authenticate at once, as a real terminal does after a power cycle.
 *
 * File: `{ "format": 1, "servers": { "<server URL>": { "<terminal number>": "<code>" } } }`. The terminal number is
 * the server's identifier (no leading zeros), so 2013 and 2019 headers of one terminal share a code. The codes are
 * credentials: the file is written 0600 (its directory 0700), atomically (temp file + rename) so that a crash never
 * leaves half a file. Each save re-reads the file and applies only this process's changes, so two simulators
 * against different servers sharing one file do not erase each other's codes. Saves are coalesced (thousands of
 * terminals register within a second at the start); `flush()` waits for the last one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const FORMAT = 1;

type Codes = Record<string, Record<string, string>>;

/** The server part of the key: origin + path without trailing slashes (`http://127.0.0.1:3000`). */
export function serverKey(server: string): string {
  try {
    const u = new URL(server);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return server.replace(/\/+$/, '');
  }
}

/** The codes in a file's text; a missing or unreadable file holds none (with the reason, for a warning). */
export function parseAuthCodes(text: string): { codes: Codes; problem: string | null } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { codes: {}, problem: 'not valid JSON' };
  }
  const servers = (data as { format?: unknown; servers?: unknown } | null)?.servers;
  if ((data as { format?: unknown } | null)?.format !== FORMAT || typeof servers !== 'object' || servers === null || Array.isArray(servers)) {
    return { codes: {}, problem: `not a format ${FORMAT} auth code file` };
  }
  const codes: Codes = {};
  for (const [server, terminals] of Object.entries(servers)) {
    if (typeof terminals !== 'object' || terminals === null || Array.isArray(terminals)) continue;
    for (const [terminal, code] of Object.entries(terminals as Record<string, unknown>)) {
      if (typeof code === 'string' && code !== '') (codes[server] ??= {})[terminal] = code;
    }
  }
  return { codes, problem: null };
}

async function readCodes(file: string): Promise<{ codes: Codes; problem: string | null }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { codes: {}, problem: null };
    return { codes: {}, problem: errText(e) };
  }
  return parseAuthCodes(text);
}

export class AuthCodeStore {
  /** This process's changes (null = forgotten), applied over the file's content at each save. */
  private readonly changes = new Map<string, string | null>();
  private dirty = false;
  private saving: Promise<void> | null = null;
  private warnedSave = false;

  private constructor(
    readonly file: string,
    private readonly server: string,
    private readonly codes: Record<string, string>,
    private readonly warn: (line: string) => void,
  ) {}

  /** Reads the codes kept for `server`; a missing file is an empty store, an unreadable one a warning and empty. */
  static async open(file: string, server: string, warn: (line: string) => void = () => {}): Promise<AuthCodeStore> {
    const key = serverKey(server);
    const { codes, problem } = await readCodes(file);
    if (problem) warn(`ignoring the auth code file ${file} (${problem}): terminals without a code register again`);
    return new AuthCodeStore(file, key, { ...codes[key] }, warn);
  }

  /** Codes kept for this server. */
  get size(): number {
    return Object.keys(this.codes).length;
  }

  get(terminal: string): string | null {
    return this.codes[terminal] ?? null;
  }

  /** Keeps (or, with null, forgets) a terminal's code and saves soon. */
  set(terminal: string, code: string | null): void {
    if ((this.codes[terminal] ?? null) === code) return;
    if (code === null) delete this.codes[terminal];
    else this.codes[terminal] = code;
    this.changes.set(terminal, code);
    this.dirty = true;
    this.saving ??= this.saveLoop();
  }

  /** Resolves when every change so far is on disk (or its save failed, which was reported once). */
  async flush(): Promise<void> {
    while (this.saving) await this.saving;
  }

  private async saveLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await this.saveOnce();
      }
    } catch (e) {
      // The run goes on without persistence: the next run falls back on the administrator's reset.
      if (!this.warnedSave) this.warn(`cannot keep the JT/T 808 auth codes in ${this.file}: ${errText(e)}`);
      this.warnedSave = true;
    } finally {
      this.saving = null;
    }
  }

  private async saveOnce(): Promise<void> {
    const { codes } = await readCodes(this.file);
    const mine = { ...codes[this.server] };
    for (const [terminal, code] of this.changes) {
      if (code === null) delete mine[terminal];
      else mine[terminal] = code;
    }
    if (Object.keys(mine).length) codes[this.server] = mine;
    else delete codes[this.server];
    const dir = path.dirname(this.file);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    try {
      await fs.writeFile(tmp, `${JSON.stringify({ format: FORMAT, servers: codes }, null, 2)}\n`, { mode: 0o600 });
      await fs.rename(tmp, this.file);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
