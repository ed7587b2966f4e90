/**
 * Sign-in throttling that slows the attacker, not the victim.
 *
 * A hard lock on a username (5 wrong passwords from anyone lock the account) lets anyone lock out anyone, the
 * administrator included; a hard lock on an address locks everybody behind the same NAT. So:
 * - the hard lock is keyed on (username, address): whoever guesses from one address locks only himself there;
 * - a username under attack from many addresses, and an address guessing many usernames, are slowed by a
 *   progressive delay (doubling from 1 s up to a cap) between attempts, never locked: the rightful user waits at
 *   most the cap after the attacker's last failure.
 * Usernames are counted as typed, whether or not they exist, so the answer never reveals which accounts exist.
 */
export interface LockoutPolicy {
  windowMs: number;
  /** Failures of one username from one address before that pair is locked for lockMs. */
  maxFailuresPerUserAddress: number;
  lockMs: number;
  /** Failures of one username (all addresses) after which every further attempt waits a growing delay. */
  userSlowdownAfter: number;
  /** Failures from one address (all usernames) after which every further attempt from it waits a growing delay. */
  addressSlowdownAfter: number;
  slowdownBaseMs: number;
  slowdownMaxMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = {
  windowMs: 15 * 60_000,
  maxFailuresPerUserAddress: 5,
  lockMs: 15 * 60_000,
  userSlowdownAfter: 10,
  addressSlowdownAfter: 30,
  slowdownBaseMs: 1000,
  slowdownMaxMs: 60_000,
};

export interface AttemptHistory {
  /** Failures for this username since its last success, newest last, with the address each came from. */
  userFailures: readonly { at: Date; ip: string }[];
  /** Failures from this address within the window, any username, newest last. */
  addressFailures: readonly Date[];
  /** The address trying now. */
  ip: string;
}

export type LockoutState =
  | { locked: false }
  | { locked: true; retryAfterSeconds: number; reason: 'user_address' | 'user_slowdown' | 'address_slowdown' };

/** Seconds until the next attempt is allowed under a progressive delay, or null when it is allowed now. */
function slowdown(failures: readonly Date[], after: number, now: Date, p: LockoutPolicy): number | null {
  if (failures.length < after) return null;
  const excess = failures.length - after; // 0 for the first failure at the threshold
  const delay = Math.min(p.slowdownBaseMs * 2 ** Math.min(excess, 30), p.slowdownMaxMs);
  const until = failures[failures.length - 1]!.getTime() + delay;
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

export function lockoutState(h: AttemptHistory, now: Date, p: LockoutPolicy = defaultLockoutPolicy): LockoutState {
  const since = now.getTime() - p.windowMs;
  const userRecent = h.userFailures.filter((f) => f.at.getTime() > since);
  const pair = userRecent.filter((f) => f.ip === h.ip).map((f) => f.at);
  if (pair.length >= p.maxFailuresPerUserAddress) {
    // Locked until lockMs after the failure that reached the limit.
    const trigger = pair[pair.length - p.maxFailuresPerUserAddress]!;
    const until = Math.max(trigger.getTime() + p.lockMs, pair[pair.length - 1]!.getTime() + 1000);
    if (until > now.getTime()) return { locked: true, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000), reason: 'user_address' };
  }
  const user = slowdown(
    userRecent.map((f) => f.at),
    p.userSlowdownAfter,
    now,
    p,
  );
  if (user !== null) return { locked: true, retryAfterSeconds: user, reason: 'user_slowdown' };
  const address = slowdown(
    h.addressFailures.filter((d) => d.getTime() > since),
    p.addressSlowdownAfter,
    now,
    p,
  );
  if (address !== null) return { locked: true, retryAfterSeconds: address, reason: 'address_slowdown' };
  return { locked: false };
}
