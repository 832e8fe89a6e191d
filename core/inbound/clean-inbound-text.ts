import { AppError } from '../errors/app-error.ts';

/**
 * How deep inbound JSON may nest. Real payloads (GHL, SendGrid, Slack, Discord, our REST bodies)
 * stay under 10; JSON.stringify, zod's lazy schemas and pg's serialiser recurse, so a 1 MiB body
 * of brackets would overflow the stack and answer 500, which GHL and Twilio retry forever.
 */
export const MAX_JSON_DEPTH = 64;

// One JSON escape at a time, so an escaped backslash (`\\`) is consumed before the `u` after it.
const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|[\s\S])/g;
const LOW_SURROGATE_ESCAPE = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The rule for text PostgreSQL cannot hold: U+0000 is removed (`Ana\u0000Lopez` → `AnaLopez`) and
 * a lone UTF-16 surrogate becomes U+FFFD. Works on JSON text, escape by escape, so every other
 * byte of what the provider signed is kept; the stored body and all that is derived from it are
 * then valid in `text` and `jsonb` alike.
 * @example cleanJsonText('{"name":"Ana\\u0000Lopez"}') // '{"name":"AnaLopez"}'
 */
export function cleanJsonText(text: string): string {
  if (!text.includes('\\u')) return text;
  let pairedLowAt = -1;
  return text.replace(JSON_ESCAPE, (escape: string, hex: string | undefined, at: number) => {
    if (hex === undefined) return escape;
    const code = Number.parseInt(hex, 16);
    if (code === 0) return '';
    if (code >= 0xd800 && code <= 0xdbff) {
      if (!LOW_SURROGATE_ESCAPE.test(text.slice(at + 6, at + 12))) return '\\ufffd';
      pairedLowAt = at + 6;
      return escape;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return at === pairedLowAt ? escape : '\\ufffd';
    return escape;
  });
}

/** The same rule for a decoded value (a form field, a path parameter). */
export function cleanText(value: string): string {
  return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** True when `value` holds a C0 control character or DEL: never part of an id, address or key. */
export function hasControlCharacter(value: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(value);
}

/**
 * The same rule for `application/x-www-form-urlencoded` text: `%00` is the only way a form carries
 * U+0000 (`%2500` is a literal "%00" and is kept); percent-decoding never yields lone surrogates.
 */
export function cleanFormText(text: string): string {
  return text.replaceAll('%00', '').replaceAll('\u0000', '');
}

/**
 * How deeply `text` nests arrays and objects, found by one pass over the characters (no
 * recursion, so it cannot overflow on the input it is meant to catch).
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return deepest;
}

/**
 * The one way an inbound JSON body is read: cleaned (see `cleanJsonText`), checked for depth,
 * parsed. Bytes that are not JSON, or JSON nested deeper than MAX_JSON_DEPTH, are `invalid_json`
 * (400) naming the problem. A UTF-8 byte-order mark is tolerated: it is not part of the JSON.
 * @example const { text, value } = readInboundJson(rawBody.toString('utf8'), 'Body')
 */
export function readInboundJson(raw: string, what = 'Body'): { text: string; value: unknown } {
  const text = cleanJsonText(raw.startsWith('\uFEFF') ? raw.slice(1) : raw);
  const depth = jsonNestingDepth(text);
  if (depth > MAX_JSON_DEPTH)
    throw new AppError('invalid_json', `${what} is JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw new AppError('invalid_json', `${what} is not valid JSON: ${(error as Error).message}`);
  }
}
