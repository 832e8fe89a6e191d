import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createHarness } from './harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { createAgent } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { alertAssignments, alerts } from '../../db/schema/index.ts';
import { smsChannel } from '../../bots/sms/sms-channel.ts';

describe('agents by SMS', () => {
  it('a critical alert reaches the agent as a text; replying 1 claims it, and 2 from another agent records a pass', async () => {
    const h = await createHarness({ clock: fixedClock('2026-06-10T17:00:00Z') });
    const maria = await createAgent(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Maria',
      email: 'maria@hillcountry.test',
      phone: '+15125550991',
    });
    const joe = await createAgent(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Joe',
      email: 'joe@hillcountry.test',
      phone: '+15125550992',
    });
    const lead = await createLead(h.rt.db, { tenantId: h.tenant.id, name: 'Ana Lopez', phone: '+15125550123' });
    const alert = (await insertAlert(h.rt.db, {
      tenantId: h.tenant.id,
      kind: 'hot_lead',
      priority: 'critical',
      leadId: lead.id,
      listingKey: null,
      dedupeKey: 'h1',
      reason: 'lead became hot (score 93)',
      expiresAt: new Date('2030-01-01'),
    }))!;
    const view = {
      alertId: alert.id,
      kind: 'hot_lead',
      priority: 'critical',
      status: 'open',
      reason: 'lead became hot (score 93)',
      lead: { name: 'Ana Lopez', phoneMasked: '+1******0123', score: 93, temperature: 'hot' },
    } as const;
    for (const agent of [maria, joe]) {
      const { createDelivery } = await import('../../db/queries/deliveries/create-delivery.ts');
      await h.rt.db.transaction((tx) =>
        createDelivery(tx, h.rt.queue, {
          tenantId: h.tenant.id,
          alertId: alert.id,
          channel: 'sms',
          recipient: agent.phone!,
          recipientKind: 'agent',
        }),
      );
      expect(
        await smsChannel.deliverAlert(h.rt, {
          tenant: h.tenant,
          view,
          recipient: agent.phone!,
          recipientKind: 'agent',
          idempotencyKey: `${alert.id}:sms:${agent.phone}`,
        }),
      ).toMatchObject({ status: 'sent' });
    }
    expect(h.sms[0]).toMatchObject({
      to: maria.phone,
      body: `Porchlight Hot lead #${alert.id}: Ana Lopez, +1******0123, score 93. lead became hot (score 93)\nReply 1 to claim, 2 to pass.`,
    });

    await h.text(maria.phone!, '1');
    await h.text(joe.phone!, '2');
    await h.drain('sms.inbound');
    const [claimed] = await h.rt.db.select().from(alerts);
    expect(claimed).toMatchObject({ status: 'claimed', assigneeId: maria.id });
    expect(
      h.sms
        .slice(2)
        .map((m) => [m.to, m.body])
        .sort(),
    ).toEqual([
      [maria.phone, `Alert #${alert.id} is yours.`],
      [joe.phone, `Passed on alert #${alert.id}.`],
    ]);
    expect((await h.rt.db.select().from(alertAssignments).where(eq(alertAssignments.kind, 'pass')))[0].agentId).toBe(
      joe.id,
    );

    // The agent's "1" is not a lead conversation: no lead was created for their number.
    const { leads } = await import('../../db/schema/index.ts');
    expect(await h.rt.db.select().from(leads)).toHaveLength(1);

    // Later Joe (who passed) cannot close it; Maria, who holds it, texts WON and the deal is closed.
    await h.text(joe.phone!, 'won');
    await h.text(maria.phone!, 'WON!');
    await h.drain('sms.inbound');
    const [won] = await h.rt.db.select().from(alerts);
    expect(won).toMatchObject({ status: 'won', assigneeId: maria.id });
    expect(
      h.sms
        .slice(4)
        .map((m) => [m.to, m.body])
        .sort(),
    ).toEqual([
      [maria.phone, `Congratulations! Alert #${alert.id} is marked won; GHL is updated.`],
      // Whichever text is handled first, Joe's answer says why he could not.
      [joe.phone, expect.stringMatching(/only the agent holding the alert or a manager|already won/)],
    ]);
  });
});
