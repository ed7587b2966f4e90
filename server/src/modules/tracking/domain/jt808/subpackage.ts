// Reassembly of subpackaged messages (body-properties bit 13).
// Rule (JT/T 808 §4.4.3): every packet of one message carries the same message id and total, its 1-based index,
// and the packets' serials are consecutive, so serial − (index − 1) (the first packet's serial) is the same in all
// of them. An assembly is keyed by phone + message id + total + that first serial. Pure: `now` (ms) is passed in.
import type { Jt808Header } from './types';

export interface SubpackageOptions {
  /** Assemblies kept at once (per assembler, i.e. per connection); the oldest is evicted beyond this. Default 16. */
  maxPending?: number;
  /** Largest accepted total. Default 256. */
  maxPackets?: number;
  /** Largest reassembled body. Default 256 KiB. */
  maxBytes?: number;
  /**
   * Bytes held by all pending assemblies together (per assembler, i.e. per connection). The oldest assemblies are
   * evicted to make room; a packet that cannot fit even then is rejected. Default: maxBytes.
   */
  maxTotalBytes?: number;
  /** An assembly with no new packet for this long expires. Default 60 s. */
  ttlMs?: number;
}

export interface DroppedAssembly {
  phone: string;
  id: number;
  firstSerial: number;
  total: number;
  /** 1-based indexes never received (what a 0x8003 retransmission request would ask for). */
  missing: number[];
  reason: 'expired' | 'evicted' | 'over_budget';
}

export type SubpackageResult =
  | { status: 'pending'; received: number; total: number; dropped: DroppedAssembly[] }
  /** header: the first packet's header without `subpackage`, serial = first serial, bodyLength = whole body. */
  | { status: 'complete'; header: Jt808Header; body: Buffer; serials: number[]; dropped: DroppedAssembly[] }
  | { status: 'rejected'; reason: string; dropped: DroppedAssembly[] };

interface Assembly {
  phone: string;
  id: number;
  total: number;
  firstSerial: number;
  header: Jt808Header;
  parts: (Buffer | undefined)[];
  received: number;
  bytes: number;
  updatedAt: number;
}

export class SubpackageAssembler {
  private readonly maxPending: number;
  private readonly maxPackets: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly maxTotalBytes: number;
  private readonly pending = new Map<string, Assembly>();
  private totalBytes = 0;

  constructor(options: SubpackageOptions = {}) {
    this.maxPending = options.maxPending ?? 16;
    this.maxPackets = options.maxPackets ?? 256;
    this.maxBytes = options.maxBytes ?? 256 * 1024;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxTotalBytes = options.maxTotalBytes ?? this.maxBytes;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Bytes held by the pending assemblies. */
  get bytes(): number {
    return this.totalBytes;
  }

  private remove(key: string): Assembly | undefined {
    const a = this.pending.get(key);
    if (a) {
      this.pending.delete(key);
      this.totalBytes -= a.bytes;
    }
    return a;
  }

  /** The least recently updated assembly other than `except`. */
  private oldestKey(except?: string): string | undefined {
    let oldestKey: string | undefined;
    let oldest = Infinity;
    for (const [k, v] of this.pending) {
      if (k !== except && v.updatedAt < oldest) {
        oldest = v.updatedAt;
        oldestKey = k;
      }
    }
    return oldestKey;
  }

  /** Add one packet (a decoded 'fragment'). */
  push(header: Jt808Header, body: Buffer, now: number): SubpackageResult {
    const dropped = this.expire(now);
    const sp = header.subpackage;
    if (!sp) return { status: 'rejected', reason: 'not a subpackage', dropped };
    const { total, index } = sp;
    if (total < 1 || index < 1 || index > total) return { status: 'rejected', reason: `subpackage ${index}/${total}`, dropped };
    if (total > this.maxPackets) return { status: 'rejected', reason: `total ${total} exceeds ${this.maxPackets}`, dropped };
    const firstSerial = (header.serial - (index - 1)) & 0xffff;
    const key = `${header.phone}|${header.id}|${total}|${firstSerial}`;
    let a = this.pending.get(key);
    if (!a) {
      if (this.pending.size >= this.maxPending) {
        const oldestKey = this.oldestKey();
        const old = oldestKey === undefined ? undefined : this.remove(oldestKey);
        if (old) dropped.push(describe(old, 'evicted'));
      }
      a = { phone: header.phone, id: header.id, total, firstSerial, header, parts: new Array<Buffer | undefined>(total), received: 0, bytes: 0, updatedAt: now };
      this.pending.set(key, a);
    }
    const prev = a.parts[index - 1];
    if (prev) {
      a.bytes -= prev.length; // a retransmitted packet replaces the earlier copy
      this.totalBytes -= prev.length;
      a.parts[index - 1] = undefined;
      a.received--;
    }
    if (a.bytes + body.length > this.maxBytes) {
      this.remove(key);
      return { status: 'rejected', reason: `reassembled body exceeds ${this.maxBytes} bytes`, dropped };
    }
    // The connection's budget: older assemblies make room for this one, the oldest first.
    while (this.totalBytes + body.length > this.maxTotalBytes) {
      const oldestKey = this.oldestKey(key);
      if (oldestKey === undefined) break;
      const old = this.remove(oldestKey);
      if (old) dropped.push(describe(old, 'over_budget'));
    }
    if (this.totalBytes + body.length > this.maxTotalBytes) {
      this.remove(key);
      return { status: 'rejected', reason: `pending subpackages exceed ${this.maxTotalBytes} bytes`, dropped };
    }
    a.parts[index - 1] = Buffer.from(body);
    a.received++;
    a.bytes += body.length;
    this.totalBytes += body.length;
    a.updatedAt = now;
    if (index === 1) a.header = header;
    if (a.received < total) return { status: 'pending', received: a.received, total, dropped };
    this.remove(key);
    const whole = Buffer.concat(a.parts.filter((p): p is Buffer => p !== undefined));
    const { subpackage: _sp, ...rest } = a.header;
    const serials = Array.from({ length: total }, (_, i) => (firstSerial + i) & 0xffff);
    return { status: 'complete', header: { ...rest, serial: firstSerial, bodyLength: whole.length }, body: whole, serials, dropped };
  }

  /** Drop assemblies idle for longer than ttlMs. */
  expire(now: number): DroppedAssembly[] {
    const out: DroppedAssembly[] = [];
    for (const [k, a] of this.pending) {
      if (now - a.updatedAt > this.ttlMs) {
        this.remove(k);
        out.push(describe(a, 'expired'));
      }
    }
    return out;
  }
}

function describe(a: Assembly, reason: DroppedAssembly['reason']): DroppedAssembly {
  const missing: number[] = [];
  for (let i = 0; i < a.total; i++) if (!a.parts[i]) missing.push(i + 1);
  return { phone: a.phone, id: a.id, firstSerial: a.firstSerial, total: a.total, missing, reason };
}
