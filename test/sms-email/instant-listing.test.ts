import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { and, eq } from 'drizzle-orm';
import { leadActivities } from '../../db/schema/index.ts';
import smsSend from '../../jobs/handlers/sms-send.ts';
import { sendLeadDigests } from '../../jobs/shared/lead-digests.ts';
import { sendAlertToLead } from '../../db/use-cases/alerts/send-alert-to-lead.ts';
import { alertsFor } from '../listings-db/listings-fixture.ts';
import {
  ANA_EMAIL,
  ANA_PHONE,
  deliveryTo,
  home,
  instantRows,
  instantSearch,
  instantWorld,
  listHomes,
  listingLinks,
  type InstantWorld,
} from './instant-listing-fixture.ts';

const OAK = home('ATX-OAK', '12 Oak St', 450_000);

/** The page a link in a message opens, as the lead's phone would fetch it. */
async function openLink(w: InstantWorld, url: string) {
  const res = await w.h.app.request(new URL(url).pathname, { headers: { 'User-Agent': 'Mozilla/5.0 (iPhone)' } });
  return { status: res.status, html: await res.text() };
}

describe('homes on an instant search reach the lead on their own', () => {
  it('texts Ana a new match with her own listing link, once, and copies her agent in chat', async () => {
    const w = await instantWorld();
    await listHomes(w, [OAK]);

    expect(w.h.sms).toHaveLength(1);
    expect(w.h.sms[0].to).toBe(ANA_PHONE);
    expect(w.h.sms[0].body).toContain('12 Oak St');
    const [link] = listingLinks(w.h.sms[0].body);
    const page = await openLink(w, link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('12 Oak St');
    expect(w.h.emails).toHaveLength(0);
    expect(w.notes).toEqual(['Sent Ana 12 Oak St ($450k) by text (her instant search).']);
  });

  it('at 22:30 her time the text waits for her 08:00, then goes out', async () => {
    const evening = DateTime.fromISO('2026-06-10T22:30', { zone: 'America/Chicago' });
    const w = await instantWorld({ at: evening.toUTC().toISO()! });
    await listHomes(w, [OAK], { send: false });
    const run = (job: { id: string; data: unknown }) =>
      smsSend(job.data as never, {
        runtime: w.h.rt,
        job: { id: job.id, retryCount: 0, signal: new AbortController().signal },
      });
    const [queued] = await w.h.rt.queue.boss.findJobs('sms.send', {});
    await run(queued);
    expect(w.h.sms).toHaveLength(0);

    const morning = evening.plus({ days: 1 }).set({ hour: 8, minute: 0 }).toJSDate();
    const [text] = await deliveryTo(w, ANA_PHONE);
    expect(text).toMatchObject({ status: 'deferred', sendAfter: morning });
    const [job] = (await w.h.rt.queue.boss.findJobs('sms.send', {})).filter((j) => j.id !== queued.id);
    expect(job.startAfter).toEqual(morning);
    expect(job.data).toEqual({ tenantId: w.h.tenant.id, deliveryId: text.id });

    w.clock.set(morning);
    await run(job);
    expect(w.h.sms.map((s) => s.to)).toEqual([ANA_PHONE]);
    expect(w.h.sms[0].body).toContain('12 Oak St');
    expect(await deliveryTo(w, ANA_PHONE)).toEqual([expect.objectContaining({ status: 'sent', sentAt: morning })]);
  });

  it('after she texts STOP nothing is sent, and the attempt is on her timeline as suppressed', async () => {
    const w = await instantWorld({ email: null });
    await w.h.text(ANA_PHONE, 'STOP');
    await w.h.drain('sms.inbound');
    const before = w.h.sms.length;
    await listHomes(w, [OAK]);

    expect(w.h.sms).toHaveLength(before);
    expect(await deliveryTo(w, ANA_PHONE)).toEqual([expect.objectContaining({ status: 'suppressed' })]);
    const suppressed = await w.h.rt.db
      .select()
      .from(leadActivities)
      .where(and(eq(leadActivities.leadId, w.ana.id), eq(leadActivities.kind, 'message_suppressed')));
    expect(suppressed).toHaveLength(1);
  });

  it('past the daily cap the rest wait for her digest, which does not repeat the texted ones', async () => {
    const cap = 2;
    const w = await instantWorld({ settings: { matching: { instantPerDay: cap } } });
    const homes = [
      home('ATX-1', '1 Elm St', 410_000),
      home('ATX-2', '2 Elm St', 420_000),
      home('ATX-3', '3 Elm St', 430_000),
      home('ATX-4', '4 Elm St', 440_000),
    ];
    for (const h of homes) await listHomes(w, [h]);

    expect(w.h.sms).toHaveLength(cap);
    const address = (h: Record<string, unknown>) => h.UnparsedAddress as string;
    const texted = homes.filter((h) => w.h.sms.some((s) => s.body.includes(address(h))));
    expect(texted).toHaveLength(cap);
    const heldBack = homes.filter((h) => !texted.includes(h));

    await sendLeadDigests(w.h.rt, 'daily');
    await w.h.drain('sms.send');
    expect(w.h.emails).toHaveLength(1);
    const digest = w.h.emails[0].body;
    expect(digest.personalizations[0].to[0].email).toBe(ANA_EMAIL);
    const html = digest.content.find((c: { type: string }) => c.type === 'text/html').value as string;
    for (const h of heldBack) expect(html).toContain(address(h));
    for (const h of texted) expect(html).not.toContain(address(h));
    // The digest itself is an automated message: it still counts, so a fifth home today waits too.
    await listHomes(w, [home('ATX-5', '5 Elm St', 450_000)]);
    expect(w.h.sms).toHaveLength(cap);
  });

  it('one listing change reaches her once: a retried job or a second matching search sends nothing more', async () => {
    const w = await instantWorld();
    await instantSearch(w); // a second instant search that matches the same homes
    await listHomes(w, [OAK]);
    expect(w.h.sms).toHaveLength(1);

    const [job] = await w.h.rt.queue.boss.findJobs('lead.listing_send', {});
    await w.h.rt.queue.enqueue('lead.listing_send', job.data as never);
    await w.h.drain('lead.listing_send', 'sms.send', 'alert.deliver');
    expect(w.h.sms).toHaveLength(1);
    expect(w.notes).toHaveLength(1);
    expect(await instantRows(w)).toHaveLength(1);
  });

  it('a price drop on a home she matched is sent too, as its own change', async () => {
    const w = await instantWorld();
    await listHomes(w, [OAK]);
    await listHomes(w, [{ ...OAK, ListPrice: 399_000, ModificationTimestamp: '2026-06-10T16:00:00Z' }]);
    expect(w.h.sms).toHaveLength(2);
    expect(w.h.sms[1].body).toContain('$399,000');
  });

  it('a lead with only an email gets the home by email, with her link', async () => {
    const w = await instantWorld({ phone: null });
    await listHomes(w, [OAK]);

    expect(w.h.sms).toHaveLength(0);
    expect(w.h.emails).toHaveLength(1);
    const email = w.h.emails[0].body;
    expect(email.personalizations[0].to[0].email).toBe(ANA_EMAIL);
    const html = email.content.find((c: { type: string }) => c.type === 'text/html').value as string;
    expect(html).toContain('12 Oak St');
    const links = listingLinks(html);
    expect(links.length).toBeGreaterThan(0);
    expect((await openLink(w, links[0])).status).toBe(200);
    expect(w.notes).toEqual(['Sent Ana 12 Oak St ($450k) by email (her instant search).']);
  });

  it('with sms.approveDrafts nothing reaches her until her agent presses Send to lead', async () => {
    const w = await instantWorld({ settings: { sms: { approveDrafts: true } } });
    await listHomes(w, [OAK]);
    expect(w.h.sms).toHaveLength(0);
    const [alert] = await alertsFor(w.h.rt, w.h.tenant.id);
    expect(w.notes).toEqual([
      'Ready to send Ana 12 Oak St ($450k) by text, waiting for your approval. ' +
        `Approve with Send to lead on alert #${alert.id}.`,
    ]);

    const sent = await sendAlertToLead(w.h.rt, { tenantId: w.h.tenant.id, alertId: alert.id, actorId: w.agent.id });
    expect(sent).toMatchObject({ outcome: 'queued', channel: 'sms' });
    await w.h.drain('alert.deliver', 'sms.send');
    expect(w.h.sms.map((s) => s.to)).toEqual([ANA_PHONE]);
    expect(w.h.sms[0].body).toContain('12 Oak St');
    expect(await instantRows(w)).toEqual([expect.objectContaining({ outcome: 'sent' })]);
    // A second press finds it sent.
    expect(
      await sendAlertToLead(w.h.rt, { tenantId: w.h.tenant.id, alertId: alert.id, actorId: w.agent.id }),
    ).toMatchObject({ outcome: 'already_sent' });
  });
});
