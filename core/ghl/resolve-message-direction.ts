import type { MessageChannel } from './crm-event.ts';

export interface MessageFacts {
  /** The envelope's event name: InboundMessage | OutboundMessage. */
  type: 'InboundMessage' | 'OutboundMessage';
  direction?: string | null;
  source?: string | null;
  userId?: string | null;
  messageType: string;
  status?: string | null;
}

export interface ResolvedMessage {
  direction: 'inbound' | 'outbound';
  sender: 'contact' | 'user' | 'automation' | 'unknown';
  channel: MessageChannel;
  anomaly: string | null;
}

const AUTOMATED_SOURCES = new Set([
  'workflow',
  'campaign',
  'bulk_actions',
  'bulk_action',
  'api',
  'automation',
  'trigger',
]);

/**
 * GHL's docs contradict themselves: an inbound call is published with `type: OutboundMessage` and
 * `direction: inbound`, an outbound SMS with `type: OutboundMessage` and `direction: inbound`.
 * When they disagree, `source` breaks the tie: GHL stamps it (`app`, `workflow`, ...) only on
 * messages sent from inside GHL, so its presence means outbound; otherwise the message's own
 * `direction` is believed over the envelope's `type`.
 */
export function resolveMessageDirection(facts: MessageFacts): ResolvedMessage {
  const fromType = facts.type === 'InboundMessage' ? 'inbound' : 'outbound';
  const dir = facts.direction?.toLowerCase();
  const fromField = dir === 'inbound' || dir === 'outbound' ? dir : undefined;
  let direction: 'inbound' | 'outbound' = fromField ?? fromType;
  let anomaly: string | null = null;
  if (fromField && fromField !== fromType) {
    direction = facts.source ? 'outbound' : fromField;
    const trusted = facts.source ? `source "${facts.source}"` : 'direction';
    anomaly = `type ${facts.type} disagrees with direction ${fromField}; trusted ${trusted} (${direction})`;
  }
  return {
    direction,
    sender: senderOf(direction, facts),
    channel: channelOf(facts.messageType, facts.status),
    anomaly,
  };
}

function senderOf(direction: 'inbound' | 'outbound', facts: MessageFacts): ResolvedMessage['sender'] {
  if (direction === 'inbound') return 'contact';
  const source = facts.source?.toLowerCase();
  if (source && AUTOMATED_SOURCES.has(source)) return 'automation';
  if (source === 'app' || facts.userId) return 'user';
  return 'unknown';
}

/** GHL spells message types inconsistently (`CALL`, `VoiceMail`, `TYPE_SMS`, `Live_Chat`). */
export function channelOf(messageType: string, status?: string | null): MessageChannel {
  const t = messageType
    .toUpperCase()
    .replace(/^TYPE_/, '')
    .replace(/[\s-]/g, '_');
  if (t === 'CALL' || t === 'IVR_CALL' || t === 'CUSTOM_CALL')
    return status?.toLowerCase() === 'voicemail' ? 'voicemail' : 'call';
  const map: Record<string, MessageChannel> = {
    SMS: 'sms',
    CUSTOM_SMS: 'sms',
    EMAIL: 'email',
    CUSTOM_EMAIL: 'email',
    VOICEMAIL: 'voicemail',
    WHATSAPP: 'whatsapp',
    FB: 'facebook',
    FACEBOOK: 'facebook',
    IG: 'instagram',
    INSTAGRAM: 'instagram',
    GMB: 'gmb',
    LIVE_CHAT: 'live_chat',
    WEBCHAT: 'live_chat',
  };
  return map[t] ?? 'other';
}
