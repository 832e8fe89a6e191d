import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/time/clock.ts';
import { opportunities } from '../../db/schema/index.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { enqueueAlertWriteback } from '../../db/queries/alerts/alert-writeback.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import { writebackMarker, writebackRef } from '../../db/queries/ghl-writeback-ops.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { GHL, ghlEndpoint } from '../ghl/ghl-test-server.ts';
import { CONTACT, LOC, PRIVATE_ENV, queuedWritebacks, runWriteback, seedTeam } from './writeback-fixture.ts';

// 15:14 UTC is 10:14 in Chicago (CDT) on this day: the note speaks the team's local time.
const clock = fixedClock('2026-03-10T15:14:00Z');

async function claimedHotLead(options: { withOpportunity: boolean }) {
  const rt = await createTestRuntime({ env: PRIVATE_ENV, clock });
  const { tenant, agent, lead } = await seedTeam(rt);
  if (options.withOpportunity) {
    await rt.db
      .insert(opportunities)
      .values({ tenantId: tenant.id, ghlOpportunityId: 'opp-1', leadId: lead.id, status: 'open' });
  }
  const alert = (await insertAlert(rt.db, {
    tenantId: tenant.id,
    kind: 'hot_lead',
    priority: 'high',
    leadId: lead.id,
    listingKey: null,
    dedupeKey: `hot:${lead.id}`,
    reason: 'score 86',
    expiresAt: new Date('2026-03-11T00:00:00Z'),
  }))!;
  // The claim's own follow-ups enqueue the write-back: no caller has to remember it.
  await actOnAlert(rt, {
    tenantId: tenant.id,
    alertId: alert.id,
    action: { type: 'claim' },
    actor: { id: agent.id, role: 'agent' },
  });
  return { rt, tenant, agent, alert };
}

describe('alert decisions land in GHL', () => {
  it('a claim assigns the contact and its open opportunity to the agent and posts the note', async () => {
    const { rt, agent, alert } = await claimedHotLead({ withOpportunity: true });
    const assigned = ghlEndpoint('put', `/contacts/${CONTACT}`, { json: { contact: { id: CONTACT } } });
    const opportunity = ghlEndpoint('put', '/opportunities/opp-1', { json: { opportunity: { id: 'opp-1' } } });
    const notes = ghlEndpoint('post', `/contacts/${CONTACT}/notes`, { status: 201, json: { note: { id: 'n1' } } });

    const jobs = await queuedWritebacks(rt);
    expect(jobs.map((j) => j.data.op)).toEqual(['add_note', 'assign_contact', 'update_opportunity']);
    for (const job of jobs) await runWriteback(rt, job.data, { id: job.id });

    const headers = { version: '2021-07-28', authorization: 'Bearer pit-secret', contentType: 'application/json' };
    expect(assigned).toEqual([
      { method: 'PUT', url: `${GHL}/contacts/${CONTACT}`, ...headers, body: { assignedTo: 'ghl-user-maria' } },
    ]);
    expect(opportunity).toEqual([
      { method: 'PUT', url: `${GHL}/opportunities/opp-1`, ...headers, body: { assignedTo: 'ghl-user-maria' } },
    ]);
    const ref = writebackRef(`alert:${alert.id}:claim:${agent.id}`);
    expect(notes).toEqual([
      {
        method: 'POST',
        url: `${GHL}/contacts/${CONTACT}/notes`,
        ...headers,
        body: { body: `Porchlight: claimed by Maria at 10:14 (hot lead, score 86)\n${writebackMarker(ref)}` },
      },
    ]);
    expect(jobs.every((j) => j.data.locationId === LOC)).toBe(true);
  });

  it('a claim that rolls back leaves no write-back behind', async () => {
    const rt = await createTestRuntime({ env: PRIVATE_ENV, clock });
    const { tenant, agent, lead } = await seedTeam(rt);
    const alert = (await insertAlert(rt.db, {
      tenantId: tenant.id,
      kind: 'hot_lead',
      priority: 'high',
      leadId: lead.id,
      listingKey: null,
      dedupeKey: `hot:${lead.id}`,
      reason: 'score 86',
      expiresAt: new Date('2026-03-11T00:00:00Z'),
    }))!;
    await expect(
      rt.db.transaction(async (tx) => {
        await enqueueAlertWriteback(tx, rt.queue, { tenantId: tenant.id, alert, action: { type: 'claim' }, agent });
        throw new Error('chat platform refused the update');
      }),
    ).rejects.toThrow('chat platform refused');
    expect(await queuedWritebacks(rt)).toEqual([]);
  });

  it('won and lost update the opportunity status; qualification adds tags and a note', async () => {
    const { rt, tenant, agent, alert } = await claimedHotLead({ withOpportunity: true });
    const before = new Set((await queuedWritebacks(rt)).map((j) => j.id));
    await rt.db.transaction(async (tx) => {
      await enqueueAlertWriteback(tx, rt.queue, { tenantId: tenant.id, alert, action: { type: 'win' }, agent });
      await enqueueAlertWriteback(tx, rt.queue, {
        tenantId: tenant.id,
        alert,
        action: {
          type: 'qualify',
          tags: ['pre-approved', 'buyer-90d'],
          summary: 'pre-approved to $450k, buying within 90 days',
        },
        agent,
      });
    });
    const jobs = (await queuedWritebacks(rt))
      .filter((j) => !before.has(j.id))
      .map((j) => ({ op: j.data.op, args: j.data.args }));
    expect(jobs).toEqual([
      {
        op: 'add_note',
        args: {
          contactId: CONTACT,
          body: 'Porchlight: qualified (hot lead, score 86): pre-approved to $450k, buying within 90 days',
          ref: writebackRef(`alert:${alert.id}:qualify:${agent.id}`),
        },
      },
      { op: 'add_tags', args: { contactId: CONTACT, tags: ['pre-approved', 'buyer-90d'] } },
      { op: 'update_opportunity', args: { opportunityId: 'opp-1', status: 'won' } },
    ]);
  });

  it('a lead that is not a GHL contact produces no write-back', async () => {
    const rt = await createTestRuntime({ env: PRIVATE_ENV, clock });
    const { tenant, agent } = await seedTeam(rt);
    const alert = { id: 'a1', kind: 'hot_lead', leadId: null, claimedAt: clock.now(), updatedAt: clock.now() };
    expect(
      await rt.db.transaction((tx) =>
        enqueueAlertWriteback(tx, rt.queue, { tenantId: tenant.id, alert, action: { type: 'claim' }, agent }),
      ),
    ).toEqual([]);
  });
});
