import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { leadListingUrl, readLeadListingToken, signLeadListingToken } from '../../core/messaging/lead-listing-url.ts';
import { isAutomatedFetch } from '../../core/messaging/automated-fetch.ts';
import { loadEnv } from '../../core/config/load-env.ts';

const NOW = new Date('2026-06-10T16:00:00Z');
const OLD_SECRET = 'old-secret-old-secret-0123456789';
const NEW_SECRET = 'new-secret-new-secret-0123456789';
const env = loadEnv({ PUBLIC_BASE_URL: 'https://homes.example.com/', APP_SECRET: NEW_SECRET });
const tenant = { settings: {} };

describe('lead listing links', () => {
  it('a texted link stays short, names its lead and listing, and opens years later', () => {
    const link = { tenantId: randomUUID(), leadId: randomUUID(), listingKey: 'ATX-1204', via: 'sms' as const };
    const url = leadListingUrl({ env, tenant, now: NOW }, link);
    expect(url).toMatch(/^https:\/\/homes\.example\.com\/l\/[\w-]+\.[\w-]+$/);
    // Every character of a text costs: the two UUIDs travel as 22 characters each instead of 36.
    expect(url.length).toBeLessThan(220);
    const token = url.split('/l/')[1];
    expect(readLeadListingToken([NEW_SECRET], token, new Date('2031-01-01T00:00:00Z'))).toEqual(link);
  });

  it('ids that are not UUIDs and email links round-trip too', () => {
    const link = { tenantId: 'team-7', leadId: 'lead 42', listingKey: 'MLS#99/1', via: 'email' as const };
    expect(readLeadListingToken(OLD_SECRET, signLeadListingToken(OLD_SECRET, link, NOW), NOW)).toEqual(link);
  });

  it('a link signed before a secret rotation still opens (APP_SECRETS: the new one first)', () => {
    const link = { tenantId: randomUUID(), leadId: randomUUID(), listingKey: 'ATX-1', via: 'sms' as const };
    const token = signLeadListingToken(OLD_SECRET, link, NOW);
    expect(readLeadListingToken([NEW_SECRET], token, NOW)).toBeNull();
    expect(readLeadListingToken([NEW_SECRET, OLD_SECRET], token, NOW)).toEqual(link);
  });

  it("the team's MLS/IDX template wins, with the key encoded, and needs no secret", () => {
    const noSecret = loadEnv({ PUBLIC_BASE_URL: 'https://homes.example.com' });
    const idx = { settings: { listingUrlTemplate: 'https://idx.example.com/{listingKey}?again={listingKey}' } };
    const link = { tenantId: 't', leadId: 'l', listingKey: 'A B/1', via: 'sms' as const };
    expect(leadListingUrl({ env: noSecret, tenant: idx, now: NOW }, link)).toBe(
      'https://idx.example.com/A%20B%2F1?again=A%20B%2F1',
    );
    expect(() => leadListingUrl({ env: noSecret, tenant, now: NOW }, link)).toThrow(/APP_SECRET is required/);
  });

  it('link previewers and mail scanners are told apart from phones and desktop browsers', () => {
    for (const robot of [
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'WhatsApp/2.23.20.0 A',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 ' +
        'Safari/537.36 Google-Safety',
      'TelegramBot (like TwitterBot)',
    ])
      expect(isAutomatedFetch(robot), robot).toBe(true);
    for (const person of [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
        'Version/17.5 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
        'Chrome/124.0 Mobile Safari/537.36',
      undefined,
    ])
      expect(isAutomatedFetch(person), person).toBe(false);
  });
});
