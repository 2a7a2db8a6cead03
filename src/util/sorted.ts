/**
 * Index of the last item whose key is at or before `value`, in items sorted by that key; 0 when none
 * is (both callers start with a key of 0: a line start, the source file's position).
 */
export function lastAtOrBefore<T>(sorted: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (key(sorted[mid]!) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
