/**
 * In-process fan-out of live tracking events to the browsers' Server-Sent Events streams. A subscriber sees the
 * events of devices whose team lies under its org path (the actor's scope, narrowed by the page's team filter).
 * Slow subscribers are dropped rather than buffered without bound.
 */
export type LiveEvent = 'position' | 'status' | 'alert';

export interface LiveSubscriber {
  /** Events of units whose path starts with this. */
  path: string;
  send(event: LiveEvent, data: unknown): boolean;
  close(): void;
}

export interface LiveHub {
  publish(orgPath: string, event: LiveEvent, data: unknown): void;
  /**
   * Whether anybody would receive an event of a unit under `orgPath`: the ingest builds a position event (ISO
   * time, flag names) per stored fix only when somebody watches, not for every fix of every device.
   */
  wants(orgPath: string): boolean;
  subscribe(s: LiveSubscriber): () => void;
  readonly size: number;
  closeAll(): void;
}

export function createLiveHub(): LiveHub {
  const subs = new Set<LiveSubscriber>();
  return {
    publish(orgPath, event, data) {
      for (const s of subs) {
        if (!orgPath.startsWith(s.path)) continue;
        if (!s.send(event, data)) {
          subs.delete(s);
          s.close();
        }
      }
    },
    wants(orgPath) {
      for (const s of subs) if (orgPath.startsWith(s.path)) return true;
      return false;
    },
    subscribe(s) {
      subs.add(s);
      return () => subs.delete(s);
    },
    get size() {
      return subs.size;
    },
    closeAll() {
      for (const s of subs) s.close();
      subs.clear();
    },
  };
}
