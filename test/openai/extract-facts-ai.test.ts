import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { extractFactsFallback } from '../../core/intent/extract-facts-fallback.ts';
import { OpenAiClient } from '../../integrations/openai/openai-client.ts';
import { server } from '../msw/server.ts';
import { chatCompletion } from './chat-completion.ts';

const BASE = 'https://openai.test/v1';
const NOW = new Date('2026-12-01T15:00:00Z');
const client = () =>
  new OpenAiClient({ enabled: true, apiKey: 'sk-test-123', baseURL: BASE, model: 'gpt-4o-mini', timeoutMs: 2_000 });

/** A text the rules cannot read: no keyword says "pre-approved", "showing" or a city. */
const TEXT =
  'The bank gave us the letter for 480. Could we walk through the Mueller place Sunday? Just us and the kids.';

/** The documented structured-output answer: every property present, "not said" as null / false / []. */
const ANSWER = {
  preApproved: true,
  lender: null,
  preApprovalAmount: 480000,
  timelineMonths: null,
  timelineSaid: null,
  budgetMax: null,
  areas: ['Mueller'],
  bedsMin: null,
  showingRequest: true,
  showingPlace: 'the Mueller place',
  showingWhen: 'Sunday',
  wantsPerson: false,
  notInterested: false,
  alreadyBought: false,
  wrongNumber: false,
};

function provider(reply: () => Response) {
  const seen: any[] = [];
  server.use(
    http.post(`${BASE}/chat/completions`, async ({ request }) => {
      seen.push(await request.json());
      return reply();
    }),
  );
  return seen;
}

describe('extractFacts with AI', () => {
  it('asks for the lead_facts JSON schema with today’s date and turns the answer into facts', async () => {
    const seen = provider(() => HttpResponse.json(chatCompletion(JSON.stringify(ANSWER))));
    const result = await client().extractFacts(TEXT, NOW);
    expect(result.source).toBe('ai');
    expect(result.value).toEqual([
      { kind: 'pre_approved', value: { approved: true, amount: 480000 } },
      { kind: 'areas', value: ['Mueller'] },
      { kind: 'showing_request', value: { place: 'the Mueller place', when: 'Sunday' } },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0].response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'lead_facts', strict: true },
    });
    expect(seen[0].messages.at(-1).content).toBe(`Today is 2026-12-01.\n\n${TEXT}`);
  });

  it('falls back to the rules reader on a malformed answer, a refusal and a provider error', async () => {
    const answers = [
      () => HttpResponse.json(chatCompletion('{"preApproved": "very"}')),
      () => HttpResponse.json(chatCompletion(JSON.stringify({ ...ANSWER, bedsMin: -3 }))),
      () => HttpResponse.json(chatCompletion(null, { refusal: 'I cannot help with that.' })),
      () => HttpResponse.json({ error: { message: 'boom', type: 'server_error' } }, { status: 500 }),
    ];
    const said = 'We are pre-approved, can we see it Saturday?';
    for (const answer of answers) {
      provider(answer);
      const result = await client().extractFacts(said, NOW);
      expect(result.source).toBe('fallback');
      expect(result.value).toEqual(extractFactsFallback(said, NOW));
      expect(result.value.map((f) => f.kind).sort()).toEqual(['pre_approved', 'showing_request']);
    }
  });

  it('sends nothing when the tenant has not enabled AI', async () => {
    const seen = provider(() => HttpResponse.json(chatCompletion(JSON.stringify(ANSWER))));
    const off = new OpenAiClient({ enabled: false, apiKey: 'sk-test-123', baseURL: BASE, model: 'gpt-4o-mini' });
    const result = await off.extractFacts('wrong number', NOW);
    expect(result).toEqual({ source: 'fallback', error: 'disabled', value: [{ kind: 'wrong_number', value: true }] });
    expect(seen).toHaveLength(0);
  });
});
