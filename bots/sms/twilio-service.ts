import type { Env } from '../../core/config/env-schema.ts';
import { createTwilioClient, type TwilioClient } from '../../integrations/twilio/twilio-client.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/** The process's Twilio client from env, or null when Twilio is not configured (SMS is then off). */
export function twilioService(runtime: Runtime): TwilioClient | null {
  return runtime.providers.twilio();
}

/** Built once per runtime (jobs/providers.ts). */
export function createTwilioService(e: Env): TwilioClient | null {
  if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !(e.TWILIO_FROM_NUMBER || e.TWILIO_MESSAGING_SERVICE_SID))
    return null;
  return createTwilioClient({
    accountSid: e.TWILIO_ACCOUNT_SID,
    authToken: e.TWILIO_AUTH_TOKEN,
    fromNumber: e.TWILIO_FROM_NUMBER,
    messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
    apiUrl: e.TWILIO_API_URL,
  });
}

export const statusCallbackUrl = (runtime: Runtime) =>
  `${runtime.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/webhooks/twilio/status`;
