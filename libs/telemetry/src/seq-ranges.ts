/** Half-open ranges [lo, hi) of seqs, sorted and disjoint: the text form of an int8multirange. */
export type SeqRanges = [number, number][];

export function parseMultirange(text: string): SeqRanges {
  const ranges: SeqRanges = [];
  for (const match of text.matchAll(/\[(\d+),(\d+)\)/g)) ranges.push([Number(match[1]), Number(match[2])]);
  return ranges;
}

export function formatMultirange(ranges: SeqRanges): string {
  return `{${ranges.map(([lo, hi]) => `[${lo},${hi})`).join(',')}}`;
}

export function contains(ranges: SeqRanges, seq: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (seq < ranges[mid][0]) high = mid - 1;
    else if (seq >= ranges[mid][1]) low = mid + 1;
    else return true;
  }
  return false;
}

/** Adds seqs to ranges, merging adjacent and overlapping ones. */
export function addSeqs(ranges: SeqRanges, seqs: Iterable<number>): SeqRanges {
  const all: SeqRanges = [...ranges, ...[...seqs].map((s): [number, number] => [s, s + 1])].sort((a, b) => a[0] - b[0]);
  const merged: SeqRanges = [];
  for (const [lo, hi] of all) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

/** The largest S such that every seq from 1 to S is consumed (0 when seq 1 is not). */
export function watermarkOf(ranges: SeqRanges): number {
  return ranges.length > 0 && ranges[0][0] <= 1 ? ranges[0][1] - 1 : 0;
}
