import { describe, expect, it } from 'vitest';
import { automationRunsOfLead, stepsOfRun } from '../../db/queries/automations/automation-runs.ts';
import { leadAutomations } from '../../db/queries/automations/lead-automations.ts';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import { setAutomationEnabled } from '../../db/use-cases/automations/set-automation-enabled.ts';
import { automationWorld, LOC, type AutomationWorld } from './automation-world.ts';

const DAY = 86_400_000;
/** Monday 10:00 in Austin; each lead was created then (day 0). */
const DAY0 = '2030-03-04T16:00:00Z';
const at = (days: number, hours = 0) => new Date(Date.parse(DAY0) + days * DAY + hours * 3_600_000);

const CHECK_IN = {
  id: 'five-day-check-in',
  name: '5-day check-in',
  when: { event: 'no_inbound', days: 5 },
  then: [
    {
      do: 'email_lead',
      subject: 'Still looking, {{lead.firstName}}?',
      template: 'Hi {{lead.firstName}}, just checking in. Anything I can send you? {{agent.name}}',
    },
    { do: 'wait', days: 3 },
    { do: 'notify', to: 'assignee', template: '{{lead.name}} has not answered the 5-day check-in.' },
  ],
  exitWhen: ['replied', 'appointment_booked', 'opted_out'],
} as const;

/** The same sequence by text: what a STOP suppresses. */
const TEXT_CHECK_IN = {
  ...CHECK_IN,
  id: 'five-day-text',
  name: '5-day text',
  then: [{ do: 'text_lead', template: 'Hi {{lead.firstName}}, still looking?' }, ...CHECK_IN.then.slice(1)],
} as const;

async function lead(w: AutomationWorld, name: string, n: number): Promise<Lead> {
  return createLead(w.rt.db, {
    tenantId: w.tenant.id,
    ghlContactId: `c-${name.toLowerCase()}`,
    ghlLocationId: LOC,
    name: `${name} Lopez`,
    firstName: name,
    email: `${name.toLowerCase()}@example.com`,
    phone: `+1512555020${n}`,
    assigneeId: w.agent.id,
    createdAt: at(0),
  });
}

/** The clock moves on; the tick finds quiet leads and due waits wake, as the scheduler would do. */
async function moveTo(w: AutomationWorld, when: Date) {
  w.clock.set(when);
  await w.tick();
  await w.wake();
  await w.drain();
}

describe('the 5-day check-in sequence, on a controllable clock', () => {
  it('emails on day 5, waits 3 days, and a reply on day 6 ends it before step 2', async () => {
    const w = await automationWorld({ at: DAY0, rules: [CHECK_IN] });
    const ana = await lead(w, 'Ana', 1);
    const ben = await lead(w, 'Ben', 2);

    await moveTo(w, at(4, 23));
    expect(w.emails).toHaveLength(0);

    await moveTo(w, at(5, 0.1));
    expect(w.emails.map((e) => [e.to, e.subject]).sort()).toEqual([
      ['ana@example.com', 'Still looking, Ana?'],
      ['ben@example.com', 'Still looking, Ben?'],
    ]);
    const toAna = w.emails.find((e) => e.to === 'ana@example.com')!;
    expect(toAna.text).toContain('Hi Ana, just checking in. Anything I can send you? Maria Gomez');
    // Like every lead email: the team's postal address and an unsubscribe link.
    expect(toAna.text).toContain('100 Congress Ave, Austin, TX 78701');
    expect(toAna.text).toMatch(/Unsubscribe: https:\/\/porchlight\.test\//);
    // "step 2 of 3, next <day 8>": the wait, shown in /lead and the REST API.
    const [view] = await leadAutomations(w.rt.db, w.tenant.id, ana.id);
    expect(view).toMatchObject({ ruleId: 'five-day-check-in', step: 2, of: 3, status: 'active' });
    expect(view.next).toBe(at(8, 0.1).toISOString());

    // Day 6: Ana answers in GHL.
    w.clock.set(at(6));
    const reply = {
      type: 'InboundMessage',
      webhookId: 'wh-ana-reply',
      locationId: LOC,
      messageId: 'm-ana-1',
      contactId: 'c-ana',
      body: 'Yes! Can we see something this weekend?',
      messageType: 'SMS',
      direction: 'inbound',
      dateAdded: at(6).toISOString(),
      timestamp: at(6).toISOString(),
    };
    expect((await w.postGhl(reply)).status).toBe(200);
    await w.drain();
    const [exited] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: ana.id });
    expect(exited).toMatchObject({ status: 'exited', reason: 'the lead replied' });

    // Day 8: Ben's wait is over and his agent hears; Ana's step 2 never runs.
    await moveTo(w, at(8, 0.2));
    expect(w.notes.filter((n) => n.includes('5-day check-in'))).toEqual([
      'Ben Lopez has not answered the 5-day check-in.',
    ]);
    const anaSteps = await stepsOfRun(w.rt.db, w.tenant.id, exited.id);
    expect(anaSteps.map((s) => s.action)).toEqual(['email_lead', 'wait']);
    const [benRun] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: ben.id });
    expect(benRun.status).toBe('completed');
    // A later tick does not start the same quiet spell again.
    await moveTo(w, at(9));
    expect(w.emails).toHaveLength(2);
  });

  it('disabling the rule cancels the pending step', async () => {
    const w = await automationWorld({ at: DAY0, rules: [CHECK_IN] });
    const ben = await lead(w, 'Ben', 2);
    await moveTo(w, at(5, 1));
    expect(w.emails).toHaveLength(1);

    w.clock.set(at(6));
    const off = await setAutomationEnabled(
      { db: w.rt.db, clock: w.clock },
      { tenantId: w.tenant.id, ruleId: 'five-day-check-in', enabled: false, actor: w.agent.id },
    );
    expect(off).toMatchObject({ enabled: false, cancelledRuns: 1 });
    await moveTo(w, at(8, 2));
    expect(w.notes).toEqual([]);
    const [run] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: ben.id });
    expect(run).toMatchObject({ status: 'cancelled', reason: 'rule disabled' });
  });

  it('a STOP suppresses the text and the step says so; a STOP during the sequence ends it', async () => {
    const w = await automationWorld({ at: DAY0, rules: [TEXT_CHECK_IN] });
    const cara = await lead(w, 'Cara', 3);
    const dave = await lead(w, 'Dave', 4);
    // Day 2 Cara texts STOP: no reply to a conversation, but nothing may be texted to her again.
    w.clock.set(at(2));
    expect((await w.text(cara.phone!, 'STOP')).status).toBe(200);
    await w.drain();
    // Her last inbound (the STOP) starts her quiet spell: day 7 is five days on. Dave's day 5 comes first.
    await moveTo(w, at(5, 1));
    expect(w.sms.filter((s) => s.to === dave.phone).map((s) => s.body)).toEqual([
      expect.stringContaining('Hi Dave, still looking?'),
    ]);
    // Dave texts STOP while his sequence waits: it ends there, before his agent is told.
    w.clock.set(at(6));
    expect((await w.text(dave.phone!, 'STOP')).status).toBe(200);
    await w.drain();
    await moveTo(w, at(7, 2));
    expect(w.sms.filter((s) => s.body.includes('still looking') && s.to === cara.phone)).toEqual([]);
    const [caraRun] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: cara.id });
    const steps = await stepsOfRun(w.rt.db, w.tenant.id, caraRun.id);
    expect(steps[0]).toMatchObject({
      action: 'text_lead',
      status: 'suppressed',
      detail: 'the lead opted out of texts',
    });
    // She had opted out before it began: the sequence goes on (its wait, then her agent hears).
    expect(caraRun).toMatchObject({ status: 'active', position: 1 });
    await moveTo(w, at(8, 2));
    const [daveRun] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: dave.id });
    expect(daveRun).toMatchObject({ status: 'exited', reason: 'the lead opted out' });
    expect(w.notes.filter((n) => n.includes('Dave'))).toEqual([]);
  });
});
