import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import { AppError } from './errors';
import { IMPORT_LIMITS, importTooLarge, listZipEntries, type ImportLimits } from './xlsx-zip';

let excel: typeof import('exceljs') | undefined;

/** exceljs takes most of a second to load: it is loaded on first use, not at server start. */
export async function loadExcel(): Promise<typeof import('exceljs')> {
  excel ??= (await import('exceljs')).default;
  return excel;
}

/** A workbook that cannot be read as the expected template (not .xlsx, missing sheet …); the message says why. */
export class WorkbookError extends Error {}

export type PlainCell = string | number | boolean | Date | null;

/** exceljs cell values can be rich text, formulas, hyperlinks: reduce each to a plain value. */
export function plainCell(v: ExcelJS.CellValue): PlainCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainCell((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return `#${String((v as { error: unknown }).error)}`;
  }
  return String(v);
}

/** A sheet to read from an uploaded workbook, at least `minWidth` columns wide. */
export interface SheetRequest {
  name: string;
  minWidth: number;
}

export type WorkerReply =
  | { ok: true; sheets: Record<string, PlainCell[][] | null>; names: string[] }
  | { ok: false; error: { status: number; code: string; message: string; details: unknown } };

export interface ReadSheets {
  /** Rows from row 1 (the header); null when the workbook has no sheet of that name. */
  sheets: Map<string, PlainCell[][] | null>;
  /** All sheet names, for the message when one is missing. */
  names: string[];
}

/** Heap of the reading thread: a workbook within IMPORT_LIMITS needs well under this. */
const WORKER_HEAP_MB = 512;
/** Wall time of one read; a workbook within the limits reads in seconds even on a busy machine. */
const READ_TIMEOUT_MS = 120_000;
let reading: Promise<unknown> = Promise.resolve();

/**
 * Reads sheets of an uploaded workbook. The zip's central directory is checked here at once (a bomb
 * is refused before anything is inflated); the rest (real inflated sizes, rows per sheet, exceljs)
 * runs in a worker thread with a capped heap, one at a time, so that the request thread keeps
 * serving (`/api/health` included) and a workbook that slips through costs that thread only.
 * Throws AppError `import.not_xlsx` (400) or `import.too_large` (413).
 */
export async function readSheets(buf: Buffer, requests: readonly SheetRequest[], limits: ImportLimits = IMPORT_LIMITS): Promise<ReadSheets> {
  listZipEntries(buf, limits);
  const run = reading.then(() => readInWorker(buf, requests, limits));
  reading = run.catch(() => undefined);
  const reply = await run;
  if (!reply.ok) throw new AppError(reply.error.status, reply.error.code, reply.error.message, reply.error.details);
  return { sheets: new Map(Object.entries(reply.sheets)), names: reply.names };
}

function readInWorker(buf: Buffer, sheets: readonly SheetRequest[], limits: ImportLimits): Promise<WorkerReply> {
  // The worker does not inherit the parent's `--import tsx`: it registers tsx, then loads the TypeScript entry.
  const entry = new URL('./excel-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Promise<WorkerReply>((resolve, reject) => {
    const worker = new Worker(boot, {
      eval: true,
      execArgv: [],
      workerData: { data: new Uint8Array(buf), sheets, limits },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const timer = setTimeout(() => done(() => reject(importTooLarge({ limit: 'time', max: READ_TIMEOUT_MS / 1000 }))), READ_TIMEOUT_MS);
    worker.once('message', (m: WorkerReply) => done(() => resolve(m)));
    worker.once('error', (e: Error & { code?: string }) =>
      done(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? importTooLarge({ limit: 'memory', max: WORKER_HEAP_MB * 1024 * 1024 }) : e)),
    );
    worker.once('exit', (code) => done(() => reject(new Error(`workbook reader exited with code ${code}`))));
  });
}
