import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAgent } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { leadActivities, savedSearches } from '../../db/schema/index.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';
import { chatCompletion } from '../openai/chat-completion.ts';
import { seedTenant } from './seed.ts';

const OPENAI = 'https://openai.test/v1';
const NOW = '2026-03-08T15:00:00Z';
const reasons = (text: string, contribution: number) => [{ factor: 'inbound_1h', contribution, text }];

async function setup(options: { ai?: boolean } = {}) {
  const rt = await createTestRuntime({
    clock: fixedClock(NOW),
    env: { OPENAI_API_KEY: 'sk-test-123', OPENAI_BASE_URL: OPENAI },
  });
  const a = await seedTenant(rt, 'Oak Street Realty', options.ai ? { ai: { enabled: true } } : {});
  const b = await seedTenant(rt, 'Elm Avenue Homes');
  const maya = await createAgent(rt.db, { tenantId: a.tenant.id, name: 'Maya Chen', email: 'maya@oak.test' });
  const mk = (
    name: string,
    score: number | null,
    temperature: 'hot' | 'warm' | 'cold' | null,
    extra: Record<string, unknown> = {},
  ) =>
    createLead(rt.db, {
      tenantId: a.tenant.id,
      name,
      score,
      temperature,
      reasons: score === null ? [] : reasons(`replied once in the last hour +${score - 30}`, score - 30),
      ...extra,
    });
  const ana = await mk('Ana Ruiz', 91, 'hot', {
    email: 'ana@example.com',
    phone: '+15125550101',
    ghlContactId: 'c-ana',
    assigneeId: maya.id,
    firstName: 'Ana',
    preApproved: true,
    budgetMax: 550_000,
    areas: ['Austin'],
  });
  const ben = await mk('Ben Ode', 85, 'hot');
  const cy = await mk('Cy Park', 62, 'warm', { assigneeId: maya.id });
  const dee = await mk('Dee Anand', 62, 'warm', { email: 'dee@example.com' });
  const eli = await mk('Eli Stone', 12, 'cold');
  const new1 = await mk('Fay New', null, null);
  const other = await createLead(rt.db, { tenantId: b.tenant.id, name: 'Ana Other', score: 99, temperature: 'hot' });
  await rt.db.insert(savedSearches).values({
    tenantId: a.tenant.id,
    leadId: ana.id,
    maxPrice: 550_000,
    minBeds: 3,
    cities: ['Austin'],
    frequency: 'instant',
  });
  await rt.db.insert(leadActivities).values([
    {
      tenantId: a.tenant.id,
      leadId: ana.id,
      kind: 'message',
      direction: 'outbound',
      human: true,
      body: 'Hi Ana, this is Maya from Oak Street.',
      source: 't',
      externalId: '1',
      occurredAt: new Date('2026-03-08T14:00:00Z'),
    },
    {
      tenantId: a.tenant.id,
      leadId: ana.id,
      kind: 'message',
      direction: 'inbound',
      body: 'Hi! Can we see the Elm St house Saturday?',
      source: 't',
      externalId: '2',
      occurredAt: new Date('2026-03-08T14:20:00Z'),
    },
  ]);
  const app = createApp(rt);
  const get = async (path: string, key = a.apiKey) => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { rt, get, a, b, maya, leads: { ana, ben, cy, dee, eli, new1, other } };
}

/** Records every OpenAI call; answers with `content`. */
function openAi(content: string) {
  const seen: any[] = [];
  server.use(
    http.post(`${OPENAI}/chat/completions`, async ({ request }) => {
      seen.push(await request.json());
      return HttpResponse.json(chatCompletion(content));
    }),
  );
  return seen;
}

describe('GET /api/v1/leads', () => {
  it('lists the tenant\u2019s leads best first in the documented shape, and filters by temperature, agent and text', async () => {
    const { get, maya, leads } = await setup();
    const all = await get('/api/v1/leads');
    expect(all.status).toBe(200);
    expect(all.body.data.map((l: any) => l.name)).toEqual([
      'Ana Ruiz',
      'Ben Ode',
      ...[leads.cy, leads.dee].sort((x, y) => x.id.localeCompare(y.id)).map((l) => l.name),
      'Eli Stone',
      'Fay New',
    ]);
    expect(all.body.next).toBeNull();
    expect(all.body.data[0]).toEqual({
      id: leads.ana.id,
      ghlContactId: 'c-ana',
      name: 'Ana Ruiz',
      phone: '+15125550101',
      email: 'ana@example.com',
      score: 91,
      temperature: 'hot',
      reasons: [{ factor: 'inbound_1h', contribution: 61, text: 'replied once in the last hour +61' }],
    });
    expect((await get('/api/v1/leads?temperature=hot')).body.data.map((l: any) => l.name)).toEqual([
      'Ana Ruiz',
      'Ben Ode',
    ]);
    expect((await get('/api/v1/leads?temperature=warm,cold')).body.data).toHaveLength(3);
    expect((await get(`/api/v1/leads?agent=${maya.id}`)).body.data.map((l: any) => l.name)).toEqual([
      'Ana Ruiz',
      'Cy Park',
    ]);
    expect((await get('/api/v1/leads?q=ANA')).body.data.map((l: any) => l.name)).toEqual(['Ana Ruiz', 'Dee Anand']);
    expect((await get('/api/v1/leads?q=dee@example')).body.data.map((l: any) => l.name)).toEqual(['Dee Anand']);
    expect((await get('/api/v1/leads?q=100%')).body.data).toEqual([]);
    // Query validation answers like body validation: 422 naming the parameter.
    const bad = await get('/api/v1/leads?temperature=lukewarm');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.message).toMatch(/^temperature: must be one of hot, warm, cold/);
  });

  it('pages with a cursor: every lead exactly once, in order, then next is null', async () => {
    const { get } = await setup();
    const seen: string[] = [];
    let path = '/api/v1/leads?limit=2';
    for (let page = 0; page < 10; page++) {
      const { body } = await get(path);
      seen.push(...body.data.map((l: any) => l.name));
      if (!body.next) break;
      expect(body.data).toHaveLength(2);
      path = `/api/v1/leads?limit=2&cursor=${body.next}`;
    }
    expect(seen).toEqual((await get('/api/v1/leads')).body.data.map((l: any) => l.name));
    expect(seen).toHaveLength(6);
    expect((await get('/api/v1/leads?cursor=not-a-cursor')).status).toBe(400);
  });

  it('never shows one tenant another tenant\u2019s leads', async () => {
    const { get, b, leads } = await setup();
    expect((await get('/api/v1/leads')).body.data.map((l: any) => l.id)).not.toContain(leads.other.id);
    const theirs = await get(`/api/v1/leads/${leads.other.id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('not_found');
    expect((await get('/api/v1/leads', b.apiKey)).body.data.map((l: any) => l.name)).toEqual(['Ana Other']);
    expect((await get(`/api/v1/leads/${leads.ana.id}`, b.apiKey)).status).toBe(404);
    expect((await get('/api/v1/leads', 'wrong-key')).status).toBe(401);
  });
});

describe('GET /api/v1/leads/:id', () => {
  it('adds saved searches, the assignee and recent activity; no brief unless asked', async () => {
    const { get, maya, leads } = await setup();
    const { status, body } = await get(`/api/v1/leads/${leads.ana.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: leads.ana.id,
      name: 'Ana Ruiz',
      score: 91,
      temperature: 'hot',
      assignee: { id: maya.id, name: 'Maya Chen', email: 'maya@oak.test' },
    });
    expect(body.savedSearches).toEqual([
      expect.objectContaining({
        leadId: leads.ana.id,
        maxPrice: 550000,
        minBeds: 3,
        cities: ['Austin'],
        near: null,
        frequency: 'instant',
      }),
    ]);
    expect(body.activities.map((a: any) => [a.direction, a.occurredAt])).toEqual([
      ['inbound', '2026-03-08T14:20:00.000Z'],
      ['outbound', '2026-03-08T14:00:00.000Z'],
    ]);
    expect(body).not.toHaveProperty('brief');
  });

  it('writes the brief without AI, and sends nothing anywhere, when the tenant has not enabled AI', async () => {
    const { get, leads } = await setup({ ai: false });
    const calls = openAi('should never be asked');
    const { body } = await get(`/api/v1/leads/${leads.ana.id}?brief=1`);
    expect(calls).toHaveLength(0);
    expect(body.brief.source).toBe('fallback');
    expect(body.brief.text).toMatch(/^Ana is a hot lead \(score 91\)\. .*up to \$550k.*Pre-approved\./);
  });

  it('asks OpenAI for the brief when the tenant enabled AI, without the lead\u2019s phone or email', async () => {
    const { get, leads } = await setup({ ai: true });
    const paragraph =
      'Ana is pre-approved up to $550k, wants Austin, and just asked to see the Elm St house on Saturday: call her today.';
    const calls = openAi(paragraph);
    const { body } = await get(`/api/v1/leads/${leads.ana.id}?brief=1`);
    expect(body.brief).toEqual({ text: paragraph, source: 'ai' });
    expect(calls).toHaveLength(1);
    const sent = JSON.stringify(calls[0].messages);
    expect(sent).toContain('Can we see the Elm St house Saturday?');
    expect(sent).not.toContain('+15125550101');
    expect(sent).not.toContain('ana@example.com');
  });
});
