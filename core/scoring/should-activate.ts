import type { ModelMetrics } from './scoring-model.ts';

export interface ActivationPolicy {
  /** AUC the candidate must add over the active model: hold-out noise alone moves AUC by ~0.01. */
  minAucGain?: number;
  /** A model that ranks well but says "90 %" for coin flips would mislabel leads hot. */
  maxEce?: number;
  /** Each class needs this many hold-out leads or the comparison is noise. */
  minPerClass?: number;
}

export interface ActivationDecision {
  activate: boolean;
  reason: string;
}

/**
 * Whether a freshly trained model should replace the active one (the default model counts as
 * active until a trained one wins). Both must have been evaluated on the same hold-out.
 */
export function shouldActivate(
  candidate: ModelMetrics,
  active: ModelMetrics,
  policy: ActivationPolicy = {},
): ActivationDecision {
  const minAucGain = policy.minAucGain ?? 0.01;
  const maxEce = policy.maxEce ?? 0.1;
  const minPerClass = policy.minPerClass ?? 20;
  const auc = (v: number) => v.toFixed(3);
  if (candidate.holdoutId !== active.holdoutId) {
    return { activate: false, reason: 'not compared on the same hold-out' };
  }
  if (candidate.positives < minPerClass || candidate.negatives < minPerClass) {
    return {
      activate: false,
      reason: `hold-out too small (${candidate.positives} won, ${candidate.negatives} lost; need ${minPerClass} each)`,
    };
  }
  if (candidate.auc < active.auc + minAucGain) {
    return {
      activate: false,
      reason: `AUC ${auc(candidate.auc)} does not beat the active model's ${auc(active.auc)} by ${minAucGain}`,
    };
  }
  if (candidate.ece > maxEce && candidate.ece > active.ece) {
    return {
      activate: false,
      reason: `calibration error ${candidate.ece.toFixed(3)} is above ${maxEce} and worse than the active model's`,
    };
  }
  return { activate: true, reason: `AUC ${auc(candidate.auc)} beats ${auc(active.auc)} on the same hold-out` };
}
