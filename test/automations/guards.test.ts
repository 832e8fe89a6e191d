import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { automationRuns, automationSteps } from '../../db/schema/index.ts';
import { createLead, getLead } from '../../db/queries/leads.ts';
import { automationWorld, LOC, newContact } from './automation-world.ts';

const TUESDAY_10AM = '2030-03-05T16:00:00Z';

const contact = (id: string, tags: string[], webhookId: string) => ({
  type: 'ContactTagUpdate',
  webhookId,
  locationId: LOC,
  id,
  name: 'Ana Lopez',
  firstName: 'Ana',
  phone: '+15125550142',
  dnd: false,
  tags,
  customFields: [],
});

const texting = (id: string, text: string) => ({
  id,
  name: `Rule ${id}`,
  when: { event: 'lead_created' },
  then: [{ do: 'text_lead', template: text }],
});

describe('guards', () => {
  it('a rule that would loop (tag added → add a tag) runs once', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'tag-vip',
          name: 'Every tagged lead is a VIP',
          when: { event: 'tag_added' },
          then: [{ do: 'add_tag', tag: 'vip' }],
        },
      ],
    });
    const ana = await createLead(w.rt.db, {
      tenantId: w.tenant.id,
      ghlContactId: 'c-ana',
      ghlLocationId: LOC,
      name: 'Ana',
    });
    await w.postGhl(contact('c-ana', ['buyer'], 'wh-tag-1'));
    await w.drain();
    // GHL echoes our own tag back.
    await w.postGhl(contact('c-ana', ['buyer', 'vip'], 'wh-tag-2'));
    await w.drain();

    const runs = await w.rt.db
      .select({ status: automationRuns.status, reason: automationRuns.reason, trigger: automationRuns.trigger })
      .from(automationRuns)
      .where(eq(automationRuns.leadId, ana.id));
    expect(runs.map((r) => [r.trigger.tag, r.status, r.reason]).sort()).toEqual([
      ['buyer', 'completed', null],
      ['vip', 'skipped', 'loop: this rule’s own action caused the event'],
    ]);
    const tagWrites = w.ghl.filter((r) => r.method === 'POST' && r.path === '/contacts/c-ana/tags');
    expect(tagWrites.map((r) => r.body)).toEqual([{ tags: ['vip'] }]);
    expect((await getLead(w.rt.db, w.tenant.id, ana.id))!.tags.sort()).toEqual(['buyer', 'vip']);
  });

  it('the CRM echo of a rule’s own change does not start it again within its window', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'to-nurture',
          name: 'Every stage move goes to nurture',
          when: { event: 'stage_changed' },
          then: [{ do: 'move_stage', stageId: 'stage-nurture' }],
        },
      ],
    });
    await createLead(w.rt.db, { tenantId: w.tenant.id, ghlContactId: 'c-ana', ghlLocationId: LOC, name: 'Ana' });
    const stage = (stageId: string, webhookId: string, at: string) => ({
      type: 'OpportunityStageUpdate',
      webhookId,
      locationId: LOC,
      id: 'opp-1',
      contactId: 'c-ana',
      name: 'Ana buys',
      pipelineId: 'pipe-1',
      pipelineStageId: stageId,
      status: 'open',
      dateUpdated: at,
    });
    // A person moves the deal in GHL; the rule moves it on; GHL reports that move back to us.
    await w.postGhl(stage('stage-new', 'wh-1', '2030-03-05T16:00:00Z'));
    await w.drain();
    await w.postGhl(stage('stage-nurture', 'wh-2', '2030-03-05T16:00:05Z'));
    await w.drain();
    const runs = await w.rt.db
      .select({ status: automationRuns.status, reason: automationRuns.reason })
      .from(automationRuns)
      .where(eq(automationRuns.ruleId, 'to-nurture'));
    // Its own move comes back to it twice: as our trigger (the chain names it) and as GHL's echo.
    expect(runs.map((r) => [r.status, r.reason]).sort()).toEqual([
      ['completed', null],
      ['skipped', 'loop: an automation made this change (stage_changed:stage-nurture) within the window'],
      ['skipped', 'loop: this rule’s own action caused the event'],
    ]);
    expect(w.ghl.filter((r) => r.method === 'PUT').map((r) => [r.path, r.body])).toEqual([
      ['/opportunities/opp-1', { pipelineStageId: 'stage-nurture' }],
    ]);
  });

  it('the per-lead ceiling holds across three rules', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      settings: { automations: { maxMessagesPerDay: 2 } },
      rules: [
        texting('welcome', 'Welcome!'),
        texting('intro', 'I am your agent.'),
        texting('survey', 'Quick question?'),
      ],
    });
    await w.postGhl(newContact('c-ana', { source: 'Zillow', name: 'Ana Lopez' }));
    await w.drain();
    expect(w.sms).toHaveLength(2);
    const steps = await w.rt.db.select().from(automationSteps);
    expect(steps.map((s) => s.status).sort()).toEqual(['sent', 'sent', 'suppressed']);
    expect(steps.find((s) => s.status === 'suppressed')!.detail).toBe(
      'ceiling: 2 automated message(s) in the last 24 hours (max 2)',
    );
    // The ceiling is hers: another lead gets his own two.
    await w.postGhl(newContact('c-ben', { name: 'Ben', phone: '+15125550143' }));
    await w.drain();
    expect(w.sms).toHaveLength(4);
  });
});
