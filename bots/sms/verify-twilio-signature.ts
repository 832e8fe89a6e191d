import twilio from 'twilio';

export interface TwilioSignatureInput {
  authToken: string;
  /** The URL Twilio was configured with: PUBLIC_BASE_URL + path (+ query), not what the proxy saw. */
  url: string;
  /** The form-encoded POST parameters, decoded; repeated keys as arrays. */
  params: Record<string, string | string[]>;
  /** X-Twilio-Signature header value. */
  signature: string | undefined | null;
}

/**
 * X-Twilio-Signature check for form-encoded webhooks, delegated to the SDK's validateRequest
 * (HMAC-SHA1 over URL + sorted params, compared in constant time, tried with and without the
 * default port because Twilio signs whichever form it was given).
 * @example verifyTwilioSignature({ authToken, url: `${env.PUBLIC_BASE_URL}/webhooks/twilio/sms`, params, signature: c.req.header('x-twilio-signature') })
 */
export function verifyTwilioSignature(input: TwilioSignatureInput): boolean {
  if (!input.signature || !input.authToken) return false;
  try {
    return twilio.validateRequest(input.authToken, input.signature, input.url, input.params);
  } catch {
    return false;
  }
}

/** Decodes an application/x-www-form-urlencoded body, keeping repeated keys as arrays. */
export function parseTwilioForm(rawBody: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    const prev = params[key];
    params[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return params;
}
