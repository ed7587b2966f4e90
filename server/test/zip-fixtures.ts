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

/** Deflates `head`, then `chunk` `times` times, then `tail`, without ever holding the whole text. */
export async function deflateRepeated(head: string, chunk: string, times: number, tail: string): Promise<{ deflated: Buffer; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const finished = new Promise<void>((res, rej) => {
    z.on('end', res);
    z.on('error', rej);
  });
  const c = Buffer.from(chunk, 'utf8');
  z.write(head);
  for (let i = 0; i < times; i++) {
    if (!z.write(c)) await new Promise((r) => z.once('drain', r));
  }
  z.end(tail);
  await finished;
  return { deflated: Buffer.concat(out), size: Buffer.byteLength(head) + c.length * times + Buffer.byteLength(tail) };
}

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="SHEET" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/**
 * An .xlsx-shaped archive whose one sheet (named `sheet`) is `rows` repeated rows of `cellChars`
 * characters each: 300 MB of XML deflate to well under 1 MB. `lie` declares a tiny size instead of
 * the real one, so that only a cap on the real inflated output can stop it.
 */
export async function sheetBomb(opts: { sheet: string; rows: number; cellChars?: number; lie?: boolean }): Promise<{ zip: Buffer; xmlBytes: number }> {
  const row = `<row><c t="inlineStr"><is><t>${'A'.repeat(opts.cellChars ?? 10_000)}</t></is></c></row>`;
  // Written in chunks of many rows: one write per row would make the deflate stream the bottleneck.
  const per = Math.max(1, Math.min(opts.rows, Math.floor(1_000_000 / row.length)));
  const chunks = Math.floor(opts.rows / per);
  const rest = row.repeat(opts.rows - chunks * per);
  const sheet = await deflateRepeated('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', row.repeat(per), chunks, `${rest}</sheetData></worksheet>`);
  const zip = zipOf([
    small('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    small('xl/workbook.xml', WORKBOOK.replace('SHEET', opts.sheet)),
    small('xl/_rels/workbook.xml.rels', RELS),
    { name: 'xl/worksheets/sheet1.xml', deflated: sheet.deflated, declaredSize: opts.lie ? 4096 : sheet.size },
  ]);
  return { zip, xmlBytes: sheet.size };
}
