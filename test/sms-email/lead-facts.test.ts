import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createHarness, nextSid, OPENAI_API, type Harness } from './harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { chatCompletion } from '../openai/chat-completion.ts';
import { createAgent } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { alerts, leads, savedSearches } from '../../db/schema/index.ts';
import { scoreLead } from '../../db/use-cases/leads/score-lead.ts';
import { sendLeadMessageNow } from '../../bots/lead-messages/send-lead-message-now.ts';
import { terminalState } from '../../bots/terminal/terminal-output.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';

const NOW = '2026-12-01T16:00:00Z';
const ANA = '+15125550142';
const ANA_TEXT = 'Yes! Can we see the Barton Springs one this Saturday? We are pre-approved.';
const CHAIN = ['sms.inbound', 'lead.facts', 'lead.score', 'alert.route', 'alert.deliver'] as const;

/** A team with Ana: a website lead from ten days ago, already scored, whose conversation Dev owns. */
async function withAna(options: { ai?: boolean; lead?: Partial<Parameters<typeof createLead>[1]> } = {}) {
  const h = await createHarness({
    clock: fixedClock(NOW),
    ...(options.ai ? { env: { OPENAI_API_KEY: 'sk-test-123', OPENAI_BASE_URL: OPENAI_API } } : {}),
    ...(options.ai ? { settings: { ai: { enabled: true } } } : {}),
  });
  const printed: string[] = [];
  terminalState(h.rt).write = (text) => void printed.push(text);
  const dev = await createAgent(h.rt.db, { tenantId: h.tenant.id, name: 'Dev Patel', email: 'dev@hill.test' });
  const ana = await createLead(h.rt.db, {
    tenantId: h.tenant.id,
    name: 'Ana Lopez',
    firstName: 'Ana',
    phone: ANA,
    source: 'website',
    assigneeId: dev.id,
    createdAt: new Date(Date.parse(NOW) - 10 * 86_400_000),
    ...options.lead,
  });
  await scoreLead(h.rt, { tenantId: h.tenant.id, leadId: ana.id });
  return { h, ana, printed };
}

async function leadJson(h: Harness, id: string) {
  const res = await h.app.request(`/api/v1/leads/${id}`, { headers: { authorization: `Bearer ${h.apiKey}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { score: number; temperature: string; reasons: Array<{ text: string }>; facts: any[] };
}

describe('what the lead says becomes facts (signed Twilio webhook → jobs)', () => {
  it('Ana’s text makes her pre-approved and asking for a showing: the score says so, the hot card agrees', async () => {
    const { h, ana, printed } = await withAna();
    const before = await leadJson(h, ana.id);
    expect(before.temperature).not.toBe('hot');
    expect(before.reasons.map((r) => r.text).join('\n')).toContain('no pre-approval');

    const sid = nextSid();
    expect((await h.text(ANA, ANA_TEXT, sid)).status).toBe(200);
    await h.drain(...CHAIN);

    const after = await leadJson(h, ana.id);
    expect(after.facts).toEqual([
      { kind: 'pre_approved', value: { approved: true }, source: sid, at: NOW.replace('Z', '.000Z') },
      {
        kind: 'showing_request',
        value: { place: 'Barton Springs', when: 'Saturday' },
        source: sid,
        at: NOW.replace('Z', '.000Z'),
      },
    ]);
    const why = after.reasons.map((r) => r.text).join('\n');
    expect(why).toMatch(/^pre-approved \+\d+$/m);
    expect(why).toMatch(/^asked for a showing \+\d+$/m);
    expect(why).not.toContain('no pre-approval');
    expect(after.temperature).toBe('hot');
    expect(after.score).toBeGreaterThanOrEqual(80);

    const [hot] = await h.rt.db.select().from(alerts).where(eq(alerts.kind, 'hot_lead'));
    expect(hot).toMatchObject({ leadId: ana.id, reason: 'hot lead: asked to see Barton Springs on Saturday' });
    const card = printed.find((p) => p.includes('Hot lead: Ana Lopez'));
    expect(card).toContain(`score ${after.score} (hot)`);
    expect(card).toContain('pre-approved');
    expect(card).not.toContain('raised as hot');
    expect(printed.join('\n')).not.toContain('no pre-approval');
  });

  it('when the model and her words disagree, the hot card says why in words', async () => {
    // A portal lead nobody has called in two months: the model still doubts her, her words do not.
    const { h, ana, printed } = await withAna({
      lead: {
        source: 'zillow',
        createdAt: new Date(Date.parse(NOW) - 90 * 86_400_000),
        lastHumanContactAt: new Date(Date.parse(NOW) - 60 * 86_400_000),
      },
    });
    await h.text(ANA, 'Can we see 12 Oak St on Saturday?');
    await h.drain(...CHAIN);
    const after = await leadJson(h, ana.id);
    expect(after.temperature).not.toBe('hot');
    const card = printed.find((p) => p.includes('Hot lead: Ana Lopez'));
    expect(card).toContain(
      `Score ${after.score} (${after.temperature}), raised as hot because Ana asked to see 12 Oak St on Saturday`,
    );
  });

  it('with AI enabled, the facts come from the model’s structured answer', async () => {
    const asked: string[] = [];
    server.use(
      http.post(`${OPENAI_API}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as { response_format: { json_schema: { name: string } } };
        asked.push(body.response_format.json_schema.name);
        return HttpResponse.json(
          chatCompletion(
            JSON.stringify({
              preApproved: true,
              lender: 'Chase',
              preApprovalAmount: 450000,
              timelineMonths: null,
              timelineSaid: null,
              budgetMax: 500000,
              areas: ['Round Rock', 'Georgetown'],
              bedsMin: 3,
              showingRequest: false,
              showingPlace: null,
              showingWhen: null,
              wantsPerson: false,
              notInterested: false,
              alreadyBought: false,
              wrongNumber: false,
            }),
          ),
        );
      }),
    );
    const { h, ana } = await withAna({ ai: true });
    const sid = nextSid();
    // Words the rules reader cannot take apart: the bank, the amount and the towns come from the model.
    await h.text(ANA, 'Chase said yes to 450, we want 3br in RR or G-town, 500 tops', sid);
    await h.drain(...CHAIN);

    expect(asked).toContain('lead_facts');
    const { facts } = await leadJson(h, ana.id);
    expect(facts.map((f) => [f.kind, f.value, f.source])).toEqual([
      ['pre_approved', { approved: true, amount: 450000 }, sid],
      ['lender', 'Chase', sid],
      ['budget_max', 500000, sid],
      ['areas', ['Round Rock', 'Georgetown'], sid],
      ['beds_min', 3, sid],
    ]);
    const [row] = await h.rt.db.select().from(leads).where(eq(leads.id, ana.id));
    expect(row).toMatchObject({ preApproved: true, budgetMax: 500000, beds: 3, areas: ['Round Rock', 'Georgetown'] });
    // `/lead` tells an agent what she said, where and when (1 Dec in Austin).
    const card = await handleTerminalLine(h.rt, '/lead Ana Lopez', 'dev@hill.test');
    expect(card).toContain('pre-approved (Chase, $450k) — said by text on Dec 1');
    expect(card).toContain('looking in Round Rock, Georgetown — said by text on Dec 1');
    expect(card).not.toContain('lender: Chase');
    const [search] = await h.rt.db.select().from(savedSearches).where(eq(savedSearches.leadId, ana.id));
    expect(search).toMatchObject({ origin: 'sms', maxPrice: 500000, minBeds: 3, cities: ['Round Rock', 'Georgetown'] });
  });

  it('after "wrong number" no automated text goes to her; after "not interested" only a person may write', async () => {
    const { h, ana } = await withAna();
    const listing = { channel: 'sms' as const, purpose: 'listing', automated: true, body: 'New listing for you' };
    await h.text(ANA, 'Sorry, you have the wrong number');
    await h.drain(...CHAIN);
    const sentBefore = h.sms.length;
    const blocked = await sendLeadMessageNow(h.rt, {
      tenantId: h.tenant.id,
      lead: ana,
      idempotencyKey: 'l-1',
      ...listing,
    });
    expect(blocked?.outcome).toMatchObject({ status: 'settled', result: { status: 'suppressed' } });
    expect(h.sms.slice(sentBefore).filter((m) => m.to === ANA)).toEqual([]);

    const { h: h2, ana: ana2 } = await withAna();
    await h2.text(ANA, 'Not interested anymore, thanks');
    await h2.drain(...CHAIN);
    const auto = await sendLeadMessageNow(h2.rt, {
      tenantId: h2.tenant.id,
      lead: ana2,
      idempotencyKey: 'l-2',
      ...listing,
    });
    expect(auto?.outcome).toMatchObject({ status: 'settled', result: { status: 'suppressed' } });
    const personal = { channel: 'sms' as const, purpose: 'agent', automated: false, body: 'Thanks Ana, noted!' };
    const typed = await sendLeadMessageNow(h2.rt, {
      tenantId: h2.tenant.id,
      lead: ana2,
      idempotencyKey: 'p-1',
      ...personal,
    });
    expect(typed?.outcome).toMatchObject({ status: 'settled', result: { status: 'sent' } });
    expect(h2.sms.filter((m) => m.to === ANA).map((m) => m.body)).toEqual(['Thanks Ana, noted!']);
  });
});
