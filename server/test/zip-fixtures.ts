import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Hand-built zip archives for the import-limit tests: exact control over what the central directory
 * declares (including lies) and over how much the data really inflates to.
 */
export interface FixtureEntry {
  name: string;
  /** Deflated data. */
  deflated: Buffer;
  /** Size declared in the local header and the central directory. */
  declaredSize: number;
}

export function zipOf(entries: readonly FixtureEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6); // UTF-8 names
    lh.writeUInt16LE(8, 8); // deflate
    lh.writeUInt32LE(0, 14); // CRC: neither jszip (by default) nor the guard checks it
    lh.writeUInt32LE(e.deflated.length, 18);
    lh.writeUInt32LE(e.declaredSize, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.deflated.length, 20);
    ch.writeUInt32LE(e.declaredSize, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.deflated);
    centrals.push(ch, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const small = (name: string, text: string): FixtureEntry => {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: deflateRawSync(data), declaredSize: data.length };
};

/** Deflates the concatenation of `parts` without ever holding the whole text. */
export async function deflateParts(parts: Iterable<string>): Promise<{ deflated: Buffer; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const finished = new Promise<void>((res, rej) => {
    z.on('end', res);
    z.on('error', rej);
  });
  let size = 0;
  for (const p of parts) {
    const b = Buffer.from(p, 'utf8');
    size += b.length;
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await finished;
  return { deflated: Buffer.concat(out), size };
}

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="SHEET" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

function xlsxOf(sheet: string, xml: { deflated: Buffer; size: number }, lie = false): Buffer {
  return zipOf([
    small('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    small('xl/workbook.xml', WORKBOOK.replace('SHEET', sheet)),
    small('xl/_rels/workbook.xml.rels', RELS),
    { name: 'xl/worksheets/sheet1.xml', deflated: xml.deflated, declaredSize: lie ? 4096 : xml.size },
  ]);
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';

/**
 * An .xlsx-shaped archive whose one sheet (named `sheet`) is `rows` identical rows of `cellChars`
 * characters each: 300 MB of XML deflate to well under 1 MB. `lie` declares a tiny size instead of
 * the real one, so that only a cap on the real inflated output can stop it.
 */
export async function sheetBomb(opts: { sheet: string; rows: number; cellChars?: number; lie?: boolean }): Promise<{ zip: Buffer; xmlBytes: number }> {
  const row = `<row><c t="inlineStr"><is><t>${'A'.repeat(opts.cellChars ?? 10_000)}</t></is></c></row>`;
  // Written in chunks of many rows: one write per row would make the deflate stream the bottleneck.
  const per = Math.max(1, Math.min(opts.rows, Math.floor(1_000_000 / row.length)));
  const chunk = row.repeat(per);
  function* parts() {
    yield HEAD;
    for (let i = 0; i + per <= opts.rows; i += per) yield chunk;
    yield row.repeat(opts.rows % per);
    yield TAIL;
  }
  const xml = await deflateParts(parts());
  return { zip: xlsxOf(opts.sheet, xml, opts.lie), xmlBytes: xml.size };
}

const letter = (i: number): string => (i >= 26 ? letter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/** A large but ordinary sheet: `rows` rows of `cols` distinct numbers or texts (compresses like real data). */
export async function bigSheet(opts: { sheet: string; rows: number; cols: number; text?: boolean }): Promise<{ zip: Buffer; xmlBytes: number }> {
  function* parts() {
    yield HEAD;
    for (let r = 1; r <= opts.rows; r++) {
      let s = `<row r="${r}">`;
      for (let c = 0; c < opts.cols; c++) {
        const v = (r * 7919 + c * 104729) % 1000003;
        s += opts.text ? `<c r="${letter(c)}${r}" t="inlineStr"><is><t>第${v}号 ${v.toString(36)}-${(v * 31).toString(16)}</t></is></c>` : `<c r="${letter(c)}${r}"><v>${v}</v></c>`;
      }
      yield `${s}</row>`;
    }
    yield TAIL;
  }
  const xml = await deflateParts(parts());
  return { zip: xlsxOf(opts.sheet, xml), xmlBytes: xml.size };
}
