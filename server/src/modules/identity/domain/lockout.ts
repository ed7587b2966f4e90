/**
 * Login throttling. Counted per username as typed (whether or not it exists, so the answer never
 * reveals which accounts exist) and per client address (against spraying many names).
 */
export interface LockoutPolicy {
  windowMs: number;
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
  lockMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = {
  windowMs: 15 * 60_000,
  maxFailuresPerUser: 5,
  maxFailuresPerIp: 50,
  lockMs: 15 * 60_000,
};

export interface AttemptHistory {
  /** Failure times for this username since its last success, newest last. */
  userFailures: readonly Date[];
  /** Failure times from this address within the window, newest last. */
  ipFailures: readonly Date[];
}

export type LockoutState = { locked: false } | { locked: true; retryAfterSeconds: number; reason: 'user' | 'ip' };

export function lockoutState(h: AttemptHistory, now: Date, p: LockoutPolicy = defaultLockoutPolicy): LockoutState {
  const since = now.getTime() - p.windowMs;
  const check = (failures: readonly Date[], max: number): number | null => {
    const recent = failures.filter((d) => d.getTime() > since);
    if (recent.length < max) return null;
    // Locked until lockMs after the failure that reached the limit.
    const trigger = recent[recent.length - max]!;
    const until = Math.max(trigger.getTime() + p.lockMs, recent[recent.length - 1]!.getTime() + 1000);
    return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
  };
  const user = check(h.userFailures, p.maxFailuresPerUser);
  if (user !== null) return { locked: true, retryAfterSeconds: user, reason: 'user' };
  const ip = check(h.ipFailures, p.maxFailuresPerIp);
  if (ip !== null) return { locked: true, retryAfterSeconds: ip, reason: 'ip' };
  return { locked: false };
}
