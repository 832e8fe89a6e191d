import { createSendgridClient, type SendgridClient } from '../../integrations/sendgrid/sendgrid-client.ts';
import { service, type Runtime } from '../../jobs/runtime.ts';

/** The process's SendGrid client from env, or null when email is not configured. */
export function sendgridService(runtime: Runtime): SendgridClient | null {
  const e = runtime.env;
  if (!e.SENDGRID_API_KEY) return null;
  return service(runtime, 'sendgrid', () =>
    createSendgridClient({ apiKey: e.SENDGRID_API_KEY!, defaultFrom: e.SENDGRID_FROM, apiUrl: e.SENDGRID_API_URL }),
  );
}
