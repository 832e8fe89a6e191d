import { pino, type Logger, type LoggerOptions } from 'pino';
import { maskEmail, maskPhone, maskText } from './mask.ts';
import { serializeError } from './serialize-error.ts';

export type { Logger };

const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'APP_SECRET',
  'APP_SECRETS',
  'x-ghl-signature',
  'x-wh-signature',
  'x-twilio-signature',
  'x-slack-signature',
  'cookie',
];
// Whatever a provider or a person sent: logged by mistake it would carry names, numbers and addresses.
const CONTENT_KEYS = ['rawBody', 'body', 'headers', 'params'];
const paths = [...CONTENT_KEYS.flatMap((k) => [k, `*.${k}`]), ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`])];

/**
 * Structured logs that never carry secrets or full phone numbers/emails: secrets, bodies and
 * headers are removed by key; contact details are masked by key and scrubbed out of messages; an
 * error is logged by `serializeError` (never a failed query's parameters).
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const opts: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths, censor: '[redacted]' },
    serializers: { err: serializeError },
    formatters: {
      log(obj) {
        for (const key of Object.keys(obj)) {
          const v = obj[key];
          if (typeof v !== 'string') continue;
          if (/phone|^to$|^from$/i.test(key)) obj[key] = maskPhone(v);
          else if (/email/i.test(key)) obj[key] = maskEmail(v);
        }
        return obj;
      },
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as typeof args;
        return method.apply(this, masked);
      },
    },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}
