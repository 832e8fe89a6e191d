import type { IntentKind, LeadIntent } from './lead-intent.ts';

/**
 * Keyword rules in priority order: a showing request outranks everything (it is the hottest
 * thing a lead can say), then asking for a person (a human must answer), then financing news.
 */
const RULES: Array<[IntentKind, RegExp[]]> = [
  [
    'wants_showing',
    [
      /\bcan (we|i) (see|view|tour|visit|look at|walk through)\b/,
      /\b(schedule|book|set up|arrange)\b.{0,20}\b(showing|tour|viewing|visit)\b/,
      /\b(showing|tour|walk-?through|open house|viewing)\b/,
      /\b(see|view) (it|the (house|home|place|property|condo|unit))\b/,
      /\bwhen can (we|i) (come|stop) by\b/,
    ],
  ],
  [
    'asks_for_person',
    [
      /\b(talk|speak|chat) (to|with) (someone|somebody|a (real )?(person|human)|an? agent|a realtor|your agent)\b/,
      /\b(call me|give me a call|phone me)\b/,
      /\b(real|actual) (person|human)\b/,
      /\bare you a (bot|robot)\b/,
    ],
  ],
  ['pre_approved', [/\bpre-?approv(ed|al)\b/, /\bcash buyers?\b|\bpaying (in )?cash\b/, /\bmortgage (is )?approved\b/]],
  ['just_browsing', [/\bjust (browsing|looking)\b/, /\bnot (ready|in a hurry)\b/, /\bnext year\b/, /\bcurious\b/]],
];

/** Deterministic intent reader used when AI is off, slow or wrong. Never throws. */
export function extractIntentFallback(text: string): LeadIntent {
  const t = text.toLowerCase();
  for (const [intent, patterns] of RULES) {
    // "not pre-approved yet" is not a pre-approval.
    if (intent === 'pre_approved' && /\b(not|no|haven'?t|isn'?t) (been |yet )?(pre-?approv|approv)/.test(t)) continue;
    const hits = patterns.filter((p) => p.test(t)).length;
    if (hits > 0) return { intent, confidence: Math.min(0.9, 0.6 + 0.1 * hits) };
  }
  return { intent: 'unknown', confidence: 0 };
}
