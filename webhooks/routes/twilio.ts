import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { keywordReply, type SmsKeywordKind } from '../../core/messaging/sms-keywords.ts';
import { twimlReply } from '../../bots/sms/twiml-reply.ts';
import { messagingSettings, senderName } from '../../core/messaging/messaging-settings.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import { ingestTwilioSms, ingestTwilioStatus } from '../../db/use-cases/inbound/ingest-twilio.ts';
import { verifySignature, type SignedEnv } from '../middleware/verify-signature.ts';

const twiml = <E extends AppEnv>(c: Context<E>, xml: string) => c.body(xml, 200, { 'Content-Type': 'text/xml' });

/** What ingest needs from a verified Twilio request. */
const webhook = <E extends SignedEnv<'twilio'>>(c: Context<E>) => ({
  rawBody: c.get('rawBody').toString('utf8'),
  params: c.get('verified').params,
  headers: c.get('inboundHeaders'),
});

/** The keyword answer, unless Twilio's Advanced Opt-Out already sends its own (then we stay silent). */
function keywordTwiml(tenant: Tenant, kind: SmsKeywordKind): string {
  const settings = messagingSettings(tenant);
  if (kind === 'none' || settings.sms.twilioHandlesKeywords) return twimlReply();
  return twimlReply(keywordReply(kind, { senderName: senderName(tenant), helpText: settings.helpText }));
}

/**
 * POST /webhooks/twilio/sms and /webhooks/twilio/status (design §3). The signature is checked
 * against the URL Twilio was given (PUBLIC_BASE_URL + path + query); a refusal is kept and
 * answered 401. An SMS is answered with TwiML (the keyword reply, if any), a status with 204.
 */
export function twilioRoutes(runtime: Runtime) {
  const deps = { db: runtime.db, queue: runtime.queue, clock: runtime.clock, writer: runtime.inboundWriter };
  const verified = verifySignature('twilio', runtime);
  const app = new Hono<AppEnv>();

  app.post('/webhooks/twilio/sms', verified, async (c) => {
    const result = await ingestTwilioSms(deps, webhook(c));
    // Nobody's number, or no sender: nothing to say back.
    if (!('tenant' in result)) return twiml(c, twimlReply());
    return twiml(c, keywordTwiml(result.tenant, result.keyword));
  });

  app.post('/webhooks/twilio/status', verified, async (c) => {
    await ingestTwilioStatus(deps, webhook(c));
    return c.body(null, 204);
  });

  return app;
}
