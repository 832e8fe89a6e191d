import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';
import { parseTwilioForm, type TwilioForm } from '../../bots/sms/parse-twilio-form.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';
import { constantTimeEqual, hmac, utf8 } from './web-crypto.ts';

export interface TwilioSignatureInput {
  authToken: string;
  /** The URL Twilio was configured with: PUBLIC_BASE_URL + path (+ query), not what the proxy saw. */
  url: string;
  /** The form-encoded POST parameters, decoded; repeated keys as arrays. */
  params: TwilioForm;
  /** X-Twilio-Signature header value. */
  signature: string | undefined | null;
}

/**
 * X-Twilio-Signature check for form-encoded webhooks: base64 HMAC-SHA1 over the URL followed by every
 * parameter name and value, sorted by name (repeated values de-duplicated and sorted), compared in constant
 * time. Twilio signs whichever form of the URL it was given, so, like the SDK's `validateRequest` (which this
 * follows step for step, on WebCrypto so the edge Worker runs it too), the URL is tried as given, with and
 * without its default port, then normalised, and then with the query re-encoded the legacy way.
 * @example await verifyTwilioSignature({ authToken, url: `${base}/webhooks/twilio/sms`, params, signature })
 */
export async function verifyTwilioSignature(input: TwilioSignatureInput): Promise<boolean> {
  if (!input.signature || !input.authToken) return false;
  const given = utf8(input.signature);
  const matches = async (url: string) =>
    constantTimeEqual(given, utf8(await expectedTwilioSignature(input.authToken, url, input.params)));
  for (const url of [removePort(input.url), addPort(input.url)]) if (await matches(url)) return true;
  let normalised: string;
  try {
    normalised = new URL(input.url).toString();
  } catch {
    return false;
  }
  const candidates = [removePort(normalised), addPort(normalised)];
  for (const url of [...candidates, ...candidates.map(withLegacyQuerystring)]) if (await matches(url)) return true;
  return false;
}

/** The signature Twilio sends for `url` + `params` under `authToken` (base64 HMAC-SHA1). */
export async function expectedTwilioSignature(authToken: string, url: string, params: TwilioForm): Promise<string> {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + formParam(key, params[key]), url);
  return Buffer.from(await hmac('SHA-1', authToken, utf8(data))).toString('base64');
}

function formParam(name: string, value: string | string[]): string {
  if (!Array.isArray(value)) return name + value;
  return [...new Set(value)]
    .sort()
    .map((v) => name + v)
    .join('');
}

/** The URL split without normalising it, so the path and query keep the exact characters Twilio signed. */
function splitUrl(url: string) {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme, authority] = match;
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // A colon starts the port only after the closing bracket of an IPv6 literal.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function addPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

function removePort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

/** The query re-encoded as Node's legacy `querystring` does, for senders that signed an escaped form (`%27`). */
function withLegacyQuerystring(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || queryStart === url.length - 1) return url;
  return `${url.slice(0, queryStart)}?${stringifyQuery(parseQuery(url.slice(queryStart + 1)))}`;
}

export interface TwilioVerifierConfig {
  /** TWILIO_AUTH_TOKEN; unset means every request is refused. */
  authToken?: string;
}

/**
 * The request-level check the middleware runs; hands on the decoded form, which the signature
 * covers. Twilio signs no timestamp: a replay is caught by the MessageSid dedupe at ingest.
 */
export async function verifyTwilioRequest(
  request: InboundRequest,
  config: TwilioVerifierConfig,
): Promise<SignatureCheck<{ scheme: 'twilio-hmac-sha1'; params: TwilioForm }>> {
  const params = parseTwilioForm(toBytes(request.rawBody).toString('utf8'));
  const signature = request.headers['x-twilio-signature'];
  const valid = await verifyTwilioSignature({ authToken: config.authToken ?? '', url: request.url, params, signature });
  if (!valid)
    return { ok: false, reason: signature ? 'X-Twilio-Signature does not match' : 'X-Twilio-Signature is missing' };
  return { ok: true, scheme: 'twilio-hmac-sha1', params };
}
