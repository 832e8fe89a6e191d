import { fnv1a } from './seeded-random.ts';
import { predictProbability, type ModelMetrics, type ScoringModel } from './scoring-model.ts';
import type { TrainingExample } from './train-model.ts';

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  /** Mean predicted probability in the bin. */
  predicted: number;
  /** Share of those leads that were actually won. */
  observed: number;
}

export interface ModelEvaluation extends ModelMetrics {
  reliability: ReliabilityBin[];
}

/**
 * Hold-out figures for a model: AUC (does it rank won leads above lost ones?) and calibration
 * (when it says 70 %, do 70 % win?) as expected calibration error over equal-width bins.
 */
export function evaluateModel(
  model: ScoringModel,
  holdout: TrainingExample[],
  options: { bins?: number } = {},
): ModelEvaluation {
  const p = holdout.map((e) => predictProbability(e.features, model));
  const y = holdout.map((e) => e.label);
  const positives = y.filter((v) => v === 1).length;
  const n = holdout.length;
  const eps = 1e-12;
  const brier = n ? p.reduce((s, pi, i) => s + (pi - y[i]) ** 2, 0) / n : 0;
  const logLoss = n ? -p.reduce((s, pi, i) => s + (y[i] ? Math.log(pi + eps) : Math.log(1 - pi + eps)), 0) / n : 0;
  const reliability = reliabilityBins(p, y, options.bins ?? 10);
  const ece = n ? reliability.reduce((s, b) => s + (b.count / n) * Math.abs(b.predicted - b.observed), 0) : 0;
  return {
    auc: auc(p, y),
    ece,
    brier,
    logLoss,
    holdoutSize: n,
    positives,
    negatives: n - positives,
    holdoutId: holdoutId(holdout),
    reliability,
  };
}

/** Mann–Whitney AUC with average ranks for ties; 0.5 when a class is missing (no ranking possible). */
export function auc(scores: number[], labels: Array<0 | 1>): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (order[k][1] === 1) {
        rankSumPos += avgRank;
        pos++;
      }
    i = j;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

function reliabilityBins(p: number[], y: Array<0 | 1>, bins: number): ReliabilityBin[] {
  const out = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: 0,
    predicted: 0,
    observed: 0,
  }));
  p.forEach((pi, i) => {
    const bin = out[Math.min(bins - 1, Math.floor(pi * bins))];
    bin.count++;
    bin.predicted += pi;
    bin.observed += y[i];
  });
  for (const bin of out)
    if (bin.count) {
      bin.predicted /= bin.count;
      bin.observed /= bin.count;
    }
  return out;
}

/** Identifies a hold-out by its leads and labels, so metrics from different hold-outs are never compared. */
function holdoutId(holdout: TrainingExample[]): string {
  const key = holdout
    .map((e) => `${e.leadId}:${e.label}`)
    .sort()
    .join('|');
  return `${holdout.length}-${fnv1a(key).toString(16)}`;
}
