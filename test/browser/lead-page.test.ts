import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, PHONE, serveOnLoopback, NO_CHROMIUM, stubPhotos } from './browser.ts';
import { createLeadPageWorld, LEAD_PHONE, PHOTO_URL, type LeadPageWorld } from '../lead-page/lead-page-fixture.ts';
import { leadActivities } from '../../db/schema/index.ts';
import { getConsent } from '../../db/queries/consent.ts';

// Once per suite, not per database: skipped on the PostgreSQL pass (DATABASE_URL set) because the browser sees the
// same pages on either backend, and a browser per pass would double the slowest tests of .ci/run.
describe.skipIf(Boolean(process.env.DATABASE_URL) || NO_CHROMIUM)(
  'the lead listing page in a real browser (chromium, phone-sized)',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** The page the lead's text links to, opened in a fresh browser context on the real app's socket. */
    async function openFromText(options: { javaScriptEnabled: boolean }) {
      // The socket first: the app's links (the texted one, the unsubscribe link) point where it is served.
      let app: LeadPageWorld['app'] | undefined;
      const server = await serveOnLoopback((request) => app!.fetch(request));
      onTestFinished(() => server.close());
      const w = await createLeadPageWorld({ publicBaseUrl: server.origin });
      app = w.app;
      const link = await w.textListingToLead();
      expect(link.startsWith(`${server.origin}/l/`)).toBe(true);
      const path = new URL(link).pathname;
      const context = await browser.newContext({ ...PHONE, javaScriptEnabled: options.javaScriptEnabled });
      onTestFinished(() => context.close());
      const photos = await stubPhotos(context, ['photos.test']);
      const page = await context.newPage();
      const answer = await page.goto(`${server.origin}${path}`);
      expect(answer?.status()).toBe(200);
      return { w, path, context, page, photos };
    }

    const count = async (w: LeadPageWorld, kind: string) =>
      (
        await w.rt.db
          .select()
          .from(leadActivities)
          .where(and(eq(leadActivities.leadId, w.lead.id), eq(leadActivities.kind, kind)))
      ).length;

    const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

    it('shows photo, price and address on one phone screen; Save and "I\'d like to see it" are recorded', async () => {
      const { w, page, photos } = await openFromText({ javaScriptEnabled: true });
      const photo = page.getByRole('img', { name: 'Photo of 1204 Elm St' });
      await photo.waitFor();
      expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      expect(photos).toEqual([PHOTO_URL]);
      expect(await page.locator('.price').textContent()).toContain('$589,000');
      expect(await heading(page)).toBe('1204 Elm St');
      expect(await page.getByText('Austin, TX 78704').isVisible()).toBe(true);
      // Mobile-friendly: nothing wider than the phone, and both buttons on the first screen without scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      for (const name of ["I'd like to see it", 'Save']) {
        const box = await page.getByRole('button', { name }).boundingBox();
        expect(box && box.y + box.height, name).toBeLessThanOrEqual(844);
      }
      expect(await count(w, 'listing_view')).toBe(1);

      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'Saved' }).waitFor();
      expect(await page.getByText('1204 Elm St is saved.').isVisible()).toBe(true);
      expect(await count(w, 'listing_save')).toBe(1);

      await page.getByRole('link', { name: 'Back to the listing' }).click();
      await page.getByRole('button', { name: "I'd like to see it" }).click();
      await page.getByRole('heading', { name: 'Request sent' }).waitFor();
      expect(await count(w, 'showing_request')).toBe(1);
      // Coming back within the half hour is the same visit.
      expect(await count(w, 'listing_view')).toBe(1);
    }, 60_000);

    it('works with JavaScript off: both buttons, then "Stop texts" unsubscribes via the unsubscribe page', async () => {
      const { w, page } = await openFromText({ javaScriptEnabled: false });
      expect(await page.locator('.price').textContent()).toContain('$589,000');
      expect(await heading(page)).toBe('1204 Elm St');

      await page.getByRole('button', { name: "I'd like to see it" }).click();
      await page.getByRole('heading', { name: 'Request sent' }).waitFor();
      expect(await page.getByText('to set up a showing of 1204 Elm St').isVisible()).toBe(true);
      await page.getByRole('link', { name: 'Back to the listing' }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'Saved' }).waitFor();
      expect(await count(w, 'showing_request')).toBe(1);
      expect(await count(w, 'listing_save')).toBe(1);

      // Opening the unsubscribe page changes nothing (scanners open links); its button does.
      await page.getByRole('link', { name: 'Stop texts' }).click();
      expect(await heading(page)).toMatch(/^Unsubscribe \S+\?$/);
      expect(await getConsent(w.rt.db, w.tenant.id, 'sms', LEAD_PHONE)).toBeUndefined();
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page.getByRole('heading', { name: 'Done' }).waitFor();
      expect(await page.getByText('is unsubscribed').isVisible()).toBe(true);
      expect(await getConsent(w.rt.db, w.tenant.id, 'sms', LEAD_PHONE)).toMatchObject({
        status: 'opted_out',
        source: 'unsubscribe_link',
      });
    }, 60_000);
  },
);
