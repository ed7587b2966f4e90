import { deflateRawSync } from 'node:zlib';
import { zipOf } from './zip-fixtures';

/**
 * A polygon Shapefile written byte by byte from the ESRI specification (July 1998): .shp main file with shape
 * type 5, .dbf in dBase III with character fields, optionally .prj / .cpg, zipped. Rings are given in GeoJSON
 * order (outer counter-clockwise); the .shp stores outer rings clockwise, as the format requires.
 */
export interface ShapeRecord {
  /** Polygon rings, closed, [lon, lat]. */
  rings: number[][][];
  /** Field values; text already encoded (for a GBK .dbf pass Buffers). */
  fields: Record<string, string | Buffer>;
}

function shp(records: readonly ShapeRecord[]): Buffer {
  const contents = records.map((r) => {
    const rings = r.rings.map((ring, k) => (k === 0 ? [...ring].reverse() : ring));
    const points = rings.flat();
    const b = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    b.writeInt32LE(5, 0);
    const xs = points.map((p) => p[0]!);
    const ys = points.map((p) => p[1]!);
    b.writeDoubleLE(Math.min(...xs), 4);
    b.writeDoubleLE(Math.min(...ys), 12);
    b.writeDoubleLE(Math.max(...xs), 20);
    b.writeDoubleLE(Math.max(...ys), 28);
    b.writeInt32LE(rings.length, 36);
    b.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((ring, k) => {
      b.writeInt32LE(start, 44 + 4 * k);
      start += ring.length;
    });
    points.forEach((p, k) => {
      b.writeDoubleLE(p[0]!, 44 + 4 * rings.length + 16 * k);
      b.writeDoubleLE(p[1]!, 44 + 4 * rings.length + 16 * k + 8);
    });
    return b;
  });
  const header = Buffer.alloc(100);
  const total = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE(total / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(5, 32);
  const all = records.flatMap((r) => r.rings.flat());
  header.writeDoubleLE(Math.min(...all.map((p) => p[0]!)), 36);
  header.writeDoubleLE(Math.min(...all.map((p) => p[1]!)), 44);
  header.writeDoubleLE(Math.max(...all.map((p) => p[0]!)), 52);
  header.writeDoubleLE(Math.max(...all.map((p) => p[1]!)), 60);
  const parts: Buffer[] = [header];
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    parts.push(rh, c);
  });
  return Buffer.concat(parts);
}

function dbf(records: readonly ShapeRecord[]): Buffer {
  const names = Object.keys(records[0]?.fields ?? {});
  const value = (v: string | Buffer) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : v);
  const widths = names.map((n) => Math.max(1, ...records.map((r) => value(r.fields[n] ?? '').length)));
  const recordLength = 1 + widths.reduce((s, w) => s + w, 0);
  const headerLength = 32 + 32 * names.length + 1;
  const header = Buffer.alloc(headerLength);
  header.writeUInt8(0x03, 0);
  header.writeUInt8(126, 1); // 2026
  header.writeUInt8(12, 2);
  header.writeUInt8(8, 3);
  header.writeUInt32LE(records.length, 4);
  header.writeUInt16LE(headerLength, 8);
  header.writeUInt16LE(recordLength, 10);
  names.forEach((n, i) => {
    header.write(n, 32 + 32 * i, 10, 'latin1');
    header.write('C', 32 + 32 * i + 11, 'latin1');
    header.writeUInt8(widths[i]!, 32 + 32 * i + 16);
  });
  header.writeUInt8(0x0d, headerLength - 1);
  const rows = records.map((r) => {
    const row = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    names.forEach((n, i) => {
      value(r.fields[n] ?? '').copy(row, at);
      at += widths[i]!;
    });
    return row;
  });
  return Buffer.concat([header, ...rows, Buffer.from([0x1a])]);
}

export function shapefileZip(records: readonly ShapeRecord[], opts: { prj?: string; cpg?: string; layer?: string; omit?: ('shp' | 'dbf')[] } = {}): Buffer {
  const layer = opts.layer ?? 'grids';
  const files: [string, Buffer][] = [];
  if (!opts.omit?.includes('shp')) files.push([`${layer}.shp`, shp(records)]);
  if (!opts.omit?.includes('dbf')) files.push([`${layer}.dbf`, dbf(records)]);
  if (opts.prj) files.push([`${layer}.prj`, Buffer.from(opts.prj)]);
  if (opts.cpg) files.push([`${layer}.cpg`, Buffer.from(opts.cpg)]);
  return zipOf(files.map(([name, data]) => ({ name, deflated: deflateRawSync(data), declaredSize: data.length })));
}

export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const GK_PRJ = 'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]],PROJECTION["Gauss_Kruger"],UNIT["Meter",1.0]]';
