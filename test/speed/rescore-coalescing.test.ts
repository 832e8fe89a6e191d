import { describe, expect, it } from 'vitest';
import { LANE_PRIORITY, type Lane } from '../../core/inbound/job-lane.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { inboundMessage, postGhl, speedTeam } from './speed-team.ts';

const rescore = (rt: Runtime, leadId: string, lane: Lane) =>
  rt.queue.enqueue('lead.score', { tenantId: 't1', leadId, trigger: 'crm_event' }, { priority: LANE_PRIORITY[lane] });
const waiting = async (rt: Runtime) =>
  (await rt.queue.boss.findJobs<{ leadId: string }>('lead.score', { queued: true })).map((j) => ({
    leadId: j.data.leadId,
    priority: j.priority,
    due: j.startAfter.getTime() <= j.createdOn.getTime(),
  }));

describe('re-score coalescing (pg-boss `short` queue, keyed per lead and lane)', () => {
  it('folds re-scores of one lead into the one still waiting, per lane, and keeps other leads apart', async () => {
    const rt = await createTestRuntime();
    expect(await rescore(rt, 'ana', 'fast')).toEqual(expect.any(String));
    expect(await rescore(rt, 'ana', 'fast')).toBeNull();
    expect(await rescore(rt, 'ana', 'fast')).toBeNull();
    expect(await rescore(rt, 'ana', 'bulk')).toEqual(expect.any(String));
    expect(await rescore(rt, 'ana', 'bulk')).toBeNull();
    expect(await rescore(rt, 'ben', 'fast')).toEqual(expect.any(String));
    expect((await waiting(rt)).sort((a, b) => a.leadId.localeCompare(b.leadId) || b.priority - a.priority)).toEqual([
      { leadId: 'ana', priority: LANE_PRIORITY.fast, due: true },
      { leadId: 'ana', priority: LANE_PRIORITY.bulk, due: true },
      { leadId: 'ben', priority: LANE_PRIORITY.fast, due: true },
    ]);
  });

  it('never makes a fast re-score wait: once the waiting one has started, the next is due at once', async () => {
    const rt = await createTestRuntime();
    const first = await rescore(rt, 'ana', 'fast');
    const [started] = await rt.queue.boss.fetch('lead.score');
    expect(started.id).toBe(first);
    // The running score may have read the lead before this event: it gets a run of its own, due now
    // (no debounce slot in the future), while the first is still running.
    const second = await rescore(rt, 'ana', 'fast');
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
    expect(await waiting(rt)).toEqual([{ leadId: 'ana', priority: LANE_PRIORITY.fast, due: true }]);
    const [next] = await rt.queue.boss.fetch('lead.score');
    expect(next.id).toBe(second);
  });

  it('never folds a fast re-score into a bulk one waiting behind the backlog', async () => {
    const rt = await createTestRuntime();
    for (const lead of ['b1', 'b2', 'ana', 'b3']) await rescore(rt, lead, 'bulk');
    const fast = await rescore(rt, 'ana', 'fast');
    expect(fast).toEqual(expect.any(String));
    const [first] = await rt.queue.boss.fetch('lead.score');
    expect(first.id).toBe(fast);
  });

  it('a burst of messages from one lead waits as one fast re-score, and a message after it started gets its own', async () => {
    const team = await speedTeam();
    const app = createApp(team.rt);
    const contact = team.leads[0].ghlContactId!;
    for (const body of ['Hi', 'Is it still available?', 'Can we see it Saturday?'])
      await postGhl(team, app, inboundMessage(contact, body));
    // Each message is read for facts first (lead.facts); the re-scores those readings ask for coalesce.
    await drainJobs(team.rt, ['ghl.event', 'lead.facts']);
    expect(await waiting(team.rt)).toEqual([{ leadId: team.leads[0].id, priority: LANE_PRIORITY.fast, due: true }]);

    const [running] = await team.rt.queue.boss.fetch('lead.score');
    expect(running).toBeDefined();
    await postGhl(team, app, inboundMessage(contact, "We're pre-approved"));
    await drainJobs(team.rt, ['ghl.event', 'lead.facts']);
    expect(await waiting(team.rt)).toEqual([{ leadId: team.leads[0].id, priority: LANE_PRIORITY.fast, due: true }]);
  });
});
