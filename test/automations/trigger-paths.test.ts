import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { automationRunsOfLead, stepsOfRun } from '../../db/queries/automations/automation-runs.ts';
import { addLeadActivity, createLead, getLead } from '../../db/queries/leads.ts';
import { opportunities } from '../../db/schema/index.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { automationWorld, LOC, newContact, saveRules, type AutomationWorld } from './automation-world.ts';

const starter = (name: string): unknown[] =>
  JSON.parse(readFileSync(new URL(`../../docs/automations/${name}.json`, import.meta.url), 'utf8'));

const TUESDAY_10AM = '2030-03-05T16:00:00Z';
const home = (price: number, at: string) => ({
  ListingKey: 'ATX-1',
  StandardStatus: 'Active',
  ListPrice: price,
  OriginalListPrice: 450_000,
  ModificationTimestamp: at,
  PropertyType: 'Residential',
  UnparsedAddress: '12 Oak St',
  BedroomsTotal: 3,
  City: 'Austin',
  PostalCode: '78704',
});

async function ana(
  w: AutomationWorld,
  over: Parameters<typeof createLead>[1] extends infer T ? Partial<T> : never = {},
) {
  return createLead(w.rt.db, {
    tenantId: w.tenant.id,
    ghlContactId: 'c-ana',
    ghlLocationId: LOC,
    name: 'Ana Lopez',
    firstName: 'Ana',
    phone: '+15125550142',
    email: 'ana@example.com',
    assigneeId: w.agent.id,
    ...over,
  });
}

describe('automations start from every path', () => {
  it('a price drop texts the leads who viewed the home (starter price-drop-to-viewers)', async () => {
    const w = await automationWorld({ at: TUESDAY_10AM, rules: starter('price-drop-to-viewers') });
    const viewer = await ana(w);
    const other = await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ben', phone: '+15125550143' });
    await upsertListings(w.rt, {
      tenantId: w.tenant.id,
      listings: [home(450_000, '2030-03-01T10:00:00Z')],
      source: 'api',
    });
    await w.drain();
    await addLeadActivity(w.rt.db, {
      tenantId: w.tenant.id,
      leadId: viewer.id,
      kind: 'listing_view',
      listingKey: 'ATX-1',
      source: 'lead_page',
      externalId: 'view-1',
      occurredAt: new Date('2030-03-04T16:00:00Z'),
    });
    await upsertListings(w.rt, {
      tenantId: w.tenant.id,
      listings: [home(399_000, '2030-03-05T15:00:00Z')],
      source: 'api',
    });
    await w.drain();

    expect(w.sms.map((s) => s.to)).toEqual(['+15125550142']);
    expect(w.sms[0].body).toContain('Hi Ana, good news: 12 Oak St just dropped in price, now $399,000 (was $450,000).');
    expect(w.sms[0].body).toMatch(/Take another look: https:\/\/porchlight\.test\/l\//);
    expect(w.notes).toEqual([
      'Price drop on 12 Oak St, now $399,000 (was $450,000): Ana Lopez viewed it and was just texted.',
    ]);
    expect(await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: other.id })).toEqual([]);
  });

  it('Under Contract stops her other sequences and tags her (starter under-contract-stop-all)', async () => {
    const [stopAll] = starter('under-contract-stop-all') as Array<{ when: { stages: string[] } }>;
    stopAll.when.stages = ['stage-under-contract'];
    const w = await automationWorld({ at: TUESDAY_10AM, rules: [stopAll, ...starter('five-day-check-in')] });
    const lead = await ana(w, { createdAt: new Date('2030-02-27T16:00:00Z') });
    await w.tick();
    await w.drain();
    expect(w.emails).toHaveLength(1);
    const stage = {
      type: 'OpportunityStageUpdate',
      webhookId: 'wh-uc',
      locationId: LOC,
      id: 'opp-ana',
      contactId: 'c-ana',
      name: 'Ana buys 12 Oak',
      pipelineId: 'pipe-1',
      pipelineStageId: 'stage-under-contract',
      status: 'open',
      dateUpdated: TUESDAY_10AM,
    };
    expect((await w.postGhl(stage)).status).toBe(200);
    await w.drain();
    const runs = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: lead.id });
    expect(runs.map((r) => [r.ruleId, r.status, r.reason]).sort()).toEqual([
      ['five-day-check-in', 'exited', 'stopped by under-contract-stop-all'],
      ['under-contract-stop-all', 'completed', null],
    ]);
    expect((await getLead(w.rt.db, w.tenant.id, lead.id))!.tags).toEqual(['under-contract']);
    expect(w.ghl.filter((r) => r.path === '/contacts/c-ana/tags').map((r) => r.body)).toEqual([
      { tags: ['under-contract'] },
    ]);
  });

  it('a daily schedule finds this day’s purchase anniversaries once (starter purchase-anniversary)', async () => {
    // 10:05 in Austin on March 5, 2030.
    const w = await automationWorld({ at: '2030-03-05T16:05:00Z', rules: starter('purchase-anniversary') });
    const client = await ana(w);
    await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ben', email: 'ben@example.com' });
    // Won at 20:00 on March 4, 2027 in Austin: March 5 in UTC, March 4 on the team's calendar.
    await w.rt.db.insert(opportunities).values([
      {
        tenantId: w.tenant.id,
        ghlOpportunityId: 'o-1',
        leadId: client.id,
        status: 'won',
        outcome: 'won',
        outcomeAt: new Date('2027-03-05T02:00:00Z'),
      },
    ]);
    w.clock.set('2030-03-04T16:05:00Z');
    await w.tick();
    await w.drain();
    expect(w.emails.map((e) => [e.to, e.subject])).toEqual([['ana@example.com', 'Happy home anniversary, Ana!']]);
    expect(w.notes).toHaveLength(1);
    await w.tick();
    await w.drain();
    expect(w.emails).toHaveLength(1);
    // 09:00 the next day: before the schedule's time, and not her day anyway.
    w.clock.set('2030-03-05T15:00:00Z');
    await w.tick();
    await w.drain();
    expect(w.emails).toHaveLength(1);
  });

  it('a showing request raises a signal that starts a rule', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'showing-to-agent',
          name: 'Showing requests to the agent',
          when: { event: 'signal_raised', signals: ['showing_request'] },
          then: [{ do: 'ghl_note', template: '{{lead.firstName}} asked for a showing; call today.' }],
        },
      ],
    });
    await ana(w);
    const message = {
      type: 'InboundMessage',
      webhookId: 'wh-show',
      locationId: LOC,
      messageId: 'm-show',
      contactId: 'c-ana',
      body: "Can we see it Saturday? We're pre-approved",
      messageType: 'SMS',
      direction: 'inbound',
      dateAdded: TUESDAY_10AM,
      timestamp: TUESDAY_10AM,
    };
    await w.postGhl(message);
    await w.drain();
    const notes = w.ghl.filter((r) => r.method === 'POST' && r.path === '/contacts/c-ana/notes');
    expect(notes).toHaveLength(1);
    expect((notes[0].body as { body: string }).body).toContain('Ana asked for a showing; call today.');
  });

  it('a step that wakes after an edit runs the rule’s current version', async () => {
    const rule = (text: string) => ({
      id: 'nudge',
      name: 'Nudge',
      when: { event: 'lead_created' },
      then: [
        { do: 'wait', hours: 2 },
        { do: 'text_lead', template: text },
      ],
    });
    const w = await automationWorld({ at: TUESDAY_10AM, rules: [rule('Version one')] });
    await w.postGhl(newContact('c-ana', { name: 'Ana' }));
    await w.drain();
    await saveRules(w.rt, w.tenant.id, [rule('Version two')], w.clock.now());
    w.clock.advance(2 * 3_600_000 + 1000);
    await w.wake();
    await w.drain();
    expect(w.sms.map((s) => s.body)).toEqual([expect.stringContaining('Version two')]);
    const [run] = await w.rt.db.query.automationRuns.findMany();
    // The run keeps the version it started under as its identity; its steps follow the current one.
    expect(run).toMatchObject({ ruleVersion: 1, status: 'completed' });
    expect((await stepsOfRun(w.rt.db, w.tenant.id, run.id)).map((s) => s.status)).toEqual(['done', 'sent']);
  });

  it('a step its data makes impossible is recorded as failed and the run goes on', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'city-task',
          name: 'Task named after her city',
          when: { event: 'lead_created' },
          then: [
            { do: 'ghl_task', title: '{{lead.city}}' },
            { do: 'text_lead', template: 'Hello from the team' },
          ],
        },
      ],
    });
    await w.postGhl(newContact('c-ana', { name: 'Ana' }));
    await w.drain();
    const [run] = await w.rt.db.query.automationRuns.findMany();
    const steps = await stepsOfRun(w.rt.db, w.tenant.id, run.id);
    expect(steps.map((s) => [s.action, s.status])).toEqual([
      ['ghl_task', 'failed'],
      ['text_lead', 'sent'],
    ]);
    expect(steps[0].detail).toContain('title');
    expect(run.status).toBe('completed');
    expect(w.sms).toHaveLength(1);
  });
});
