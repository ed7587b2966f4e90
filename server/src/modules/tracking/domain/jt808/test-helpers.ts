// Shared test fixtures (imported only by *.test.ts).
import { FrameReader } from './framing';
import { decodeMessage } from './decode';
import type { DecodeResult } from './types';

export const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** Run wire bytes through a fresh FrameReader and decode every frame. */
export function readAll(wire: Buffer): { results: DecodeResult[]; frameErrors: string[] } {
  const r = new FrameReader().push(wire);
  return { results: r.frames.map((f) => decodeMessage(f)), frameErrors: r.errors.map((e) => e.code) };
}

/** Decode a single captured frame (with its 7E delimiters). */
export function decodeWire(wire: Buffer | string): DecodeResult {
  const { results, frameErrors } = readAll(typeof wire === 'string' ? hex(wire) : wire);
  if (frameErrors.length > 0 || results.length !== 1 || !results[0]) throw new Error(`expected one frame, got ${results.length} (${frameErrors.join(',')})`);
  return results[0];
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Captured frames. Sources:
//  T: traccar/traccar src/test/java/org/traccar/protocol/HuabaoProtocolDecoderTest.java (2011/2013 headers)
//  X: makeclan/xtream-codec debug/jt/jt-808-server-spring-boot-starter-debug-ui/src/utils/codec-utils.ts (2019 headers)
export const CAPTURED = {
  /** T: 0x0100 2013 register, plate 苏BA6860 (GBK CB D5). */
  register2013: '7E0100002D013511221122000500000000373031303748422D52303347424400000000000000000000003233363631303402CBD5424136383630387E',
  /** T: 0x0100 with a 25-byte (2011 layout) body, all fields zero. */
  register2011: '7e010000190940278494700012000000000000000000000000000000000000094027849470000a7e',
  /** T: 0x0102 2013 auth, code "authentication". */
  auth2013: '7E0102000E013511221122000661757468656E7469636174696F6E3F7E',
  /** T: 0x0002 heartbeat. */
  heartbeat2013: '7e0002000004304832546500b7ca7e',
  /** T: 0x0200, status 0x0A (located + west), mileage 1.8 km. */
  locationWest: '7e0200002e094027587492000a000000010000000a03083db7001329f3000000140000130412164952010400000012360a0002341502cb0c20085c107e',
  /** T: 0x0200 declaring a 50-byte body that carries 40 (truncated capture). */
  locationBadLength: '7E02000032013511221122000700000000000C000301578CC006CA3A5C00470000000014072317201501040000000030011631010BD07E',
  /** T: 0x0200 with TLVs 01 (mileage), 2A, 30 (signal), 31 (satellites); status 0x40001 (not located). */
  locationTlvs: '7e0200002c00160128561400020000000000040001005de1f7065c6cef00000000000017011710044201040000a9002a02000030011b3101030c7e',
  /** T: 0x0704 2013 blind-area batch of 8. */
  batch2013: '7E0704014301356777777707F5000801002600000000000000030159741206CBFD5001720000000116052709062401040000001D03020000002600000000000000030159746606CBFD50016B0000000116052709065301040000001D0302000000260000000000000003015975E406CBFE58013F0000000116052709072701040000001D0302000000260000000000000003015976DE06CBFF10012E0000000116052709075601040000001D0302000000260000000000000003015976BC06CBFED0012D0000000116052709083001040000001D0302000000260000000000000003015976FE06CBFEC001080000000116052709090001040000001D0302000000260000000000000003015976FE06CBFE7800FC0000000116052709093301040000001D0302000000260000000000000003015977A606CBFF3001080000000116052709100201040000001D030200001F7E',
  /** X: 0x0200 2019, status 0x16 (located + south), TLVs 02 fuel and 01 mileage. */
  location2019: '7e02004026010000000001391234432900000000006f0000001601dc9a0707456246007b004200032501292233440202006401040000000c417e',
  /** X: 0x0704 2019 batch of 2, status 1 (ACC, not located). */
  batch2019: '7e0704403f01000000000139123443290000000200001c000000010000000101d907f2073d336c029a00210059241029213903001c000000010000000101d907f3073d336d03090043005a241029213903f87e',
  /** X: 0x8001 2019 reply to serial 111 / 0x0200, result 0. */
  reply8001_2019: '7e8001400501000000000139123443290000006f020000dc7e',
  /** X: 0x8100 2019 reply to serial 111, result 0, auth code "ok..ok..ok". */
  reply8100_2019: '7e8100400d01000000000139123443290000006f006f6b2e2e6f6b2e2e6f6bd27e',
  /** X: 0x0005 (retransmission request, not decoded here). */
  unsupported0005: '7e0005400a01000000000139123443290000006f0003000200030004537e',
} as const;
