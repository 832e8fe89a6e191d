import { z } from 'zod';

export const QualificationSlot = z.enum(['budget', 'areas', 'preApproval', 'beds', 'timeline']);
export type QualificationSlot = z.infer<typeof QualificationSlot>;

/** What a buyer lead has told us. The same shape is written to the lead (only changed fields). */
export const QualificationSlots = z.object({
  budgetMin: z.number().positive().optional(),
  budgetMax: z.number().positive().optional(),
  cities: z.array(z.string().min(1)).optional(),
  postalCodes: z.array(z.string().regex(/^\d{5}$/)).optional(),
  beds: z.number().int().min(0).max(20).optional(),
  /** How the lead put it ("3 months", "ASAP", "just browsing"); answering counts even without a number. */
  timeline: z.string().min(1).optional(),
  timelineMonths: z.number().min(0).max(120).optional(),
  preApproved: z.boolean().optional(),
});
export type QualificationSlots = z.infer<typeof QualificationSlots>;

export const QualificationIntents = z.object({
  wantsShowing: z.boolean().optional(),
  wantsPerson: z.boolean().optional(),
});
export type QualificationIntents = z.infer<typeof QualificationIntents>;

/** One message's worth of facts. An AI extractor returns this same shape, validated before use. */
export const QualificationExtraction = z.object({
  slots: QualificationSlots.default({}),
  intents: QualificationIntents.default({}),
});
export type QualificationExtraction = z.infer<typeof QualificationExtraction>;

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  couple: 2,
  three: 3,
  few: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
const num = (s: string) => WORD_NUMBERS[s.toLowerCase()] ?? Number(s);

const SUFFIX = String.raw`(k|mm|m|mil|million|thousand)?`;
const MONEY = new RegExp(String.raw`(\$)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*${SUFFIX}(?![a-z])`, 'gi');
const MULT: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, mil: 1e6, million: 1e6 };

interface Money {
  value: number;
  index: number;
  end: number;
}

const NOT_MONEY_AFTER = /^\s*(?:bed|br|bd|bath|ba|month|mo|year|yr|week|day|sq|acre)/i;

/** "$450,000", "600k", "1.2m" are money; a bare number only when the budget was asked ("around 600" → 600k). */
function toMoney(
  dollar: string | undefined,
  digits: string,
  suffix: string | undefined,
  askedBudget: boolean,
): number | undefined {
  const explicit = Boolean(dollar || suffix || digits.includes(','));
  // A bare five-digit number is a ZIP code far more often than a budget.
  if (!explicit && (!askedBudget || /^\d{5}$/.test(digits))) return undefined;
  let value = Number(digits.replace(/,/g, '')) * (suffix ? MULT[suffix.toLowerCase()] : 1);
  if (!suffix && value >= 50 && value < 10_000) value *= 1000;
  return value >= 10_000 ? value : undefined;
}

function findMoney(text: string, askedBudget: boolean): Money[] {
  const found: Money[] = [];
  for (const m of text.matchAll(MONEY)) {
    if (NOT_MONEY_AFTER.test(text.slice(m.index + m[0].length))) continue;
    const value = toMoney(m[1], m[2], m[3], askedBudget);
    if (value !== undefined) found.push({ value, index: m.index, end: m.index + m[0].length });
  }
  return found;
}

const RANGE = new RegExp(
  String.raw`(\$)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*${SUFFIX}\s*(?:-|–|to|and)\s*(\$)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*${SUFFIX}(?![a-z])`,
  'i',
);

export function parseBudget(text: string, askedBudget = false): Pick<QualificationSlots, 'budgetMin' | 'budgetMax'> {
  const r = text.match(RANGE);
  if (r && !NOT_MONEY_AFTER.test(text.slice(r.index! + r[0].length))) {
    // "400-550k": the upper bound's suffix (and dollar sign) applies to the lower one too.
    const explicit = Boolean(r[1] || r[3] || r[4] || r[6]);
    const lo = toMoney(r[1] ?? r[4], r[2], r[3] ?? r[6], askedBudget || explicit);
    const hi = toMoney(r[4] ?? r[1], r[5], r[6] ?? r[3], askedBudget || explicit);
    if (lo !== undefined && hi !== undefined) return { budgetMin: Math.min(lo, hi), budgetMax: Math.max(lo, hi) };
  }
  const money = findMoney(text, askedBudget);
  if (money.length === 0) return {};
  const before = text.slice(0, money[0].index).toLowerCase().trim();
  if (/(at least|over|above|more than|min(imum)?|starting at|from)$/.test(before)) return { budgetMin: money[0].value };
  return { budgetMax: money[0].value };
}

const BED_N = '(?:\\d{1,2}|one|two|three|four|five|six|seven)';
// "3-4 beds" means at least 3: the first number is the minimum.
const BEDS = new RegExp(
  String.raw`\b(${BED_N})(?:\s*(?:-|–|to|or)\s*${BED_N})?\s*\+?\s*-?\s*(?:bed(?:room)?s?|br|bds?|bdrms?)\b`,
  'i',
);

export function parseBeds(text: string, askedBeds = false): number | undefined {
  const m = text.match(BEDS);
  if (m) return num(m[1]);
  if (/\bstudio\b/i.test(text)) return 0;
  if (askedBeds) {
    const bare = text
      .trim()
      .match(
        /^(?:at least |maybe |probably |minimum )?(\d{1,2}|one|two|three|four|five|six|seven)\b\+?(?:\s*(?:or more|min(?:imum)?|at least))?[.!]?$/i,
      );
    if (bare && num(bare[1]) <= 10) return num(bare[1]);
  }
  return undefined;
}

const NOT_PLACES = new Set([
  'anywhere',
  'not sure',
  'unsure',
  'idk',
  'dunno',
  'yes',
  'no',
  'any',
  'flexible',
  'open',
  'somewhere',
  'wherever',
  'nope',
]);
const NOT_PLACE_WORDS = /\b(know|sure|idea|anything|whatever|everywhere|don'?t|doesn'?t|matter|yet)\b/i;
const MONTHS_DAYS =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|fall|winter)$/i;
const titleCase = (s: string) => s.toLowerCase().replace(/\b([a-z])/g, (c) => c.toUpperCase());

export function parseAreas(text: string, askedAreas = false): Pick<QualificationSlots, 'cities' | 'postalCodes'> {
  const withoutMoney = text.replace(MONEY, (m, dollar, _d, suffix) => (dollar || suffix ? ' ' : m));
  const postalCodes = [...withoutMoney.matchAll(/(?<![\d$])\b(\d{5})\b(?!\s*(?:k|m)\b)/gi)].map((m) => m[1]);
  let cities: string[] = [];
  if (askedAreas) {
    const rest = withoutMoney.replace(/\b\d{5}\b/g, ' ').replace(BEDS, ' ');
    cities = rest
      .split(/,|;|\/|&|\bor\b|\band\b|\bnear\b/i)
      .map((s) =>
        s
          .replace(
            /^\s*(?:i'?m |we'?re |i |we )?(?:like|love|looking|thinking|want|prefer)?\s*(?:in|at|around|near|maybe|probably|somewhere in|either|the)?\s*/i,
            '',
          )
          .replace(/\b(?:area|areas|please|thanks|thank you|maybe|probably)\b/gi, '')
          .replace(/[.!?"]/g, '')
          .trim(),
      )
      .filter(
        (s) =>
          /^[a-z][a-z .'-]{1,39}$/i.test(s) &&
          !NOT_PLACES.has(s.toLowerCase()) &&
          !NOT_PLACE_WORDS.test(s) &&
          !MONTHS_DAYS.test(s),
      )
      .map(titleCase);
  } else {
    // Unprompted, only a capitalised name after "in/near/around" counts: "a 3 bed in Round Rock under 500k".
    cities = [...text.matchAll(/\b(?:in|near|around)\s+([A-Z][a-zA-Z.'-]+(?:\s+[A-Z][a-zA-Z.'-]+){0,2})/g)]
      .map((m) => m[1])
      .filter((c) => !MONTHS_DAYS.test(c));
  }
  return { ...(cities.length ? { cities } : {}), ...(postalCodes.length ? { postalCodes } : {}) };
}

export function parseTimeline(
  text: string,
  askedTimeline = false,
): Pick<QualificationSlots, 'timeline' | 'timelineMonths'> {
  if (
    /\b(asap|right away|immediately|right now|this month)\b/i.test(text) ||
    (askedTimeline && /^\W*(now|soon as possible|today)\W*$/i.test(text))
  ) {
    return { timeline: 'ASAP', timelineMonths: 0 };
  }
  if (/\bnext year\b/i.test(text)) return { timeline: 'next year', timelineMonths: 12 };
  const m = [
    ...text.matchAll(
      /\b(\d{1,2}|a|an|one|two|three|four|five|six|twelve|few|couple)\s*(?:of\s*)?(days?|weeks?|wks?|months?|mos?|years?|yrs?)\b/gi,
    ),
  ].pop();
  if (m) {
    const n = num(m[1]);
    const unit = ({ d: 'day', w: 'week', m: 'month', y: 'year' } as const)[
      m[2][0].toLowerCase() as 'd' | 'w' | 'm' | 'y'
    ];
    const months = unit === 'day' ? n / 30 : unit === 'week' ? n / 4.345 : unit === 'year' ? n * 12 : n;
    return { timeline: `${n} ${unit}${n === 1 ? '' : 's'}`, timelineMonths: Math.round(months * 10) / 10 };
  }
  if (
    askedTimeline &&
    /\b(just (?:looking|browsing|curious)|browsing|not sure|no rush|unsure|don'?t know|no idea)\b/i.test(text)
  )
    return { timeline: 'just browsing' };
  return {};
}

export function parsePreApproval(text: string, askedPreApproval = false): boolean | undefined {
  if (
    /\b(not|aren'?t|isn'?t|haven'?t|no)\b[\w\s]{0,12}\bpre[- ]?approv/i.test(text) ||
    /\bneed(?: to)?(?: get)?\s+pre[- ]?approv/i.test(text)
  )
    return false;
  if (/\bpre[- ]?approv/i.test(text) || /\b(cash buyer|paying cash|all cash|buying with cash)\b/i.test(text))
    return true;
  if (askedPreApproval) {
    if (/^\W*(no|nope|nah|not yet|n|working on it|in process)\b/i.test(text)) return false;
    if (/^\W*(yes|yep|yeah|yup|y|sure|we are|i am|already|absolutely|of course|cash)\b/i.test(text)) return true;
  }
  return undefined;
}

export function parseIntents(text: string): QualificationIntents {
  const noCall = /\b(don'?t|do not|no)\s+(call|phone)/i.test(text);
  const wantsPerson =
    !noCall &&
    /\b(talk to|speak (?:to|with)|call me|give me a call|real person|human|an agent|a realtor|someone call|have someone)\b/i.test(
      text,
    );
  const wantsShowing =
    /\b(showings?|tour|see (?:it|them|this|that|inside|the (?:house|home|place|property|condo))|viewing|walk-?through|open house|look at (?:it|the (?:house|home|place)))\b/i.test(
      text,
    );
  return { ...(wantsPerson ? { wantsPerson } : {}), ...(wantsShowing ? { wantsShowing } : {}) };
}

/**
 * The deterministic extractor: what one inbound text says about budget, areas, beds, timeline,
 * pre-approval and intent. `asked` is the question it answers, which lets short replies count
 * ("3" to the bedrooms question, "yes" to the pre-approval question).
 */
export function extractQualification(text: string, asked?: QualificationSlot): QualificationExtraction {
  const slots: QualificationSlots = {
    ...parseBudget(text, asked === 'budget'),
    ...parseAreas(text, asked === 'areas'),
    ...parseTimeline(text, asked === 'timeline'),
  };
  const beds = parseBeds(text, asked === 'beds');
  if (beds !== undefined) slots.beds = beds;
  const preApproved = parsePreApproval(text, asked === 'preApproval');
  if (preApproved !== undefined) slots.preApproved = preApproved;
  return { slots, intents: parseIntents(text) };
}
