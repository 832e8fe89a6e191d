import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { createHarness, type Harness } from './harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { createLead } from '../../db/queries/leads.ts';
import { listings, matches, savedSearches, tenants } from '../../db/schema/index.ts';

const QUARTER_HOUR = 15 * 60_000;
const LEAD_ZONE = 'America/Chicago';

/** A new home matched to her daily search, stamped with the test clock's now. */
async function newMatch(h: Harness, leadId: string, searchId: string, key: string, at: Date) {
  await h.rt.db.insert(listings).values({
    tenantId: h.tenant.id,
    listingKey: key,
    standardStatus: 'Active',
    listPrice: 420000,
    bedroomsTotal: 3,
    bathroomsTotalInteger: 2,
    city: 'Chicago',
    postalCode: '60614',
    data: { UnparsedAddress: `${key} Clark St` },
  });
  await h.rt.db.insert(matches).values({
    tenantId: h.tenant.id,
    savedSearchId: searchId,
    leadId,
    listingKey: key,
    triggerKey: `change-${key}`,
    score: 85,
    breakdown: [{ factor: 'price', score: 1, weight: 0.4, text: 'Under your $450,000 budget' }],
    createdAt: at,
  });
}

/**
 * Runs `digest.send` as the schedule does, every quarter hour from `from` up to `to` (a whole UTC day by
 * default), and returns the clock time of each SendGrid request its deliveries made.
 */
async function runDay(
  h: Harness,
  clock: ReturnType<typeof fixedClock>,
  day: string,
  hours: { from?: string; to?: string } = {},
): Promise<Date[]> {
  const sentAt: Date[] = [];
  const start = new Date(`${day}T${hours.from ?? '00:00'}:00Z`).getTime();
  const end = hours.to ? new Date(`${day}T${hours.to}:00Z`).getTime() : start + 96 * QUARTER_HOUR;
  for (let t = start; t < end; t += QUARTER_HOUR) {
    clock.set(new Date(t));
    const before = h.emails.length;
    await h.rt.queue.enqueue('digest.send', { frequency: 'daily' });
    await h.drain('digest.send', 'sms.send');
    for (let i = before; i < h.emails.length; i++) sentAt.push(new Date(t));
  }
  return sentAt;
}

describe('lead digests at the lead’s local morning', () => {
  it('reach a Chicago lead at her 08:00 the week before and after the November DST change, once a day', async () => {
    const clock = fixedClock('2026-10-26T00:00:00Z');
    const h = await createHarness({ clock });
    // The team sits in New York: an 08:00 by the team's clock would be an hour early for her.
    await h.rt.db.update(tenants).set({ timezone: 'America/New_York' }).where(eq(tenants.id, h.tenant.id));
    // A 312 number and no address: her zone comes from the area code.
    const lead = await createLead(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Dana Kowalski',
      firstName: 'Dana',
      email: 'dana.k@example.com',
      phone: '+13125550142',
    });
    const [search] = await h.rt.db
      .insert(savedSearches)
      .values({ tenantId: h.tenant.id, leadId: lead.id, maxPrice: 450000, frequency: 'daily' })
      .returning();

    const days = ['2026-10-27', '2026-11-03'];
    const sends: Date[][] = [];
    for (const [i, day] of days.entries()) {
      // Matches arrive overnight, before her morning and after it; each is carried by one digest.
      await newMatch(h, lead.id, search.id, `CHI-${i}-a`, new Date(`${day}T05:00:00Z`));
      sends.push(await runDay(h, clock, day));
    }

    for (const [i, sent] of sends.entries()) {
      expect(sent, days[i]).toHaveLength(1);
      const local = DateTime.fromJSDate(sent[0], { zone: LEAD_ZONE });
      expect(local.toISODate()).toBe(days[i]);
      expect(local.toFormat('HH:mm')).toBe('08:00');
    }
    // Her 08:00 is 13:00 UTC under daylight time and 14:00 UTC after the change.
    expect(sends.map((s) => s[0].getUTCHours())).toEqual(
      days.map((d) => DateTime.fromISO(`${d}T08:00`, { zone: LEAD_ZONE }).toUTC().hour),
    );
    expect(new Set(sends.map((s) => s[0].getUTCHours())).size).toBe(2);
    expect(h.emails.map((e) => e.body.personalizations[0].to[0].email)).toEqual([
      'dana.k@example.com',
      'dana.k@example.com',
    ]);
  }, 180_000);

  it('a match that arrives after her morning digest waits for the next morning', async () => {
    const clock = fixedClock('2026-06-09T00:00:00Z');
    const h = await createHarness({ clock });
    const lead = await createLead(h.rt.db, {
      tenantId: h.tenant.id,
      name: 'Dana Kowalski',
      email: 'dana.k@example.com',
      phone: '+13125550142',
    });
    const [search] = await h.rt.db
      .insert(savedSearches)
      .values({ tenantId: h.tenant.id, leadId: lead.id, maxPrice: 450000, frequency: 'daily' })
      .returning();
    await newMatch(h, lead.id, search.id, 'CHI-early', new Date('2026-06-09T05:00:00Z'));
    // Up to 13:30 UTC (08:30 in Chicago): her digest goes at 08:00; a match at 08:40 must not make a second.
    expect(await runDay(h, clock, '2026-06-09', { to: '13:30' })).toHaveLength(1);
    clock.set('2026-06-09T13:40:00Z');
    await newMatch(h, lead.id, search.id, 'CHI-late', clock.now());
    expect(await runDay(h, clock, '2026-06-09', { from: '13:45', to: '23:59' })).toEqual([]);
    const nextDay = await runDay(h, clock, '2026-06-10');
    expect(nextDay).toHaveLength(1);
    expect(h.emails[1].body.content.find((c: { type: string }) => c.type === 'text/plain').value).toContain(
      'CHI-late Clark St',
    );
  }, 180_000);
});
