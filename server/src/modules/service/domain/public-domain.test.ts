import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHALLENGE_TTL_MS, checkAnswer, createNonceLedger, issueChallenge, issueToken, makeQuestion, parseAnswer, questionSvg, type Pick } from './human-check';
import { addressKey, createReportLimiter, createWindowCounter, normalizePhone, reporterKeyOf, type ReportLimits } from './abuse-limits';
import { jpegOrientation, sniffImage, stripMetadata } from './public-photo';

/** A fixed sequence of picks (each taken modulo n), for reproducible questions and pictures. */
const seq = (...xs: number[]): Pick => {
  let i = 0;
  return (n) => (xs[i++ % xs.length] as number) % n;
};
const KEY = Buffer.from('k'.repeat(32));
const NOW = Date.UTC(2026, 11, 8, 2, 0, 0);

test('questions: 加, 减 (never negative), 乘 of digits 1–9, in Chinese numerals', () => {
  const cases: Array<[number[], string, number]> = [
    [[0, 6, 4], '七加五等于几？', 12],
    [[1, 2, 8], '九减三等于几？', 6], // 三减九 would be negative: swapped
    [[1, 8, 2], '九减三等于几？', 6],
    [[2, 8, 8], '九乘九等于几？', 81],
    [[0, 0, 0], '一加一等于几？', 2],
    [[1, 4, 4], '五减五等于几？', 0],
  ];
  for (const [picks, text, answer] of cases) {
    const q = makeQuestion(seq(...picks));
    assert.equal(q.text, text);
    assert.equal(q.answer, answer);
  }
});

test('answers as typed on a phone', () => {
  const cases: Array<[string, number | null]> = [
    ['12', 12],
    [' 12 ', 12],
    ['１２', 12],
    ['0', 0],
    ['十二', null],
    ['12a', null],
    ['', null],
    ['1234', null],
    ['-1', null],
  ];
  for (const [typed, want] of cases) assert.equal(parseAnswer(typed), want, typed);
});

test('a token: right answer once; wrong, replayed, expired, forged, malformed refused', () => {
  const ledger = createNonceLedger();
  const t = () => issueToken(KEY, 12, NOW).token;
  const right = t();
  assert.deepEqual(checkAnswer(KEY, ledger, right, '12', NOW + 1000), { ok: true });
  assert.deepEqual(checkAnswer(KEY, ledger, right, '12', NOW + 2000), { ok: false, problem: 'used' });
  // A wrong answer burns the token: the right one afterwards is refused as used.
  const burnt = t();
  assert.deepEqual(checkAnswer(KEY, ledger, burnt, '13', NOW), { ok: false, problem: 'wrong' });
  assert.deepEqual(checkAnswer(KEY, ledger, burnt, '12', NOW), { ok: false, problem: 'used' });
  assert.deepEqual(checkAnswer(KEY, ledger, t(), 'abc', NOW), { ok: false, problem: 'wrong' });
  assert.deepEqual(checkAnswer(KEY, ledger, t(), '12', NOW + CHALLENGE_TTL_MS), { ok: false, problem: 'expired' });
  assert.deepEqual(checkAnswer(Buffer.from('x'.repeat(32)), ledger, t(), '12', NOW), { ok: false, problem: 'wrong' });
  // The expiry is under the MAC: moving it later breaks the token.
  const [nonce, , mac] = t().split('.');
  assert.deepEqual(checkAnswer(KEY, ledger, `${nonce}.${(NOW + CHALLENGE_TTL_MS - 1).toString(36)}.${mac}`, '12', NOW), { ok: false, problem: 'wrong' });
  assert.deepEqual(checkAnswer(KEY, ledger, `${nonce}x.${(NOW + 10 * CHALLENGE_TTL_MS).toString(36)}.${mac}`, '12', NOW), { ok: false, problem: 'invalid' });
  for (const bad of ['', 'a.b.c', 'x'.repeat(500), `${nonce}.zz.${mac}!`]) assert.deepEqual(checkAnswer(KEY, ledger, bad, '12', NOW), { ok: false, problem: 'invalid' }, bad);
});

test('the nonce ledger refuses when full of live tokens and frees expired ones', () => {
  const ledger = createNonceLedger(2);
  assert.equal(ledger.spend('a', NOW + 10, NOW), true);
  assert.equal(ledger.spend('b', NOW + 20, NOW), true);
  assert.equal(ledger.spend('a', NOW + 10, NOW), false);
  assert.equal(ledger.spend('c', NOW + 30, NOW), 'busy');
  assert.equal(ledger.spend('c', NOW + 30, NOW + 11), true);
  assert.equal(ledger.size, 2);
});

test('the picture holds the question, shuffled, and no answer; the token does not carry it either', () => {
  const c = issueChallenge(KEY, NOW, seq(0, 6, 4, 3, 1, 5, 2, 7, 11, 9, 13));
  const texts = [...c.svg.matchAll(/<text x="([\d.]+)"[^>]*>([^<]+)<\/text>/g)].map((m) => ({ x: Number(m[1]), c: m[2] }));
  assert.equal(texts.length, [...c.question.text].length);
  assert.equal(texts.sort((a, b) => a.x - b.x).map((t) => t.c).join(''), c.question.text);
  assert.deepEqual(checkAnswer(KEY, createNonceLedger(), c.token, String(c.question.answer), NOW), { ok: true });
  assert.ok(c.svg.startsWith('<svg') && !c.svg.includes('<script'));
  assert.equal(questionSvg(c.question, seq(1, 2, 3)), questionSvg(c.question, seq(1, 2, 3)));
});

test('address keys: IPv4 whole, IPv6 by /64, mapped IPv4 as IPv4', () => {
  const cases: Array<[string, string]> = [
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
  ];
  for (const [ip, key] of cases) assert.equal(addressKey(ip), key, ip);
  const salt = Buffer.from('salt');
  assert.equal(reporterKeyOf(salt, '2001:db8:1:2::1'), reporterKeyOf(salt, '2001:db8:1:2::ffff'));
  assert.notEqual(reporterKeyOf(salt, '203.0.113.7'), reporterKeyOf(salt, '203.0.113.8'));
  assert.notEqual(reporterKeyOf(salt, '203.0.113.7'), reporterKeyOf(Buffer.from('other'), '203.0.113.7'));
  assert.ok(!reporterKeyOf(salt, '203.0.113.7').includes('203'));
});

test('phones: mainland mobiles and fixed lines with area code; others refused', () => {
  const cases: Array<[string, string | null]> = [
    ['13812341234', '13812341234'],
    ['138 1234 1234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['0513-85551234', '051385551234'],
    ['12812341234', null],
    ['1381234123', null],
    ['110', null],
    ['abc', null],
  ];
  for (const [raw, want] of cases) assert.equal(normalizePhone(raw), want, raw);
});

test('limits per address and per phone: hour and day windows, retry time, release on failure', () => {
  const H = 3_600_000;
  const limits: ReportLimits = { perAddress: [{ windowMs: H, max: 3 }, { windowMs: 24 * H, max: 5 }], perPhone: [{ windowMs: H, max: 2 }] };
  const l = createReportLimiter(limits);
  const ok = (r: ReturnType<typeof l.reserve>) => r.ok;
  assert.ok(ok(l.reserve('A', null, NOW)));
  assert.ok(ok(l.reserve('A', null, NOW + 1)));
  assert.ok(ok(l.reserve('A', null, NOW + 2)));
  assert.equal(l.blocked('A', NOW + 3), NOW + H);
  assert.equal(l.blocked('B', NOW + 3), null);
  assert.deepEqual(l.reserve('A', null, NOW + 3), { ok: false, kind: 'address', retryAt: NOW + H });
  // Another address is not touched by A's flood.
  assert.ok(ok(l.reserve('B', null, NOW + 3)));
  // An hour later A may again, until the day's 5.
  assert.ok(ok(l.reserve('A', null, NOW + H)));
  assert.ok(ok(l.reserve('A', null, NOW + H + 1)));
  assert.deepEqual(l.reserve('A', null, NOW + H + 2), { ok: false, kind: 'address', retryAt: NOW + 24 * H });
  // Per phone, across addresses.
  assert.ok(ok(l.reserve('C', 'P', NOW)));
  assert.ok(ok(l.reserve('D', 'P', NOW)));
  const p = l.reserve('E', 'P', NOW + 5);
  assert.deepEqual(p, { ok: false, kind: 'phone', retryAt: NOW + H });
  // A refused phone took no slot of address E.
  const e1 = l.reserve('E', null, NOW + 6);
  assert.ok(e1.ok);
  // A released reservation gives its slot back.
  const l2 = createReportLimiter({ perAddress: [{ windowMs: H, max: 1 }], perPhone: [] });
  const r = l2.reserve('X', null, NOW);
  assert.ok(r.ok);
  assert.equal(l2.reserve('X', null, NOW + 1).ok, false);
  if (r.ok) r.release();
  assert.ok(l2.reserve('X', null, NOW + 2).ok);
});

test('a flood of 10,000 from one address gets the limit through and leaves others alone; keys stay bounded', () => {
  const l = createReportLimiter({ perAddress: [{ windowMs: 3_600_000, max: 10 }], perPhone: [] }, 1000);
  let through = 0;
  for (let i = 0; i < 10_000; i++) if (l.reserve('flood', null, NOW + i).ok) through++;
  assert.equal(through, 10);
  assert.ok(l.reserve('neighbour', null, NOW + 10_001).ok);
  for (let i = 0; i < 5000; i++) l.reserve(`k${i}`, null, NOW + i);
  assert.ok(l.keys <= 1000);
});

// --- photos ---
const seg = (marker: number, body: Buffer) => {
  const h = Buffer.from([0xff, marker, 0, 0]);
  h.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([h, body]);
};
const exifWith = (orientation: number) => {
  const t = Buffer.alloc(38);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(2, 8);
  t.writeUInt16LE(0x0112, 10);
  t.writeUInt16LE(3, 12);
  t.writeUInt32LE(1, 14);
  t.writeUInt16LE(orientation, 18);
  t.writeUInt16LE(0x8825, 22); // a GPS pointer: what must not reach the public
  t.writeUInt16LE(4, 24);
  t.writeUInt32LE(1, 26);
  t.writeUInt32LE(99, 30);
  return seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]));
};
const sof = (w: number, h: number) => {
  const b = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  b.writeUInt16BE(h, 1);
  b.writeUInt16BE(w, 3);
  return seg(0xc0, b);
};
const jpeg = (...mid: Buffer[]) => Buffer.concat([Buffer.from([0xff, 0xd8]), ...mid, seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]), Buffer.from([0xff, 0xd9])]);
const JFIF = seg(0xe0, Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\0\0', 'latin1'));
const XMP = seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>', 'latin1'));
const COMMENT = seg(0xfe, Buffer.from('owner 张三', 'utf8'));
const ICC = seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01profile', 'latin1'));
const png = (chunks: Array<[string, Buffer]>) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ...chunks.map(([type, data]) => {
      const h = Buffer.alloc(8);
      h.writeUInt32BE(data.length, 0);
      h.write(type, 4, 'latin1');
      return Buffer.concat([h, data, Buffer.alloc(4)]);
    }),
  ]);
const ihdr = (w: number, h: number) => {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(w, 0);
  b.writeUInt32BE(h, 4);
  return b;
};

test('sniffing: the bytes decide; what is refused says why', () => {
  const cases: Array<[string, Buffer, unknown]> = [
    ['jpeg', jpeg(JFIF, sof(640, 480)), { ok: true, mime: 'image/jpeg', width: 640, height: 480 }],
    ['jpeg with exif first', jpeg(exifWith(6), sof(4000, 3000)), { ok: true, mime: 'image/jpeg', width: 4000, height: 3000 }],
    ['png', png([['IHDR', ihdr(3, 2)], ['IEND', Buffer.alloc(0)]]), { ok: true, mime: 'image/png', width: 3, height: 2 }],
    ['pdf', Buffer.from('%PDF-1.7 …'), { ok: false, problem: 'not_image', looksLike: 'PDF' }],
    ['text', Buffer.from('hello'), { ok: false, problem: 'not_image' }],
    ['empty', Buffer.alloc(0), { ok: false, problem: 'not_image' }],
    ['gif', Buffer.from('GIF89a……'), { ok: false, problem: 'unsupported_image', looksLike: 'GIF' }],
    ['heic', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(8)]), { ok: false, problem: 'unsupported_image', looksLike: 'HEIC' }],
    ['jpeg without frame', jpeg(JFIF), { ok: false, problem: 'broken_image' }],
    ['jpeg truncated', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), { ok: false, problem: 'broken_image' }],
    ['bomb', png([['IHDR', ihdr(100_000, 100_000)]]), { ok: false, problem: 'too_many_pixels' }],
  ];
  for (const [name, bytes, want] of cases) assert.deepEqual(sniffImage(bytes), want, name);
});

test('the public JPEG keeps the picture and the orientation, loses EXIF/GPS, XMP, comments and what follows EOI', () => {
  const original = Buffer.concat([jpeg(JFIF, exifWith(6), XMP, COMMENT, ICC, sof(40, 30)), Buffer.from('MPF second picture with EXIF', 'latin1')]);
  const pub = stripMetadata(original, 'image/jpeg');
  assert.equal(jpegOrientation(original), 6);
  assert.equal(jpegOrientation(pub), 6);
  assert.ok(!pub.includes(Buffer.from([0x88, 0x25])) && !pub.includes(Buffer.from([0x25, 0x88])), 'no GPS pointer');
  assert.ok(!pub.includes(Buffer.from('xmpmeta')));
  assert.ok(!pub.includes(Buffer.from('张三')));
  assert.ok(!pub.includes(Buffer.from('MPF')));
  assert.ok(pub.includes(Buffer.from('JFIF')) && pub.includes(Buffer.from('ICC_PROFILE')));
  assert.ok(pub.includes(Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd9])), 'the image data is untouched');
  assert.deepEqual(sniffImage(pub), { ok: true, mime: 'image/jpeg', width: 40, height: 30 });
  // Orientation 1 (or none) adds no EXIF at all; stripping twice changes nothing more.
  const plain = stripMetadata(jpeg(JFIF, exifWith(1), sof(4, 4)), 'image/jpeg');
  assert.ok(!plain.includes(Buffer.from('Exif')));
  assert.deepEqual(stripMetadata(pub, 'image/jpeg'), pub);
  // A comment between the scans of a progressive JPEG goes too.
  const progressive = Buffer.concat([jpeg(JFIF, sof(4, 4)).subarray(0, -2), COMMENT, seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), Buffer.from([0x77, 0xff, 0xd9])]);
  const p2 = stripMetadata(progressive, 'image/jpeg');
  assert.ok(!p2.includes(Buffer.from('张三')) && p2.includes(Buffer.from([0x77, 0xff, 0xd9])));
});

test('the public PNG and WebP lose their text, time and EXIF chunks', () => {
  const p = png([['IHDR', ihdr(3, 2)], ['tEXt', Buffer.from('Author\0张三')], ['eXIf', Buffer.from('MM\0*GPS')], ['IDAT', Buffer.from('pixels')], ['tIME', Buffer.alloc(7)], ['IEND', Buffer.alloc(0)]]);
  const pub = stripMetadata(p, 'image/png');
  assert.ok(!pub.includes(Buffer.from('张三')) && !pub.includes(Buffer.from('GPS')) && !pub.includes(Buffer.from('tIME')));
  assert.ok(pub.includes(Buffer.from('pixels')));
  assert.deepEqual(sniffImage(pub), { ok: true, mime: 'image/png', width: 3, height: 2 });

  const chunk = (type: string, data: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'latin1');
    h.writeUInt32LE(data.length, 4);
    return Buffer.concat([h, data, Buffer.alloc(data.length % 2)]);
  };
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x0c;
  vp8x.writeUIntLE(99, 4, 3);
  vp8x.writeUIntLE(49, 7, 3);
  const body = Buffer.concat([chunk('VP8X', vp8x), chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])), chunk('EXIF', Buffer.from('GPS here')), chunk('XMP ', Buffer.from('<xmp/>'))]);
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  const w = Buffer.concat([head, body]);
  assert.deepEqual(sniffImage(w), { ok: true, mime: 'image/webp', width: 100, height: 50 });
  const wp = stripMetadata(w, 'image/webp');
  assert.ok(!wp.includes(Buffer.from('GPS')) && !wp.includes(Buffer.from('xmp')));
  assert.equal(wp.readUInt32LE(4), wp.length - 8);
  assert.equal((wp[20] as number) & 0x0c, 0);
  assert.deepEqual(sniffImage(wp), { ok: true, mime: 'image/webp', width: 100, height: 50 });
});

test('the read counter: a fixed window per key', () => {
  const c = createWindowCounter(2, 1000);
  assert.deepEqual([c.take('a', 0), c.take('a', 1), c.take('a', 2), c.take('b', 2), c.take('a', 1000)], [true, true, false, true, true]);
});
