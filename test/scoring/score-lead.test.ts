import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../core/scoring/default-model.ts';
import { FEATURE_NAMES, extractFeatures, type FeatureVector } from '../../core/scoring/lead-features.ts';
import { scoreLead, temperatureFor } from '../../core/scoring/score-lead.ts';
import { ScoringModel } from '../../core/scoring/scoring-model.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { DAY_MIN, NOW, act, inbound, snapshot } from './snapshot-builder.ts';

const clock = fixedClock(NOW);
const typical = () => ({ ...DEFAULT_MODEL.featureMeans }) as FeatureVector;

describe('scoreLead with the default model', () => {
  it('ranks a lead replying right now, pre-approved and touring, as hot and says why', () => {
    const hot = extractFeatures(
      snapshot({
        preApproved: true,
        timelineMonths: 2,
        activities: [
          inbound(5),
          inbound(15),
          inbound(40),
          act('listing_view', 60, { listingKey: 'A' }),
          act('listing_save', 90),
        ],
        lastHumanContactAt: new Date(new Date(NOW).getTime() - 3_600_000),
      }),
      clock,
    );
    const s = scoreLead(hot, DEFAULT_MODEL);
    expect(s.temperature).toBe('hot');
    expect(s.modelVersion).toBe('default-1');
    expect(s.reasons[0].factor).toBe('inbound_1h');
    expect(s.reasons[0].text).toMatch(/^replied 3 times in the last hour \+\d+$/);
    expect(s.reasons.every((r) => r.contribution !== 0)).toBe(true);
  });

  it('ranks a silent, unfinanced lead nobody called as cold, with the penalties in plain words', () => {
    const cold = extractFeatures(snapshot({ preApproved: false, activities: [inbound(60 * DAY_MIN)] }), clock);
    const s = scoreLead(cold, DEFAULT_MODEL, { maxReasons: 10 });
    expect(s.temperature).toBe('cold');
    const preApproval = s.reasons.find((r) => r.factor === 'pre_approved');
    expect(preApproval?.contribution).toBeLessThan(0);
    expect(preApproval?.text).toBe(`no pre-approval \u2212${Math.abs(preApproval!.contribution)}`);
    expect(s.reasons.find((r) => r.factor === 'days_since_inbound')?.text).toMatch(
      /^last replied 60 days ago \u2212\d+$/,
    );
  });

  it('scores the model\u2019s typical lead at its baseline with nothing to explain', () => {
    const s = scoreLead(typical(), DEFAULT_MODEL);
    expect(s.score).toBe(35);
    expect(s.reasons).toEqual([]);
  });

  it('lists the biggest factors first and keeps contributions adding up to the distance from baseline', () => {
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(FEATURE_NAMES.map((f) => [f, fc.double({ min: 0, max: 60, noNaN: true })])) as Record<
            string,
            fc.Arbitrary<number>
          >,
        ),
        (features) => {
          const f = features as FeatureVector;
          const s = scoreLead(f, DEFAULT_MODEL, { maxReasons: FEATURE_NAMES.length });
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
          expect(s.temperature).toBe(temperatureFor(s.score));
          const sizes = s.reasons.map((r) => Math.abs(r.contribution));
          expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
          const sum = s.reasons.reduce((acc, r) => acc + r.contribution, 0);
          // rounding each factor to whole points can drift by at most half a point per factor
          expect(Math.abs(sum - (s.score - 35))).toBeLessThanOrEqual(FEATURE_NAMES.length / 2 + 1);
        },
      ),
    );
  });

  it('carries a trained model\u2019s version through', () => {
    const model = ScoringModel.parse({ ...DEFAULT_MODEL, version: 'tenant-7' });
    expect(scoreLead(typical(), model).modelVersion).toBe('tenant-7');
  });
});

describe('temperature thresholds', () => {
  it('is hot from 80, warm from 50, else cold', () => {
    expect([100, 80, 79, 50, 49, 0].map(temperatureFor)).toEqual(['hot', 'hot', 'warm', 'warm', 'cold', 'cold']);
  });

  it('follows the model\u2019s probability at the edges', () => {
    const only = (bias: number) =>
      ScoringModel.parse({ kind: 'logistic', version: 'x', bias, weights: {}, featureMeans: {}, featureScales: {} });
    expect(scoreLead(typical(), only(Math.log(0.8 / 0.2))).temperature).toBe('hot');
    expect(scoreLead(typical(), only(Math.log(0.79 / 0.21))).temperature).toBe('warm');
    // the temperature follows the score the user sees: 79.5 % shows as 80, so it is hot
    expect(scoreLead(typical(), only(Math.log(0.795 / 0.205)))).toMatchObject({ score: 80, temperature: 'hot' });
    expect(scoreLead(typical(), only(-50))).toMatchObject({ score: 0, temperature: 'cold' });
  });
});
