import { describe, expect, it } from 'vitest';
import type { LeadFacts } from '../../core/automations/automation-condition.ts';
import { evaluateCondition } from '../../core/automations/automation-condition.ts';
import {
  type AutomationExit,
  AutomationRule,
  AutomationRuleSet,
  type AutomationRuleInput,
  unknownRuleReferences,
} from '../../core/automations/automation-rule.ts';
import { renderTemplate } from '../../core/automations/automation-template.ts';
import {
  AutomationWhen,
  type AutomationWhen as When,
  type TriggerOccurrence as Occurrence,
  TriggerOccurrence,
  triggerMatches,
} from '../../core/automations/automation-trigger.ts';
import { AutomationLimits, ceilingRefusal, decideRunStart, exitReason } from '../../core/automations/run-decisions.ts';
import { describeRun, runView } from '../../core/automations/run-view.ts';

const rule = (over: Partial<AutomationRuleInput> = {}): AutomationRuleInput => ({
  id: 'welcome',
  name: 'Welcome',
  when: { event: 'lead_created' },
  then: [{ do: 'text_lead', template: 'Hi {{lead.firstName | "there"}}' }],
  ...over,
});

/** Every issue of a refused rule set, as `path: message`. */
function problems(input: unknown): string[] {
  const parsed = AutomationRuleSet.safeParse(input);
  if (parsed.success) throw new Error('expected the rule set to be refused');
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const facts = (over: Partial<LeadFacts> = {}): LeadFacts => ({
  source: 'Zillow',
  score: 86,
  temperature: 'hot',
  tags: ['VIP', 'buyer'],
  stage: 'stage-showing',
  status: 'open',
  area: ['Austin', '78704'],
  assignee: 'agent-1',
  consentSms: 'allowed',
  consentEmail: 'opted_out',
  businessHours: true,
  city: 'Austin',
  state: 'TX',
  postalCode: '78704',
  language: null,
  budgetMax: 650_000,
  timelineMonths: null,
  preApproved: true,
  wonAt: '2024-12-02T15:00:00.000Z',
  createdAt: '2026-11-01T12:00:00.000Z',
  daysSinceInbound: 6.5,
  customFields: { 'financing-type': 'VA', bedrooms: 3 },
  ...over,
});
const TODAY = '2026-12-02';

describe('AutomationRule validation', () => {
  it('fills the defaults a team leaves out', () => {
    expect(AutomationRule.parse(rule())).toMatchObject({ enabled: true, exitWhen: [], loopWindowHours: 24 });
  });

  it('names an unknown template variable with the step and field it sits in', () => {
    const issues = problems([
      rule({ then: [{ do: 'email_lead', subject: 'Hi {{lead.first}}', template: 'Call {{agent.cell}}' }] }),
    ]);
    expect(issues).toEqual([
      '0.then.0.subject: unknown template variable {{lead.first}}',
      '0.then.0.template: unknown template variable {{agent.cell}}',
    ]);
    const both = problems([rule({ then: [{ do: 'text_lead', template: '{{lead.phone}} {{lead.email}}' }] })]);
    expect(both).toEqual(['0.then.0.template: unknown template variables {{lead.phone}}, {{lead.email}}']);
  });

  it('takes a file as a list or as {"rules": [...]}, the same rules either way', () => {
    const list = [
      rule(),
      rule({
        id: 'follow-up',
        then: [
          { do: 'wait', hours: 1 },
          { do: 'add_tag', tag: 'x' },
        ],
      }),
    ];
    expect(AutomationRuleSet.parse({ rules: list })).toEqual(AutomationRuleSet.parse(list));
    expect(AutomationRuleSet.safeParse({ rules: list, extra: true }).success).toBe(false);
  });

  it('refuses unbalanced braces, a typo that would otherwise reach the lead as-is', () => {
    for (const template of ['Hi {{lead.firstName}', 'Hi {lead.firstName}}', 'Hi {{lead.firstName | there}}'])
      expect(problems([rule({ then: [{ do: 'notify', to: 'assignee', template }] })])).toEqual([
        '0.then.0.template: unbalanced {{ }} in the template',
      ]);
  });

  it('refuses a rule that only waits', () => {
    expect(problems([rule({ then: [{ do: 'wait', days: 2 }] })])).toEqual([
      '0.then: a rule needs at least one action besides waits',
    ]);
    expect(problems([rule({ then: [{ do: 'wait' }, { do: 'add_tag', tag: 'x' }] })])[0]).toMatch(
      /a wait needs minutes, hours or days/,
    );
  });

  it('refuses two rules with one id, and ids that are not lower-case slugs', () => {
    expect(problems([rule(), rule({ name: 'Other' })])).toEqual(['1.id: rule id welcome appears twice']);
    for (const id of ['Speed_To_Lead', '-lead', 'a'.repeat(64), ''])
      expect(problems([rule({ id })])).toEqual(['0.id: a rule id is lower-case letters, digits and dashes']);
  });

  it('lists enroll and stop steps that name a rule the team does not have', () => {
    const set = AutomationRuleSet.parse([
      rule({
        id: 'a',
        then: [
          { do: 'enroll', ruleId: 'b' },
          { do: 'stop', ruleId: 'gone' },
          { do: 'stop', ruleId: '*' },
        ],
      }),
      rule({ id: 'b', then: [{ do: 'enroll', ruleId: 'missing' }] }),
    ]);
    expect(unknownRuleReferences(set)).toEqual([
      'a: then[1] stops unknown rule gone',
      'b: then[0] enrolls unknown rule missing',
    ]);
  });
});

describe('triggerMatches', () => {
  const matches = (when: unknown, occurrence: Partial<Occurrence>) =>
    triggerMatches(
      AutomationWhen.parse(when),
      TriggerOccurrence.parse({ occurrence: 'o1', at: '2026-12-02T15:00:00Z', ...occurrence }),
    );

  it('matches lead sources, tags and stages ignoring case, and any value when the rule names none', () => {
    expect(
      matches({ event: 'lead_created', sources: ['Zillow', 'website'] }, { event: 'lead_created', source: 'WEBSITE' }),
    ).toBe(true);
    expect(
      matches({ event: 'lead_created', sources: ['Zillow'] }, { event: 'lead_created', source: 'Zillow Premier' }),
    ).toBe(false);
    expect(matches({ event: 'lead_created', sources: ['Zillow'] }, { event: 'lead_created', source: null })).toBe(
      false,
    );
    expect(matches({ event: 'lead_created' }, { event: 'lead_created', source: null })).toBe(true);
    expect(matches({ event: 'tag_added', tags: ['vip'] }, { event: 'tag_added', tag: 'VIP' })).toBe(true);
    expect(matches({ event: 'tag_added', tags: ['vip'] }, { event: 'tag_removed', tag: 'vip' })).toBe(false);
    const won = { event: 'stage_changed', stageId: 's-contract', status: 'won' } as const;
    expect(matches({ event: 'stage_changed', stages: ['S-CONTRACT'] }, won)).toBe(true);
    expect(matches({ event: 'stage_changed', stages: ['s-contract'], statuses: ['lost'] }, won)).toBe(false);
  });

  it('matches messages by intent and channel, scores by band, signals by name', () => {
    const reply = { event: 'message_received', intent: 'wants_showing', channel: 'sms' } as const;
    expect(matches({ event: 'message_received', intents: ['wants_showing'], channels: ['SMS'] }, reply)).toBe(true);
    expect(matches({ event: 'message_received', channels: ['email'] }, reply)).toBe(false);
    expect(matches({ event: 'score_crossed', band: 'hot' }, { event: 'score_crossed', band: 'warm' })).toBe(false);
    expect(
      matches({ event: 'signal_raised', signals: ['became_hot'] }, { event: 'signal_raised', signal: 'became_hot' }),
    ).toBe(true);
  });

  it('tells leads who viewed a home from leads whose search matched it', () => {
    const viewer = { event: 'listing_event', change: 'price_drop', matched: false, viewed: true } as const;
    const matcher = { ...viewer, matched: true, viewed: false };
    const viewedDrops = { event: 'listing_event', changes: ['price_drop'], leads: 'viewed' };
    expect(matches(viewedDrops, viewer)).toBe(true);
    expect(matches(viewedDrops, matcher)).toBe(false);
    expect(matches({ ...viewedDrops, leads: 'matched' }, matcher)).toBe(true);
    expect(matches({ event: 'listing_event', changes: ['open_house'] }, viewer)).toBe(false);
    expect(AutomationWhen.parse({ event: 'listing_event' })).toMatchObject({ leads: 'matched_or_viewed' });
  });

  it('never mixes events', () => {
    const when: When = { event: 'no_inbound', days: 5 };
    expect(matches(when, { event: 'no_human_contact' })).toBe(false);
    expect(matches(when, { event: 'no_inbound' })).toBe(true);
  });
});

describe('evaluateCondition', () => {
  const holds = (condition: unknown, over: Partial<LeadFacts> = {}, today = TODAY) =>
    evaluateCondition(AutomationRule.parse(rule({ if: condition as never })).if!, facts(over), today);

  it('combines all, any and not', () => {
    const hotZillow = {
      all: [
        { field: 'source', op: 'eq', value: 'zillow' },
        { field: 'temperature', op: 'eq', value: 'hot' },
      ],
    };
    expect(holds(hotZillow)).toBe(true);
    expect(holds(hotZillow, { temperature: 'warm' })).toBe(false);
    expect(
      holds({
        any: [
          { field: 'city', op: 'eq', value: 'Dallas' },
          { field: 'state', op: 'eq', value: 'tx' },
        ],
      }),
    ).toBe(true);
    expect(holds({ not: { field: 'consent.email', op: 'eq', value: 'allowed' } })).toBe(true);
    expect(holds({ field: 'consent.sms', op: 'in', value: ['allowed'] })).toBe(true);
  });

  it('compares numbers only with numbers', () => {
    expect(holds({ field: 'score', op: 'gte', value: 86 })).toBe(true);
    expect(holds({ field: 'score', op: 'gt', value: 86 })).toBe(false);
    expect(holds({ field: 'budgetMax', op: 'lt', value: 700_000 })).toBe(true);
    expect(holds({ field: 'daysSinceInbound', op: 'lte', value: 6 })).toBe(false);
    expect(holds({ field: 'score', op: 'gte', value: '70' })).toBe(false);
  });

  it('matches a list when any of its elements does', () => {
    expect(holds({ field: 'tags', op: 'contains', value: 'vip' })).toBe(true);
    expect(holds({ field: 'tags', op: 'contains', value: 'seller' })).toBe(false);
    expect(holds({ field: 'area', op: 'in', value: ['78701', '78704'] })).toBe(true);
    expect(holds({ field: 'tags', op: 'not_in', value: ['seller', 'VIP'] })).toBe(false);
    expect(holds({ field: 'source', op: 'contains', value: 'ZILL' })).toBe(true);
    expect(holds({ field: 'tags', op: 'exists' }, { tags: [] })).toBe(false);
  });

  it('never matches a comparison on a value the lead does not have', () => {
    const none = { score: null, source: null, timelineMonths: null };
    expect(holds({ field: 'score', op: 'lt', value: 50 }, none)).toBe(false);
    expect(holds({ field: 'score', op: 'gte', value: 0 }, none)).toBe(false);
    expect(holds({ field: 'source', op: 'eq', value: 'zillow' }, none)).toBe(false);
    expect(holds({ field: 'source', op: 'in', value: ['zillow'] }, none)).toBe(false);
    expect(holds({ field: 'source', op: 'contains', value: 'z' }, none)).toBe(false);
    expect(holds({ field: 'timelineMonths', op: 'exists' }, none)).toBe(false);
    expect(holds({ field: 'customFields.nope', op: 'eq', value: 'VA' })).toBe(false);
    expect(holds({ field: 'wonAt', op: 'anniversary' }, { wonAt: null })).toBe(false);
  });

  it('finds purchase anniversaries on the same day of a later year only', () => {
    expect(holds({ field: 'wonAt', op: 'anniversary' })).toBe(true);
    expect(holds({ field: 'wonAt', op: 'anniversary' }, {}, '2026-12-03')).toBe(false);
    expect(holds({ field: 'wonAt', op: 'anniversary' }, { wonAt: '2026-12-02T09:00:00.000Z' })).toBe(false);
  });

  it('reads GHL custom fields by id', () => {
    expect(holds({ field: 'customFields.financing-type', op: 'eq', value: 'va' })).toBe(true);
    expect(holds({ field: 'customFields.bedrooms', op: 'gte', value: 3 })).toBe(true);
    expect(AutomationRule.safeParse(rule({ if: { field: 'favouriteColour', op: 'exists' } })).success).toBe(false);
    expect(AutomationRule.safeParse(rule({ if: { field: 'score', op: 'gt' } })).success).toBe(false);
  });
});

describe('renderTemplate', () => {
  it('uses the fallback for a missing or empty value, else nothing, and tidies what that leaves', () => {
    const template = 'Hi {{ lead.firstName | "there" }}, this is {{agent.firstName}} with {{team.name}} !';
    expect(renderTemplate(template, { 'lead.firstName': 'Maya', 'agent.firstName': 'Sam', 'team.name': 'Acme' })).toBe(
      'Hi Maya, this is Sam with Acme!',
    );
    expect(renderTemplate(template, { 'lead.firstName': '', 'agent.firstName': null, 'team.name': 'Acme' })).toBe(
      'Hi there, this is with Acme!',
    );
    expect(renderTemplate('Hi {{lead.firstName}}, welcome.', {})).toBe('Hi, welcome.');
    expect(renderTemplate('{{listing.address}} is now {{listing.price}}', { 'listing.price': '$425,000' })).toBe(
      'is now $425,000',
    );
  });
});

describe('run decisions', () => {
  const since = { replied: false, appointmentBooked: false, optedOut: false, stages: [] as string[] };

  it('ends a sequence on the first exit condition that happened', () => {
    const exits: AutomationExit[] = [
      'replied',
      'appointment_booked',
      'opted_out',
      { stageReached: ['Under-Contract'] },
    ];
    expect(exitReason(exits, since)).toBeNull();
    expect(exitReason(exits, { ...since, optedOut: true, appointmentBooked: true })).toBe('an appointment was booked');
    expect(exitReason(exits, { ...since, stages: ['under-contract'] })).toBe('the deal reached Under-Contract');
    expect(exitReason(['opted_out'], { ...since, replied: true })).toBeNull();
  });

  it('refuses one more automated message past the daily, then the weekly ceiling', () => {
    const limits = AutomationLimits.parse(undefined);
    expect(limits).toEqual({ maxMessagesPerDay: 2, maxMessagesPerWeek: 5 });
    expect(ceilingRefusal({ lastDay: 1, lastWeek: 4 }, limits)).toBeNull();
    expect(ceilingRefusal({ lastDay: 2, lastWeek: 5 }, limits)).toBe(
      'ceiling: 2 automated message(s) in the last 24 hours (max 2)',
    );
    expect(ceilingRefusal({ lastDay: 0, lastWeek: 5 }, limits)).toBe(
      'ceiling: 5 automated message(s) in the last 7 days (max 5)',
    );
    expect(ceilingRefusal({ lastDay: 0, lastWeek: 0 }, { maxMessagesPerDay: 0, maxMessagesPerWeek: 5 })).toMatch(
      /max 0/,
    );
  });

  it('does not start a rule on an event its own action caused, nor when its if says no', () => {
    const tagger = AutomationRule.parse(rule({ id: 'tag-vip', if: { field: 'score', op: 'gte', value: 80 } }));
    expect(decideRunStart(tagger, { causedBy: ['tag-vip'] }, facts(), TODAY)).toEqual({
      start: false,
      reason: 'loop: this rule’s own action caused the event',
    });
    expect(decideRunStart(tagger, { causedBy: ['other-rule'] }, facts(), TODAY)).toEqual({ start: true });
    expect(decideRunStart(tagger, { causedBy: [] }, facts({ score: 40 }), TODAY)).toEqual({
      start: false,
      reason: 'conditions not met',
    });
  });
});

describe('describeRun', () => {
  const run = { ruleId: 'five-day-check-in', position: 1, steps: 3, reason: null };

  it('says where an active sequence stands and when it next acts, in the team time zone', () => {
    const view = runView({ ...run, status: 'active', nextAt: new Date('2026-12-04T16:00:00Z') }, '5-day check-in');
    expect(view).toEqual({
      ruleId: 'five-day-check-in',
      name: '5-day check-in',
      step: 2,
      of: 3,
      next: '2026-12-04T16:00:00.000Z',
      status: 'active',
      reason: null,
    });
    expect(describeRun(view, 'America/Chicago')).toBe('in sequence *5-day check-in*, step 2 of 3, next Dec 4 10:00');
    expect(describeRun(view, 'America/New_York')).toBe('in sequence *5-day check-in*, step 2 of 3, next Dec 4 11:00');
  });

  it('says how an ended run ended, with no next time', () => {
    const ended = runView(
      { ...run, position: 3, status: 'exited', nextAt: new Date(), reason: 'the lead replied' },
      undefined,
    );
    expect(ended).toMatchObject({ name: 'five-day-check-in', step: 3, next: null });
    expect(describeRun(ended, 'America/Chicago')).toBe('*five-day-check-in*: exited (the lead replied)');
  });
});
