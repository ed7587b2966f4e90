// 0x7E framing, 0x7D escaping and the XOR checksum (JT/T 808 §4.4).
import type { FrameError } from './types';

export const FLAG = 0x7e;
export const ESC = 0x7d;

/** XOR of every byte (header + body when computing a frame's check code). */
export function checksum(data: Uint8Array, start = 0, end = data.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= data[i] ?? 0;
  return x;
}

/** 0x7E → 7D 02, 0x7D → 7D 01. Does not add delimiters. */
export function escape(data: Uint8Array): Buffer {
  let extra = 0;
  for (const b of data) if (b === FLAG || b === ESC) extra++;
  const out = Buffer.allocUnsafe(data.length + extra);
  let j = 0;
  for (const b of data) {
    if (b === FLAG) {
      out[j++] = ESC;
      out[j++] = 0x02;
    } else if (b === ESC) {
      out[j++] = ESC;
      out[j++] = 0x01;
    } else out[j++] = b;
  }
  return out;
}

/** Reverse of escape(). Returns null on a bad escape (7D not followed by 01/02, a trailing 7D) or a bare 7E. */
export function unescape(data: Uint8Array): Buffer | null {
  const out = Buffer.allocUnsafe(data.length);
  let j = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i] ?? 0;
    if (b === FLAG) return null;
    if (b === ESC) {
      const n = data[++i];
      if (n === 0x01) out[j++] = ESC;
      else if (n === 0x02) out[j++] = FLAG;
      else return null;
    } else out[j++] = b;
  }
  return Buffer.from(out.subarray(0, j));
}

/** Wrap an unescaped frame (header + body + checksum) as 7E escaped 7E. */
export function wrapFrame(content: Uint8Array): Buffer {
  const esc = escape(content);
  const out = Buffer.allocUnsafe(esc.length + 2);
  out[0] = FLAG;
  esc.copy(out, 1);
  out[out.length - 1] = FLAG;
  return out;
}

export interface FrameReaderOptions {
  /** Largest frame content accepted after unescaping (header + body + checksum). Default 2048. */
  maxFrameSize?: number;
  /** Largest run of bytes outside any frame before the stream is declared hostile. Default 4096. */
  maxGarbageRun?: number;
}

export interface PushResult {
  /** Complete frames, unescaped, without the 0x7E delimiters (checksum still at the end). */
  frames: Buffer[];
  errors: FrameError[];
}

/**
 * Pure state machine turning a TCP byte stream into frames. Handles any segmentation, many frames per chunk,
 * garbage between frames (skipped and reported), empty frames (7E 7E: the second 7E is taken as a new start),
 * bad escapes (frame dropped) and bounded buffering: a frame longer than maxFrameSize or a garbage run longer
 * than maxGarbageRun yields a fatal 'overflow' error, after which the caller should close the connection.
 * Memory is bounded by maxFrameSize whatever the input.
 */
export class FrameReader {
  private readonly maxFrameSize: number;
  private readonly maxGarbageRun: number;
  private readonly buf: Buffer;
  private len = 0;
  private inFrame = false;
  private escPending = false;
  private badEscape = false;
  /** Bytes skipped since the last frame start (outside frames). */
  private garbage = 0;
  /** Garbage not reported yet. */
  private garbageUnreported = 0;
  /** After an in-frame overflow, skip until the next 7E. */
  private discarding = false;

  constructor(options: FrameReaderOptions = {}) {
    this.maxFrameSize = options.maxFrameSize ?? 2048;
    this.maxGarbageRun = options.maxGarbageRun ?? 4096;
    if (!(this.maxFrameSize >= 16)) throw new RangeError('maxFrameSize must be at least 16');
    this.buf = Buffer.allocUnsafe(this.maxFrameSize);
  }

  /** Bytes currently buffered for an incomplete frame. */
  get buffered(): number {
    return this.len;
  }

  push(chunk: Uint8Array): PushResult {
    const frames: Buffer[] = [];
    const errors: FrameError[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] ?? 0;
      if (this.discarding) {
        if (b === FLAG) {
          this.discarding = false;
          this.startFrame();
        }
        continue;
      }
      if (!this.inFrame) {
        if (b === FLAG) {
          this.flushGarbage(errors);
          this.garbage = 0;
          this.startFrame();
        } else {
          this.garbage++;
          this.garbageUnreported++;
          if (this.garbage === this.maxGarbageRun + 1) {
            this.flushGarbage(errors);
            errors.push({ code: 'overflow', message: `more than ${this.maxGarbageRun} bytes without a frame delimiter`, bytes: this.garbage, fatal: true });
          }
        }
        continue;
      }
      // inside a frame
      if (b === FLAG) {
        if (this.len === 0 && !this.escPending && !this.badEscape) continue; // 7E 7E: empty frame, treat as a new start
        if (this.escPending || this.badEscape) {
          errors.push({ code: 'bad_escape', message: '0x7D not followed by 0x01 or 0x02; frame dropped', bytes: this.len, fatal: false });
        } else {
          frames.push(Buffer.from(this.buf.subarray(0, this.len)));
        }
        this.inFrame = false;
        this.len = 0;
        this.escPending = false;
        this.badEscape = false;
        continue;
      }
      if (this.badEscape) {
        this.len++; // count only; content is dropped at the end of the frame
        if (this.len > this.maxFrameSize) this.overflow(errors);
        continue;
      }
      let value: number;
      if (this.escPending) {
        this.escPending = false;
        if (b === 0x01) value = ESC;
        else if (b === 0x02) value = FLAG;
        else {
          this.badEscape = true;
          continue;
        }
      } else if (b === ESC) {
        this.escPending = true;
        continue;
      } else value = b;
      if (this.len >= this.maxFrameSize) {
        this.overflow(errors);
        continue;
      }
      this.buf[this.len++] = value;
    }
    this.flushGarbage(errors);
    return { frames, errors };
  }

  private startFrame(): void {
    this.inFrame = true;
    this.len = 0;
    this.escPending = false;
    this.badEscape = false;
  }

  private overflow(errors: FrameError[]): void {
    errors.push({ code: 'overflow', message: `frame longer than ${this.maxFrameSize} bytes`, bytes: this.len, fatal: true });
    this.inFrame = false;
    this.len = 0;
    this.escPending = false;
    this.badEscape = false;
    this.discarding = true;
  }

  private flushGarbage(errors: FrameError[]): void {
    if (this.garbageUnreported > 0) {
      errors.push({ code: 'garbage', message: `${this.garbageUnreported} bytes outside any frame skipped`, bytes: this.garbageUnreported, fatal: false });
      this.garbageUnreported = 0;
    }
  }
}
