import twilio from 'twilio';
import { parseTwilioForm, type TwilioForm } from '../../bots/sms/parse-twilio-form.ts';
import { toBytes, type InboundRequest, type SignatureCheck } from './signature-check.ts';

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
 * X-Twilio-Signature check for form-encoded webhooks, delegated to the SDK's validateRequest
 * (HMAC-SHA1 over URL + sorted params, compared in constant time, tried with and without the
 * default port because Twilio signs whichever form it was given).
 * @example verifyTwilioSignature({ authToken, url: `${env.PUBLIC_BASE_URL}/webhooks/twilio/sms`, params, signature })
 */
export function verifyTwilioSignature(input: TwilioSignatureInput): boolean {
  if (!input.signature || !input.authToken) return false;
  try {
    return twilio.validateRequest(input.authToken, input.signature, input.url, input.params);
  } catch {
    return false;
  }
}

export interface TwilioVerifierConfig {
  /** TWILIO_AUTH_TOKEN; unset means every request is refused. */
  authToken?: string;
}

/**
 * The request-level check the middleware runs; hands on the decoded form, which the signature
 * covers. Twilio signs no timestamp: a replay is caught by the MessageSid dedupe at ingest.
 */
export function verifyTwilioRequest(
  request: InboundRequest,
  config: TwilioVerifierConfig,
): SignatureCheck<{ scheme: 'twilio-hmac-sha1'; params: TwilioForm }> {
  const params = parseTwilioForm(toBytes(request.rawBody).toString('utf8'));
  const signature = request.headers['x-twilio-signature'];
  if (!verifyTwilioSignature({ authToken: config.authToken ?? '', url: request.url, params, signature }))
    return { ok: false, reason: signature ? 'X-Twilio-Signature does not match' : 'X-Twilio-Signature is missing' };
  return { ok: true, scheme: 'twilio-hmac-sha1', params };
}
