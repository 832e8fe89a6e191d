import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { classifySmsKeyword, keywordReply, SmsKeywordKind } from '../../core/messaging/sms-keywords.ts';
import { parseTwilioForm, verifyTwilioSignature } from '../../bots/sms/verify-twilio-signature.ts';
import { twimlReply } from '../../bots/sms/twiml-reply.ts';
import { getInboundEvent, recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { isSendAllowed, setConsent } from '../../db/queries/consent.ts';
import { writeConsentToGhl } from '../../db/queries/consent-writeback.ts';
import { tenantByTwilioNumber, type Tenant } from '../../db/queries/tenants.ts';
import { deliveryByProviderId } from '../../db/queries/messaging.ts';
import { messagingSettings, senderName } from '../../bots/sms/messaging-settings.ts';

const SCHEME = 'twilio-hmac-sha1';
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const twiml = (c: Context<AppEnv>, xml: string) => c.body(xml, 200, { 'Content-Type': 'text/xml' });

/**
 * Checks X-Twilio-Signature against the URL Twilio was given (PUBLIC_BASE_URL + path + query), not
 * the one this process saw behind a proxy. A failed check is kept as a `rejected` event and answered
 * 401. Twilio signs no timestamp: replays are caught by the MessageSid dedupe instead.
 */
async function verifiedForm(
  c: Context<AppEnv>,
  runtime: Runtime,
): Promise<{ rawBody: string; params: Record<string, string | string[]>; headers: Record<string, string> }> {
  const rawBody = await c.req.text();
  const params = parseTwilioForm(rawBody);
  const signature = c.req.header('x-twilio-signature');
  const url = `${runtime.env.PUBLIC_BASE_URL.replace(/\/$/, '')}${c.req.path}${new URL(c.req.url).search}`;
  const headers = { 'x-twilio-signature': signature ?? '', 'content-type': c.req.header('content-type') ?? '' };
  if (!verifyTwilioSignature({ authToken: runtime.env.TWILIO_AUTH_TOKEN ?? '', url, params, signature })) {
    const reason = signature ? 'X-Twilio-Signature does not match' : 'X-Twilio-Signature is missing';
    await recordInboundEvent(runtime.db, {
      provider: 'twilio',
      status: 'rejected',
      reason,
      verified: false,
      signatureScheme: SCHEME,
      rawBody,
      headers,
    });
    throw new AppError('invalid_signature', reason);
  }
  return { rawBody, params, headers };
}

/** The keyword answer, unless Twilio's Advanced Opt-Out already sends its own (then we stay silent). */
function keywordTwiml(tenant: Tenant, kind: SmsKeywordKind): string {
  const settings = messagingSettings(tenant);
  if (kind === 'none' || settings.sms.twilioHandlesKeywords) return twimlReply();
  return twimlReply(keywordReply(kind, { senderName: senderName(tenant), helpText: settings.helpText }));
}

/** POST /webhooks/twilio/sms and /webhooks/twilio/status (design §3). */
export function twilioRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();

  app.post('/webhooks/twilio/sms', async (c) => {
    const { rawBody, params, headers } = await verifiedForm(c, runtime);
    const [sid, from, to, body] = [one(params.MessageSid), one(params.From), one(params.To), one(params.Body) ?? ''];
    const tenant = to ? await tenantByTwilioNumber(runtime.db, to) : undefined;
    if (!sid || !from || !tenant) {
      const reason = !sid || !from ? 'MessageSid or From missing' : 'no tenant owns this Twilio number';
      await recordInboundEvent(runtime.db, {
        provider: 'twilio',
        eventId: sid ? `sms:${sid}` : undefined,
        status: sid ? 'ignored' : 'quarantined',
        reason,
        verified: true,
        signatureScheme: SCHEME,
        rawBody,
        headers,
      });
      return twiml(c, twimlReply());
    }
    // Ledger, stored message and job commit together: once Twilio has our answer to STOP, no
    // later send can read the old consent, and a crash before commit means Twilio retries.
    const kind = await runtime.db.transaction(async (tx) => {
      const optedOut = !(await isSendAllowed(tx, tenant.id, 'sms', from));
      const keyword = classifySmsKeyword(body, { optedOut });
      const event = await recordInboundEvent(tx, {
        provider: 'twilio',
        eventId: `sms:${sid}`,
        tenantId: tenant.id,
        type: `sms.${keyword.kind}`,
        status: 'accepted',
        verified: true,
        signatureScheme: SCHEME,
        rawBody,
        headers,
        occurredAt: runtime.clock.now(),
      });
      if (event.duplicate) {
        const stored = await getInboundEvent(tx, event.id);
        return SmsKeywordKind.catch('none').parse(stored?.type?.replace(/^sms\./, ''));
      }
      if (keyword.kind === 'opt_out' || keyword.kind === 'opt_in') {
        await setConsent(tx, {
          tenantId: tenant.id,
          channel: 'sms',
          address: from,
          status: keyword.kind === 'opt_out' ? 'opted_out' : 'opted_in',
          source: 'sms_keyword',
          reason: keyword.keyword,
        });
        await writeConsentToGhl(tx, runtime.queue, {
          tenantId: tenant.id,
          channel: 'sms',
          address: from,
          optedOut: keyword.kind === 'opt_out',
          reason: `texted ${keyword.keyword} (Porchlight)`,
        });
      }
      await runtime.queue.enqueue('sms.inbound', { inboundEventId: event.id }, { tx });
      return keyword.kind;
    });
    return twiml(c, keywordTwiml(tenant, kind));
  });

  app.post('/webhooks/twilio/status', async (c) => {
    const { rawBody, params, headers } = await verifiedForm(c, runtime);
    const [sid, status] = [one(params.MessageSid), one(params.MessageStatus)];
    if (!sid || !status) {
      await recordInboundEvent(runtime.db, {
        provider: 'twilio',
        status: 'quarantined',
        reason: 'MessageSid or MessageStatus missing',
        verified: true,
        signatureScheme: SCHEME,
        rawBody,
        headers,
      });
      return c.body(null, 204);
    }
    const delivery = await deliveryByProviderId(runtime.db, 'sms', sid);
    await runtime.db.transaction(async (tx) => {
      const event = await recordInboundEvent(tx, {
        provider: 'twilio',
        eventId: `status:${sid}:${status}`,
        tenantId: delivery?.tenantId ?? null,
        type: 'sms.status',
        status: 'accepted',
        verified: true,
        signatureScheme: SCHEME,
        rawBody,
        headers,
        occurredAt: runtime.clock.now(),
      });
      if (!event.duplicate) await runtime.queue.enqueue('sms.status', { inboundEventId: event.id }, { tx });
    });
    return c.body(null, 204);
  });

  return app;
}
