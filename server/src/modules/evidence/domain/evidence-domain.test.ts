import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exifBlock, exifDateTime, readExif } from './exif';
import { clipsForStep, coveringClipProblem, linkProblem, stepSpanOf, uncovered, type ClipSpan } from './clips';
import { asc, dms, gpsOf, jpegWithExif, tiff } from './exif-fixtures';
import { EVIDENCE_KINDS, EVIDENCE_KIND_ITEM, isDecided } from './kinds';

test('EXIF: time and position from JPEG APP1 (both byte orders, sub-IFDs, fallbacks, hostile input)', () => {
  const cases: [string, Buffer, { takenAt: string | null; lat: number | null; lon: number | null }][] = [
    ['little-endian: DateTimeOriginal wins over IFD0 DateTime, GPS N/E', jpegWithExif(tiff(true, [asc(0x0132, '2026:03:06 09:00:00')], [asc(0x9003, '2026:03:05 14:20:31')], gpsOf(true))), { takenAt: '2026-03-05T14:20:31+08:00', lat: 32.01, lon: 120.8651667 }],
    ['big-endian, with OffsetTimeOriginal', jpegWithExif(tiff(false, [], [asc(0x9003, '2026:03:05 06:20:31'), asc(0x9011, '+00:00')], gpsOf(false))), { takenAt: '2026-03-05T06:20:31+00:00', lat: 32.01, lon: 120.8651667 }],
    ['IFD0 DateTime only, no GPS', jpegWithExif(tiff(true, [asc(0x0132, '2026:01:02 03:04:05')], null, null)), { takenAt: '2026-01-02T03:04:05+08:00', lat: null, lon: null }],
    ['southern and western hemispheres are negative', jpegWithExif(tiff(false, [], null, gpsOf(false, 'S', 'W'))), { takenAt: null, lat: -32.01, lon: -120.8651667 }],
    ['a position without its hemisphere is not a position', jpegWithExif(tiff(true, [], null, [dms(true, 2, [[32, 1], [0, 1], [36, 1]]), dms(true, 4, [[120, 1], [51, 1], [546, 10]])])), { takenAt: null, lat: null, lon: null }],
    ['a zero denominator is not a position', jpegWithExif(tiff(true, [], null, [asc(1, 'N'), dms(true, 2, [[32, 0], [0, 1], [36, 1]]), asc(3, 'E'), dms(true, 4, [[120, 1], [51, 1], [546, 10]])])), { takenAt: null, lat: null, lon: null }],
    ['an impossible date is no time (camera placeholder)', jpegWithExif(tiff(true, [asc(0x0132, '0000:00:00 00:00:00')], null, null)), { takenAt: null, lat: null, lon: null }],
    ['February 30th is no time', jpegWithExif(tiff(true, [asc(0x0132, '2026:02:30 10:00:00')], null, null)), { takenAt: null, lat: null, lon: null }],
    ['no APP1 segment', jpegWithExif(null), { takenAt: null, lat: null, lon: null }],
    ['not a JPEG', Buffer.from('%PDF-1.7 hello'), { takenAt: null, lat: null, lon: null }],
    ['empty', Buffer.alloc(0), { takenAt: null, lat: null, lon: null }],
    ['truncated in the middle of IFD0', jpegWithExif(tiff(true, [asc(0x0132, '2026:01:02 03:04:05')], null, gpsOf(true))).subarray(0, 40), { takenAt: null, lat: null, lon: null }],
    ['bad TIFF magic', jpegWithExif(Buffer.from('II\x2b\0\x08\0\0\0\0\0\0\0\0\0', 'latin1')), { takenAt: null, lat: null, lon: null }],
    ['a GPS pointer past the end', jpegWithExif(tiff(true, [{ tag: 0x8825, type: 4, count: 1, value: Buffer.from([0xff, 0xff, 0, 0]) }], null, null)), { takenAt: null, lat: null, lon: null }],
    ['an IFD pointing at itself does not loop', jpegWithExif(tiff(true, [{ tag: 0x8769, type: 4, count: 1, value: Buffer.from([8, 0, 0, 0]) }], null, null)), { takenAt: null, lat: null, lon: null }],
  ];
  for (const [name, bytes, expected] of cases) assert.deepEqual(readExif(bytes), expected, name);
  assert.equal(exifBlock(jpegWithExif(null)), null);
});

test('EXIF date-times: only real dates, offset kept, Shanghai assumed without one', () => {
  const cases: [string | null, string | null, string | null][] = [
    ['2026:03:05 14:20:31', null, '2026-03-05T14:20:31+08:00'],
    ['2026:03:05 14:20:31', '-05:00', '2026-03-05T14:20:31-05:00'],
    ['2026:03:05 14:20:31', 'garbage', '2026-03-05T14:20:31+08:00'],
    ['2026:03:05 24:00:00', null, null],
    ['2026-03-05 14:20:31', null, null],
    ['    :  :     :  :  ', null, null],
    [null, null, null],
  ];
  for (const [v, off, expected] of cases) assert.equal(exifDateTime(v, off), expected, `${v} ${off}`);
});

test('第四十六条: eight items, every kind mapped; decided cases', () => {
  assert.deepEqual([...new Set(EVIDENCE_KINDS.map((k) => EVIDENCE_KIND_ITEM[k]))], [1, 2, 3, 4, 5, 6, 7, 8]);
  const cases: [string, string | null, boolean][] = [
    ['investigating', null, false],
    ['in_review', null, false],
    ['decided', '2026-03-01', true],
    ['executing', '2026-03-01', true],
    ['archived', '2026-03-01', true],
    ['withdrawn', null, false],
    ['executed', null, true],
  ];
  for (const [state, decidedOn, expected] of cases) assert.equal(isDecided({ state, decidedOn }), expected, state);
});

const T = (hm: string) => new Date(`2026-03-05T${hm}:00+08:00`);
const clip = (id: string, officerId: string, from: string, to: string): ClipSpan => ({ id, officerId, startAt: T(from), endAt: T(to) });

test('clips link to a step by officer and time overlap', () => {
  const clips = [clip('a', 'p1', '09:00', '09:30'), clip('b', 'p1', '10:00', '10:30'), clip('c', 'p2', '09:50', '10:05'), clip('d', 'p3', '09:00', '11:00'), clip('e', 'p2', '10:30', '11:00')];
  const cases: [string, string[], string, string, string[]][] = [
    ['p1 09:20–10:10: both of p1, c of p2 not an officer', ['p1'], '09:20', '10:10', ['a', 'b']],
    ['p1 and p2, 09:55–10:05', ['p1', 'p2'], '09:55', '10:05', ['c', 'b']],
    ['touching ends do not overlap', ['p1'], '09:30', '10:00', []],
    ['p2 10:05–10:30 touches c and e', ['p2'], '10:05', '10:30', []],
    ['nobody with clips', ['p9'], '09:00', '12:00', []],
    ['an instant inside a clip', ['p1'], '09:10', '09:10', ['a']],
    ['an instant at a clip’s start counts, at its end not', ['p1'], '10:00', '10:00', ['b']],
    ['an instant at the end of a', ['p1'], '09:30', '09:30', []],
  ];
  for (const [name, officers, from, to, expected] of cases) {
    assert.deepEqual(clipsForStep({ officerIds: officers, from: T(from), to: T(to) }, clips).map((c) => c.id), expected, name);
  }
});

test('a clip linked by hand must overlap the step (any officer)', () => {
  const step = { from: T('10:00'), to: T('10:20') };
  const cases: [ClipSpan, string | null][] = [
    [clip('x', 'p9', '09:50', '10:01'), null],
    [clip('x', 'p1', '10:19', '10:40'), null],
    [clip('x', 'p1', '10:20', '10:40'), 'case_evidence.clip_not_overlapping'],
    [clip('x', 'p1', '08:00', '09:00'), 'case_evidence.clip_not_overlapping'],
  ];
  for (const [c, expected] of cases) assert.equal(linkProblem(step, c)?.code ?? null, expected, `${c.startAt.toISOString()}`);
});

test('uncovered parts of a step', () => {
  const gaps = uncovered(T('10:00'), T('11:00'), [clip('a', 'p', '10:10', '10:20'), clip('b', 'p', '10:15', '10:30'), clip('c', 'p', '10:50', '11:30')]);
  assert.deepEqual(gaps.map((g) => [g.from.getTime(), g.to.getTime()]), [[T('10:00').getTime(), T('10:10').getTime()], [T('10:30').getTime(), T('10:50').getTime()]]);
  assert.deepEqual(uncovered(T('10:00'), T('11:00'), [clip('a', 'p', '09:00', '12:00')]), []);
});

test('查封/扣押 and 强制拆除 need their whole time covered by their officers’ clips', () => {
  const clips = [clip('a', 'p1', '09:00', '09:40'), clip('b', 'p2', '09:35', '10:10'), clip('c', 'p3', '08:00', '12:00')];
  const cases: [string, string, string[], string, string, string | null][] = [
    ['not a recorded step', 'notify', ['p9'], '09:00', '10:00', null],
    ['seize covered by two officers together', 'seize', ['p1', 'p2'], '09:10', '10:00', null],
    ['seize by p1 alone has a gap', 'seize', ['p1', 'p9'], '09:10', '10:00', 'case_evidence.recording_required'],
    ['another officer’s clip does not count', 'demolish', ['p1'], '09:00', '11:00', 'case_evidence.recording_required'],
    ['demolish covered by p3', 'demolish', ['p3'], '09:00', '11:00', null],
    ['an instant with a running clip', 'seize', ['p1'], '09:20', '09:20', null],
    ['an instant with none', 'seize', ['p1'], '09:40', '09:40', 'case_evidence.recording_required'],
    ['no clips at all', 'seize', ['p1', 'p2'], '13:00', '14:00', 'case_evidence.recording_required'],
    ['ends before it starts', 'seize', ['p3'], '10:00', '09:00', 'case_evidence.step_time_invalid'],
  ];
  for (const [name, action, officers, from, to, expected] of cases) {
    assert.equal(coveringClipProblem({ action, officerIds: officers, from: T(from), to: T(to) }, clips)?.code ?? null, expected, name);
  }
  const p = coveringClipProblem({ action: 'seize', officerIds: ['p1'], from: T('09:10'), to: T('10:00') }, clips);
  assert.deepEqual(p?.details?.gaps, [{ from: T('09:40').toISOString(), to: T('10:00').toISOString() }]);
});

test('the time of a step: the start and end its payload gives, and end, or the instant it was recorded', () => {
  const at = T('10:00');
  const cases: [Record<string, unknown>, [Date, Date]][] = [
    [{}, [at, at]],
    [{ startedAt: T('09:00').toISOString(), endedAt: T('09:30').toISOString() }, [T('09:00'), T('09:30')]],
    [{ startedAt: T('09:30').toISOString(), endedAt: T('09:00').toISOString() }, [at, at]],
    [{ startedAt: 'soon', endedAt: T('09:00').toISOString() }, [at, at]],
    [{ startedAt: T('09:00').toISOString() }, [at, at]],
  ];
  for (const [payload, [from, to]] of cases) assert.deepEqual(stepSpanOf({ at, payload }), { from, to }, JSON.stringify(payload));
});
