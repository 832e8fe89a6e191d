import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { leadActivities, leads, opportunities, tenantLocations } from '../../db/schema/index.ts';
import { listInboundEvents } from '../../db/queries/inbound-events.ts';
import { isSendAllowed } from '../../db/queries/consent.ts';
import { createHarness, fixture, fixtureFiles, fixtureLocations, fixtureText, tenantOwning } from './harness.ts';

const DELETES = ['ContactDelete.json', 'OpportunityDelete.json', 'UNINSTALL.location.json', 'UNINSTALL.agency.json'];

describe('POST /webhooks/ghl with every documented example', () => {
  it.each(['ed25519', 'rsa-sha256'] as const)(
    'accepts every fixture signed with %s and turns it into leads, opportunities and activities',
    async (scheme) => {
      const h = await createHarness();
      const { tenant } = await tenantOwning(h.rt, fixtureLocations);
      const answers: Record<string, string> = {};
      // The DND update goes after the contact examples (which say `dnd: true` for every channel):
      // the doc examples carry no timestamps, so only delivery order can say which is newer.
      const post = async (file: string) => {
        const res = await h.post(fixtureText(file), { scheme });
        expect(res.status, file).toBe(200);
        answers[file] = ((await res.json()) as { status: string }).status;
      };
      for (const file of fixtureFiles.filter((f) => !DELETES.includes(f) && f !== 'ContactDndUpdate.json'))
        await post(file);
      await h.drain();
      await post('ContactDndUpdate.json');
      // The agency-level install names no location: nothing to do, stored as ignored.
      expect(answers['INSTALL.agency.json']).toBe('ignored');
      expect(
        Object.entries(answers)
          .filter(([f]) => f !== 'INSTALL.agency.json')
          .every(([, s]) => s === 'accepted'),
      ).toBe(true);
      await h.drain();
      expect(await listInboundEvents(h.rt.db, { status: 'failed' })).toEqual([]);

      const [john] = await h.rt.db
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenant.id), eq(leads.ghlContactId, 'nmFmQEsNgz6AVpgLVUJ0')));
      expect(john).toMatchObject({
        name: 'John Deo',
        phone: '+919509597501',
        email: 'johndeo@gmail.comm',
        postalCode: '452001',
        source: 'xyz form',
        deletedAt: null,
      });
      expect(john.tags).toEqual(['id magna sed Lorem', 'Duis dolor commodo aliqua']);
      // DND on e-mail (and FB/GMB/WhatsApp) but not SMS in the DND update: the consent ledger follows per channel.
      expect(await isSendAllowed(h.rt.db, tenant.id, 'email', 'JohnDeo@gmail.comm')).toBe(false);
      expect(await isSendAllowed(h.rt.db, tenant.id, 'sms', '+919509597501')).toBe(true);

      const [opp] = await h.rt.db
        .select()
        .from(opportunities)
        .where(eq(opportunities.ghlOpportunityId, 'wWhVuzqpRuOA1ZVWi4FC'));
      expect(opp).toMatchObject({
        tenantId: tenant.id,
        pipelineId: 'VDm7RPYC2GLUvdpKmBfC',
        monetaryValue: 40,
        status: 'open',
      });
      const [oppLead] = await h.rt.db.select().from(leads).where(eq(leads.id, opp.leadId!));
      expect(oppLead.ghlContactId).toBe('cJAWDskpkJHbRbhAT7bs');

      const smsLead = (await h.rt.db.select().from(leads).where(eq(leads.ghlContactId, 'cI08i1Bls3iTB9bKgFJh')))[0];
      const smsActivities = await h.rt.db.select().from(leadActivities).where(eq(leadActivities.leadId, smsLead.id));
      // The outbound SMS published with direction "inbound" (doc bug) is still recorded as outbound, by a person.
      expect(smsActivities.map((a) => [a.kind, a.channel, a.direction, a.human]).sort()).toEqual([
        ['message', 'sms', 'inbound', true],
        ['message', 'sms', 'outbound', true],
      ]);
      expect(smsLead.lastInboundAt?.toISOString()).toBe('2021-04-21T11:31:45.750Z');
      expect(smsLead.lastHumanContactAt?.toISOString()).toBe('2021-04-21T11:31:45.750Z');

      const kinds = (
        await h.rt.db
          .select({ kind: leadActivities.kind })
          .from(leadActivities)
          .where(eq(leadActivities.tenantId, tenant.id))
      ).map((r) => r.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['note', 'task', 'task_completed', 'appointment', 'call', 'voicemail', 'stage_change']),
      );
      const [install] = await h.rt.db
        .select()
        .from(tenantLocations)
        .where(eq(tenantLocations.locationId, 'otg8dTQqGLh3Q6iQI55w'));
      expect(install.installedAt).not.toBeNull();
      expect(await h.jobs('lead.score')).toBeGreaterThan(0);

      for (const file of DELETES) expect((await h.post(fixtureText(file), { scheme })).status).toBe(200);
      await h.drain();
      const [gone] = await h.rt.db.select().from(leads).where(eq(leads.id, john.id));
      expect(gone.deletedAt).not.toBeNull();
      const [oppGone] = await h.rt.db.select().from(opportunities).where(eq(opportunities.id, opp.id));
      expect(oppGone.deletedAt).not.toBeNull();
      const [uninstalled] = await h.rt.db
        .select()
        .from(tenantLocations)
        .where(eq(tenantLocations.locationId, 'otg8dTQqGLh3Q6iQI55w'));
      expect(uninstalled.uninstalledAt).not.toBeNull();
      // After the uninstall, events for that location are kept but not processed.
      const late = await h.post({
        ...fixture('NoteCreate.json'),
        locationId: 'otg8dTQqGLh3Q6iQI55w',
        webhookId: 'wh-after-uninstall',
      });
      expect(await late.json()).toMatchObject({
        status: 'quarantined',
        reason: expect.stringContaining('uninstalled'),
      });
    },
  );
});

describe('signature checks', () => {
  const body = fixtureText('ContactCreate.json');
  const cases: Array<[string, (h: Awaited<ReturnType<typeof createHarness>>) => Record<string, string>, string]> = [
    ['a tampered body', (h) => ({ 'x-ghl-signature': h.keys && signWith(h, body) }), 'does not match'],
    ['a signature from another key', () => ({ 'x-ghl-signature': otherKeySignature(body) }), 'does not match'],
    ['X-GHL-Signature: N/A and no legacy header', () => ({ 'x-ghl-signature': 'N/A' }), 'missing signature'],
    ['no signature header', () => ({}), 'missing signature'],
    [
      'a bad Ed25519 header next to a valid legacy one (no downgrade)',
      (h) => ({ 'x-ghl-signature': otherKeySignature(body), 'x-wh-signature': rsaSig(h, body) }),
      'X-GHL-Signature',
    ],
  ];
  it.each(cases)(
    'answers 401 to %s, keeps the request as rejected and processes nothing',
    async (_name, headers, reason) => {
      const h = await createHarness();
      await tenantOwning(h.rt, fixtureLocations);
      const sent = _name === 'a tampered body' ? body.replace('John Deo', 'Jane Doe') : body;
      const res = await h.app.request('/webhooks/ghl', {
        method: 'POST',
        body: sent,
        headers: { 'content-type': 'application/json', ...headers(h) },
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid_signature', message: expect.stringContaining(reason) },
      });
      const rejected = await listInboundEvents(h.rt.db, { status: 'rejected' });
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ verified: false, rawBody: sent });
      expect(await h.jobs()).toBe(0);
      expect(await h.rt.db.select().from(leads)).toEqual([]);
    },
  );

  it('accepts the legacy RSA header when X-GHL-Signature is N/A', async () => {
    const h = await createHarness();
    await tenantOwning(h.rt, fixtureLocations);
    const res = await h.app.request('/webhooks/ghl', {
      method: 'POST',
      body,
      headers: { 'x-ghl-signature': 'N/A', 'x-wh-signature': rsaSig(h, body) },
    });
    expect(await res.json()).toMatchObject({ status: 'accepted' });
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { signGhlEd25519, signGhlRsa } from '../helpers/ghl-signing.ts';
const stranger = generateKeyPairSync('ed25519');
function otherKeySignature(body: string) {
  return signGhlEd25519(body, stranger.privateKey);
}
function signWith(h: Awaited<ReturnType<typeof createHarness>>, body: string) {
  return signGhlEd25519(body, h.keys.ed25519.privateKey);
}
function rsaSig(h: Awaited<ReturnType<typeof createHarness>>, body: string) {
  return signGhlRsa(body, h.keys.rsa.privateKey);
}
