import { createTwilioClient, type TwilioClient } from '../../integrations/twilio/twilio-client.ts';
import { service, type Runtime } from '../../jobs/runtime.ts';

/** The process's Twilio client from env, or null when Twilio is not configured (SMS is then off). */
export function twilioService(runtime: Runtime): TwilioClient | null {
  const e = runtime.env;
  if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !(e.TWILIO_FROM_NUMBER || e.TWILIO_MESSAGING_SERVICE_SID))
    return null;
  return service(runtime, 'twilio', () =>
    createTwilioClient({
      accountSid: e.TWILIO_ACCOUNT_SID!,
      authToken: e.TWILIO_AUTH_TOKEN!,
      fromNumber: e.TWILIO_FROM_NUMBER,
      messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
      apiUrl: e.TWILIO_API_URL,
    }),
  );
}

export const statusCallbackUrl = (runtime: Runtime) =>
  `${runtime.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/webhooks/twilio/status`;
