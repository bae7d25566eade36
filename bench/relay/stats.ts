export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarise(values: Float64Array | number[]): { n: number; p50: number; p90: number; p99: number; p999: number; max: number; mean: number } {
  const s = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of s) sum += v;
  return {
    n: s.length,
    p50: round(percentile(s, 0.5)),
    p90: round(percentile(s, 0.9)),
    p99: round(percentile(s, 0.99)),
    p999: round(percentile(s, 0.999)),
    max: round(s[s.length - 1] ?? Number.NaN),
    mean: round(s.length ? sum / s.length : Number.NaN),
  };
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
