import { performance } from 'node:perf_hooks';
import { DEFAULT_MODEL } from '../core/scoring/default-model.ts';
import { extractFeatures } from '../core/scoring/lead-features.ts';
import { scoreLead } from '../core/scoring/score-lead.ts';
import { generateSyntheticOutcomes } from '../core/scoring/synthetic-outcomes.ts';
import { fixedClock } from '../core/time/clock.ts';

const AS_OF = '2026-03-01T12:00:00Z';

/** Scoring from a snapshot: feature extraction plus the model, what `lead.score` does per lead. */
function scoreOne(snapshot: Parameters<typeof extractFeatures>[0], clock = fixedClock(AS_OF)) {
  return scoreLead(extractFeatures(snapshot, clock), DEFAULT_MODEL);
}

/**
 * p95 milliseconds from a lead event to its stored new score, given a function that performs the
 * whole path for one event (insert the activity, enqueue `lead.score`, wait until the lead row
 * carries the new score). The DB-backed runner is the lead's to supply.
 */
export async function measureEventToStoredScoreP95(processEvent: (i: number) => Promise<void>, events = 200): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < events; i++) {
    const t0 = performance.now();
    await processEvent(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)];
}

export async function run(): Promise<void> {
  const leads = generateSyntheticOutcomes({ count: 10_000, seed: 1, asOf: AS_OF }).map((l) => l.snapshot);
  const clock = fixedClock(AS_OF);
  for (const s of leads.slice(0, 500)) scoreOne(s, clock); // warm the JIT

  // One lead at a time, as a re-score after a single event does it.
  const singleRuns = 20_000;
  let t0 = performance.now();
  for (let i = 0; i < singleRuns; i++) scoreOne(leads[i % 100], fixedClock(AS_OF));
  const singleMs = performance.now() - t0;
  console.log(JSON.stringify({ bench: 'scoring', figure: 'leads_scored_per_second_single', value: Math.round(singleRuns / (singleMs / 1000)), unit: 'leads/s', n: singleRuns }));

  // A batch of 10,000 distinct leads, as a model activation re-scores a tenant's book.
  t0 = performance.now();
  for (const s of leads) scoreOne(s, clock);
  const batchMs = performance.now() - t0;
  console.log(JSON.stringify({ bench: 'scoring', figure: 'leads_scored_per_second_batch', value: Math.round(leads.length / (batchMs / 1000)), unit: 'leads/s', n: leads.length, totalMs: Math.round(batchMs) }));

  console.log(JSON.stringify({ bench: 'scoring', figure: 'lead_event_to_stored_score_p95_ms', value: null, skipped: 'needs the lead.score handler and database: call measureEventToStoredScoreP95' }));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
