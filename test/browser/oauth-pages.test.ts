import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, PHONE, serveOnLoopback, NO_CHROMIUM } from './browser.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { makeTenant } from '../helpers/factories.ts';
import { createApp } from '../../webhooks/app.ts';
import { secretKeys } from '../../core/config/load-env.ts';
import { issueGhlInstallState } from '../../core/ghl/install-link.ts';
import { signLeadListingToken } from '../../core/messaging/lead-listing-url.ts';
import { tenantLocations } from '../../db/schema/index.ts';

const FOREIGN_SECRET = 'someone-elses-secret-0123456789';

// Once per suite, not per database: skipped on the PostgreSQL pass (DATABASE_URL set) because the browser sees the
// same pages on either backend, and a browser per pass would double the slowest tests of .ci/run.
describe.skipIf(Boolean(process.env.DATABASE_URL) || NO_CHROMIUM)(
  'install result pages in a real browser (chromium, phone-sized)',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('a bad, foreign, expired or other-purpose state gets a readable refusal page, with or without JS', async () => {
      const clock = fixedClock('2026-06-10T16:00:00Z');
      const rt = await createTestRuntime({
        clock,
        env: {
          GHL_CLIENT_ID: 'ghl-client-id',
          GHL_CLIENT_SECRET: 'ghl-client-secret',
          SLACK_CLIENT_ID: '1111.2222',
          SLACK_CLIENT_SECRET: 'slack-client-secret',
          SLACK_SIGNING_SECRET: 'slack-signing-secret',
        },
      });
      const { tenant } = await makeTenant(rt);
      const server = await serveOnLoopback(createApp(rt).fetch);
      onTestFinished(() => server.close());
      const keys = secretKeys(rt.env);
      const now = clock.now();
      const expired = issueGhlInstallState(
        keys,
        { tenantId: tenant.id, nonce: 'n'.repeat(20) },
        new Date(now.getTime() - 16 * 60_000),
      );
      const leadLink = signLeadListingToken(
        keys,
        { tenantId: tenant.id, leadId: 'l1', listingKey: 'K1', via: 'sms' },
        now,
      );
      const ghl = (state: string) => `/oauth/ghl/callback?code=abc123&state=${encodeURIComponent(state)}`;
      const cases = [
        { path: ghl('not-a-state'), title: 'GHL was not connected', says: 'incomplete or was altered' },
        {
          path: ghl(issueGhlInstallState(FOREIGN_SECRET, { tenantId: tenant.id, nonce: 'n'.repeat(20) }, now)),
          title: 'GHL was not connected',
          says: 'was not issued by this Porchlight',
        },
        { path: ghl(expired), title: 'GHL was not connected', says: 'has expired' },
        { path: ghl(leadLink), title: 'GHL was not connected', says: 'not issued for a GHL install' },
        {
          path: `/slack/oauth_redirect?code=abc123&state=${encodeURIComponent(leadLink)}`,
          title: 'Slack was not connected',
          says: 'Start again from the install link',
        },
      ];

      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ ...PHONE, javaScriptEnabled });
        onTestFinished(() => context.close());
        const page: Page = await context.newPage();
        for (const { path, title, says } of cases) {
          const answer = await page.goto(`${server.origin}${path}`);
          expect(answer?.status(), path).toBe(400);
          expect(await page.getByRole('heading', { level: 1 }).textContent(), path).toContain(title);
          expect(await page.getByText(says).isVisible(), path).toBe(true);
          // Readable on a phone: no sideways scrolling (the box model is measured whatever the page's own scripts).
          const width = await page.locator('body').evaluate((b) => b.scrollWidth);
          expect(width, path).toBeLessThanOrEqual(390);
        }
      }
      // Nothing was linked by any of them.
      expect(await rt.db.select().from(tenantLocations)).toEqual([]);
    }, 60_000);
  },
);
