/**
 * Position flags stored as a bit set in `tracking_position.flags` (0 = clean). The names are the filters of
 * osmand/filters.ts plus the JT/T 808 "not located" status bit. A flag never drops a fix (domain.md §5.4: raw
 * fixes are evidence); analytics skip flagged fixes by default. Pure.
 */
import type { FixFlag } from './osmand/filters';

export const FLAG_BITS: Readonly<Record<FixFlag, number>> = {
  not_located: 1,
  duplicate: 2,
  future: 4,
  too_old: 8,
  jump: 16,
  zero_coords: 32,
  low_accuracy: 64,
};

const ORDER = Object.keys(FLAG_BITS) as FixFlag[];

export function flagsToBits(flags: readonly FixFlag[]): number {
  let bits = 0;
  for (const f of flags) bits |= FLAG_BITS[f];
  return bits;
}

export function bitsToFlags(bits: number): FixFlag[] {
  if (bits === 0) return [];
  return ORDER.filter((f) => (bits & FLAG_BITS[f]) !== 0);
}

/** Labels shown to users (zh-CN), one place for the API and the reports. */
export const FLAG_LABELS: Readonly<Record<FixFlag, string>> = {
  not_located: '未定位',
  duplicate: '重复上报',
  future: '时间超前',
  too_old: '时间过旧',
  jump: '异常跳点',
  zero_coords: '零坐标',
  low_accuracy: '精度不足',
};
