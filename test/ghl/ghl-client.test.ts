import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/time/clock.ts';
import { privateTokenAuth } from '../../integrations/ghl/ghl-auth.ts';
import { createGhlClient } from '../../integrations/ghl/ghl-client.ts';
import { createTokenBucket } from '../../integrations/ghl/token-bucket.ts';
import { GHL, ghlEndpoint } from './ghl-test-server.ts';

const LOC = 've9EPM428h8vShlRW1KT';
const CONTACT = 'nmFmQEsNgz6AVpgLVUJ0';
const contact = {
  id: CONTACT,
  locationId: LOC,
  firstName: 'John',
  lastName: 'Deo',
  email: 'johndeo@gmail.com',
  phone: '+919509597501',
  tags: ['buyer'],
  dnd: false,
  customFields: [],
  dateAdded: '2021-11-26T12:41:02.193Z',
};

function setup() {
  const sleeps: number[] = [];
  const clock = fixedClock('2026-03-08T07:00:00Z');
  const client = createGhlClient({
    auth: privateTokenAuth('pit-secret'),
    baseUrl: GHL,
    clock,
    random: () => 1,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { client, sleeps, clock };
}

const headers = (version: string) => ({ version, authorization: 'Bearer pit-secret' });

describe('GHL client requests', () => {
  it('gets a contact', async () => {
    const seen = ghlEndpoint('get', `/contacts/${CONTACT}`, { json: { contact } });
    expect(await setup().client.getContact(LOC, CONTACT)).toMatchObject({ id: CONTACT, email: 'johndeo@gmail.com' });
    expect(seen).toEqual([
      {
        method: 'GET',
        url: `${GHL}/contacts/${CONTACT}`,
        ...headers('2021-07-28'),
        contentType: null,
        body: undefined,
      },
    ]);
  });

  it('searches contacts', async () => {
    const seen = ghlEndpoint('post', '/contacts/search', { json: { contacts: [contact], total: 1 } });
    expect(await setup().client.searchContacts(LOC, { query: 'john', pageLimit: 10 })).toEqual({
      contacts: [contact],
      total: 1,
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${GHL}/contacts/search`,
        ...headers('2021-07-28'),
        contentType: 'application/json',
        body: { locationId: LOC, pageLimit: 10, query: 'john' },
      },
    ]);
  });

  it('looks a contact up by email or phone, null when GHL has none', async () => {
    const seen = ghlEndpoint('get', '/contacts/search/duplicate', { json: { contact } }, { json: { contact: null } });
    const { client } = setup();
    expect(await client.lookupContact(LOC, { email: 'johndeo@gmail.com' })).toMatchObject({ id: CONTACT });
    expect(await client.lookupContact(LOC, { phone: '+15125550123' })).toBeNull();
    expect(seen.map((r) => r.url)).toEqual([
      `${GHL}/contacts/search/duplicate?locationId=${LOC}&email=johndeo%40gmail.com`,
      `${GHL}/contacts/search/duplicate?locationId=${LOC}&number=%2B15125550123`,
    ]);
    expect(seen[0]).toMatchObject(headers('2021-07-28'));
  });

  it('adds a note', async () => {
    const note = {
      id: 'n1',
      body: 'Claimed by Maria in Slack 38 s after the lead arrived',
      userId: 'u1',
      contactId: CONTACT,
      dateAdded: '2026-03-08T07:00:00.000Z',
    };
    const seen = ghlEndpoint('post', `/contacts/${CONTACT}/notes`, { status: 201, json: { note } });
    expect(await setup().client.addNote(LOC, CONTACT, { body: note.body, userId: 'u1' })).toEqual(note);
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${GHL}/contacts/${CONTACT}/notes`,
        ...headers('2021-07-28'),
        contentType: 'application/json',
        body: { body: note.body, userId: 'u1' },
      },
    ]);
  });

  it('adds and removes tags', async () => {
    const added = ghlEndpoint('post', `/contacts/${CONTACT}/tags`, {
      status: 201,
      json: { tags: ['buyer', 'hot-lead'] },
    });
    const removed = ghlEndpoint('delete', `/contacts/${CONTACT}/tags`, { json: { tags: ['buyer'] } });
    const { client } = setup();
    expect(await client.addTags(LOC, CONTACT, ['hot-lead'])).toEqual(['buyer', 'hot-lead']);
    expect(await client.removeTags(LOC, CONTACT, ['hot-lead'])).toEqual(['buyer']);
    expect(added).toEqual([
      {
        method: 'POST',
        url: `${GHL}/contacts/${CONTACT}/tags`,
        ...headers('2021-07-28'),
        contentType: 'application/json',
        body: { tags: ['hot-lead'] },
      },
    ]);
    expect(removed).toEqual([
      {
        method: 'DELETE',
        url: `${GHL}/contacts/${CONTACT}/tags`,
        ...headers('2021-07-28'),
        contentType: 'application/json',
        body: { tags: ['hot-lead'] },
      },
    ]);
  });

  it('creates a task', async () => {
    const task = {
      id: 't1',
      title: 'Call back',
      body: 'Asked about 3-bed homes',
      assignedTo: 'u1',
      dueDate: '2026-03-09T15:00:00.000Z',
      completed: false,
      contactId: CONTACT,
    };
    const seen = ghlEndpoint('post', `/contacts/${CONTACT}/tasks`, { status: 201, json: { task } });
    expect(
      await setup().client.createTask(LOC, CONTACT, {
        title: 'Call back',
        body: 'Asked about 3-bed homes',
        dueDate: new Date('2026-03-09T15:00:00Z'),
        assignedTo: 'u1',
      }),
    ).toEqual(task);
    expect(seen[0]).toMatchObject({
      ...headers('2021-07-28'),
      body: {
        title: 'Call back',
        body: 'Asked about 3-bed homes',
        dueDate: '2026-03-09T15:00:00.000Z',
        completed: false,
        assignedTo: 'u1',
      },
    });
  });

  it('updates an opportunity stage, assignee and status', async () => {
    const opportunity = {
      id: 'o1',
      name: 'Deo - 12 Oak St',
      pipelineId: 'p1',
      pipelineStageId: 's2',
      status: 'won',
      assignedTo: 'u1',
      monetaryValue: 400000,
      contactId: CONTACT,
    };
    const seen = ghlEndpoint('put', '/opportunities/o1', { json: { opportunity } });
    expect(
      await setup().client.updateOpportunity(LOC, 'o1', { pipelineStageId: 's2', assignedTo: 'u1', status: 'won' }),
    ).toEqual(opportunity);
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: `${GHL}/opportunities/o1`,
        ...headers('2021-07-28'),
        contentType: 'application/json',
        body: { pipelineStageId: 's2', assignedTo: 'u1', status: 'won' },
      },
    ]);
  });

  it('lists pipelines with their stages', async () => {
    const pipelines = [
      {
        id: 'p1',
        name: 'Buyers',
        stages: [
          { id: 's1', name: 'New lead', position: 0 },
          { id: 's2', name: 'Showing', position: 1 },
        ],
      },
    ];
    const seen = ghlEndpoint('get', '/opportunities/pipelines', { json: { pipelines } });
    expect(await setup().client.listPipelines(LOC)).toEqual(pipelines);
    expect(seen).toEqual([
      {
        method: 'GET',
        url: `${GHL}/opportunities/pipelines?locationId=${LOC}`,
        ...headers('2021-07-28'),
        contentType: null,
        body: undefined,
      },
    ]);
  });

  it('sends a conversation message with the conversations Version header', async () => {
    const seen = ghlEndpoint('post', '/conversations/messages', {
      json: { conversationId: 'cv1', messageId: 'm1', msg: 'Message queued successfully.' },
    });
    expect(
      await setup().client.sendMessage(LOC, {
        type: 'SMS',
        contactId: CONTACT,
        message: 'Hi John, 12 Oak St just dropped $20k.',
      }),
    ).toEqual({ conversationId: 'cv1', messageId: 'm1' });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${GHL}/conversations/messages`,
        ...headers('2021-04-15'),
        contentType: 'application/json',
        body: { type: 'SMS', contactId: CONTACT, message: 'Hi John, 12 Oak St just dropped $20k.' },
      },
    ]);
  });
});

describe('GHL client under rate limits and failures', () => {
  it('waits out a 429 for Retry-After, then succeeds', async () => {
    const limited = {
      status: 429,
      json: { statusCode: 429, message: 'Too many requests' },
      headers: {
        'Retry-After': '2',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Max': '100',
        'X-RateLimit-Interval-Milliseconds': '10000',
      },
    };
    const seen = ghlEndpoint('get', `/contacts/${CONTACT}`, limited, { json: { contact } });
    const { client, sleeps } = setup();
    expect(await client.getContact(LOC, CONTACT)).toMatchObject({ id: CONTACT });
    expect(seen).toHaveLength(2);
    expect(sleeps[0]).toBe(2000);
  });

  it('without Retry-After waits for GHL burst window', async () => {
    const limited = {
      status: 429,
      json: { message: 'Too many requests' },
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Interval-Milliseconds': '10000' },
    };
    ghlEndpoint('post', `/contacts/${CONTACT}/notes`, limited, { status: 201, json: { note: { id: 'n1' } } });
    const { client, sleeps } = setup();
    await client.addNote(LOC, CONTACT, { body: 'x' });
    expect(sleeps[0]).toBe(10_000);
  });

  it('does not retry once the daily quota is spent', async () => {
    const seen = ghlEndpoint('get', `/contacts/${CONTACT}`, {
      status: 429,
      json: { message: 'Daily limit exceeded' },
      headers: { 'X-RateLimit-Daily-Remaining': '0' },
    });
    await expect(setup().client.getContact(LOC, CONTACT)).rejects.toMatchObject({
      code: 'too_many_requests',
      details: { status: 429, ghlMessage: 'Daily limit exceeded' },
    });
    expect(seen).toHaveLength(1);
  });

  it('retries transient 5xx with exponential backoff', async () => {
    const seen = ghlEndpoint(
      'put',
      '/opportunities/o1',
      { status: 502, json: { message: 'Bad Gateway' } },
      { status: 503, json: { message: 'Unavailable' } },
      { json: { opportunity: { id: 'o1', status: 'won' } } },
    );
    const { client, sleeps } = setup();
    expect(await client.updateOpportunity(LOC, 'o1', { status: 'won' })).toMatchObject({ status: 'won' });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('gives up after maxRetries with the GHL error for the dead-letter queue', async () => {
    const seen = ghlEndpoint('get', '/opportunities/pipelines', {
      status: 500,
      json: { statusCode: 500, message: 'Internal server error' },
    });
    await expect(setup().client.listPipelines(LOC)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('HTTP 500: Internal server error'),
    });
    expect(seen).toHaveLength(5);
  });

  it('never re-sends a text message after an unknown outcome', async () => {
    const seen = ghlEndpoint('post', '/conversations/messages', {
      status: 500,
      json: { message: 'Internal server error' },
    });
    await expect(
      setup().client.sendMessage(LOC, { type: 'SMS', contactId: CONTACT, message: 'hi' }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(seen).toHaveLength(1);
  });

  it('reports client errors without retrying, masking contact details', async () => {
    const seen = ghlEndpoint('post', '/contacts/search', {
      status: 422,
      json: { statusCode: 422, message: ['query for john@example.com is invalid'] },
    });
    await expect(setup().client.searchContacts(LOC, { query: 'john@example.com' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { status: 422, ghlMessage: 'query for j***@example.com is invalid', retryable: false },
    });
    expect(seen).toHaveLength(1);
  });

  it('slows down when GHL reports the burst window spent', async () => {
    ghlEndpoint('get', `/contacts/${CONTACT}`, { json: { contact }, headers: { 'X-RateLimit-Remaining': '0' } });
    const { client, sleeps } = setup();
    await client.getContact(LOC, CONTACT);
    expect(sleeps).toEqual([]);
    await client.getContact(LOC, CONTACT);
    expect(sleeps).toEqual([100]);
  });
});

describe('local token bucket', () => {
  it('lets 100 requests per 10 s through per location, then spaces them out', () => {
    const clock = fixedClock('2026-03-08T07:00:00Z');
    const bucket = createTokenBucket({ clock });
    const waits = Array.from({ length: 102 }, () => bucket.reserve('A'));
    expect(waits.slice(0, 100).every((w) => w === 0)).toBe(true);
    expect(waits.slice(100)).toEqual([100, 200]);
    expect(bucket.reserve('B')).toBe(0);
    clock.advance(10_000);
    expect(bucket.reserve('A')).toBe(0);
  });
});
