/**
 * Gini coefficient of non-negative values: 0 when everyone carries the same, towards 1 when one
 * carries all. Mean absolute difference over twice the mean (the textbook definition, O(n log n)).
 * @example gini([1, 1, 1]) // 0
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((sum, v) => sum + v, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // Σ (2i - n - 1) x_i over sorted x, divided by n Σ x: the same as Σ|xi - xj| / (2 n² mean).
  const weighted = sorted.reduce((sum, v, i) => sum + (2 * (i + 1) - n - 1) * v, 0);
  return weighted / (n * total);
}

/** Median of a list (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
