import { describe, expect, it } from 'vitest';
import { writebackMarker, writebackRef } from '../../db/queries/ghl-writeback-ops.ts';
import { GHL, ghlEndpoint } from '../ghl/ghl-test-server.ts';
import { CONTACT, LOC, privateRuntime, runWriteback, seedTeam } from './writeback-fixture.ts';

const contacts = { version: '2021-07-28', authorization: 'Bearer pit-secret', contentType: 'application/json' };
const marker = writebackMarker(writebackRef('job:job-1'));

async function team() {
  const rt = await privateRuntime();
  const { tenant } = await seedTeam(rt);
  return { rt, tenantId: tenant.id };
}

describe('ghl.writeback sends exactly the documented request per op', () => {
  it('add_note posts the note with its retry marker', async () => {
    const { rt, tenantId } = await team();
    const seen = ghlEndpoint('post', `/contacts/${CONTACT}/notes`, { status: 201, json: { note: { id: 'n1' } } });
    await runWriteback(rt, { tenantId, op: 'add_note', args: { contactId: CONTACT, body: 'Porchlight: called back' } });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${GHL}/contacts/${CONTACT}/notes`,
        ...contacts,
        body: { body: `Porchlight: called back\n${marker}` },
      },
    ]);
  });

  it('add_tags and remove_tags send the tag sets', async () => {
    const { rt, tenantId } = await team();
    const added = ghlEndpoint('post', `/contacts/${CONTACT}/tags`, {
      status: 201,
      json: { tags: ['buyer', 'hot-lead'] },
    });
    const removed = ghlEndpoint('delete', `/contacts/${CONTACT}/tags`, { json: { tags: ['buyer'] } });
    await runWriteback(rt, { tenantId, op: 'add_tags', args: { contactId: CONTACT, tags: ['hot-lead'] } });
    await runWriteback(rt, { tenantId, op: 'remove_tags', args: { contactId: CONTACT, tags: ['hot-lead'] } });
    expect(added).toEqual([
      { method: 'POST', url: `${GHL}/contacts/${CONTACT}/tags`, ...contacts, body: { tags: ['hot-lead'] } },
    ]);
    expect(removed).toEqual([
      { method: 'DELETE', url: `${GHL}/contacts/${CONTACT}/tags`, ...contacts, body: { tags: ['hot-lead'] } },
    ]);
  });

  it('create_task creates an open task for the assignee', async () => {
    const { rt, tenantId } = await team();
    const seen = ghlEndpoint('post', `/contacts/${CONTACT}/tasks`, { status: 201, json: { task: { id: 't1' } } });
    await runWriteback(rt, {
      tenantId,
      op: 'create_task',
      args: {
        contactId: CONTACT,
        title: 'Call Ana back',
        body: 'Asked about 12 Oak St',
        dueDate: '2026-03-09T15:00:00-06:00',
        assignedTo: 'ghl-user-maria',
      },
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${GHL}/contacts/${CONTACT}/tasks`,
        ...contacts,
        body: {
          title: 'Call Ana back',
          body: `Asked about 12 Oak St\n${marker}`,
          dueDate: '2026-03-09T21:00:00.000Z',
          completed: false,
          assignedTo: 'ghl-user-maria',
        },
      },
    ]);
  });

  it('update_opportunity sends only the fields we decided', async () => {
    const { rt, tenantId } = await team();
    const seen = ghlEndpoint('put', '/opportunities/opp-1', { json: { opportunity: { id: 'opp-1', status: 'won' } } });
    await runWriteback(rt, { tenantId, op: 'update_opportunity', args: { opportunityId: 'opp-1', status: 'won' } });
    expect(seen).toEqual([{ method: 'PUT', url: `${GHL}/opportunities/opp-1`, ...contacts, body: { status: 'won' } }]);
  });

  it('assign_contact sets the contact owner through the contacts API', async () => {
    const { rt, tenantId } = await team();
    const seen = ghlEndpoint('put', `/contacts/${CONTACT}`, {
      json: { succeded: true, contact: { id: CONTACT, assignedTo: 'ghl-user-maria' } },
    });
    await runWriteback(rt, {
      tenantId,
      op: 'assign_contact',
      args: { contactId: CONTACT, ghlUserId: 'ghl-user-maria' },
    });
    expect(seen).toEqual([
      { method: 'PUT', url: `${GHL}/contacts/${CONTACT}`, ...contacts, body: { assignedTo: 'ghl-user-maria' } },
    ]);
  });

  it("set_dnd mirrors our opt-out onto the contact's per-channel DND", async () => {
    const { rt, tenantId } = await team();
    const seen = ghlEndpoint('put', `/contacts/${CONTACT}`, { json: { succeded: true, contact: { id: CONTACT } } });
    await runWriteback(rt, {
      tenantId,
      op: 'set_dnd',
      args: { contactId: CONTACT, channel: 'SMS', active: true, reason: 'texted STOP (Porchlight)' },
    });
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: `${GHL}/contacts/${CONTACT}`,
        ...contacts,
        body: { dndSettings: { SMS: { status: 'active', message: 'texted STOP (Porchlight)' } } },
      },
    ]);
  });

  it('send_message sends through conversations with its own API version', async () => {
    const { rt, tenantId } = await team();
    const seen = ghlEndpoint('post', '/conversations/messages', { json: { conversationId: 'cv1', messageId: 'm1' } });
    await runWriteback(rt, {
      tenantId,
      op: 'send_message',
      args: { contactId: CONTACT, type: 'SMS', message: 'Hi Ana, Maria here.' },
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${GHL}/conversations/messages`,
        ...contacts,
        version: '2021-04-15',
        body: { type: 'SMS', contactId: CONTACT, message: 'Hi Ana, Maria here.' },
      },
    ]);
  });

  it('a malformed op fails naming the problem and sends nothing', async () => {
    const { rt, tenantId } = await team();
    await expect(
      runWriteback(rt, { tenantId, op: 'add_tags', args: { contactId: CONTACT, tags: [] } }),
    ).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('tags') });
    await expect(runWriteback(rt, { tenantId, op: 'delete_contact', args: {} })).rejects.toThrow(
      /unknown ghl.writeback op "delete_contact"/,
    );
  });
});

describe('ghl.writeback retries', () => {
  it('waits out a 429 and then succeeds, sending the same request again', async () => {
    const { rt, tenantId } = await team();
    const seen = ghlEndpoint(
      'post',
      `/contacts/${CONTACT}/tags`,
      { status: 429, json: { statusCode: 429, message: 'Too many requests' }, headers: { 'Retry-After': '0' } },
      { status: 201, json: { tags: ['hot-lead'] } },
    );
    await runWriteback(rt, { tenantId, op: 'add_tags', args: { contactId: CONTACT, tags: ['hot-lead'] } });
    expect(seen.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', `${GHL}/contacts/${CONTACT}/tags`, { tags: ['hot-lead'] }],
      ['POST', `${GHL}/contacts/${CONTACT}/tags`, { tags: ['hot-lead'] }],
    ]);
  });

  it('a retried note whose first attempt reached GHL is not posted twice', async () => {
    const { rt, tenantId } = await team();
    const listed = ghlEndpoint('get', `/contacts/${CONTACT}/notes`, {
      json: { notes: [{ id: 'n1', body: `Porchlight: called back\n${marker}` }] },
    });
    const posted = ghlEndpoint('post', `/contacts/${CONTACT}/notes`, { status: 201, json: { note: { id: 'n2' } } });
    await runWriteback(
      rt,
      { tenantId, op: 'add_note', args: { contactId: CONTACT, body: 'Porchlight: called back' } },
      { retryCount: 1 },
    );
    expect(listed.map((r) => [r.method, r.url, r.version, r.authorization])).toEqual([
      ['GET', `${GHL}/contacts/${CONTACT}/notes`, '2021-07-28', 'Bearer pit-secret'],
    ]);
    expect(posted).toEqual([]);
  });

  it('a retried note that never reached GHL is posted once', async () => {
    const { rt, tenantId } = await team();
    ghlEndpoint('get', `/contacts/${CONTACT}/notes`, {
      json: { notes: [{ id: 'n0', body: 'Someone else wrote this' }] },
    });
    const posted = ghlEndpoint('post', `/contacts/${CONTACT}/notes`, { status: 201, json: { note: { id: 'n2' } } });
    await runWriteback(
      rt,
      { tenantId, op: 'add_note', args: { contactId: CONTACT, body: 'Porchlight: called back' } },
      { retryCount: 2 },
    );
    expect(posted.map((r) => r.body)).toEqual([{ body: `Porchlight: called back\n${marker}` }]);
  });

  it("a permanent GHL refusal fails the attempt with GHL's message (what the dead-letter queue shows)", async () => {
    const { rt, tenantId } = await team();
    ghlEndpoint('put', '/opportunities/opp-gone', {
      status: 404,
      json: { statusCode: 404, message: 'Opportunity not found' },
    });
    await expect(
      runWriteback(rt, { tenantId, op: 'update_opportunity', args: { opportunityId: 'opp-gone', status: 'lost' } }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: 'GHL PUT /opportunities/opp-gone → HTTP 404: Opportunity not found',
    });
  });
});
