/**
 * Whether a photo can be drawn into the 卷宗 PDF (pure). The composer embeds JPEG and PNG; a file that carries the
 * right signature but no image frame (a truncated upload, a camera's thumbnail-only file) would make the whole 卷宗
 * fail, and with it the 归档 step. Such a file stays in the evidence ZIP (with its hash) and is left out of the PDF.
 */

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG with a start-of-frame segment (of non-zero size) before its scan data. */
function jpegFrame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return false;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return false;
    const marker = b[i + 1]!;
    // Fill bytes and markers without a length (RSTn, TEM).
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return false;
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) return false;
    if (SOF.has(marker)) return len >= 8 && b.readUInt16BE(i + 5) > 0 && b.readUInt16BE(i + 7) > 0;
    i += 2 + len;
  }
  return false;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG whose first chunk is an IHDR of non-zero size. */
function pngHeader(b: Buffer): boolean {
  return b.length >= 24 && b.subarray(0, 8).equals(PNG_SIGNATURE) && b.subarray(12, 16).toString('latin1') === 'IHDR' && b.readUInt32BE(16) > 0 && b.readUInt32BE(20) > 0;
}

export function embeddablePhoto(b: Buffer): boolean {
  return jpegFrame(b) || pngHeader(b);
}
