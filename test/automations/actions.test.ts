import { describe, expect, it } from 'vitest';
import { automationRunsOfLead, stepsOfRun } from '../../db/queries/automations/automation-runs.ts';
import { findLeadByGhlContact } from '../../db/queries/leads.ts';
import { createAgent } from '../../db/queries/tenants.ts';
import { replaceRoutingTable } from '../../db/use-cases/routing/replace-routing-table.ts';
import { automationWorld, newContact } from './automation-world.ts';

const TUESDAY_10AM = '2030-03-05T16:00:00Z';

describe('the actions a rule can take', () => {
  it('assigns by routing (in GHL too), enrolls in another sequence, sets a field, notifies managers', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'route-new-leads',
          name: 'Route new leads',
          when: { event: 'lead_created' },
          then: [
            { do: 'assign', routingRule: 'Spanish speakers' },
            { do: 'set_field', field: 'language', value: 'es' },
            { do: 'enroll', ruleId: 'welcome-sequence' },
            { do: 'notify', to: 'managers', template: '{{lead.name}} went to {{agent.name}}.' },
          ],
        },
        {
          id: 'welcome-sequence',
          name: 'Welcome sequence',
          // Only ever entered by enrollment: its own event never comes for these leads.
          when: { event: 'tag_added', tags: ['never-used'] },
          then: [{ do: 'notify', to: { agents: ['luis@hillcountry.test'] }, template: 'Say hola to {{lead.name}}.' }],
        },
      ],
    });
    const luis = await createAgent(w.rt.db, {
      tenantId: w.tenant.id,
      name: 'Luis Ortega',
      email: 'luis@hillcountry.test',
      slackUserId: 'U0LUIS',
      ghlUserId: 'ghl-user-luis',
      languages: ['es'],
    });
    await replaceRoutingTable(w.rt, {
      tenantId: w.tenant.id,
      rules: [{ name: 'Spanish speakers', strategy: 'round_robin', condition: null, pool: { agentIds: [luis.id] } }],
    });
    await w.postGhl(newContact('c-rosa'));
    await w.drain();

    const rosa = (await findLeadByGhlContact(w.rt.db, w.tenant.id, 'c-rosa'))!;
    expect(rosa).toMatchObject({ assigneeId: luis.id, language: 'es' });
    expect(w.ghl.filter((r) => r.method === 'PUT' && r.path === '/contacts/c-rosa')).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ assignedTo: 'ghl-user-luis' }) }),
    ]);
    const runs = await automationRunsOfLead(w.rt.db, { tenantId: w.tenant.id, leadId: rosa.id });
    expect(runs.map((r) => [r.ruleId, r.status]).sort()).toEqual([
      ['route-new-leads', 'completed'],
      ['welcome-sequence', 'completed'],
    ]);
    const routed = runs.find((r) => r.ruleId === 'route-new-leads')!;
    expect((await stepsOfRun(w.rt.db, w.tenant.id, routed.id)).map((s) => s.detail)).toEqual([
      'assigned to Luis Ortega by rule "Spanish speakers"',
      'language set to "es"',
      'enrolled in welcome-sequence',
      'noted 1 agent(s)',
    ]);
    // Maria is the team's manager; Luis hears from the sequence he was enrolled in.
    expect(w.notes.sort()).toEqual(['Lead c-rosa went to Luis Ortega.', 'Say hola to Lead c-rosa.']);
  });
});
