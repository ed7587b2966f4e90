/**
 * Synthetic tracks for the analytics tests and the benchmark. Positions are built in metres east / north of a
 * fixed origin in the city, at a fixed report interval.
 */
import { offsetM, type GeoPolygon } from '../geo';
import type { TrackPoint } from './track';

export const ORIGIN = { lat: 31.23, lon: 121.47 };
export const T0 = new Date('2024-05-01T00:00:00Z');
export const WALK_KMH = 5;

export const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

/** Position `east` / `north` metres from ORIGIN. */
export function pos(east: number, north: number): { lat: number; lon: number } {
  return offsetM(ORIGIN.lat, ORIGIN.lon, north, east);
}

/** Axis-aligned rectangle in metres from ORIGIN, as a GeoJSON Polygon (lon/lat, closed). */
export function rect(e0: number, n0: number, e1: number, n1: number): GeoPolygon {
  const c = [pos(e0, n0), pos(e1, n0), pos(e1, n1), pos(e0, n1), pos(e0, n0)];
  return { type: 'Polygon', coordinates: [c.map((p) => [p.lon, p.lat])] };
}

export class Track {
  readonly points: TrackPoint[] = [];
  private e: number;
  private n: number;
  private t: number;

  constructor(
    east = 0,
    north = 0,
    startSeconds = 0,
    private readonly stepS = 10,
  ) {
    this.e = east;
    this.n = north;
    this.t = startSeconds;
    this.emit(0);
  }

  private emit(speedKmh: number | null, flags: string[] = []): void {
    this.points.push({ time: at(this.t), ...pos(this.e, this.n), speedKmh, flags });
  }

  /** Walks for `seconds` toward dirE / dirN (unit-ish vector) at `kmh`, one point per step. */
  walk(seconds: number, dirE: number, dirN: number, kmh = WALK_KMH): this {
    const stepM = (kmh / 3.6) * this.stepS;
    for (let s = this.stepS; s <= seconds; s += this.stepS) {
      this.e += dirE * stepM;
      this.n += dirN * stepM;
      this.t += this.stepS;
      this.emit(kmh);
    }
    return this;
  }

  stay(seconds: number): this {
    for (let s = this.stepS; s <= seconds; s += this.stepS) {
      this.t += this.stepS;
      this.emit(0);
    }
    return this;
  }

  /** Silence for `seconds`, then one point where the device is (back online). */
  gap(seconds: number): this {
    this.t += seconds;
    this.emit(0);
    return this;
  }

  /** One flagged outlier `metres` north of the current position at the next step; the track continues. */
  jump(metres: number, flags: string[] = ['jump']): this {
    this.t += this.stepS;
    this.points.push({ time: at(this.t), ...pos(this.e, this.n + metres), speedKmh: null, flags });
    return this;
  }
}
