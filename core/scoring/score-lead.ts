import { describeFeature, type FeatureName, type FeatureVector } from './feature-catalog.ts';
import { logitContributions, sigmoid, type ScoringModel } from './scoring-model.ts';

export type Temperature = 'hot' | 'warm' | 'cold';

export interface ScoreReason {
  factor: FeatureName;
  /** Signed score points this factor added or removed, relative to the model's typical lead. */
  contribution: number;
  text: string;
}

export interface LeadScore {
  score: number;
  temperature: Temperature;
  reasons: ScoreReason[];
  modelVersion: string;
}

export const HOT_THRESHOLD = 80;
export const WARM_THRESHOLD = 50;

export function temperatureFor(score: number): Temperature {
  if (score >= HOT_THRESHOLD) return 'hot';
  if (score >= WARM_THRESHOLD) return 'warm';
  return 'cold';
}

/** "+18" / "−7": a real minus sign so it reads as a signed figure, not a dash. */
export const signedPoints = (n: number) => (n >= 0 ? `+${n}` : `\u2212${Math.abs(n)}`);

/**
 * Scores a lead 0–100 and says why. Contributions are in score points: the log-odds each factor
 * adds are scaled so that they sum to (score − the typical lead's score), which keeps "+18" honest
 * on a sigmoid where the same log-odds are worth fewer points near 0 and 100.
 *
 * @example scoreLead(extractFeatures(snapshot, clock), DEFAULT_MODEL).reasons[0].text // "replied 3 times in the last hour +18"
 */
export function scoreLead(
  features: FeatureVector,
  model: ScoringModel,
  options: { maxReasons?: number } = {},
): LeadScore {
  const contributions = logitContributions(features, model);
  const z = model.bias + contributions.reduce((s, [, c]) => s + c, 0);
  const p = sigmoid(z);
  const base = sigmoid(model.bias);
  const pointsPerLogit =
    Math.abs(z - model.bias) > 1e-9 ? (100 * (p - base)) / (z - model.bias) : 100 * base * (1 - base);

  const score = Math.min(100, Math.max(0, Math.round(100 * p)));
  const reasons = contributions
    .map(([factor, c]) => ({ factor, contribution: Math.round(c * pointsPerLogit) }))
    .filter((r) => r.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, options.maxReasons ?? 5)
    .map((r) => ({ ...r, text: `${describeFeature(r.factor, features[r.factor])} ${signedPoints(r.contribution)}` }));

  return { score, temperature: temperatureFor(score), reasons, modelVersion: model.version };
}
