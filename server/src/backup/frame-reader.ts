/**
 * Reads a backup's decompressed bytes as lines (UTF-8 JSON) and, in the file section, as runs of
 * raw bytes of a known length. Works on Buffers, not strings, because a file's bytes are not text.
 * Holds at most one source chunk (plus the pieces of one line that spans chunks) in memory.
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** The next line without its "\n"; the last piece when the input ends unterminated; null at the end. */
  async line(): Promise<string | null> {
    const parts: Buffer[] = [];
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.pos);
      if (nl !== -1) {
        const piece = this.buf.subarray(this.pos, nl);
        this.pos = nl + 1;
        return (parts.length ? Buffer.concat([...parts, piece]) : piece).toString('utf8');
      }
      if (this.pos < this.buf.length) parts.push(this.buf.subarray(this.pos));
      this.pos = this.buf.length;
      if (!(await this.fill())) return parts.length ? Buffer.concat(parts).toString('utf8') : null;
    }
  }

  /** Passes the next `n` bytes to `sink` piecewise; returns how many there were (fewer when the input ends). */
  async bytes(n: number, sink: (piece: Buffer) => Promise<void> | void): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.pos >= this.buf.length && !(await this.fill())) break;
      const take = Math.min(left, this.buf.length - this.pos);
      await sink(this.buf.subarray(this.pos, this.pos + take));
      this.pos += take;
      left -= take;
    }
    return n - left;
  }

  private async fill(): Promise<boolean> {
    while (!this.done) {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        break;
      }
      if (next.value.length === 0) continue;
      this.buf = next.value;
      this.pos = 0;
      return true;
    }
    return false;
  }
}
