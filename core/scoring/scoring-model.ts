import { z } from 'zod';
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './feature-catalog.ts';

const FeatureKey = z.enum(FEATURE_NAMES);
const perFeature = z.partialRecord(FeatureKey, z.number().refine(Number.isFinite, 'must be a finite number'));

/** Hold-out figures stored with a model so the next candidate can be compared on the same terms. */
export const ModelMetrics = z.object({
  auc: z.number(),
  ece: z.number(),
  brier: z.number(),
  logLoss: z.number(),
  holdoutSize: z.number().int(),
  positives: z.number().int(),
  negatives: z.number().int(),
  holdoutId: z.string(),
  trainSize: z.number().int().optional(),
});
export type ModelMetrics = z.infer<typeof ModelMetrics>;

/**
 * A logistic lead-scoring model as plain JSON (what `scoring_models.params` stores):
 * P(win) = sigmoid(bias + Σ weight·(x − mean)/scale). A feature missing from `weights` counts 0,
 * so a model saved before a feature existed still loads.
 */
export const ScoringModel = z.object({
  kind: z.literal('logistic'),
  version: z.string().min(1),
  weights: perFeature,
  bias: z.number(),
  featureMeans: perFeature,
  featureScales: perFeature,
  metrics: ModelMetrics.partial().optional(),
});
export type ScoringModel = z.infer<typeof ScoringModel>;

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Each feature's signed share of the log-odds, measured from the model's reference lead (the means). */
export function logitContributions(features: FeatureVector, model: ScoringModel): Array<[FeatureName, number]> {
  return FEATURE_NAMES.map((name) => {
    const w = model.weights[name] ?? 0;
    const scale = model.featureScales[name] || 1;
    return [name, (w * ((features[name] ?? 0) - (model.featureMeans[name] ?? 0))) / scale];
  });
}

export function predictProbability(features: FeatureVector, model: ScoringModel): number {
  let z = model.bias;
  for (const [, c] of logitContributions(features, model)) z += c;
  return sigmoid(z);
}
