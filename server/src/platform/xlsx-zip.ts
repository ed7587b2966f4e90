import { inflateRawSync } from 'node:zlib';
import { AppError } from './errors';

/**
 * Guards in front of the spreadsheet parser. An .xlsx is a zip of XML parts; a 1 MB upload can expand
 * to hundreds of MB of XML (a decompression bomb), which exceljs would inflate and model in memory.
 * Here the zip's central directory is read and bounded before anything is inflated, and every
 * entry is then inflated with a hard cap on its real output (the declared sizes can lie).
 *
 * The reader is strict on purpose: exceljs reads the archive with jszip, and any structure on which
 * the two readers could disagree (data before the archive, zip64, several disks, encryption, unknown
 * compression, a central directory that does not end where the end record says) is refused, so that
 * the entries checked here are exactly the bytes jszip inflates later.
 */
export interface ImportLimits {
  /** Sum of the uncompressed sizes of all entries. */
  totalBytes: number;
  /** Uncompressed size of any one entry. */
  entryBytes: number;
  /** Uncompressed ÷ compressed size of an entry, checked for entries larger than `ratioFloorBytes`. */
  ratio: number;
  ratioFloorBytes: number;
  entries: number;
  /** Rows (`<row>` elements, and the highest row number) of any one worksheet. */
  rows: number;
  /** Cells (`<c>` elements) of any one worksheet: rows alone do not bound 16,384 columns. */
  cells: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  totalBytes: 50 * 1024 * 1024,
  entryBytes: 40 * 1024 * 1024,
  ratio: 200,
  ratioFloorBytes: 1024 * 1024,
  entries: 1000,
  rows: 20_000,
  cells: 600_000,
};

export type LimitName = 'total_size' | 'entry_size' | 'ratio' | 'entries' | 'rows' | 'cells' | 'memory' | 'time';

export interface TooLargeDetails {
  limit: LimitName;
  max: number;
  /** The measured value, when known (inflation stops at the limit, so it is then a lower bound). */
  actual?: number;
  entry?: string;
  sheet?: string;
}

const LIMIT_TEXT: Record<LimitName, string> = {
  total_size: 'total uncompressed size',
  entry_size: 'uncompressed size of one part',
  ratio: 'compression ratio',
  entries: 'number of parts',
  rows: 'rows per sheet',
  cells: 'cells per sheet',
  memory: 'memory while reading',
  time: 'time while reading',
};

export function importTooLarge(d: TooLargeDetails): AppError {
  const where = d.sheet ? ` (sheet "${d.sheet}")` : d.entry ? ` (part ${d.entry})` : '';
  return new AppError(413, 'import.too_large', `The workbook is too large to import: ${LIMIT_TEXT[d.limit]} exceeds ${d.max}${where}`, d);
}

/** Not a zip we read: the reason is ours, never a library's message. */
export function notXlsx(reason: string): AppError {
  return new AppError(400, 'import.not_xlsx', `The file is not an Excel .xlsx workbook (${reason})`, { reason });
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's data (after its local header). */
  dataOffset: number;
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

/** Offset of the last end-of-central-directory record (where jszip looks too), or -1. */
function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

/**
 * The entries of a zip from its central directory, with the declared limits applied (count, sizes,
 * ratio). Throws `import.not_xlsx` for anything that is not a plain, well-formed archive.
 */
export function listZipEntries(buf: Buffer, limits: ImportLimits = IMPORT_LIMITS): ZipEntry[] {
  if (buf.length < 22) throw notXlsx('too short to be a zip archive');
  const eocd = findEocd(buf);
  if (eocd < 0) throw notXlsx('no zip end-of-archive record');
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw notXlsx('zip64 archives are not supported');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw notXlsx('multi-volume archives are not supported');
  if (count > limits.entries) throw importTooLarge({ limit: 'entries', max: limits.entries, actual: count });
  if (cdOffset + cdSize !== eocd) throw notXlsx('the central directory is not where the end record says');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH) throw notXlsx('damaged central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > eocd) throw notXlsx('damaged central directory');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw notXlsx('encrypted archives are not supported');
    if (method !== 0 && method !== 8) throw notXlsx(`unsupported compression method ${method}`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || local === 0xffffffff) throw notXlsx('zip64 archives are not supported');
    if (local + 30 > cdOffset || buf.readUInt32LE(local) !== LFH) throw notXlsx('damaged local header');
    const dataOffset = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataOffset + compressedSize > cdOffset) throw notXlsx('an entry runs past the end of its data');
    if (method === 0 && compressedSize !== uncompressedSize) throw notXlsx('damaged stored entry');
    checkEntrySize(name, uncompressedSize, compressedSize, limits);
    total += uncompressedSize;
    if (total > limits.totalBytes) throw importTooLarge({ limit: 'total_size', max: limits.totalBytes, actual: total });
    entries.push({ name, method, compressedSize, uncompressedSize, dataOffset });
  }
  if (p !== eocd) throw notXlsx('damaged central directory');
  return entries;
}

function checkEntrySize(name: string, size: number, compressed: number, limits: ImportLimits): void {
  if (size > limits.entryBytes) throw importTooLarge({ limit: 'entry_size', max: limits.entryBytes, actual: size, entry: name });
  if (size > limits.ratioFloorBytes && size > limits.ratio * Math.max(1, compressed)) {
    throw importTooLarge({ limit: 'ratio', max: limits.ratio, actual: Math.round(size / Math.max(1, compressed)), entry: name });
  }
}

/**
 * Inflates every entry with its real output capped (declared sizes are not trusted): `keep` says
 * which entries' contents to return; the others are inflated only to be measured.
 */
export function inflateEntries(buf: Buffer, entries: readonly ZipEntry[], keep: (name: string) => boolean, limits: ImportLimits = IMPORT_LIMITS): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const e of entries) {
    const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let data: Buffer;
    if (e.method === 0) data = raw;
    else {
      const cap = Math.min(limits.entryBytes, limits.totalBytes - total);
      try {
        // One byte over the cap is enough to know the entry is too large; inflation stops there.
        data = inflateRawSync(raw, { maxOutputLength: cap + 1 });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw cap < limits.entryBytes
            ? importTooLarge({ limit: 'total_size', max: limits.totalBytes, entry: e.name })
            : importTooLarge({ limit: 'entry_size', max: limits.entryBytes, entry: e.name });
        }
        throw notXlsx(`part ${e.name} cannot be decompressed`);
      }
      if (data.length > cap) throw importTooLarge({ limit: cap < limits.entryBytes ? 'total_size' : 'entry_size', max: cap < limits.entryBytes ? limits.totalBytes : limits.entryBytes, entry: e.name });
    }
    checkEntrySize(e.name, data.length, e.compressedSize, limits);
    total += data.length;
    if (keep(e.name)) out.set(e.name, data);
  }
  return out;
}

/** Worksheet part (e.g. `xl/worksheets/sheet1.xml`) → sheet name, from workbook.xml and its relationships. */
export function sheetNames(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const part = rid ? targets.get(rid) : undefined;
    if (name !== undefined && part) out.set(part, decodeXml(name));
  }
  return out;
}

const decodeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

/** Rows, highest row number and cells of a worksheet's XML, counted without building it. */
export function measureSheet(xml: string): { rows: number; lastRow: number; cells: number } {
  let rows = 0;
  let lastRow = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?row\b([^>]*)>/g)) {
    rows++;
    const r = /\br="(\d+)"/.exec(m[1]!);
    lastRow = r ? Math.max(lastRow, Number(r[1])) : lastRow + 1;
  }
  let cells = 0;
  for (const _ of xml.matchAll(/<(?:\w+:)?c\b/g)) cells++;
  return { rows, lastRow, cells };
}

/**
 * Checks a whole .xlsx before it is parsed: the central directory, then the real inflated sizes, then
 * rows and cells of every worksheet. Throws `import.not_xlsx` or `import.too_large`.
 */
export function checkXlsx(buf: Buffer, limits: ImportLimits = IMPORT_LIMITS): void {
  const entries = listZipEntries(buf, limits);
  const isSheet = (n: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(n);
  const parts = inflateEntries(buf, entries, (n) => isSheet(n) || n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels', limits);
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook) throw notXlsx('no xl/workbook.xml part');
  const names = sheetNames(workbook.toString('utf8'), parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '');
  for (const [part, data] of parts) {
    if (!isSheet(part)) continue;
    const m = measureSheet(data.toString('utf8'));
    const sheet = names.get(part) ?? part;
    // One header row on top of the data rows.
    if (Math.max(m.rows, m.lastRow) > limits.rows + 1) throw importTooLarge({ limit: 'rows', max: limits.rows, actual: Math.max(m.rows, m.lastRow) - 1, sheet });
    if (m.cells > limits.cells) throw importTooLarge({ limit: 'cells', max: limits.cells, actual: m.cells, sheet });
  }
}
