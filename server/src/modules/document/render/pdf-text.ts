/**
 * Reads back the text of the PDFs our renderers write (pdfkit: CID fonts with Identity-H and a ToUnicode map,
 * streams deflated), page by page. Used by the tests to check that a rendered 文书 or 卷宗 carries its title, 文号
 * and body on the right pages (no PDF parser in the tree, and a glyph-id stream cannot be grepped). It is not a
 * general PDF parser: object streams, encryption and simple-font encodings are out of its scope.
 */
import zlib from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    if (at < 0 || !body.startsWith('<<')) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    let start = at + 'stream'.length;
    if (body[start] === '\r') start++;
    if (body[start] === '\n') start++;
    const end = body.lastIndexOf('endstream');
    let raw = Buffer.from(body.slice(start, end), 'latin1');
    if (/\/FlateDecode/.test(dict)) raw = zlib.inflateSync(raw);
    out.set(Number(m[1]), { dict, stream: raw });
  }
  return out;
}

const utf16be = (spaced: string) => {
  // A ligature maps to several code units, written with spaces between them (<0066 0066> for ﬀ).
  const hex = spaced.replace(/\s+/g, '');
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};

/** A ToUnicode CMap (bfchar and bfrange, with or without arrays) as glyph id → text. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(m[1]!, 16), utf16be(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((x, i) => map.set(lo + i, utf16be(x[1]!)));
      } else {
        const first = parseInt(m[3]!.slice(1, -1).replace(/\s+/g, ''), 16);
        for (let g = lo; g <= hi; g++) map.set(g, String.fromCharCode(first + g - lo));
      }
    }
  }
  return map;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** The text of each page, in page order (the glyphs of a page concatenated, without separators). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOfFont = (fontObj: number): Map<number, string> | null => {
    const cached = cmaps.get(fontObj);
    if (cached) return cached;
    const tu = ref(objs.get(fontObj)?.dict ?? '', 'ToUnicode');
    const stream = tu === null ? null : objs.get(tu)?.stream;
    if (!stream) return null;
    const map = parseCmap(stream.toString('latin1'));
    cmaps.set(fontObj, map);
    return map;
  };
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  const root = catalog ? ref(catalog.dict, 'Pages') : null;
  const pages: number[] = [];
  const walk = (id: number) => {
    const d = objs.get(id)?.dict ?? '';
    if (/\/Type \/Pages/.test(d)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(d)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else if (/\/Type \/Page\b/.test(d)) pages.push(id);
  };
  if (root !== null) walk(root);
  return pages.map((pageId) => {
    const page = objs.get(pageId)!.dict;
    const resId = ref(page, 'Resources');
    const resources = resId === null ? page : (objs.get(resId)?.dict ?? '');
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/(\S+) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]));
    const contentIds = [...(/\/Contents (?:\[([^\]]*)\]|(\d+) 0 R)/.exec(page) ?? [])].slice(1).filter(Boolean).join(' ');
    let text = '';
    for (const c of contentIds.matchAll(/(\d+)(?: 0 R)?/g)) {
      const content = objs.get(Number(c[1]))?.stream?.toString('latin1') ?? '';
      let cmap: Map<number, string> | null = null;
      const ops = /\/(\S+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
      for (let m = ops.exec(content); m; m = ops.exec(content)) {
        if (m[1] !== undefined) {
          const f = fonts.get(m[1]);
          cmap = f === undefined ? null : cmapOfFont(f);
          continue;
        }
        const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [m[3]!];
        for (const hex of hexes) for (let i = 0; i + 4 <= hex.length; i += 4) text += cmap?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      }
    }
    return text;
  });
}
