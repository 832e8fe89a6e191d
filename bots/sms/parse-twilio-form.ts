/** A decoded Twilio webhook form; repeated keys (e.g. `Digits`) become arrays. */
export type TwilioForm = Record<string, string | string[]>;

/** Decodes an application/x-www-form-urlencoded body, keeping repeated keys as arrays. */
export function parseTwilioForm(rawBody: string): TwilioForm {
  const params: TwilioForm = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    const prev = params[key];
    params[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return params;
}
