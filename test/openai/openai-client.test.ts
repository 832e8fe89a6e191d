import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { OpenAiClient } from '../../integrations/openai/openai-client.ts';
import { loadPrompt } from '../../integrations/openai/load-prompt.ts';
import { server } from '../msw/server.ts';
import { chatCompletion } from './chat-completion.ts';

const BASE = 'https://openai.test/v1';
const URL = `${BASE}/chat/completions`;
const client = (over: Partial<ConstructorParameters<typeof OpenAiClient>[0]> = {}) =>
  new OpenAiClient({
    enabled: true,
    apiKey: 'sk-test-123',
    baseURL: BASE,
    model: 'gpt-4o-mini',
    timeoutMs: 2_000,
    ...over,
  });

/** Answers every chat completion with `reply` and keeps what was sent. */
function provider(reply: () => Response | Promise<Response>) {
  const seen: Array<{ body: any; auth: string | null }> = [];
  server.use(
    http.post(URL, async ({ request }) => {
      seen.push({ body: await request.json(), auth: request.headers.get('authorization') });
      return reply();
    }),
  );
  return seen;
}

const SMS =
  'Hi! We want a 3 bed 2 bath in Austin or 78745 under $550k, ideally a pool. Pre-approved, moving in 3 months.';

describe('extractCriteria', () => {
  it('uses the model\u2019s structured output, sent with the prompt file and a strict JSON schema', async () => {
    const seen = provider(() =>
      HttpResponse.json(
        chatCompletion(
          JSON.stringify({
            minPrice: null,
            maxPrice: 550000,
            minBeds: 3,
            minBaths: 2,
            cities: ['Austin'],
            postalCodes: ['78745'],
            propertyTypes: ['Residential'],
            propertySubTypes: ['SingleFamilyResidence'],
            keywords: ['pool'],
            timelineMonths: 3,
            preApproved: true,
          }),
        ),
      ),
    );
    const result = await client().extractCriteria(SMS);
    expect(result).toEqual({
      source: 'ai',
      value: {
        maxPrice: 550000,
        minBeds: 3,
        minBaths: 2,
        cities: ['Austin'],
        postalCodes: ['78745'],
        propertyTypes: ['Residential'],
        propertySubTypes: ['SingleFamilyResidence'],
        keywords: ['pool'],
        timelineMonths: 3,
        preApproved: true,
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].auth).toBe('Bearer sk-test-123');
    expect(seen[0].body.model).toBe('gpt-4o-mini');
    expect(seen[0].body.messages).toEqual([
      { role: 'system', content: loadPrompt('extract-criteria') },
      { role: 'user', content: SMS },
    ]);
    expect(seen[0].body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'extracted_criteria', strict: true },
    });
    expect(seen[0].body.response_format.json_schema.schema.required).toContain('postalCodes');
  });

  it('rejects output that breaks our rules (bad ZIP, min above max) and falls back to the rules reader', async () => {
    provider(() =>
      HttpResponse.json(
        chatCompletion(
          JSON.stringify({
            minPrice: 900000,
            maxPrice: 550000,
            minBeds: 3,
            minBaths: null,
            cities: [],
            postalCodes: ['Austin TX'],
            propertyTypes: [],
            propertySubTypes: [],
            keywords: [],
            timelineMonths: null,
            preApproved: null,
          }),
        ),
      ),
    );
    const result = await client().extractCriteria(SMS);
    expect(result.source).toBe('fallback');
    expect(result.error).toBe('invalid_output');
    expect(result.value).toMatchObject({
      maxPrice: 550000,
      minBeds: 3,
      minBaths: 2,
      postalCodes: ['78745'],
      preApproved: true,
      timelineMonths: 3,
    });
  });

  it('rejects output that is not even the requested shape', async () => {
    provider(() => HttpResponse.json(chatCompletion('{"price":"cheap"')));
    const result = await client().extractCriteria('3 bed under 400k');
    expect(result).toMatchObject({
      source: 'fallback',
      error: 'invalid_output',
      value: { maxPrice: 400000, minBeds: 3 },
    });
  });

  it('falls back when the model refuses', async () => {
    provider(() => HttpResponse.json(chatCompletion(null, { refusal: "I'm sorry, I can't help with that." })));
    expect(await client().extractCriteria('3 bed under 400k')).toMatchObject({ source: 'fallback', error: 'refused' });
  });
});

describe('extractIntent', () => {
  it('returns the model\u2019s intent when it is well formed', async () => {
    provider(() => HttpResponse.json(chatCompletion('{"intent":"wants_showing","confidence":0.93}')));
    expect(await client().extractIntent('Could we swing by Saturday?')).toEqual({
      source: 'ai',
      value: { intent: 'wants_showing', confidence: 0.93 },
    });
  });

  it('rejects an intent outside the list and uses the keyword rules', async () => {
    provider(() => HttpResponse.json(chatCompletion('{"intent":"wants_pizza","confidence":2}')));
    expect(await client().extractIntent('can we see it tomorrow?')).toMatchObject({
      source: 'fallback',
      error: 'invalid_output',
      value: { intent: 'wants_showing' },
    });
  });

  it('gives up at the timeout and answers from the rules instead of waiting', async () => {
    provider(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const result = await client({ timeoutMs: 150 }).extractIntent('I want to talk to a real person');
    expect(result).toEqual({
      source: 'fallback',
      error: 'timeout',
      value: { intent: 'asks_for_person', confidence: 0.8 },
    });
  });

  it('retries a failed request once, and only once, so an outage is not hammered', async () => {
    // A bare 503 from OpenAI's edge. Not a JSON error body: the SDK cancels that body before it
    // retries, and cancelling an msw-made body never resolves (mswjs/interceptors#799).
    const unavailable = () => new HttpResponse(null, { status: 503, headers: { 'retry-after-ms': '1' } });
    const seen = provider(unavailable);
    expect(await client().extractIntent('just browsing for now')).toMatchObject({
      source: 'fallback',
      error: 'provider_error',
      value: { intent: 'just_browsing' },
    });
    expect(seen).toHaveLength(2);

    let calls = 0;
    server.resetHandlers();
    provider(() =>
      ++calls === 1 ? unavailable() : HttpResponse.json(chatCompletion('{"intent":"pre_approved","confidence":0.8}')),
    );
    expect(await client().extractIntent('we got our pre-approval letter')).toEqual({
      source: 'ai',
      value: { intent: 'pre_approved', confidence: 0.8 },
    });
    expect(calls).toBe(2);
  });

  it('still answers by the deadline when the answer starts but its body stalls', async () => {
    provider(
      () =>
        new HttpResponse(
          new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"id":"chatcmpl-1",')) }),
          {
            status: 200,
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    const result = await client({ timeoutMs: 200 }).extractIntent('can we tour it this weekend?');
    expect(result).toMatchObject({ source: 'fallback', error: 'timeout', value: { intent: 'wants_showing' } });
  });
});

describe('writeLeadBrief', () => {
  const lead = {
    firstName: 'Ana',
    score: 86,
    temperature: 'hot' as const,
    reasons: [{ text: 'replied 3 times in the last hour +18' }],
    preApproved: true,
    budgetMax: 550_000,
    areas: ['Austin'],
  };

  it('returns the model\u2019s paragraph as one paragraph, and sends no contact details', async () => {
    const seen = provider(() =>
      HttpResponse.json(
        chatCompletion(
          'Ana is a hot lead (86) who replied three times in the last hour.\n\nShe is pre-approved up to $550k in Austin; call now and offer Saturday showings.',
        ),
      ),
    );
    const result = await client().writeLeadBrief(lead);
    expect(result).toEqual({
      source: 'ai',
      value:
        'Ana is a hot lead (86) who replied three times in the last hour. She is pre-approved up to $550k in Austin; call now and offer Saturday showings.',
    });
    expect(JSON.parse(seen[0].body.messages[1].content)).toEqual(lead);
    expect(seen[0].body.messages[0].content).toBe(loadPrompt('lead-brief'));
  });

  it('falls back to a template brief when the answer is empty', async () => {
    provider(() => HttpResponse.json(chatCompletion('')));
    const result = await client().writeLeadBrief(lead);
    expect(result.source).toBe('fallback');
    expect(result.value).toBe(
      'Ana is a hot lead (score 86). Looking for a home in Austin, up to $550k. Pre-approved. Why the score: replied 3 times in the last hour +18.',
    );
  });
});

describe('tenant opt-in', () => {
  it('sends nothing to the model when the tenant has not enabled AI', async () => {
    // msw fails the test on any request no handler answers, so a leak would fail here.
    const ai = client({ enabled: false });
    expect(await ai.extractIntent('can we see it?')).toMatchObject({
      source: 'fallback',
      error: 'disabled',
      value: { intent: 'wants_showing' },
    });
    expect(await ai.extractCriteria('2 bed condo under 300k')).toMatchObject({
      source: 'fallback',
      error: 'disabled',
      value: { maxPrice: 300000, minBeds: 2, propertySubTypes: ['Condominium'] },
    });
    expect((await ai.writeLeadBrief({ firstName: 'Ana' })).source).toBe('fallback');
  });

  it('treats enabled without an API key as not configured, not as an error', async () => {
    expect(await client({ apiKey: undefined }).extractIntent('hello')).toEqual({
      source: 'fallback',
      error: 'not_configured',
      value: { intent: 'unknown', confidence: 0 },
    });
  });
});
