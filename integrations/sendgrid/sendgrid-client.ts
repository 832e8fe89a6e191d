import type sendgridMail from '@sendgrid/mail';
import type sendgridClient from '@sendgrid/client';
import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';

type MailService = typeof sendgridMail;

/**
 * The SDK is imported on the first email, not with the app. The packages export their classes next to the
 * default singletons (module.exports.MailService, module.exports.Client), but their typings under NodeNext
 * only admit the default import.
 */
async function loadSendgrid() {
  const [mail, client] = await Promise.all([import('@sendgrid/mail'), import('@sendgrid/client')]);
  return {
    MailService: (mail.default as unknown as { MailService: new () => MailService }).MailService,
    Client: (client.default as unknown as { Client: new () => typeof sendgridClient }).Client,
  };
}

export const SendgridConfig = z.object({
  apiKey: z.string().min(1),
  /** SENDGRID_FROM: used when a message names no sender. */
  defaultFrom: z.string().optional(),
  /** SENDGRID_API_URL: replaces https://api.sendgrid.com/ so a fake provider can answer. */
  apiUrl: z.url().optional(),
});
export type SendgridConfig = z.infer<typeof SendgridConfig>;

export interface SendEmailInput {
  to: string;
  from?: string | { email: string; name?: string };
  subject: string;
  html: string;
  text: string;
  /** Echoed on every Event Webhook event (tenant/lead/alert ids); SendGrid wants string values. */
  customArgs?: Record<string, string>;
  /** RFC 8058 one-click target; becomes List-Unsubscribe + List-Unsubscribe-Post. */
  unsubscribeUrl?: string;
  headers?: Record<string, string>;
  categories?: string[];
}

export type SendEmailResult =
  | { ok: true; messageId?: string; status: number }
  | { ok: false; status?: number; message: string; permanent: boolean };

/**
 * RFC 8058: List-Unsubscribe carries the HTTPS URL in angle brackets (RFC 2369), and
 * List-Unsubscribe-Post tells the mailbox provider it may POST there without a human click.
 */
export function oneClickUnsubscribeHeaders(url: string): Record<string, string> {
  if (!url.startsWith('https://') && !url.startsWith('http://'))
    throw new AppError('bad_request', 'unsubscribe URL must be http(s)');
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

export interface SendgridClient {
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
}

/**
 * One MailService with its own HTTP client per instance (the package default is a shared
 * singleton, and tenants have different keys). setApiKey resets the base URL to SendGrid's
 * region host, so the override is applied after it.
 * @example const email = createSendgridClient({ apiKey: env.SENDGRID_API_KEY, defaultFrom: env.SENDGRID_FROM, apiUrl: env.SENDGRID_API_URL })
 */
export function createSendgridClient(config: SendgridConfig): SendgridClient {
  const parsed = SendgridConfig.safeParse(config);
  if (!parsed.success)
    throw new AppError(
      'invalid_config',
      `SendGrid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const c = parsed.data;
  let mailService: Promise<MailService> | undefined;
  const service = async () => {
    const { Client, MailService } = await loadSendgrid();
    const client = new Client();
    client.setApiKey(c.apiKey);
    if (c.apiUrl) client.setDefaultRequest('baseUrl', c.apiUrl.endsWith('/') ? c.apiUrl : `${c.apiUrl}/`);
    const mail = new MailService();
    mail.setClient(client);
    return mail;
  };

  return {
    async sendEmail(input) {
      const from = input.from ?? c.defaultFrom;
      if (!from) throw new AppError('invalid_config', 'SendGrid: no sender (set SENDGRID_FROM or pass from)');
      const headers = {
        ...input.headers,
        ...(input.unsubscribeUrl ? oneClickUnsubscribeHeaders(input.unsubscribeUrl) : {}),
      };
      const mail = await (mailService ??= service());
      try {
        const [response] = await mail.send({
          to: input.to,
          from,
          subject: input.subject,
          text: input.text,
          html: input.html,
          ...(input.customArgs ? { customArgs: input.customArgs } : {}),
          ...(Object.keys(headers).length ? { headers } : {}),
          ...(input.categories?.length ? { categories: input.categories } : {}),
        });
        const messageId = response.headers['x-message-id'] as string | undefined;
        return { ok: true, status: response.statusCode, ...(messageId ? { messageId } : {}) };
      } catch (error) {
        return toFailure(error);
      }
    },
  };
}

function toFailure(error: unknown): SendEmailResult & { ok: false } {
  const e = error as {
    code?: number | string;
    message?: string;
    response?: { body?: { errors?: Array<{ message?: string; field?: string | null }> } };
  };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const detail = e.response?.body?.errors?.map((x) => (x.field ? `${x.field}: ${x.message}` : x.message)).join('; ');
  // 429 and 5xx are SendGrid being busy; other 4xx (bad request, bad key, payload too large) repeat forever.
  const permanent = status !== undefined && status >= 400 && status < 500 && status !== 429;
  return {
    ok: false,
    message: detail || e.message || String(error),
    permanent,
    ...(status !== undefined ? { status } : {}),
  };
}
