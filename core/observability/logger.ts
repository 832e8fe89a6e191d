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
    formatters: { log: maskContactFields },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as typeof args;
        return method.apply(this, masked);
      },
    },
    // The edge Worker's bundler picks pino's browser build (console, no transports), which has no hooks and reads
    // its formatters here: the message is scrubbed in the same pass as the fields, so its logs hide what Node's hide.
    browser: {
      asObject: true,
      serialize: true,
      formatters: { log: (obj) => maskContactFields(maskMessage(obj)) },
      write: {
        fatal: (o) => console.error(withoutRestore(o)),
        error: (o) => console.error(withoutRestore(o)),
        warn: (o) => console.warn(withoutRestore(o)),
        info: (o) => console.info(withoutRestore(o)),
        debug: (o) => console.debug(withoutRestore(o)),
        trace: (o) => console.debug(withoutRestore(o)),
      },
    },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** Contact details kept under telling keys (phone, to, from, email) are masked, never dropped. */
function maskContactFields(obj: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (typeof v !== 'string') continue;
    if (/phone|^to$|^from$/i.test(key)) obj[key] = maskPhone(v);
    else if (/email/i.test(key)) obj[key] = maskEmail(v);
  }
  return obj;
}

/** The browser build's redaction leaves its undo function on the object it logs. */
function withoutRestore(obj: object): object {
  const { restore: _restore, ...rest } = obj as Record<string, unknown>;
  return rest;
}

function maskMessage(obj: Record<string, unknown>): Record<string, unknown> {
  if (typeof obj.msg === 'string') obj.msg = maskText(obj.msg);
  return obj;
}
