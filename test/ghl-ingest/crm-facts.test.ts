import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { leads } from '../../db/schema/index.ts';
import { currentFacts } from '../../db/queries/leads/lead-facts.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createHarness, fixture, tenantOwning } from './harness.ts';

const CONTACT = 'nmFmQEsNgz6AVpgLVUJ0';
const LOCATION = 've9EPM428h8vShlRW1KT';
const FIELDS = { ghlFieldMap: { f_budget: 'budgetMax', f_pre: 'preApproved' } };

describe('CRM fields and what the lead says, as one set of facts', () => {
  it('a CRM field is a fact until the lead says otherwise; the CRM repeating itself does not outvote her', async () => {
    const h = await createHarness();
    const { tenant } = await tenantOwning(h.rt, [LOCATION], FIELDS);
    const fields = (pre: string, budget: string) => [
      { id: 'f_pre', value: pre },
      { id: 'f_budget', value: budget },
    ];
    await h.post({ ...fixture('ContactCreate.json'), webhookId: 'wh-c1', customFields: fields('No', '$450k') });
    await h.drain();
    const [lead] = await h.rt.db.select().from(leads).where(eq(leads.tenantId, tenant.id));
    const kinds = async () => (await currentFacts(h.rt.db, tenant.id, lead.id)).map((f) => [f.kind, f.value, f.source]);
    expect(await kinds()).toEqual([
      ['pre_approved', { approved: false }, 'crm:preApproved'],
      ['budget_max', 450_000, 'crm:budgetMax'],
    ]);

    const said = new Date().toISOString();
    await h.post({
      ...fixture('InboundMessage.sms.json'),
      webhookId: 'wh-m1',
      contactId: CONTACT,
      locationId: LOCATION,
      messageId: 'msg-preapproved',
      body: "Good news: we're pre-approved with Chase for 480k now",
      dateAdded: said,
    });
    await h.drain();
    await drainJobs(h.rt, ['lead.facts', 'lead.score']);
    expect(await kinds()).toEqual([
      ['pre_approved', { approved: true, amount: 480_000 }, 'msg-preapproved'],
      ['lender', 'Chase', 'msg-preapproved'],
      ['budget_max', 450_000, 'crm:budgetMax'],
    ]);
    const [scored] = await h.rt.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(scored.preApproved).toBe(true);
    expect(scored.reasons.map((r) => r.text).join('\n')).not.toContain('no pre-approval');

    // A tag update that still carries the old "No" is not news; a new budget in the CRM is.
    await h.post({
      ...fixture('ContactUpdate.json'),
      webhookId: 'wh-c2',
      customFields: fields('No', '$520k'),
      dateUpdated: new Date().toISOString(),
    });
    await h.drain();
    expect(await kinds()).toEqual([
      ['pre_approved', { approved: true, amount: 480_000 }, 'msg-preapproved'],
      ['lender', 'Chase', 'msg-preapproved'],
      ['budget_max', 520_000, 'crm:budgetMax'],
    ]);
    const [after] = await h.rt.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(after).toMatchObject({ preApproved: true, budgetMax: 520_000 });
  });
});
