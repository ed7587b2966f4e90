import { parseDbf, parseShp } from 'shpjs';
import { AppError, badRequest } from '../../platform/errors';
import { inflateEntries, listZipEntries, type ImportLimits } from '../../platform/xlsx-zip';
import type { AreaFeature } from './domain/area-check';

/**
 * Reads an area upload: a GeoJSON FeatureCollection, or a zipped Shapefile (.shp + .dbf, with .prj and .cpg when
 * present). Only the reading is here; every check of the content is in domain/area-check.ts.
 *
 * Limits: MAX_AREA_UPLOAD_BYTES on the upload (the route), and on the content MAX_FEATURES features and
 * MAX_POSITIONS positions in all: a city's 1,300 teams × 8 grids × 60 vertices is ≈ 0.6 M positions, and the
 * checks (self-intersection, overlaps) stay within seconds below these.
 */
export const MAX_AREA_UPLOAD_BYTES = 30 * 1024 * 1024;
export const MAX_FEATURES = 20_000;
export const MAX_POSITIONS = 1_500_000;

/** The zip guard of the Excel imports, with room for a Shapefile's few large members. */
const ZIP_LIMITS: ImportLimits = {
  totalBytes: 120 * 1024 * 1024,
  entryBytes: 100 * 1024 * 1024,
  ratio: 200,
  ratioFloorBytes: 1024 * 1024,
  entries: 200,
  rows: 0,
  cells: 0,
};

export interface ParsedAreaFile {
  fileKind: 'geojson' | 'shapefile';
  features: AreaFeature[];
  /** Attribute names seen on the features (the page offers them as the code and name columns). */
  properties: string[];
  prj: string | null;
}

const tooLarge = (limit: 'features' | 'positions', max: number, actual: number) =>
  new AppError(413, 'org.area_import.too_large', `The file has too many ${limit} (at most ${max})`, { limit, max, actual });

function countPositions(g: unknown): number {
  if (!g || typeof g !== 'object') return 0;
  const c = (g as { coordinates?: unknown }).coordinates;
  let n = 0;
  const walk = (v: unknown, depth: number) => {
    if (!Array.isArray(v) || depth > 4) return;
    if (typeof v[0] === 'number') n++;
    else for (const x of v) walk(x, depth + 1);
  };
  walk(c, 0);
  return n;
}

function finish(fileKind: ParsedAreaFile['fileKind'], features: AreaFeature[], prj: string | null): ParsedAreaFile {
  if (features.length > MAX_FEATURES) throw tooLarge('features', MAX_FEATURES, features.length);
  let positions = 0;
  const names = new Set<string>();
  for (const f of features) {
    positions += countPositions(f.geometry);
    if (positions > MAX_POSITIONS) throw tooLarge('positions', MAX_POSITIONS, positions);
    for (const k of Object.keys(f.properties ?? {})) names.add(k);
  }
  return { fileKind, features, properties: [...names], prj };
}

function parseGeoJson(buf: Buffer): ParsedAreaFile {
  let doc: unknown;
  try {
    doc = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw badRequest('org.area_import.not_geojson', 'The file is neither a zipped Shapefile nor GeoJSON (not valid JSON)', { reason: 'json' });
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw badRequest('org.area_import.not_geojson', 'The JSON is not a GeoJSON FeatureCollection', { reason: 'not_feature_collection' });
  }
  const features = (fc.features as unknown[]).map((f) => {
    const o = (f && typeof f === 'object' ? f : {}) as { geometry?: unknown; properties?: unknown };
    const props = o.properties && typeof o.properties === 'object' && !Array.isArray(o.properties) ? (o.properties as Record<string, unknown>) : null;
    return { geometry: o.geometry ?? null, properties: props };
  });
  return finish('geojson', features, null);
}

/** A .cpg names the .dbf's code page; the ANSI numbers Chinese GIS tools write are mapped to their WHATWG label. */
function codePage(cpg: string | undefined): string | undefined {
  if (!cpg) return undefined;
  const c = cpg.trim().toUpperCase();
  if (/^(ANSI\s*)?(936|CP936|GB2312|GBK|GB18030)$/.test(c)) return 'gbk';
  if (/^(UTF-?8|65001)$/.test(c)) return 'utf-8';
  return cpg.trim();
}

function parseShapefileZip(buf: Buffer): ParsedAreaFile {
  let files: Map<string, Buffer>;
  try {
    const entries = listZipEntries(buf, ZIP_LIMITS);
    files = inflateEntries(buf, entries, (name) => !name.includes('__MACOSX') && /\.(shp|dbf|prj|cpg)$/i.test(name), ZIP_LIMITS);
  } catch (err) {
    // The guard speaks of workbooks; here the same faults are a broken zip.
    if (err instanceof AppError && err.code === 'import.not_xlsx') {
      throw badRequest('org.area_import.not_zip', 'The file is not a readable zip archive', err.details);
    }
    throw err;
  }
  const shps = [...files.keys()].filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0) throw badRequest('org.area_import.not_shapefile', 'The zip holds no Shapefile (.shp)', { files: [...files.keys()].slice(0, 20) });
  if (shps.length > 1) throw badRequest('org.area_import.many_layers', 'The zip holds several Shapefiles; send one layer per file', { layers: shps });
  const base = shps[0]!.slice(0, -4);
  const member = (ext: string) => [...files.entries()].find(([n]) => n.toLowerCase() === `${base}.${ext}`.toLowerCase())?.[1];
  const dbf = member('dbf');
  if (!dbf) throw badRequest('org.area_import.dbf_missing', 'The Shapefile has no attribute table (.dbf), so no unit codes', { layer: base });
  const prj = member('prj')?.toString('utf8') ?? null;
  const cpg = member('cpg')?.toString('utf8');
  let geometries: ({ type: string; coordinates: unknown } | null)[];
  let records: Record<string, unknown>[];
  try {
    // No .prj handed to the reader: it would reproject with proj4; the declared system is checked instead.
    geometries = parseShp(member('shp')!);
    records = parseDbf(dbf, codePage(cpg));
  } catch {
    throw badRequest('org.area_import.shapefile_invalid', 'The Shapefile cannot be read (damaged .shp or .dbf)', { layer: base });
  }
  if (!Array.isArray(geometries) || !Array.isArray(records)) throw badRequest('org.area_import.shapefile_invalid', 'The Shapefile cannot be read', { layer: base });
  const features = geometries.map((g, i) => ({ geometry: g, properties: records[i] ?? null }));
  return finish('shapefile', features, prj);
}

/** A zip (by its signature, whatever its name) is read as a Shapefile, anything else as GeoJSON. */
export function parseAreaFile(buf: Buffer): ParsedAreaFile {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return parseShapefileZip(buf);
  return parseGeoJson(buf);
}
