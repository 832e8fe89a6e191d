import { describe, expect, it } from 'vitest';
import { detectSignals } from '../../core/scoring/detect-signals.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { NOW, act, snapshot } from './snapshot-builder.ts';

const clock = fixedClock(NOW);
const minutesAgo = (m: number) => new Date(new Date(NOW).getTime() - m * 60_000);
const save = (minutes: number, listingKey: string, area?: string) =>
  act('listing_save', minutes, { listingKey, ...(area ? { area } : {}) });

/** The signals of a re-score whose previous score was taken `scoredMinutesAgo`. */
const areaSignals = (activities: ReturnType<typeof save>[], scoredMinutesAgo = 30) =>
  detectSignals(
    {
      previous: { score: 30, scoredAt: minutesAgo(scoredMinutesAgo) },
      current: { score: 40 },
      snapshot: snapshot({ lastHumanContactAt: minutesAgo(60), activities }),
    },
    clock,
  ).filter((s) => s.code === 'area_saves');

describe('area_saves: saved 2 homes in one area today', () => {
  it('fires on a fresh save that makes two different homes saved in one city within a day', () => {
    expect(areaSignals([save(300, 'RR-1', 'Round Rock'), save(5, 'RR-2', 'round rock')])).toEqual([
      {
        kind: 'hot_lead',
        code: 'area_saves',
        priority: 'high',
        area: 'round rock',
        reason: 'saved 2 homes in round rock today',
      },
    ]);
  });

  it('needs different homes, one area, one day and a fresh save', () => {
    expect(areaSignals([save(300, 'RR-1', 'Round Rock'), save(5, 'RR-1', 'Round Rock')])).toEqual([]);
    expect(areaSignals([save(300, 'ATX-1', 'Austin'), save(5, 'RR-2', 'Round Rock')])).toEqual([]);
    expect(areaSignals([save(25 * 60, 'RR-1', 'Round Rock'), save(5, 'RR-2', 'Round Rock')])).toEqual([]);
    expect(areaSignals([save(300, 'RR-1'), save(5, 'RR-2')])).toEqual([]);
    // Re-scoring the same saves later raises nothing new.
    expect(areaSignals([save(300, 'RR-1', 'Round Rock'), save(60, 'RR-2', 'Round Rock')], 30)).toEqual([]);
  });
});
