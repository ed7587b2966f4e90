import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFix, type FilterOptions, type FixFlag } from './filters';

const NOW = new Date('2024-05-01T08:00:00Z');
const at = (s: number) => new Date(NOW.getTime() + s * 1000);
type Fix = { time: Date; lat: number; lon: number; valid: boolean; accuracyM: number | null };
const fix = (o: Partial<Fix> = {}): Fix => ({ time: at(-60), lat: 31.23, lon: 121.47, valid: true, accuracyM: 10, ...o });
// 0.001° of latitude ≈ 111.2 m.
const prev = fix({ time: at(-70) });

test('classifyFix table', () => {
  const cases: [string, Fix, Fix | null, FilterOptions, FixFlag[]][] = [
    ['clean, no previous', fix(), null, {}, []],
    ['clean, walking from previous', fix({ lat: 31.2301 }), prev, {}, []],
    ['not located', fix({ valid: false }), null, {}, ['not_located']],
    ['zero coords', fix({ lat: 0, lon: 0 }), prev, {}, ['zero_coords']],
    ['duplicate time', fix({ time: prev.time }), prev, {}, ['duplicate']],
    ['duplicate time, other place: no jump at Δt 0', fix({ time: prev.time, lat: 31.3 }), prev, {}, ['duplicate']],
    ['future beyond 5 min', fix({ time: at(301) }), null, {}, ['future']],
    ['future within 5 min', fix({ time: at(299) }), null, {}, []],
    ['future, custom tolerance', fix({ time: at(61) }), null, { futureToleranceMs: 60_000 }, ['future']],
    ['too old beyond 7 days', fix({ time: at(-7 * 86400 - 1) }), null, {}, ['too_old']],
    ['old within 7 days', fix({ time: at(-6 * 86400) }), null, {}, []],
    ['too old, custom max age', fix({ time: at(-3601) }), null, { maxAgeMs: 3_600_000 }, ['too_old']],
    ['max age disabled', fix({ time: at(-30 * 86400) }), null, { maxAgeMs: null }, []],
    // 0.006° ≈ 667 m in 10 s = 240 km/h
    ['jump 240 km/h', fix({ lat: 31.236 }), prev, {}, ['jump']],
    // 0.005° ≈ 556 m in 10 s = 200.2 km/h, just above
    ['jump just above 200', fix({ lat: 31.235 }), prev, {}, ['jump']],
    ['no jump 160 km/h', fix({ lat: 31.234 }), prev, {}, []],
    ['jump, custom max speed 50', fix({ lat: 31.232 }), prev, { maxSpeedKmh: 50 }, ['jump']],
    ['jump from an earlier-ordered fix (|Δt|)', fix({ time: at(-80), lat: 31.236 }), prev, {}, ['jump']],
    ['no jump from a zero previous', fix(), fix({ time: at(-70), lat: 0, lon: 0 }), {}, []],
    ['low accuracy > 100 m', fix({ accuracyM: 150 }), null, {}, ['low_accuracy']],
    ['accuracy exactly 100 m ok', fix({ accuracyM: 100 }), null, {}, []],
    ['accuracy unknown ok', fix({ accuracyM: null }), null, {}, []],
    ['low accuracy, custom 20 m', fix({ accuracyM: 25 }), null, { maxAccuracyM: 20 }, ['low_accuracy']],
    ['accuracy filter disabled', fix({ accuracyM: 5000 }), null, { maxAccuracyM: null }, []],
    ['several at once', fix({ valid: false, time: at(600), accuracyM: 500 }), null, {}, ['not_located', 'future', 'low_accuracy']],
  ];
  for (const [name, f, p, opts, flags] of cases) {
    assert.deepEqual(classifyFix(f, p, NOW, opts).flags, flags, name);
  }
});
