import { extractCriteriaFallback } from './extract-criteria-fallback.ts';
import { extractIntentFallback } from './extract-intent-fallback.ts';
import { LeadFact } from './lead-fact.ts';
import { readShowingDay, readTimeline, TIME_WORDS } from './read-when.ts';

const NOT_APPROVED = /\b(not|no|haven'?t|isn'?t|aren'?t|never) (been |yet |even )?(pre-?approv|approv)/;
const APPROVED = /\bpre-?approv(ed|al)\b|\bcash buyers?\b|\bpaying (in |with )?cash\b|\bmortgage (is )?approved\b/;
/**
 * What follows "pre-approved": "with Chase for 450k", "through Wells Fargo up to $525,000". Case matters
 * for the lender (a capitalised name), so this is read after the case-blind word it follows.
 */
const LENDER = String.raw`(?:with|through|by|from|at)\s+([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)*)`;
const APPROVED_AMOUNT = String.raw`(?:for|up to|of|at)\s+(\$?\d[\d,]*(?:\.\d+)?\s*[kKmM]?\b)`;
const AFTER_APPROVAL = new RegExp(String.raw`^(?:ed|al)?\s*(?:${LENDER})?\s*(?:${APPROVED_AMOUNT})?`);

const WRONG_NUMBER = [
  /\bwrong (number|person|phone)\b/,
  /\bn[uú]mero equivocado\b/,
  /\bwho is this\b.*\b(don'?t know|not)\b/,
  /\bi'?m not (the person|who you)\b/,
];
const ALREADY_BOUGHT = [
  /\b(already|just) (bought|purchased|closed on|found (a|our|the) (home|house|place))\b/,
  /\bwe (bought|purchased|closed on) (a|our|the)? ?(home|house|place|condo)\b/,
  /\b(closed|close) on (a|our|the) (home|house|place|condo)\b/,
  /\bya compramos\b/,
];
const NOT_INTERESTED = [
  /\bnot interested\b/,
  /\bno longer (looking|interested|buying)\b/,
  /\bstop (texting|messaging|contacting|emailing|calling)\b/,
  /\b(remove|unsubscribe) me\b/,
  /\bleave me alone\b/,
  /\bno me interesa\b/,
];
const SHOWING = [
  /\bcan (we|i) (see|view|tour|visit|look at|walk through)\b/,
  /\b(schedule|book|set up|arrange)\b.{0,20}\b(showing|tour|viewing|visit)\b/,
  /\b(showing|tour|walk-?through|viewing)\b/,
  /\b(see|view) (it|the (house|home|place|property|condo|unit))\b/,
  /\bwhen can (we|i) (come|stop) by\b/,
  /\b(podemos|puedo|quiero|queremos) (verla|verlo|ver la casa|visitarla|visitar)\b/,
];
const PERSON = [
  /\b(talk|speak|chat) (to|with) (someone|somebody|a (real )?(person|human)|an? agent|a realtor|your agent)\b/,
  /\b(call me|give me a call|phone me|can (you|someone) call)\b/,
  /\b(real|actual) (person|human)\b/,
  /\bll[aá]m(e|ame|enme)\b/,
];
const STREET_TYPES = 'St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Way|Ct|Court|Cv|Cove|Pl|Trl|Pkwy';
const ADDRESS = new RegExp(String.raw`\b\d{1,6}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:${STREET_TYPES})\b\.?`);
const NAMED_ONE = /\bthe ([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*) (one|house|home|place|listing|condo)\b/;
/** A capitalised place name or a ZIP code. */
const PLACE = String.raw`(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|\d{5}\b)`;
/**
 * "in Round Rock or Georgetown", "near Austin, Pflugerville and 78660". Only after in/near/around: a
 * bare "Austin or 78704" answers a question the rules never saw asked (the SMS assistant reads those).
 */
const AREA_LIST = new RegExp(
  String.raw`\b(?:in|near|around)\s+(${PLACE}(?:\s*(?:,|\bor\b|\band\b|\/)\s*${PLACE})*)`,
  'g',
);

const any = (patterns: RegExp[], t: string) => patterns.some((p) => p.test(t));

function money(raw: string): number | undefined {
  const m = raw.replace(/[$,\s]/g, '').match(/^(\d+(?:\.\d+)?)([km])?$/i);
  if (!m) return undefined;
  const unit = m[2]?.toLowerCase();
  const n = Number(m[1]) * (unit === 'm' ? 1_000_000 : unit === 'k' ? 1_000 : 1);
  return Math.round(n < 10_000 ? n * 1_000 : n);
}

function areasOf(text: string): string[] {
  const names = [...text.matchAll(AREA_LIST)].flatMap((m) => m[1].split(/\s*(?:,|\bor\b|\band\b|\/)\s*/));
  return [...new Set(names.map((n) => n.trim()).filter((n) => n && !TIME_WORDS.has(n)))];
}

/**
 * The facts one message states, read by rules: used when AI is off and whenever the model fails,
 * so it must never throw. It reads what a lead plainly says ("pre-approved with Chase for 450k",
 * "wrong number", "¿podemos verla el sábado?"); subtler phrasing is the model's job.
 * `now` anchors relative timelines ("in the spring").
 * @example extractFactsFallback('Can we see it Saturday? We are pre-approved.', new Date())
 */
export function extractFactsFallback(text: string, now: Date): LeadFact[] {
  const t = text.toLowerCase();
  const facts: LeadFact[] = [];
  const add = (fact: unknown) => {
    const parsed = LeadFact.safeParse(fact);
    if (parsed.success) facts.push(parsed.data);
  };

  if (any(WRONG_NUMBER, t)) add({ kind: 'wrong_number', value: true });
  if (any(ALREADY_BOUGHT, t)) add({ kind: 'already_bought', value: true });
  else if (any(NOT_INTERESTED, t)) add({ kind: 'not_interested', value: true });
  // Someone who is not the lead, or who is done buying, has no search to read.
  if (facts.length) return facts;

  // The pre-approval clause is read first and cut out, so its amount is not mistaken for a budget.
  let rest = text;
  if (NOT_APPROVED.test(t)) add({ kind: 'pre_approved', value: { approved: false } });
  else if (APPROVED.test(t)) {
    const word = text.search(/pre-?approv/i);
    const clause =
      word >= 0
        ? text
            .slice(word)
            .replace(/^pre-?approv/i, '')
            .match(AFTER_APPROVAL)
        : null;
    const amount = clause?.[2] ? money(clause[2]) : undefined;
    add({ kind: 'pre_approved', value: { approved: true, ...(amount ? { amount } : {}) } });
    if (clause?.[1]) add({ kind: 'lender', value: clause[1].trim() });
    if (clause?.[0]) rest = text.replace(clause[0], ' ');
  }

  const criteria = extractCriteriaFallback(rest);
  const timeline = readTimeline(rest, now);
  if (timeline) add({ kind: 'timeline', value: timeline });
  if (criteria.maxPrice) add({ kind: 'budget_max', value: criteria.maxPrice });
  const areas = areasOf(rest);
  if (areas.length) add({ kind: 'areas', value: areas });
  if (criteria.minBeds !== undefined) add({ kind: 'beds_min', value: criteria.minBeds });

  const intent = extractIntentFallback(t).intent;
  if (intent === 'wants_showing' || any(SHOWING, t)) {
    const place = text.match(ADDRESS)?.[0].replace(/\.$/, '') ?? text.match(NAMED_ONE)?.[1];
    const when = readShowingDay(text);
    add({ kind: 'showing_request', value: { ...(place ? { place } : {}), ...(when ? { when } : {}) } });
  }
  if (any(PERSON, t)) add({ kind: 'wants_person', value: true });
  return facts;
}
