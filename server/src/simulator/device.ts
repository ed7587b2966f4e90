/** What the simulation loop hands to a device client, and what it expects of one. */
import type { PatrolFix } from './route';

export interface Report {
  /** Fix time (simulated clock), whole seconds. */
  time: Date;
  fix: PatrolFix;
  /** Phone battery, percent. */
  battery: number;
  /** Vehicle odometer, km. */
  odometerKm: number;
  satellites: number;
  /** Mobile signal strength 0–31. */
  signal: number;
}

export interface DeviceClient {
  /** Begins connecting (JT/T 808); nothing to do for HTTP. */
  start(): void;
  /** Hands over one position; the client sends it now or as soon as it can, and counts the outcome. */
  report(r: Report): void;
  /** JT/T 808 0x0002; nothing for HTTP. */
  heartbeat(): void;
  /** Waits until nothing is in flight or waiting to be sent, or the time is up. */
  drain(timeoutMs: number): Promise<void>;
  /** Positions not confirmed yet. */
  readonly outstanding: number;
  readonly isOnline: boolean;
  close(): void;
}
