import { parentPort, workerData } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import { AppError } from './errors';
import { plainCell, type PlainCell, type SheetRequest, type WorkerReply } from './excel';
import { checkXlsx, IMPORT_LIMITS, type ImportLimits } from './xlsx-zip';

/**
 * Reads an uploaded workbook off the request thread (see readSheets in excel.ts): the size checks of
 * xlsx-zip.ts first, then exceljs, then the requested sheets as plain cell values. The thread's heap
 * is capped by the parent, so a workbook that slips past the checks costs this thread, not the server.
 */
const { data, sheets, limits } = workerData as { data: Uint8Array; sheets: SheetRequest[]; limits?: ImportLimits };

async function read(): Promise<WorkerReply> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const lim = limits ?? IMPORT_LIMITS;
  checkXlsx(buf, lim);
  const wb = new (await import('exceljs')).default.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    // exceljs/jszip messages name library internals (and jszip's a URL): the user gets ours.
    return { ok: false, error: { status: 400, code: 'import.not_xlsx', message: 'The file is not an Excel .xlsx workbook (its parts cannot be read)', details: { reason: 'its parts cannot be read' } } };
  }
  const out: Record<string, PlainCell[][] | null> = {};
  for (const req of sheets) {
    const sheet = wb.getWorksheet(req.name);
    if (!sheet) {
      out[req.name] = null;
      continue;
    }
    const width = Math.max(sheet.columnCount, req.minWidth);
    const readRow = (r: ExcelJS.Row): PlainCell[] => Array.from({ length: width }, (_, i) => plainCell(r.getCell(i + 1).value));
    const rows: PlainCell[][] = [];
    const last = Math.min(sheet.rowCount, lim.rows + 1);
    for (let r = 1; r <= last; r++) rows.push(readRow(sheet.getRow(r)));
    out[req.name] = rows;
  }
  return { ok: true, sheets: out, names: wb.worksheets.map((w) => w.name) };
}

read().then(
  (reply) => parentPort!.postMessage(reply),
  (e: unknown) => {
    if (e instanceof AppError) parentPort!.postMessage({ ok: false, error: { status: e.status, code: e.code, message: e.message, details: e.details } } satisfies WorkerReply);
    else parentPort!.postMessage({ ok: false, error: { status: 400, code: 'import.not_xlsx', message: 'The file is not an Excel .xlsx workbook (it cannot be read)', details: { reason: 'it cannot be read' } } } satisfies WorkerReply);
  },
);
