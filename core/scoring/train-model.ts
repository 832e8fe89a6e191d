import { AppError } from '../errors/app-error.ts';
import { fixedClock } from '../time/clock.ts';
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './feature-catalog.ts';
import { extractFeatures } from './lead-features.ts';
import type { LeadSnapshot } from './lead-snapshot.ts';
import { sigmoid, type ScoringModel } from './scoring-model.ts';

export interface TrainingExample {
  leadId: string;
  features: FeatureVector;
  label: 0 | 1;
}

/** A lead as it looked at `asOf` (before its outcome), with the outcome that followed. */
export interface LabelledSnapshot {
  snapshot: LeadSnapshot;
  asOf: Date | string;
  label: 0 | 1;
}

export interface TrainOptions {
  version: string;
  /** L2 penalty on standardized weights: keeps small tenants from overfitting a handful of deals. */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Fewer examples of either class than this and training refuses: the model would be noise. */
  minPerClass?: number;
}

export function toTrainingExamples(labelled: LabelledSnapshot[]): TrainingExample[] {
  return labelled.map(({ snapshot, asOf, label }) => ({
    leadId: snapshot.leadId,
    features: extractFeatures(snapshot, fixedClock(asOf)),
    label,
  }));
}

/**
 * Logistic regression by full-batch gradient descent with L2, on standardized features.
 *
 * Plain TypeScript rather than a library: 18 features and a few thousand leads per tenant train
 * in milliseconds, the result must be a small JSON document we can explain weight by weight, and
 * an ML dependency would pull native or WASM code into a process that also serves webhooks.
 * The loss is convex, so plain gradient descent from the base rate converges reliably.
 */
export function trainModel(examples: TrainingExample[], options: TrainOptions): ScoringModel {
  const positives = examples.filter((e) => e.label === 1).length;
  const negatives = examples.length - positives;
  const minPerClass = options.minPerClass ?? 10;
  if (positives < minPerClass || negatives < minPerClass) {
    throw new AppError(
      'validation_failed',
      `training needs at least ${minPerClass} won and ${minPerClass} lost leads (have ${positives} won, ${negatives} lost)`,
    );
  }
  const l2 = options.l2 ?? 0.01;
  const iterations = options.iterations ?? 400;
  const rate = options.learningRate ?? 0.5;
  const n = examples.length;
  const d = FEATURE_NAMES.length;

  const means = FEATURE_NAMES.map((f) => examples.reduce((s, e) => s + e.features[f], 0) / n);
  const scales = FEATURE_NAMES.map((f, j) => {
    const sd = Math.sqrt(examples.reduce((s, e) => s + (e.features[f] - means[j]) ** 2, 0) / n);
    return sd > 1e-9 ? sd : 1;
  });
  const X = examples.map((e) => FEATURE_NAMES.map((f, j) => (e.features[f] - means[j]) / scales[j]));
  const y = examples.map((e) => e.label);

  const w = new Array<number>(d).fill(0);
  let b = Math.log(positives / negatives);
  const grad = new Array<number>(d);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const xi = X[i];
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * xi[j];
      const err = sigmoid(z) - y[i];
      gb += err;
      for (let j = 0; j < d; j++) grad[j] += err * xi[j];
    }
    for (let j = 0; j < d; j++) w[j] -= rate * (grad[j] / n + l2 * w[j]);
    b -= rate * (gb / n);
  }

  const byName = (values: number[]) =>
    Object.fromEntries(FEATURE_NAMES.map((f, j) => [f, values[j]])) as Record<FeatureName, number>;
  return {
    kind: 'logistic',
    version: options.version,
    weights: byName(w),
    bias: b,
    featureMeans: byName(means),
    featureScales: byName(scales),
    metrics: { trainSize: n },
  };
}
