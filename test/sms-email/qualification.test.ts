import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';
import { createHarness, OPENAI_API, type Harness } from './harness.ts';
import { fixedClock } from '../helpers/runtime.ts';
import { alerts, leadActivities, leads, savedSearches } from '../../db/schema/index.ts';

const LEAD = '+15125550177';

/** Texts one message, runs the worker for it, and returns what the lead got back. */
async function say(h: Harness, body: string): Promise<string | undefined> {
  const before = h.sms.length;
  await h.text(LEAD, body);
  await h.drain('sms.inbound');
  return (
    h.sms
      .slice(before)
      .map((m) => m.body)
      .join(' | ') || undefined
  );
}

async function expectQualified(h: Harness, search: Record<string, unknown>) {
  const [lead] = await h.rt.db.select().from(leads).where(eq(leads.phone, LEAD));
  expect(lead).toMatchObject({ source: 'sms', preApproved: true });
  const [saved] = await h.rt.db.select().from(savedSearches).where(eq(savedSearches.leadId, lead.id));
  expect(saved).toMatchObject({ origin: 'sms', active: true, ...search });
  const matchJobs = await h.rt.queue.boss.findJobs('listing.match', {});
  expect(matchJobs.at(-1)?.data).toEqual({ direction: 'search', tenantId: h.tenant.id, savedSearchId: saved.id });
  const hot = await h.rt.db.select().from(alerts).where(eq(alerts.kind, 'hot_lead'));
  expect(hot).toHaveLength(1);
  expect(hot[0]).toMatchObject({
    leadId: lead.id,
    status: 'open',
    details: { handoff: 'pre_approved', via: 'sms_assistant' },
  });
  expect(await h.rt.queue.boss.findJobs('alert.route', {})).toHaveLength(1);
  const inbound = await h.rt.db.select().from(leadActivities).where(eq(leadActivities.direction, 'inbound'));
  expect(inbound).toHaveLength(4);
  // Four texts, four readings waiting: each text is read for facts (lead.facts), and re-scores the lead after.
  expect(await h.rt.queue.boss.findJobs('lead.facts', {})).toHaveLength(4);
  return lead;
}

describe('SMS qualification assistant', () => {
  it('deterministic: a new lead texts, answers three questions, gets a saved search and a hot-lead alert', async () => {
    // 23:10 in Austin: replies to the lead's own texts are conversation, not quiet-hours solicitation.
    const h = await createHarness({ clock: fixedClock('2026-06-11T04:10:00Z') });
    expect(await say(h, 'Hi, saw your sign. Looking to buy a house')).toBe(
      'Thanks for texting Hill Country Homes! What price range are you shopping in? Reply STOP to opt out.',
    );
    expect(await say(h, 'around 450k')).toBe('Got it. Which cities, neighborhoods or ZIP codes are you looking in?');
    expect(await say(h, 'Austin or 78704')).toBe(
      'Got it. Are you pre-approved for a mortgage yet (or buying with cash)?',
    );
    expect(await say(h, 'yes')).toBe(
      "That's great news! I'm connecting you with an agent who'll reach out shortly with homes that fit.",
    );
    const lead = await expectQualified(h, { maxPrice: 450000, cities: ['Austin'], postalCodes: ['78704'] });
    expect(lead).toMatchObject({ budgetMax: 450000, areas: ['Austin', '78704'] });
    // Handed off: the assistant stops and the agent hears about the next reply instead.
    expect(await say(h, 'Thanks! Saturday works')).toBeUndefined();
    expect(await h.rt.db.select().from(alerts).where(eq(alerts.kind, 'lead_reply'))).toHaveLength(1);
  });

  it('with msw standing in for OpenAI: answers the rules cannot read still qualify the lead', async () => {
    const asked: string[] = [];
    const read: Record<string, { criteria: Record<string, unknown>; intent: string }> = {
      'we could go up to about four fifty': { criteria: { maxPrice: 450000 }, intent: 'unknown' },
      'somewhere south of the river in austin': { criteria: { cities: ['Austin'] }, intent: 'unknown' },
      'the bank already gave us the letter': { criteria: { preApproved: true }, intent: 'pre_approved' },
    };
    server.use(
      http.post(`${OPENAI_API}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as {
          response_format: { json_schema: { name: string } };
          messages: Array<{ role: string; content: string }>;
        };
        const text = body.messages.at(-1)!.content;
        asked.push(text);
        const known = read[text] ?? { criteria: {}, intent: 'unknown' };
        const content =
          body.response_format.json_schema.name === 'lead_intent'
            ? { intent: known.intent, confidence: 0.9 }
            : {
                minPrice: null,
                maxPrice: null,
                minBeds: null,
                minBaths: null,
                cities: [],
                postalCodes: [],
                propertyTypes: [],
                propertySubTypes: [],
                keywords: [],
                timelineMonths: null,
                preApproved: null,
                ...known.criteria,
              };
        return HttpResponse.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1781150000,
          model: 'gpt-4o-mini',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: JSON.stringify(content), refusal: null },
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        });
      }),
    );
    const h = await createHarness({
      clock: fixedClock('2026-06-10T17:00:00Z'),
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: OPENAI_API },
      settings: { ai: { enabled: true } },
    });
    expect(await say(h, 'hi there')).toBe(
      'Thanks for texting Hill Country Homes! What price range are you shopping in? Reply STOP to opt out.',
    );
    expect(await say(h, 'we could go up to about four fifty')).toBe(
      'Got it. Which cities, neighborhoods or ZIP codes are you looking in?',
    );
    expect(await say(h, 'somewhere south of the river in austin')).toBe(
      'Got it. Are you pre-approved for a mortgage yet (or buying with cash)?',
    );
    expect(await say(h, 'the bank already gave us the letter')).toBe(
      "That's great news! I'm connecting you with an agent who'll reach out shortly with homes that fit.",
    );
    await expectQualified(h, { maxPrice: 450000, cities: ['Austin'] });
    expect(asked).toHaveLength(8);
  });

  it('with approveDrafts, an AI-shaped reply waits for an agent instead of being sent', async () => {
    server.use(
      http.post(`${OPENAI_API}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as { response_format: { json_schema: { name: string } } };
        const content =
          body.response_format.json_schema.name === 'lead_intent'
            ? { intent: 'unknown', confidence: 0.2 }
            : {
                minPrice: null,
                maxPrice: 600000,
                minBeds: null,
                minBaths: null,
                cities: [],
                postalCodes: [],
                propertyTypes: [],
                propertySubTypes: [],
                keywords: [],
                timelineMonths: null,
                preApproved: null,
              };
        return HttpResponse.json({
          id: 'c',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: JSON.stringify(content), refusal: null },
            },
          ],
        });
      }),
    );
    const h = await createHarness({
      clock: fixedClock('2026-06-10T17:00:00Z'),
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: OPENAI_API },
      settings: { ai: { enabled: true }, sms: { approveDrafts: true } },
    });
    expect(await say(h, 'up to six hundred')).toBeUndefined();
    const [alert] = await h.rt.db.select().from(alerts).where(eq(alerts.kind, 'lead_reply'));
    expect(alert.details).toMatchObject({
      needsApproval: true,
      draft: 'Thanks for texting Hill Country Homes! Which cities, neighborhoods or ZIP codes are you looking in?',
    });
  });
});
