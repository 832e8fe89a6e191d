/** A decoded Twilio webhook form; repeated keys (e.g. `Digits`) become arrays. */
export type TwilioForm = Record<string, string | string[]>;

/**
 * Decodes an application/x-www-form-urlencoded body, keeping repeated keys as arrays. The result
 * has no prototype: a parameter named `constructor` or `__proto__` is a parameter like any other,
 * not a lookup that finds Object.prototype (which broke the signature of a correctly signed form).
 */
export function parseTwilioForm(rawBody: string): TwilioForm {
  const params: TwilioForm = Object.create(null);
  for (const [key, value] of new URLSearchParams(rawBody)) {
    const prev = Object.hasOwn(params, key) ? params[key] : undefined;
    params[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return params;
}
