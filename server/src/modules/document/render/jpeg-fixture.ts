/**
 * Real baseline JPEGs for the 卷宗 tests and benchmark (no image library in the tree, no network): a street-photo-like
 * picture (sky, buildings, noise) encoded as YCbCr 4:4:4 with the standard quantisation tables scaled to a quality.
 * The Huffman tables are flat (every DC category 4 bits, every AC symbol 8 bits), which any decoder accepts and which
 * keeps the encoder short; the files come out a little larger than an optimised encoder's, like a camera's.
 */

/** zigzag position → natural (row-major) index. */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39,
  46, 53, 60, 61, 54, 47, 55, 62, 63,
];
// ITU T.81 Annex K, natural order.
const LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, ...Array<number>(32).fill(99),
];

const scaled = (table: number[], quality: number) => {
  const s = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  return table.map((q) => Math.min(255, Math.max(1, Math.floor((q * s + 50) / 100))));
};

/** AC symbols: EOB, ZRL and (run << 4 | size) for run 0–15, size 1–10 — 162 symbols, each an 8-bit code (its index). */
const AC_SYMBOLS = [0x00, 0xf0, ...Array.from({ length: 16 * 10 }, (_, i) => ((i / 10) | 0) * 16 + (i % 10) + 1)];
const AC_CODE = new Map(AC_SYMBOLS.map((s, i) => [s, i]));

const COS = Array.from({ length: 64 }, (_, i) => Math.cos(((2 * (i % 8) + 1) * ((i / 8) | 0) * Math.PI) / 16));
const C = (u: number) => (u === 0 ? Math.SQRT1_2 : 1);

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(value: number, bits: number) {
    for (let i = bits - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte() {
    this.bytes.push(this.acc);
    // A 0xFF in entropy-coded data is followed by a stuffed zero (T.81 F.1.2.3).
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.n = 0;
  }
  finish(): Buffer {
    while (this.n !== 0) this.write(1, 1);
    return Buffer.from(this.bytes);
  }
}

const category = (v: number) => (v === 0 ? 0 : 32 - Math.clz32(Math.abs(v)));
const bitsOf = (v: number, size: number) => (v >= 0 ? v : v + (1 << size) - 1);

function encodeBlock(w: BitWriter, block: Float64Array, q: number[], prevDc: number): number {
  // Separable 2-D DCT-II: rows, then columns (1 024 multiplications a block instead of 4 096).
  const tmp = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += block[y * 8 + x]! * COS[u * 8 + x]!;
      tmp[y * 8 + u] = sum;
    }
  }
  const coef = new Int32Array(64);
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) sum += tmp[y * 8 + u]! * COS[v * 8 + y]!;
      const i = v * 8 + u;
      coef[i] = Math.round((0.25 * C(u) * C(v) * sum) / q[i]!);
    }
  }
  const dc = coef[0]!;
  const diff = dc - prevDc;
  const s = category(diff);
  w.write(s, 4);
  if (s) w.write(bitsOf(diff, s), s);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const a = coef[ZIGZAG[k]!]!;
    if (a === 0) {
      run++;
      continue;
    }
    while (run > 15) {
      w.write(AC_CODE.get(0xf0)!, 8);
      run -= 16;
    }
    const size = Math.min(category(a), 10);
    w.write(AC_CODE.get((run << 4) | size)!, 8);
    w.write(bitsOf(a, size), size);
    run = 0;
  }
  if (run > 0) w.write(AC_CODE.get(0x00)!, 8);
  return dc;
}

const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);

/** Encodes RGB pixels (width × height × 3 bytes) as a baseline JPEG. */
export function encodeJpeg(rgb: Uint8Array, width: number, height: number, quality = 85): Buffer {
  const qy = scaled(LUMA, quality);
  const qc = scaled(CHROMA, quality);
  const w = new BitWriter();
  const prev = [0, 0, 0];
  const blocks = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          // Edge blocks repeat the last row/column.
          const p = (Math.min(by + y, height - 1) * width + Math.min(bx + x, width - 1)) * 3;
          const r = rgb[p]!;
          const g = rgb[p + 1]!;
          const b = rgb[p + 2]!;
          const i = y * 8 + x;
          blocks[0]![i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          blocks[1]![i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
          blocks[2]![i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
      prev[0] = encodeBlock(w, blocks[0]!, qy, prev[0]!);
      prev[1] = encodeBlock(w, blocks[1]!, qc, prev[1]!);
      prev[2] = encodeBlock(w, blocks[2]!, qc, prev[2]!);
    }
  }
  const dqt = segment(0xdb, Buffer.from([0x00, ...ZIGZAG.map((n) => qy[n]!), 0x01, ...ZIGZAG.map((n) => qc[n]!)]));
  const sof = segment(0xc0, Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]));
  const dcCounts = Array<number>(16).fill(0);
  dcCounts[3] = 12;
  const acCounts = Array<number>(16).fill(0);
  acCounts[7] = AC_SYMBOLS.length;
  const dht = segment(0xc4, Buffer.from([0x00, ...dcCounts, ...Array.from({ length: 12 }, (_, i) => i), 0x10, ...acCounts, ...AC_SYMBOLS]));
  const sos = segment(0xda, Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]));
  const app0 = segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, dqt, sof, dht, sos, w.finish(), Buffer.from([0xff, 0xd9])]);
}

/** A deterministic street-photo-like picture: sky gradient, building blocks with windows, grain. */
export function streetPhoto(width: number, height: number, seed: number): Uint8Array {
  const px = new Uint8Array(width * height * 3);
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const buildings = Array.from({ length: 6 }, () => ({ x0: rand() * width, w: width * (0.1 + rand() * 0.25), top: height * (0.2 + rand() * 0.4), tone: 90 + rand() * 120 }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 120 + (y / height) * 80;
      let g = 160 + (y / height) * 50;
      let b = 230 - (y / height) * 60;
      for (const bl of buildings) {
        if (x >= bl.x0 && x < bl.x0 + bl.w && y >= bl.top) {
          const win = (Math.floor((x - bl.x0) / 18) % 2 === 0 && Math.floor((y - bl.top) / 24) % 2 === 0) ? 40 : 0;
          r = bl.tone - win;
          g = bl.tone * 0.95 - win;
          b = bl.tone * 0.85 + win;
        }
      }
      if (y > height * 0.85) r = g = b = 70 + ((x * 7 + y * 3) % 40);
      const n = (rand() - 0.5) * 8;
      const i = (y * width + x) * 3;
      px[i] = Math.max(0, Math.min(255, r + n));
      px[i + 1] = Math.max(0, Math.min(255, g + n));
      px[i + 2] = Math.max(0, Math.min(255, b + n));
    }
  }
  return px;
}
