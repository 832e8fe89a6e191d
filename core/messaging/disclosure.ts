import { z } from 'zod';

/** CTIA asks that the first message of a program tell the recipient how to stop it. */
export const OPT_OUT_DISCLOSURE = 'Reply STOP to opt out.';

/**
 * The body to send: the first automated message to a lead carries the opt-out line; later ones,
 * and bodies that already explain STOP, are left alone so the line is never doubled.
 * @example withOptOutDisclosure('New 3bd in 78704: $589k', { firstAutomated: true }) // '… Reply STOP to opt out.'
 */
export function withOptOutDisclosure(body: string, options: { firstAutomated: boolean }): string {
  if (!options.firstAutomated || /\bSTOP\b/.test(body)) return body;
  const trimmed = body.trimEnd();
  return trimmed ? `${trimmed} ${OPT_OUT_DISCLOSURE}` : OPT_OUT_DISCLOSURE;
}

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + septet = two).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export const SmsSegments = z.object({
  encoding: z.enum(['GSM-7', 'UCS-2']),
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the body occupies. */
  units: z.number().int(),
  segments: z.number().int(),
});
export type SmsSegments = z.infer<typeof SmsSegments>;

/**
 * How many SMS segments a body costs. One character outside GSM-7 (an emoji, a curly quote)
 * switches the whole message to UCS-2: 70 characters instead of 160 for a single segment.
 * Multipart messages lose room to the concatenation header (153 / 67 per part), and an escaped
 * GSM character or a surrogate pair is never split across parts, so packing is done per character.
 */
export function countSmsSegments(body: string): SmsSegments {
  const chars = Array.from(body);
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
  const cost = (c: string) => (gsm ? (GSM_EXTENDED.has(c) ? 2 : 1) : c.length);
  const units = chars.reduce((sum, c) => sum + cost(c), 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const encoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units === 0) return { encoding, units, segments: 0 };
  if (units <= single) return { encoding, units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const c of chars) {
    if (used + cost(c) > multi) {
      segments++;
      used = 0;
    }
    used += cost(c);
  }
  return { encoding, units, segments };
}
