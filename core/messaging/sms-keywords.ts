import { z } from 'zod';

/**
 * Carrier/CTIA standard keywords. Carriers (and Twilio's default opt-out handling) act on a
 * message that *is* the keyword, not one that merely contains it: "stop" and " STOP! " opt out,
 * "don't stop sending me houses" does not.
 */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export const SmsKeywordKind = z.enum(['opt_out', 'opt_in', 'help', 'none']);
export type SmsKeywordKind = z.infer<typeof SmsKeywordKind>;

export const SmsKeyword = z.object({ kind: SmsKeywordKind, keyword: z.string().optional() });
export type SmsKeyword = z.infer<typeof SmsKeyword>;

/** Uppercase, drop whitespace and punctuation, so "Stop.", "opt-out" and " S T O P " all compare equal. */
export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const OPT_OUT = new Set<string>(OPT_OUT_KEYWORDS);
const OPT_IN = new Set<string>(OPT_IN_KEYWORDS);
const HELP = new Set<string>(HELP_KEYWORDS);

/**
 * Classifies an inbound text. `optedOut` is the sender's current consent: "YES" re-subscribes
 * someone who opted out, but from everyone else it is an ordinary answer ("are you pre-approved?"
 * → "yes") and must reach the conversation, so it only counts as opt-in while opted out.
 * @example classifySmsKeyword(' Stop! ') // { kind: 'opt_out', keyword: 'STOP' }
 */
export function classifySmsKeyword(text: string, context: { optedOut?: boolean } = {}): SmsKeyword {
  const word = normalizeKeyword(text);
  if (OPT_OUT.has(word)) return { kind: 'opt_out', keyword: word };
  if (OPT_IN.has(word) && (word !== 'YES' || context.optedOut)) return { kind: 'opt_in', keyword: word };
  if (HELP.has(word)) return { kind: 'help', keyword: word };
  return { kind: 'none' };
}

export interface KeywordReplyOptions {
  /** Who is texting, e.g. "Lone Star Realty". */
  senderName: string;
  /** The tenant's HELP text (contact details); a generic line is used when absent. */
  helpText?: string;
}

/**
 * The reply a keyword gets. Wording follows the CTIA handbook's required elements (program name,
 * how to opt out / back in, "Msg & data rates may apply") rather than any one carrier's text.
 * Returns undefined for ordinary messages: those go to the conversation, not an auto-reply.
 */
export function keywordReply(kind: SmsKeywordKind, options: KeywordReplyOptions): string | undefined {
  const name = options.senderName;
  switch (kind) {
    case 'opt_out':
      return `${name}: You have been unsubscribed and will receive no more messages from this number. Reply START to resubscribe.`;
    case 'opt_in':
      return `${name}: You are resubscribed to messages from this number. Msg & data rates may apply. Reply HELP for help, STOP to opt out.`;
    case 'help': {
      const help = options.helpText?.trim() || 'Reply to this message and an agent will get back to you.';
      const stop = /\bSTOP\b/.test(help) ? '' : ' Reply STOP to opt out.';
      return `${name}: ${help}${stop}`;
    }
    case 'none':
      return undefined;
  }
}
