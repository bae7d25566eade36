/**
 * Sorted, disjoint half-open [start, end) intervals as flat pairs, the shape the
 * schedule sweeps work on: every operation is one linear merge of sorted inputs.
 */
export type Span = readonly [number, number];

/** Sorts and merges overlapping or touching spans. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s[1] > s[0]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}

/** a minus b (both sorted and disjoint). */
export function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    while (j < b.length && b[j]![1] <= s) j++;
    let k = j;
    while (k < b.length && b[k]![0] < e) {
      const [bs, be] = b[k]!;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
      if (s >= e) break;
      k++;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** a intersected with b (both sorted and disjoint). */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (s < e) out.push([s, e]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/**
 * Answers "does [s, e) lie inside one span?" / "does [s, e) meet a span?" for
 * queries in ascending order of s, in amortised O(1): the cursor only moves forward.
 */
export class SpanCursor {
  private i = 0;
  constructor(private readonly spans: readonly Span[]) {}

  private seek(s: number): void {
    while (this.i < this.spans.length && this.spans[this.i]![1] <= s) this.i++;
  }

  contains(s: number, e: number): boolean {
    this.seek(s);
    const span = this.spans[this.i];
    return span !== undefined && span[0] <= s && e <= span[1];
  }

  overlaps(s: number, e: number): boolean {
    this.seek(s);
    const span = this.spans[this.i];
    return span !== undefined && span[0] < e;
  }
}
