import { describe, expect, it } from 'vitest';
import { automationRunsOfLead, stepsOfRun } from '../../db/queries/automations/automation-runs.ts';
import { findLeadByGhlContact } from '../../db/queries/leads.ts';
import { automationWorld, LOC } from './automation-world.ts';

/** Tuesday 10:00 in Austin: inside every quiet-hours window. */
const TUESDAY_10AM = '2030-03-05T16:00:00Z';

const SPEED_TO_LEAD = {
  id: 'speed-to-lead',
  name: 'Text new Zillow and website leads within a minute',
  when: { event: 'lead_created', sources: ['Zillow', 'website'] },
  then: [
    {
      do: 'text_lead',
      template: 'Hi {{lead.firstName | "there"}}, this is {{agent.firstName}} with {{team.name}}. When can we talk?',
    },
    { do: 'ghl_task', title: 'Call {{lead.name}} (new {{lead.source}} lead)', dueInMinutes: 15 },
  ],
} as const;

const zillowLead = (over: Record<string, unknown> = {}) => ({
  type: 'ContactCreate',
  webhookId: 'wh-contact-create-1',
  locationId: LOC,
  id: 'c-ana-0001',
  source: 'Zillow',
  dateAdded: TUESDAY_10AM,
  dnd: false,
  email: 'ana.lopez@example.com',
  name: 'Ana Lopez',
  firstName: 'Ana',
  lastName: 'Lopez',
  phone: '+15125550142',
  postalCode: '78704',
  tags: [],
  assignedTo: 'ghl-user-maria',
  customFields: [],
  ...over,
});

describe('speed to lead: a Zillow lead from a signed GHL webhook', () => {
  it('gets the templated text and her agent a GHL call task in the same job chain, once', async () => {
    const w = await automationWorld({ at: TUESDAY_10AM, rules: [SPEED_TO_LEAD] });
    expect((await w.postGhl(zillowLead())).status).toBe(200);
    await w.drain();

    expect(w.sms).toHaveLength(1);
    expect(w.sms[0].to).toBe('+15125550142');
    expect(w.sms[0].body).toContain('Hi Ana, this is Maria with Hill Country Homes. When can we talk?');
    const tasks = w.ghl.filter((r) => r.method === 'POST' && r.path.endsWith('/contacts/c-ana-0001/tasks'));
    expect(tasks).toHaveLength(1);
    expect(tasks[0].body).toMatchObject({
      title: 'Call Ana Lopez (new Zillow lead)',
      assignedTo: 'ghl-user-maria',
      dueDate: '2030-03-05T16:15:00.000Z',
      completed: false,
    });

    const lead = (await findLeadByGhlContact(w.rt.db, w.tenant.id, 'c-ana-0001'))!;
    const [run] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: lead.id });
    expect(run).toMatchObject({ ruleId: 'speed-to-lead', status: 'completed', ruleVersion: 1 });
    const steps = await stepsOfRun(w.rt.db, w.tenant.id, run.id);
    expect(steps.map((s) => [s.action, s.status])).toEqual([
      ['text_lead', 'sent'],
      ['ghl_task', 'done'],
    ]);

    // GHL delivers the same webhook again, and then the same contact under a new delivery id.
    expect((await w.postGhl(zillowLead())).status).toBe(200);
    expect((await w.postGhl(zillowLead({ webhookId: 'wh-contact-create-2' }))).status).toBe(200);
    await w.drain();
    expect(w.sms).toHaveLength(1);
    expect(w.ghl.filter((r) => r.path.endsWith('/tasks') && r.method === 'POST')).toHaveLength(1);
    expect(await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: lead.id })).toHaveLength(1);
  });

  it('a lead from another source, or an opted-out one, is not texted', async () => {
    const w = await automationWorld({ at: TUESDAY_10AM, rules: [SPEED_TO_LEAD] });
    await w.postGhl(zillowLead({ source: 'open house sign-in', id: 'c-ben-0002', webhookId: 'wh-ben' }));
    await w.postGhl(zillowLead({ id: 'c-cara-0003', webhookId: 'wh-cara', dnd: true, phone: '+15125550143' }));
    await w.drain();
    expect(w.sms).toHaveLength(0);
    const cara = (await findLeadByGhlContact(w.rt.db, w.tenant.id, 'c-cara-0003'))!;
    const [run] = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: cara.id });
    const steps = await stepsOfRun(w.rt.db, w.tenant.id, run.id);
    expect(steps[0]).toMatchObject({
      action: 'text_lead',
      status: 'suppressed',
      detail: 'the lead opted out of texts',
    });
  });
});
