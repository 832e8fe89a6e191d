import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signState, verifyState } from '../../core/crypto/signed-state.ts';
import { readGhlInstallState } from '../../core/ghl/install-link.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { fixedClock, TEST_ENV } from '../helpers/runtime.ts';
import { createInstallHarness } from './install-harness.ts';

const root = join(import.meta.dirname, '..', '..');
const SECRET = TEST_ENV.APP_SECRET;

/** What Porchlight calls in GHL and the events it reads, as GHL names the scopes (core/ghl/install-scopes.ts). */
const EXPECTED_SCOPES = [
  'contacts.readonly',
  'contacts.write',
  'conversations.readonly',
  'conversations/message.readonly',
  'conversations/message.write',
  'opportunities.readonly',
  'opportunities.write',
  'calendars/events.readonly',
  'locations.readonly',
  'users.readonly',
];

describe('porchlight connect ghl', () => {
  it('prints the chooselocation URL with our client id, redirect URL, scopes and a state naming the team', async () => {
    const clock = fixedClock('2026-03-10T15:00:00Z');
    const h = await createInstallHarness({ clock });
    const { tenant } = await createTenant(h.rt.db, { name: 'Lone Star Homes' });

    const printed = JSON.parse(await h.connect(tenant.id, '--json'));
    expect(printed).toMatchObject({
      tenantId: tenant.id,
      redirectUri: 'https://porchlight.test/oauth/ghl/callback',
      scopes: EXPECTED_SCOPES,
      expiresAt: '2026-03-10T15:15:00.000Z',
    });
    const url = new URL(printed.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://marketplace.gohighlevel.com/v2/oauth/chooselocation');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'porchlight-client-id',
      redirect_uri: 'https://porchlight.test/oauth/ghl/callback',
      scope: EXPECTED_SCOPES.join(' '),
      state: expect.any(String),
    });
    // Spaces travel as %20 as in GHL's docs, not as the form-only "+".
    expect(printed.url).toContain('scope=contacts.readonly%20contacts.write%20');
    const state = readGhlInstallState(SECRET, url.searchParams.get('state')!, clock.now());
    expect(state).toMatchObject({ ok: true, tenantId: tenant.id, expiresAt: new Date('2026-03-10T15:15:00Z') });

    const human = await h.connect(tenant.id);
    expect(human).toContain('Install link for Lone Star Homes');
    expect(human).toMatch(/https:\/\/marketplace\.gohighlevel\.com\/v2\/oauth\/chooselocation\?response_type=code&/);
    expect(human).toContain('https://porchlight.test/oauth/ghl/callback');
  });

  it('uses GHL_OAUTH_URL (a white-label chooser) and keeps its own query', async () => {
    const h = await createInstallHarness({
      env: { GHL_OAUTH_URL: 'https://marketplace.leadconnectorhq.com/oauth/chooselocation?loc=en' },
    });
    const { tenant } = await createTenant(h.rt.db, { name: 'Lone Star Homes' });
    const url = new URL(JSON.parse(await h.connect(tenant.id, '--json')).url);
    expect(url.host).toBe('marketplace.leadconnectorhq.com');
    expect(url.searchParams.get('loc')).toBe('en');
    expect(url.searchParams.get('client_id')).toBe('porchlight-client-id');
  });

  it('refuses an unknown team', async () => {
    const h = await createInstallHarness();
    await expect(h.connect('no-such-team')).rejects.toMatchObject({
      code: 'not_found',
      message: 'No tenant no-such-team (see porchlight tenant list)',
    });
  });

  it('without --tenant it is bad usage (commander error: the CLI exits 2)', async () => {
    const h = await createInstallHarness();
    await expect(h.connect(undefined)).rejects.toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
  });

  // Starts a real CLI process: run once per suite, not again for the PostgreSQL pass (no database is touched).
  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'without GHL_CLIENT_ID/SECRET it says what to set on one stderr line and exits 1',
    () => {
      const cwd = mkdtempSync(join(tmpdir(), 'porchlight-connect-'));
      const result = spawnSync(
        process.execPath,
        [join(root, 'bin/porchlight.js'), 'connect', 'ghl', '--tenant', 't1'],
        {
          cwd,
          env: { PATH: process.env.PATH, APP_SECRET: SECRET, PGLITE_DIR: join(cwd, 'pglite') },
          encoding: 'utf8',
          timeout: 50_000,
        },
      );
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        'porchlight: Set GHL_CLIENT_ID and GHL_CLIENT_SECRET first (your GHL Marketplace app → Advanced Settings → ' +
          'Auth); see docs/setup-ghl.md',
      ]);
    },
    60_000,
  );
});

describe('signed state', () => {
  const now = new Date('2026-03-10T15:00:00Z');
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('verifies what it signed, within its age, and refuses a changed byte, another secret or an old token', () => {
    const token = signState(SECRET, { purpose: 'ghl-install', tenantId: 't1', nonce: 'n'.repeat(20) }, now);
    expect(verifyState(SECRET, token, later(14), 900)).toMatchObject({
      ok: true,
      payload: { purpose: 'ghl-install', tenantId: 't1' },
      issuedAt: now,
    });
    expect(verifyState(SECRET, token, later(16), 900)).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyState('another-secret-0123456789', token, now, 900)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    const [body, sig] = token.split('.');
    const forgedBody = Buffer.from(Buffer.from(body, 'base64url').toString().replace('"t1"', '"t2"')).toString(
      'base64url',
    );
    expect(verifyState(SECRET, `${forgedBody}.${sig}`, now, 900)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyState(SECRET, `${body}.`, now, 900)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyState(SECRET, 'garbage', now, 900)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('signs with the first secret of a rotation list and verifies with any', () => {
    const old = signState('old-secret-0123456789', { a: 1 }, now);
    const rotated = ['new-secret-0123456789', 'old-secret-0123456789'];
    expect(verifyState(rotated, old, now, 60)).toMatchObject({ ok: true, payload: { a: 1 } });
    expect(verifyState('new-secret-0123456789', signState(rotated, { a: 1 }, now), now, 60).ok).toBe(true);
  });

  it('a token signed for another purpose is not an install state', () => {
    const other = signState(SECRET, { purpose: 'lead-page', tenantId: 't1', nonce: 'n'.repeat(20) }, now);
    expect(readGhlInstallState(SECRET, other, now)).toMatchObject({ ok: false, reason: 'wrong_purpose' });
  });
});
