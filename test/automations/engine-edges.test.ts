import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { AutomationRule } from '../../core/automations/automation-rule.ts';
import { automationRunsOfLead, stepsOfRun } from '../../db/queries/automations/automation-runs.ts';
import { createLead } from '../../db/queries/leads.ts';
import { runAutomationStep } from '../../db/use-cases/automations/run-automation-step.ts';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { automationWorld, LOC, newContact, saveRules } from './automation-world.ts';
import { automationsCli } from './automations-cli.ts';

const TUESDAY_10AM = '2030-03-05T16:00:00Z';
const DAY = 86_400_000;

describe('the engine at its edges', () => {
  it('a step job retried after some steps committed goes on from where the run is', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'two-steps',
          name: 'Two steps',
          when: { event: 'lead_created' },
          then: [
            { do: 'add_tag', tag: 'new' },
            { do: 'notify', to: 'managers', template: 'New lead {{lead.name}}' },
          ],
        },
      ],
    });
    await w.postGhl(newContact('c-ana'));
    await w.drain();
    const [run] = await w.rt.db.query.automationRuns.findMany();
    // As if the first attempt had committed step 0 and died: the run is at step 1, the retry says position 0.
    await w.rt.db.execute(sql`update automation_runs set status = 'active', position = 1 where id = ${run.id}`);
    await w.rt.db.execute(sql`delete from automation_steps where run_id = ${run.id} and position = 1`);
    const deps = { db: w.rt.db, queue: w.rt.queue, clock: w.clock, reach: reachOf(w.rt) };
    expect(await runAutomationStep(deps, { tenantId: w.tenant.id, runId: run.id, position: 0 })).toBe('completed');
    expect((await stepsOfRun(w.rt.db, w.tenant.id, run.id)).map((s) => s.action)).toEqual(['add_tag', 'notify']);
  });

  it('a wait woken before its time sleeps again instead of losing the run', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'later',
          name: 'Later',
          when: { event: 'lead_created' },
          then: [
            { do: 'wait', hours: 1 },
            { do: 'text_lead', template: 'An hour later' },
          ],
        },
      ],
    });
    await w.postGhl(newContact('c-ana'));
    await w.drain();
    const [run] = await w.rt.db.query.automationRuns.findMany();
    const deps = { db: w.rt.db, queue: w.rt.queue, clock: w.clock, reach: reachOf(w.rt) };
    expect(await runAutomationStep(deps, { tenantId: w.tenant.id, runId: run.id, position: 0 })).toBe('waiting');
    const queued = await w.rt.queue.boss.findJobs('automation.step', {});
    expect(queued.filter((j) => j.state === 'created')).toHaveLength(2);
    w.clock.advance(3_600_000 + 1000);
    await w.wake();
    await w.drain();
    expect(w.sms.map((s) => s.body)).toEqual([expect.stringContaining('An hour later')]);
  });

  it('editing a silence rule does not message the leads it already reached', async () => {
    const rule = (subject: string) => ({
      id: 'quiet',
      name: 'Quiet',
      when: { event: 'no_inbound', days: 5 },
      then: [
        { do: 'email_lead', subject, template: 'Still there?' },
        { do: 'wait', days: 3 },
        { do: 'notify', to: 'assignee', template: 'Quiet lead' },
      ],
    });
    const w = await automationWorld({ at: TUESDAY_10AM, rules: [rule('Checking in')] });
    await createLead(w.rt.db, {
      tenantId: w.tenant.id,
      name: 'Ana',
      email: 'ana@example.com',
      assigneeId: w.agent.id,
      createdAt: new Date(Date.parse(TUESDAY_10AM) - 5 * DAY - 60_000),
    });
    await w.tick();
    await w.drain();
    expect(w.emails).toHaveLength(1);
    await saveRules(w.rt, w.tenant.id, [rule('Checking in (typo fixed)')], w.clock.now());
    w.clock.advance(10 * 60_000);
    await w.tick();
    await w.drain();
    expect(w.emails).toHaveLength(1);
    // Her run goes on under the edited rule and finishes.
    w.clock.advance(3 * DAY);
    await w.wake();
    await w.drain();
    expect(w.notes).toEqual(['Quiet lead']);
  });

  it('a rule that enrolls itself, or two rules that move a deal back and forth, stop after one round', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'again',
          name: 'Again and again',
          when: { event: 'lead_created' },
          then: [
            { do: 'notify', to: 'managers', template: 'Hello' },
            { do: 'enroll', ruleId: 'again' },
          ],
        },
        {
          id: 'to-b',
          name: 'A to B',
          when: { event: 'stage_changed', stages: ['a'] },
          then: [{ do: 'move_stage', stageId: 'b' }],
        },
        {
          id: 'to-a',
          name: 'B to A',
          when: { event: 'stage_changed', stages: ['b'] },
          then: [{ do: 'move_stage', stageId: 'a' }],
        },
      ],
    });
    await w.postGhl(newContact('c-ana'));
    await w.drain();
    expect(w.notes).toEqual(['Hello']);
    const stage = (stageId: string, n: number) => ({
      type: 'OpportunityStageUpdate',
      webhookId: `wh-stage-${n}`,
      locationId: LOC,
      id: 'opp-1',
      contactId: 'c-ana',
      pipelineId: 'p',
      pipelineStageId: stageId,
      status: 'open',
      dateUpdated: new Date(Date.parse(TUESDAY_10AM) + n * 1000).toISOString(),
    });
    // A person moves the deal to "a"; then GHL echoes every move our rules make.
    await w.postGhl(stage('a', 1));
    await w.drain();
    for (let n = 2; n < 6; n++) {
      const last = w.ghl.filter((r) => r.method === 'PUT').at(-1)?.body as { pipelineStageId?: string } | undefined;
      if (last?.pipelineStageId) await w.postGhl(stage(last.pipelineStageId, n));
      await w.drain();
    }
    // to-b moved it to b; to-a (started by that move) moved it back to a; nothing else.
    expect(
      w.ghl.filter((r) => r.method === 'PUT').map((r) => (r.body as { pipelineStageId: string }).pipelineStageId),
    ).toEqual(['b', 'a']);
    const [lead] = await w.rt.db.query.leads.findMany();
    const runs = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: lead.id, limit: 100 });
    expect(
      runs
        .filter((r) => r.status === 'completed')
        .map((r) => r.ruleId)
        .sort(),
    ).toEqual(['again', 'to-a', 'to-b']);
  });

  it('a wait longer than a year is refused when the rule is saved', () => {
    const parsed = AutomationRule.safeParse({
      id: 'forever',
      name: 'Forever',
      when: { event: 'lead_created' },
      then: [
        { do: 'wait', days: 3000 },
        { do: 'text_lead', template: 'Hi' },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('a wait is at most 365 days');
  });

  it('a lead taken out of a sequence by hand (automations stop) gets nothing more from it', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'drip',
          name: 'Drip',
          when: { event: 'lead_created' },
          then: [
            { do: 'wait', days: 1 },
            { do: 'text_lead', template: 'Day two hello' },
          ],
        },
      ],
    });
    await w.postGhl(newContact('c-ana'));
    await w.drain();
    const [lead] = await w.rt.db.query.leads.findMany();
    const args = ['--lead', lead.id, '--tenant', w.tenant.id];
    expect(await automationsCli(w.rt, 'stop', 'drip', ...args)).toBe(`stopped drip for lead ${lead.id}\n`);
    expect(await automationsCli(w.rt, 'stop', 'all', ...args)).toBe(`lead ${lead.id} is in no sequence\n`);
    await expect(
      automationsCli(w.rt, 'stop', 'all', '--lead', 'nobody', '--tenant', w.tenant.id),
    ).rejects.toMatchObject({ code: 'not_found' });
    w.clock.advance(DAY + 1000);
    await w.wake();
    await w.drain();
    expect(w.sms).toEqual([]);
    const [run] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: lead.id });
    expect(run).toMatchObject({ status: 'exited', reason: 'stopped by cli' });
  });

  it('an edit that puts an action where a waiting run’s wait was records that action when it runs', async () => {
    const rule = (then: unknown[]) => ({ id: 'nudge', name: 'Nudge', when: { event: 'lead_created' }, then });
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        rule([
          { do: 'wait', hours: 1 },
          { do: 'text_lead', template: 'Later' },
        ]),
      ],
    });
    await w.postGhl(newContact('c-ana'));
    await w.drain();
    await saveRules(w.rt, w.tenant.id, [rule([{ do: 'text_lead', template: 'Now instead' }])], w.clock.now());
    w.clock.advance(3_600_000 + 1000);
    await w.wake();
    await w.drain();
    const [run] = await w.rt.db.query.automationRuns.findMany();
    const steps = await stepsOfRun(w.rt.db, w.tenant.id, run.id);
    expect(steps.map((s) => [s.position, s.action, s.status])).toEqual([
      [0, 'wait', 'done'],
      [0, 'text_lead', 'sent'],
    ]);
    expect(steps[1].deliveryId).not.toBeNull();
    expect(w.sms.map((m) => m.body)).toEqual([expect.stringContaining('Now instead')]);
  });
});
