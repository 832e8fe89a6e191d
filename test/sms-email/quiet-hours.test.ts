import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createHarness, type Harness } from './harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { createLead } from '../../db/queries/leads.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { deliveries } from '../../db/schema/index.ts';
import { smsChannel } from '../../bots/sms/sms-channel.ts';
import smsSend from '../../jobs/handlers/sms-send.ts';

const LEAD = '+12125550199';

async function matchAlertAt(h: Harness) {
  // A Manhattan lead: America/New_York, no stricter state window, so the federal 8:00–21:00 applies.
  const lead = await createLead(h.rt.db, {
    tenantId: h.tenant.id,
    name: 'Sam Ortiz',
    phone: LEAD,
    postalCode: '10001',
  });
  const alert = (await insertAlert(h.rt.db, {
    tenantId: h.tenant.id,
    kind: 'listing_match',
    priority: 'normal',
    leadId: lead.id,
    listingKey: 'NY-1',
    dedupeKey: 'q1',
    reason: 'listing matches at 88',
    expiresAt: new Date('2030-01-01'),
  }))!;
  return smsChannel.deliverAlert(h.rt, {
    tenant: h.tenant,
    recipient: LEAD,
    recipientKind: 'lead',
    idempotencyKey: `${alert.id}:sms:${LEAD}`,
    view: {
      alertId: alert.id,
      kind: 'listing_match',
      priority: 'normal',
      status: 'open',
      reason: 'listing matches at 88',
      lead: { name: 'Sam Ortiz', score: 55, temperature: 'warm' },
      listing: { listingKey: 'NY-1', address: '410 W 24th St', price: 899000, beds: 2, baths: 1 },
    },
  });
}

describe('quiet hours for texts to leads', () => {
  for (const [label, matchAt, expected] of [
    ['the night before spring-forward (EST → EDT)', '2026-03-08T03:30:00Z', '2026-03-08T12:00:00.000Z'],
    ['the night before fall-back (EDT → EST)', '2026-11-01T02:30:00Z', '2026-11-01T13:00:00.000Z'],
  ] as const) {
    it(`a match at 22:30 lead time ${label} waits for 08:00 local the next morning`, async () => {
      const clock = fixedClock(matchAt);
      const h = await createHarness({ clock });
      const result = await matchAlertAt(h);
      expect(result).toEqual({ status: 'deferred', until: new Date(expected) });
      expect(h.sms).toHaveLength(0);

      const [row] = await h.rt.db.select().from(deliveries).where(eq(deliveries.recipient, LEAD));
      expect(row.status).toBe('deferred');
      expect(row.sendAfter?.toISOString()).toBe(expected);
      const [job] = await h.rt.queue.boss.findJobs('sms.send', {});
      expect(job.startAfter.toISOString()).toBe(expected);
      expect(job.data).toEqual({ tenantId: h.tenant.id, deliveryId: row.id });

      // The job fires at 07:59 by some clock skew: still too early, so it defers again instead of sending.
      clock.set(new Date(new Date(expected).getTime() - 60_000));
      await smsSend(job.data as never, {
        runtime: h.rt,
        job: { id: job.id, retryCount: 0, signal: new AbortController().signal },
      });
      expect(h.sms).toHaveLength(0);

      clock.set(expected);
      const [, again] = await h.rt.queue.boss.findJobs('sms.send', {});
      await smsSend(again.data as never, {
        runtime: h.rt,
        job: { id: again.id, retryCount: 0, signal: new AbortController().signal },
      });
      expect(h.sms).toHaveLength(1);
      expect(h.sms[0].to).toBe(LEAD);
      expect(h.sms[0].body).toContain('410 W 24th St, $899,000, 2 bd/1 ba');
      const [sent] = await h.rt.db.select().from(deliveries).where(eq(deliveries.recipient, LEAD));
      expect(sent).toMatchObject({ status: 'sent', sentAt: new Date(expected) });
    });
  }

  it('a STOP that arrives overnight wins over the deferred text', async () => {
    const clock = fixedClock('2026-03-08T03:30:00Z');
    const h = await createHarness({ clock });
    await matchAlertAt(h);
    await h.text(LEAD, 'STOP');
    clock.set('2026-03-08T12:00:00Z');
    const [job] = await h.rt.queue.boss.findJobs('sms.send', {});
    await smsSend(job.data as never, {
      runtime: h.rt,
      job: { id: job.id, retryCount: 0, signal: new AbortController().signal },
    });
    expect(h.sms).toHaveLength(0);
    expect((await h.rt.db.select().from(deliveries))[0].status).toBe('suppressed');
  });
});
