import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { createDatabase, type Database } from './client';

export class DatabaseInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite keeps no lock of its own: two processes opening one data dir would corrupt it. A lock
 * file holding the owner's pid makes the second opener (a CLI command while the server runs,
 * a second server) stop with a clear message; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(lockPath: string): () => void {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DatabaseInUseError(
          `the embedded database in ${path.dirname(lockPath)} is in use by process ${pid} (a running guifan server?). ` +
            'Stop it first, or run against PostgreSQL (DATABASE_URL).',
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new DatabaseInUseError(`could not take the lock ${lockPath}`);
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data dir. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return createDatabase({ databaseUrl: config.databaseUrl });
  const dir = path.join(config.dataDir, 'pglite');
  const release = acquireDataDirLock(path.join(config.dataDir, 'pglite.lock'));
  try {
    const database = await createDatabase({ pgliteDir: dir });
    const close = database.close.bind(database);
    return {
      ...database,
      async close() {
        try {
          await close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
