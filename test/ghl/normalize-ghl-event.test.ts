import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrmEvent } from '../../core/ghl/crm-event.ts';
import { ghlEventId, ghlEventTime, isGhlEventTooOld } from '../../core/ghl/ghl-event-id.ts';
import { normalizeGhlEvent } from '../../core/ghl/normalize-ghl-event.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/ghl', import.meta.url));
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const load = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const event = (payload: unknown) => {
  const result = normalizeGhlEvent(payload);
  if (result.kind !== 'event') throw new Error(`expected an event, got ${result.kind}: ${result.reason}`);
  return result.event;
};

/** Which core event each documented example must become. */
const EXPECTED_TYPE: Record<string, CrmEvent['type']> = {
  'AppointmentCreate.json': 'appointment.upserted',
  'ContactCreate.json': 'contact.upserted',
  'ContactDelete.json': 'contact.deleted',
  'ContactDndUpdate.json': 'consent.changed',
  'ContactTagUpdate.json': 'contact.upserted',
  'ContactUpdate.json': 'contact.upserted',
  'ConversationUnreadUpdate.json': 'conversation.unread_changed',
  'INSTALL.agency.json': 'app.installed',
  'INSTALL.location_non_whitelabel.json': 'app.installed',
  'INSTALL.location_whitelabel.json': 'app.installed',
  'InboundMessage.call__DOC_BUG_type_says_OutboundMessage.json': 'message.received',
  'InboundMessage.email.json': 'message.received',
  'InboundMessage.sms.json': 'message.received',
  'InboundMessage.voicemail.json': 'message.received',
  'NoteCreate.json': 'note.created',
  'OpportunityAssignedToUpdate.json': 'opportunity.upserted',
  'OpportunityCreate.json': 'opportunity.upserted',
  'OpportunityDelete.json': 'opportunity.deleted',
  'OpportunityMonetaryValueUpdate.json': 'opportunity.upserted',
  'OpportunityStageUpdate.json': 'opportunity.upserted',
  'OpportunityStatusUpdate.json': 'opportunity.upserted',
  'OpportunityUpdate.json': 'opportunity.upserted',
  'OutboundMessage.call.json': 'message.sent',
  'OutboundMessage.email.json': 'message.sent',
  'OutboundMessage.sms__DOC_BUG_direction_inbound.json': 'message.sent',
  'OutboundMessage.voicemail_workflow.json': 'message.sent',
  'ProviderOutboundMessage.email.json': 'message.sent',
  'ProviderOutboundMessage.sms.json': 'message.sent',
  'TaskComplete.json': 'task.completed',
  'TaskCreate.json': 'task.created',
  'UNINSTALL.agency.json': 'app.uninstalled',
  'UNINSTALL.location.json': 'app.uninstalled',
};

describe('normalizeGhlEvent over every documented example', () => {
  it('has an expectation for every fixture in the folder', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED_TYPE).sort());
  });

  it.each(files)('%s normalises to a valid core event of the expected type', (file) => {
    const e = event(load(file));
    expect(e.type).toBe(EXPECTED_TYPE[file]);
    expect(CrmEvent.parse(e)).toEqual(e);
    expect(e.source).toBe('ghl');
  });
});

describe('field mapping', () => {
  it('maps a contact with its tags, custom fields and tenant location', () => {
    const e = event(load('ContactCreate.json'));
    expect(e).toMatchObject({
      type: 'contact.upserted',
      change: 'created',
      locationId: 've9EPM428h8vShlRW1KT',
      contact: {
        ghlContactId: 'nmFmQEsNgz6AVpgLVUJ0',
        name: 'John Deo',
        phone: '+919509597501',
        tags: ['id magna sed Lorem', 'Duis dolor commodo aliqua'],
        customFields: [{ id: 'BcdmQEsNgz6AVpgLVUJ0', value: 'XYZ Corp' }],
        dnd: true,
      },
    });
    expect(event(load('ContactTagUpdate.json'))).toMatchObject({ change: 'tags' });
  });

  it('turns DND settings into per-channel consent, active meaning opted out', () => {
    const e = event(load('ContactDndUpdate.json'));
    if (e.type !== 'consent.changed') throw new Error(e.type);
    expect(e.channels).toContainEqual({ channel: 'sms', optedOut: false, code: '101', message: 'Some message' });
    expect(e.channels).toContainEqual({ channel: 'email', optedOut: true, code: '101', message: 'Some message' });
    expect(e.channels).toHaveLength(6);
  });

  it('accepts a real-world DND update without name fields and with an extra RCS channel (docs issue #264)', () => {
    const e = event({
      type: 'ContactDndUpdate',
      locationId: 'loc',
      id: 'c1',
      dnd: true,
      dndSettings: { RCS: { status: 'active' }, SMS: { status: 'inactive', code: '', message: '' } },
    });
    expect(e).toMatchObject({
      type: 'consent.changed',
      channels: [
        { channel: 'rcs', optedOut: true, code: null },
        { channel: 'sms', optedOut: false },
      ],
    });
  });

  it('labels won and lost opportunities for lead-score training, open ones not at all', () => {
    const base = load('OpportunityStatusUpdate.json');
    expect(event(base)).toMatchObject({
      type: 'opportunity.upserted',
      change: 'status',
      outcome: null,
      opportunity: { status: 'open', stageId: 'e93ba61a-53b3-45e7-985a-c7732dbcdb69', monetaryValue: 40 },
    });
    expect(event({ ...base, status: 'won' })).toMatchObject({ outcome: 'won' });
    expect(event({ ...base, status: 'lost' })).toMatchObject({ outcome: 'lost' });
    expect(event({ ...base, status: 'abandoned' })).toMatchObject({ outcome: 'lost' });
    expect(event(load('OpportunityStageUpdate.json'))).toMatchObject({ change: 'stage' });
    expect(event(load('OpportunityAssignedToUpdate.json'))).toMatchObject({
      change: 'assigned',
      opportunity: { assignedTo: 'bNl8QNGXhIQJLv8eeASQ' },
    });
    expect(event(load('OpportunityMonetaryValueUpdate.json'))).toMatchObject({ change: 'value' });
  });

  it('reads the appointment nested under `appointment`', () => {
    expect(event(load('AppointmentCreate.json'))).toMatchObject({
      appointment: {
        ghlAppointmentId: '0007BWpSzSwfiuSl0tR2',
        contactId: '9NkT25Vor1v4aQatFsv2',
        status: 'confirmed',
        startTime: '2023-09-25T10:30:00.000Z',
      },
    });
  });

  it('tells agency installs from location installs', () => {
    expect(event(load('INSTALL.agency.json'))).toMatchObject({
      scope: 'agency',
      locationId: null,
      companyId: 'otg8dTQqGLh3Q6iQI55w',
    });
    expect(event(load('INSTALL.location_whitelabel.json'))).toMatchObject({
      scope: 'location',
      locationId: 'otg8dTQqGLh3Q6iQI55w',
      companyName: 'Example Company',
    });
    expect(event(load('UNINSTALL.location.json'))).toMatchObject({ type: 'app.uninstalled', scope: 'location' });
  });

  it('keeps a task without contactId, as real TaskCreate deliveries arrive (docs issue #332)', () => {
    const { contactId: _omitted, body: _b, ...task } = load('TaskCreate.json');
    expect(event(task)).toMatchObject({
      type: 'task.created',
      task: { ghlTaskId: 'UlRWGLSXh0ji5qbiGu4i', contactId: null, body: null },
    });
  });
});

describe('messages and the documented type/direction bugs', () => {
  it('treats the call published as "OutboundMessage" with direction inbound as an inbound call from the contact', () => {
    const e = event(load('InboundMessage.call__DOC_BUG_type_says_OutboundMessage.json'));
    expect(e).toMatchObject({
      type: 'message.received',
      message: { channel: 'call', sender: 'contact', callDurationSeconds: 120 },
    });
    if (e.type === 'message.received') expect(e.message.anomaly).toContain('trusted direction');
  });

  it('treats the outbound SMS with direction inbound as sent by a person in the app', () => {
    const e = event(load('OutboundMessage.sms__DOC_BUG_direction_inbound.json'));
    expect(e).toMatchObject({
      type: 'message.sent',
      message: { channel: 'sms', sender: 'user', body: 'This is a test message' },
    });
    if (e.type === 'message.sent') expect(e.message.anomaly).toContain('trusted source "app"');
  });

  it('recognises channels and senders', () => {
    expect(event(load('InboundMessage.voicemail.json'))).toMatchObject({
      message: { channel: 'voicemail', sender: 'contact' },
    });
    expect(event(load('OutboundMessage.voicemail_workflow.json'))).toMatchObject({
      message: { channel: 'voicemail', sender: 'unknown', anomaly: null },
    });
    expect(event(load('InboundMessage.email.json'))).toMatchObject({
      message: { channel: 'email', subject: 'Order Confirmed', sender: 'contact' },
    });
    expect(event(load('OutboundMessage.call.json'))).toMatchObject({
      message: { channel: 'call', sender: 'user', userId: 'xsmF1xxhmC92ZpL1lj7aLa' },
    });
    expect(event({ ...load('OutboundMessage.email.json'), source: 'workflow' })).toMatchObject({
      message: { sender: 'automation' },
    });
  });

  it('marks conversation-provider messages as delivery requests', () => {
    expect(event(load('ProviderOutboundMessage.sms.json'))).toMatchObject({
      type: 'message.sent',
      message: {
        channel: 'sms',
        deliveryRequested: true,
        body: 'The text message to be sent to the contact',
        sender: 'user',
      },
    });
  });
});

describe('unknown and drifted payloads', () => {
  it('ignores an unknown type, naming it', () => {
    expect(normalizeGhlEvent({ type: 'InvoicePaid', locationId: 'x' })).toEqual({
      kind: 'ignored',
      reason: 'unknown GHL event type "InvoicePaid"',
    });
  });

  it('reports schema drift with the field that broke', () => {
    expect(normalizeGhlEvent({ ...load('ContactUpdate.json'), id: 42 })).toEqual({
      kind: 'invalid',
      reason: expect.stringMatching(/^ContactUpdate id: /),
    });
    const { locationId: _l, ...noLocation } = load('OpportunityCreate.json');
    expect(normalizeGhlEvent(noLocation)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('locationId'),
    });
    expect(normalizeGhlEvent({ ...load('AppointmentCreate.json'), appointment: {} })).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('appointment.id'),
    });
    expect(normalizeGhlEvent({ ...load('ContactUpdate.json'), dateUpdated: 'yesterday' })).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('dateUpdated'),
    });
  });

  it('refuses payloads without a type or that are not objects', () => {
    expect(normalizeGhlEvent({ locationId: 'x' })).toEqual({
      kind: 'invalid',
      reason: 'type: missing or not a string',
    });
    expect(normalizeGhlEvent([1, 2])).toEqual({ kind: 'invalid', reason: 'payload must be a JSON object' });
  });
});

describe('event ids and times', () => {
  const real = {
    ...load('ContactUpdate.json'),
    webhookId: 'wh-123',
    timestamp: '2026-03-08T06:59:00.000Z',
    dateUpdated: '2026-03-08T06:58:59.000Z',
  };

  it('uses webhookId, else type:id:timestamp', () => {
    expect(ghlEventId(real)).toBe('wh-123');
    const { webhookId: _w, ...noWebhook } = real;
    expect(ghlEventId(noWebhook)).toBe('ContactUpdate:nmFmQEsNgz6AVpgLVUJ0:2026-03-08T06:59:00.000Z');
    expect(event(real).eventId).toBe('wh-123');
  });

  it('without any timestamp, dedupes identical redeliveries but keeps different updates apart', () => {
    const a = load('ContactUpdate.json');
    expect(ghlEventId(a)).toBe(ghlEventId(load('ContactUpdate.json')));
    expect(ghlEventId(a)).not.toBe(ghlEventId({ ...a, email: 'new@example.com' }));
    expect(ghlEventId(a)).toMatch(/^ContactUpdate:nmFmQEsNgz6AVpgLVUJ0:sha256-/);
  });

  it('exposes send time for the 72 h rule and entity time for ordering', () => {
    const time = ghlEventTime(real);
    expect(time).toEqual({
      sentAt: new Date('2026-03-08T06:59:00.000Z'),
      updatedAt: new Date('2026-03-08T06:58:59.000Z'),
    });
    expect(isGhlEventTooOld(time, new Date('2026-03-11T06:58:00.000Z'))).toBe(false);
    expect(isGhlEventTooOld(time, new Date('2026-03-11T07:00:00.000Z'))).toBe(true);
    // The doc examples carry no send time: age is unknown, so they are not rejected as old.
    expect(isGhlEventTooOld(ghlEventTime(load('ContactUpdate.json')), new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(ghlEventTime(load('AppointmentCreate.json')).updatedAt).toEqual(new Date('2023-09-25T10:30:00.000Z'));
  });

  it('lets the store tell an older update from a newer one', () => {
    const newer = event({ ...real, dateUpdated: '2026-03-08T07:00:00.000Z' });
    const older = event({ ...real, webhookId: 'wh-122', dateUpdated: '2026-03-08T06:00:00.000Z' });
    expect(Date.parse(older.updatedAt!)).toBeLessThan(Date.parse(newer.updatedAt!));
  });

  it('ignores a type named like an Object property (fuzz counterexample: "constructor" was a 500)', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(normalizeGhlEvent({ type, locationId: 'loc-1', id: 'x' })).toEqual({
        kind: 'ignored',
        reason: `unknown GHL event type "${type}"`,
      });
  });
});
