import type twilio from 'twilio';
import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';

export const TwilioConfig = z
  .object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex characters'),
    authToken: z.string().min(1),
    fromNumber: z.string().optional(),
    messagingServiceSid: z.string().optional(),
    /** TWILIO_API_URL: replaces https://api.twilio.com so a fake provider can answer. */
    apiUrl: z.url().optional(),
  })
  .refine((c) => c.fromNumber || c.messagingServiceSid, {
    message: 'fromNumber or messagingServiceSid is required',
    path: ['fromNumber'],
  });
export type TwilioConfig = z.infer<typeof TwilioConfig>;

export interface SendSmsInput {
  to: string;
  body: string;
  /** Where Twilio posts delivery status (PUBLIC_BASE_URL + /webhooks/twilio/status). */
  statusCallback?: string;
}

export type SendSmsResult =
  | { ok: true; sid: string; status: string }
  | { ok: false; code: number | string; message: string; status?: number; permanent: boolean; optedOut: boolean };

/** Twilio error codes that no retry will fix (recipient opted out, invalid or unroutable number). */
const PERMANENT_CODES = new Set([
  21211, 21408, 21606, 21610, 21612, 21614, 21617, 21660, 21703, 30003, 30004, 30005, 30006, 30007,
]);

type TwilioSdk = typeof twilio;
type RequestOptions<T> = Parameters<typeof twilio.RequestClient.prototype.request<T>>[0];

/**
 * Points the SDK at another origin by rewriting each request URI in its own RequestClient: the
 * SDK still builds, authenticates and sends the request (axios inside), only the host changes.
 * The SDK's region/edge options can only rename *.twilio.com hosts, not reach a loopback fake.
 */
function baseUrlRequestClient(sdk: TwilioSdk, baseUrl: string): InstanceType<TwilioSdk['RequestClient']> {
  class BaseUrlRequestClient extends sdk.RequestClient {
    override request<T>(opts: RequestOptions<T>) {
      const target = new URL(opts.uri);
      const base = new URL(baseUrl);
      const prefix = base.pathname.replace(/\/$/, '');
      return super.request<T>({ ...opts, uri: `${base.origin}${prefix}${target.pathname}${target.search}` });
    }
  }
  return new BaseUrlRequestClient();
}

/** The SDK (a quarter of a second and 15 MB to load) is imported on the first text, not with the app. */
const loadTwilio = async (): Promise<TwilioSdk> => (await import('twilio')).default;

/** One outbound message as Twilio's Message list resource describes it. */
export interface SentSms {
  sid: string;
  body: string;
  status: string;
  dateCreated: Date | null;
}

export type ListSentSmsResult = { ok: true; messages: SentSms[] } | { ok: false; message: string };

export interface TwilioClient {
  sendSms(input: SendSmsInput): Promise<SendSmsResult>;
  /**
   * Texts sent to `to` (from our number, when there is one) created at or after `since`, newest
   * first, at most `limit`. Filtered on `date_created` here rather than with Twilio's `DateSent>`,
   * which leaves out a message Twilio took but has not sent yet (its `date_sent` is still null).
   */
  listSentSms(input: { to: string; since: Date; limit?: number }): Promise<ListSentSmsResult>;
}

/**
 * A failure comes back as data, never thrown: the caller records it as a delivery attempt and
 * the job's retry policy reads `permanent`. `optedOut` (21610) must mark the number opted out.
 * @example const sms = createTwilioClient({ accountSid, authToken, fromNumber: '+15125550100', apiUrl: env.TWILIO_API_URL })
 */
export function createTwilioClient(config: TwilioConfig): TwilioClient {
  const parsed = TwilioConfig.safeParse(config);
  if (!parsed.success)
    throw new AppError(
      'invalid_config',
      `Twilio: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const c = parsed.data;
  let client: ReturnType<TwilioSdk> | undefined;
  const connect = (sdk: TwilioSdk) =>
    (client ??= sdk(c.accountSid, c.authToken, c.apiUrl ? { httpClient: baseUrlRequestClient(sdk, c.apiUrl) } : {}));

  return {
    async sendSms({ to, body, statusCallback }) {
      const sdk = await loadTwilio();
      const client = connect(sdk);
      try {
        const message = await client.messages.create({
          to,
          body,
          ...(c.messagingServiceSid ? { messagingServiceSid: c.messagingServiceSid } : { from: c.fromNumber! }),
          ...(statusCallback ? { statusCallback } : {}),
        });
        return { ok: true, sid: message.sid, status: message.status };
      } catch (error) {
        return toFailure(sdk, error);
      }
    },
    async listSentSms({ to, since, limit = 50 }) {
      const sdk = await loadTwilio();
      try {
        const listed = await connect(sdk).messages.list({ to, ...(c.fromNumber ? { from: c.fromNumber } : {}), limit });
        const messages = listed
          .filter((m) => m.direction !== 'inbound' && (!m.dateCreated || m.dateCreated >= since))
          .map((m) => ({ sid: m.sid, body: m.body, status: m.status, dateCreated: m.dateCreated ?? null }));
        return { ok: true, messages };
      } catch (error) {
        return { ok: false, message: toFailure(sdk, error).message };
      }
    },
  };
}

function toFailure(sdk: TwilioSdk, error: unknown): SendSmsResult & { ok: false } {
  if (error instanceof sdk.RestException) {
    const code = error.code ?? error.status;
    const permanent =
      PERMANENT_CODES.has(Number(code)) || (error.status >= 400 && error.status < 500 && error.status !== 429);
    return { ok: false, code, message: error.message, status: error.status, permanent, optedOut: code === 21610 };
  }
  // No HTTP answer (DNS, reset, timeout): worth retrying.
  const e = error as { code?: string; message?: string };
  return {
    ok: false,
    code: e.code ?? 'network_error',
    message: e.message ?? String(error),
    permanent: false,
    optedOut: false,
  };
}
