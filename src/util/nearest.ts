import { distance } from 'fastest-levenshtein';

/** The candidate closest to `value` if it is a plausible typo (at most a third of its length away). */
export function nearest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(value.length / 3)) ? best : undefined;
}

export function didYouMean(value: string, candidates: Iterable<string>): string {
  const match = nearest(value, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}
