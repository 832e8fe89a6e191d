import { z } from 'zod';
import {
  QualificationExtraction,
  QualificationSlot,
  QualificationSlots,
  extractQualification,
} from './extract-qualification.ts';

/**
 * Question order. Pre-approval comes third because it is the answer that most often turns a
 * lead hot: asking it early gets serious buyers to an agent sooner.
 */
export const QUESTION_ORDER: readonly QualificationSlot[] = ['budget', 'areas', 'preApproval', 'beds', 'timeline'];
const MAX_ATTEMPTS = 2;

export const QualificationState = z.object({
  status: z.enum(['new', 'asking', 'handed_off', 'complete']),
  asking: QualificationSlot.optional(),
  slots: QualificationSlots,
  /** Questions the lead would not or could not answer; not asked again. */
  skipped: z.array(QualificationSlot).default([]),
  /** Unusable answers to the current question. */
  attempts: z.number().int().min(0).default(0),
});
export type QualificationState = z.infer<typeof QualificationState>;

export const HandoffReason = z.enum(['wants_showing', 'asked_for_person', 'pre_approved', 'qualified']);
export type HandoffReason = z.infer<typeof HandoffReason>;

/** Saved-search criteria in the design.md §7 vocabulary. */
export const QualificationCriteria = z.object({
  minPrice: z.number().optional(),
  maxPrice: z.number().optional(),
  minBeds: z.number().int().optional(),
  cities: z.array(z.string()),
  postalCodes: z.array(z.string()),
});
export type QualificationCriteria = z.infer<typeof QualificationCriteria>;

export interface QualificationTurn {
  state: QualificationState;
  /** Text to send back; absent once an agent owns the conversation. */
  reply?: string;
  /** Lead fields that changed on this turn (same names as the slots). */
  leadUpdates: QualificationSlots;
  /** The full saved-search criteria, present when this turn changed them. */
  criteria?: QualificationCriteria;
  handoff?: { reason: HandoffReason };
}

export interface QualificationInput {
  state: QualificationState;
  message: string;
  /** Slots an AI extracted from the same message. Validated; invalid output is ignored, never trusted. */
  extracted?: unknown;
  /** Team name for the greeting ("Thanks for texting Lone Star Realty!"). */
  senderName: string;
}

export function initialQualificationState(known: QualificationSlots = {}): QualificationState {
  return { status: 'new', slots: QualificationSlots.parse(known), skipped: [], attempts: 0 };
}

const QUESTIONS: Record<QualificationSlot, [ask: string, reAsk: string]> = {
  budget: [
    'What price range are you shopping in?',
    'Roughly what is your top budget? A number like 450k or $1.2m works.',
  ],
  areas: [
    'Which cities, neighborhoods or ZIP codes are you looking in?',
    'Which area should I search? A city or a ZIP code like 78704 is perfect.',
  ],
  preApproval: [
    'Are you pre-approved for a mortgage yet (or buying with cash)?',
    'Just a yes or no: are you pre-approved for a loan yet?',
  ],
  beds: ['How many bedrooms do you need at minimum?', 'How many bedrooms at least? A number like 3 is fine.'],
  timeline: ['When are you hoping to move?', 'Roughly when would you like to move: ASAP, in 3 months, next year?'],
};

const HANDOFF_REPLY: Record<HandoffReason, string> = {
  wants_showing: "Great, I'm getting an agent to set up a showing. They'll text you shortly.",
  asked_for_person: "Of course! I'm connecting you with an agent now. They'll reach out shortly.",
  pre_approved: "That's great news! I'm connecting you with an agent who'll reach out shortly with homes that fit.",
  qualified: "Thanks, that's everything I need! An agent will reach out shortly with homes that fit.",
};

export function isSlotFilled(slots: QualificationSlots, slot: QualificationSlot): boolean {
  switch (slot) {
    case 'budget':
      return slots.budgetMin !== undefined || slots.budgetMax !== undefined;
    case 'areas':
      return Boolean(slots.cities?.length || slots.postalCodes?.length);
    case 'preApproval':
      return slots.preApproved !== undefined;
    case 'beds':
      return slots.beds !== undefined;
    case 'timeline':
      return slots.timeline !== undefined;
  }
}

function unionCi(a: string[] = [], b: string[] = []): string[] {
  const seen = new Map(a.map((x) => [x.toLowerCase(), x]));
  for (const x of b) if (!seen.has(x.toLowerCase())) seen.set(x.toLowerCase(), x);
  return [...seen.values()];
}

/** What this message says: the deterministic parse, with a valid AI extraction taking precedence slot by slot. */
function understand(
  message: string,
  asking: QualificationSlot | undefined,
  extracted: unknown,
): QualificationExtraction {
  const own = extractQualification(message, asking);
  const ai = extracted === undefined ? undefined : QualificationExtraction.safeParse(extracted);
  if (!ai?.success) return own;
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    slots: { ...own.slots, ...defined(ai.data.slots) },
    intents: {
      wantsShowing: own.intents.wantsShowing || ai.data.intents.wantsShowing,
      wantsPerson: own.intents.wantsPerson || ai.data.intents.wantsPerson,
    },
  };
}

function mergeSlots(
  before: QualificationSlots,
  found: QualificationSlots,
): { slots: QualificationSlots; changed: QualificationSlots } {
  const slots: QualificationSlots = { ...before };
  const changed: QualificationSlots = {};
  const set = <K extends keyof QualificationSlots>(key: K, value: QualificationSlots[K]) => {
    if (value === undefined || JSON.stringify(value) === JSON.stringify(before[key])) return;
    slots[key] = value;
    changed[key] = value;
  };
  set('budgetMin', found.budgetMin);
  set('budgetMax', found.budgetMax);
  // "actually up to 300k" after "from 400k": an old minimum above the new maximum no longer applies.
  if (slots.budgetMin !== undefined && slots.budgetMax !== undefined && slots.budgetMin > slots.budgetMax)
    delete slots.budgetMin;
  set('cities', found.cities ? unionCi(before.cities, found.cities) : undefined);
  set('postalCodes', found.postalCodes ? unionCi(before.postalCodes, found.postalCodes) : undefined);
  set('beds', found.beds);
  set('timeline', found.timeline);
  set('timelineMonths', found.timelineMonths);
  set('preApproved', found.preApproved);
  return { slots, changed };
}

export function criteriaFrom(slots: QualificationSlots): QualificationCriteria {
  return {
    ...(slots.budgetMin !== undefined ? { minPrice: slots.budgetMin } : {}),
    ...(slots.budgetMax !== undefined ? { maxPrice: slots.budgetMax } : {}),
    ...(slots.beds !== undefined ? { minBeds: slots.beds } : {}),
    cities: slots.cities ?? [],
    postalCodes: slots.postalCodes ?? [],
  };
}

const CRITERIA_KEYS: Array<keyof QualificationSlots> = ['budgetMin', 'budgetMax', 'beds', 'cities', 'postalCodes'];

/**
 * One inbound text through the qualification assistant. Deterministic: the same state and message
 * (and AI extraction, if any) always give the same turn. Opt-out/HELP keywords are the caller's
 * job and never reach here.
 * @example advanceQualification({ state: initialQualificationState(), message: 'Hi, looking to buy', senderName: 'Lone Star Realty' }).reply
 *   // "Thanks for texting Lone Star Realty! What price range are you shopping in?"
 */
export function advanceQualification(input: QualificationInput): QualificationTurn {
  const { state } = input;
  const heard = understand(input.message, state.asking, input.extracted);
  const { slots, changed } = mergeSlots(state.slots, heard.slots);
  const criteria = CRITERIA_KEYS.some((k) => k in changed) ? criteriaFrom(slots) : undefined;
  const base = { leadUpdates: changed, ...(criteria ? { criteria } : {}) };

  if (state.status === 'handed_off' || state.status === 'complete') {
    return { ...base, state: { ...state, slots } };
  }

  const skipped = [...state.skipped];
  let attempts = 0;
  if (state.asking && !isSlotFilled(slots, state.asking)) {
    attempts = state.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      skipped.push(state.asking);
      attempts = 0;
    }
  }

  const next = QUESTION_ORDER.find((slot) => !isSlotFilled(slots, slot) && !skipped.includes(slot));
  const reason: HandoffReason | undefined = heard.intents.wantsPerson
    ? 'asked_for_person'
    : heard.intents.wantsShowing
      ? 'wants_showing'
      : changed.preApproved === true
        ? 'pre_approved'
        : next === undefined
          ? 'qualified'
          : undefined;

  if (reason) {
    return {
      ...base,
      state: { status: 'handed_off', slots, skipped, attempts: 0 },
      reply: HANDOFF_REPLY[reason],
      handoff: { reason },
    };
  }
  const reAsk = attempts > 0 && next === state.asking;
  const question = QUESTIONS[next!][reAsk ? 1 : 0];
  const greeting =
    state.status === 'new' ? `Thanks for texting ${input.senderName}! ` : Object.keys(changed).length ? 'Got it. ' : '';
  return { ...base, state: { status: 'asking', asking: next, slots, skipped, attempts }, reply: greeting + question };
}
