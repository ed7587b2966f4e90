/**
 * The evidence ZIP of a 卷宗: which file goes where, and its manifest (manifest.json and 清单.csv). Pure.
 *
 * Every piece of evidence of the case is in the ZIP — current and superseded (a superseded file is still part of the
 * record: the decision may rest on it) — in one folder per kind of 行政处罚法 第四十六条; evidence withdrawn before the
 * decision is not (it was never part of the file). Each entry carries the SHA-256 recorded at upload, so whoever
 * receives the ZIP can check every file without the system.
 */

/** Folder names per kind (第四十六条 item and name; 第（八）项 names two records, kept apart like the evidence module). */
export const KIND_FOLDERS: Record<string, string> = {
  documentary: '01-书证',
  physical: '02-物证',
  audio_visual: '03-视听资料',
  electronic: '04-电子数据',
  witness: '05-证人证言',
  party_statement: '06-当事人的陈述',
  expert_opinion: '07-鉴定意见',
  inspection_record: '08-勘验笔录',
  scene_record: '08-现场笔录',
};

export type EntryStatus = 'current' | 'superseded';
export const STATUS_WORDS: Record<EntryStatus, string> = { current: '有效', superseded: '已替换' };

export interface EvidenceForZip {
  id: string;
  kind: string;
  title: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByName: string;
  uploadedAt: string;
  supersededBy: string | null;
  supersededReason: string | null;
  deletedAt: string | null;
}

export interface ManifestEntry {
  /** Path inside the ZIP. */
  path: string;
  evidenceId: string;
  kind: string;
  title: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  status: EntryStatus;
  supersededBy: string | null;
  supersededReason: string | null;
}

/** A file name safe in every ZIP reader and file system: no folders, no reserved or control characters. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '_').trim();
  return cleaned.slice(0, 120) || 'file';
}

/**
 * The ZIP's entries: evidence withdrawn before the decision left out, each file under its kind's folder, numbered in
 * upload order within the folder (`03-现场照片.jpg`), a superseded file marked in its name. Names never collide.
 */
export function zipEntries(items: readonly EvidenceForZip[]): ManifestEntry[] {
  const perFolder = new Map<string, number>();
  const used = new Set<string>();
  const out: ManifestEntry[] = [];
  const sorted = [...items].filter((e) => e.deletedAt === null).sort((a, b) => (a.uploadedAt < b.uploadedAt ? -1 : a.uploadedAt > b.uploadedAt ? 1 : a.id < b.id ? -1 : 1));
  for (const e of sorted) {
    const folder = KIND_FOLDERS[e.kind] ?? '09-其他';
    const n = (perFolder.get(folder) ?? 0) + 1;
    perFolder.set(folder, n);
    const status: EntryStatus = e.supersededBy ? 'superseded' : 'current';
    const base = `${String(n).padStart(2, '0')}-${status === 'superseded' ? '已替换-' : ''}${safeFileName(e.fileName)}`;
    let path = `${folder}/${base}`;
    for (let i = 2; used.has(path); i++) path = `${folder}/${i}-${base}`;
    used.add(path);
    out.push({
      path,
      evidenceId: e.id,
      kind: e.kind,
      title: e.title,
      fileName: e.fileName,
      sizeBytes: e.sizeBytes,
      sha256: e.sha256,
      uploadedBy: e.uploadedByName,
      uploadedAt: e.uploadedAt,
      status,
      supersededBy: e.supersededBy,
      supersededReason: e.supersededReason,
    });
  }
  return out;
}

export interface ManifestCase {
  caseId: string;
  caseNo: string | null;
  unitName: string;
}

export interface Manifest {
  format: 'guifan.evidence-manifest/1';
  case: ManifestCase;
  generatedAt: string;
  hashAlgorithm: 'SHA-256';
  fileCount: number;
  totalBytes: number;
  files: ManifestEntry[];
}

export function buildManifest(c: ManifestCase, entries: readonly ManifestEntry[], generatedAt: string): Manifest {
  return { format: 'guifan.evidence-manifest/1', case: c, generatedAt, hashAlgorithm: 'SHA-256', fileCount: entries.length, totalBytes: entries.reduce((s, e) => s + e.sizeBytes, 0), files: [...entries] };
}

/**
 * The manifest as stored and hashed: keys in a fixed order, no whitespace variance. The archive record keeps the
 * SHA-256 of exactly these bytes, so the manifest of an archived case can be checked later.
 */
export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(JSON.stringify(m, null, 2) + '\n', 'utf8');
}

const CSV_HEADER = ['文件', '证据种类', '说明', '原文件名', '大小(字节)', 'SHA-256', '上传人', '上传时间', '状态', '替换原因'];
const KIND_WORDS: Record<string, string> = Object.fromEntries(Object.entries(KIND_FOLDERS).map(([k, f]) => [k, f.slice(3)]));

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** 清单.csv: UTF-8 with a byte-order mark (Excel on Windows reads Chinese text correctly only with it), CRLF rows. */
export function manifestCsv(entries: readonly ManifestEntry[]): Buffer {
  const rows = [CSV_HEADER, ...entries.map((e) => [e.path, KIND_WORDS[e.kind] ?? e.kind, e.title, e.fileName, e.sizeBytes, e.sha256, e.uploadedBy, e.uploadedAt, STATUS_WORDS[e.status], e.supersededReason])];
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');
}
