import type { Env } from '../../core/config/env-schema.ts';
import { createSendgridClient, type SendgridClient } from '../../integrations/sendgrid/sendgrid-client.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/** The process's SendGrid client from env, or null when email is not configured. */
export function sendgridService(runtime: Runtime): SendgridClient | null {
  return runtime.providers.sendgrid();
}

/** Built once per runtime (jobs/providers.ts). */
export function createSendgridService(e: Env): SendgridClient | null {
  if (!e.SENDGRID_API_KEY) return null;
  return createSendgridClient({ apiKey: e.SENDGRID_API_KEY, defaultFrom: e.SENDGRID_FROM, apiUrl: e.SENDGRID_API_URL });
}
