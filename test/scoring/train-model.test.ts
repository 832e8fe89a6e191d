import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../core/scoring/default-model.ts';
import { auc, evaluateModel } from '../../core/scoring/evaluate-model.ts';
import { labelOutcome } from '../../core/scoring/label-outcome.ts';
import { FEATURE_NAMES } from '../../core/scoring/lead-features.ts';
import { ScoringModel } from '../../core/scoring/scoring-model.ts';
import { shouldActivate } from '../../core/scoring/should-activate.ts';
import { splitHoldout } from '../../core/scoring/split-holdout.ts';
import { SYNTHETIC_PROCESS, generateSyntheticOutcomes } from '../../core/scoring/synthetic-outcomes.ts';
import { toTrainingExamples, trainModel, type TrainingExample } from '../../core/scoring/train-model.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { DAY_MIN, NOW, inbound, snapshot } from './snapshot-builder.ts';

const examples = toTrainingExamples(generateSyntheticOutcomes({ count: 3000, seed: 42 }));
const { train, holdout } = splitHoldout(examples);
const trained = trainModel(train, { version: 'tenant-1' });
const trainedEval = evaluateModel(trained, holdout);
const defaultEval = evaluateModel(DEFAULT_MODEL, holdout);

describe('a model trained on a tenant\u2019s outcomes', () => {
  it('ranks held-out leads well (AUC \u2265 0.80) and better than the default model', () => {
    expect(holdout.length).toBeGreaterThan(500);
    expect(trainedEval.auc).toBeGreaterThanOrEqual(0.8);
    expect(trainedEval.auc).toBeGreaterThan(defaultEval.auc);
  });

  it('is calibrated: its probabilities match how often held-out leads were won', () => {
    expect(trainedEval.ece).toBeLessThan(0.06);
    const populated = trainedEval.reliability.filter((b) => b.count >= 40);
    expect(populated.length).toBeGreaterThanOrEqual(5);
    // each bin within three binomial standard errors of what the model predicted
    for (const bin of populated) {
      const se = Math.sqrt((bin.predicted * (1 - bin.predicted)) / bin.count);
      expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(3 * se + 0.02);
    }
  });

  it('recovers the direction of every strong effect in the process that generated the outcomes', () => {
    const strong = FEATURE_NAMES.filter((f) => Math.abs(SYNTHETIC_PROCESS.weights[f]) >= 0.4);
    expect(strong.length).toBeGreaterThan(5);
    for (const f of strong) expect(Math.sign(trained.weights[f] ?? 0)).toBe(Math.sign(SYNTHETIC_PROCESS.weights[f]));
  });

  it('is activated over the default model it beats on the same hold-out', () => {
    expect(shouldActivate(trainedEval, defaultEval)).toMatchObject({ activate: true });
  });

  it('round-trips through plain JSON and scores the same afterwards', () => {
    const restored = ScoringModel.parse(JSON.parse(JSON.stringify({ ...trained, metrics: trainedEval })));
    expect(evaluateModel(restored, holdout).auc).toBe(trainedEval.auc);
    expect(restored.version).toBe('tenant-1');
  });
});

describe('activation', () => {
  it('keeps the active model when the candidate is worse on the same hold-out', () => {
    // A candidate that learned from scrambled outcomes: the kind of model a bad label sync produces.
    const scrambled: TrainingExample[] = train.map((e, i) => ({ ...e, label: train[(i * 7919) % train.length].label }));
    const worse = trainModel(scrambled, { version: 'tenant-2' });
    const worseEval = evaluateModel(worse, holdout);
    expect(worseEval.auc).toBeLessThan(trainedEval.auc);
    const decision = shouldActivate(worseEval, trainedEval);
    expect(decision.activate).toBe(false);
    expect(decision.reason).toMatch(/does not beat/);
  });

  it('does not activate a candidate that is only as good as the active one', () => {
    expect(shouldActivate(trainedEval, trainedEval).activate).toBe(false);
  });

  it('refuses to compare models judged on different hold-outs', () => {
    const other = evaluateModel(trained, holdout.slice(1));
    expect(shouldActivate({ ...other, auc: 0.99 }, defaultEval)).toEqual({
      activate: false,
      reason: 'not compared on the same hold-out',
    });
  });

  it('refuses a hold-out too small to tell models apart', () => {
    const tiny = holdout.slice(0, 30);
    expect(shouldActivate(evaluateModel(trained, tiny), evaluateModel(DEFAULT_MODEL, tiny)).reason).toMatch(
      /hold-out too small/,
    );
  });
});

describe('training data', () => {
  it('refuses to train on too few outcomes of either kind', () => {
    const onlyWins = train.filter((e) => e.label === 1).slice(0, 50);
    expect(() => trainModel(onlyWins, { version: 'x' })).toThrow(/at least 10 won and 10 lost/);
  });

  it('labels won as 1, lost as 0, long silence as lost, and leaves live leads out', () => {
    const clock = fixedClock(NOW);
    expect(labelOutcome(snapshot({ opportunity: { status: 'won' } }), clock)).toBe(1);
    expect(labelOutcome(snapshot({ opportunity: { status: 'abandoned' } }), clock)).toBe(0);
    const silent = snapshot({
      createdAt: new Date('2025-12-01T00:00:00Z'),
      activities: [inbound(50 * DAY_MIN)],
      opportunity: { status: 'open' },
    });
    expect(labelOutcome(silent, clock, { silenceDays: 45 })).toBe(0);
    expect(labelOutcome(silent, clock, { silenceDays: 60 })).toBeNull();
    expect(labelOutcome(snapshot({ activities: [inbound(60)] }), clock)).toBeNull();
  });

  it('splits the hold-out by lead, the same way regardless of order', () => {
    const again = splitHoldout([...examples].reverse());
    expect(again.holdout.map((e) => e.leadId).sort()).toEqual(holdout.map((e) => e.leadId).sort());
  });

  it('generates the same leads and outcomes from the same seed', () => {
    const a = generateSyntheticOutcomes({ count: 50, seed: 7 });
    const b = generateSyntheticOutcomes({ count: 50, seed: 7 });
    expect(b.map((l) => l.label)).toEqual(a.map((l) => l.label));
    expect(JSON.stringify(b[3].snapshot)).toBe(JSON.stringify(a[3].snapshot));
  });

  it('computes AUC by ranks, counting ties as half', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
  });
});
