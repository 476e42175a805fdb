/** Summary statistics for benchmark samples (milliseconds). */
export function median(samples: number[]): number {
  return quantile(samples, 0.5);
}

export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** Times fn `runs` times after `warmup` untimed runs; returns the samples in ms. */
export async function sample(fn: () => Promise<unknown>, { runs = 30, warmup = 3 } = {}): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(2);
}
