import { describe, expect, it } from 'vitest';
import type { LeadFacts } from '../../core/automations/automation-condition.ts';
import { AutomationRule, type AutomationRuleInput } from '../../core/automations/automation-rule.ts';
import type { ParsedTrigger } from '../../core/automations/automation-trigger.ts';
import { createDryRun, type DryRunExit, type DryRunLead } from '../../core/automations/dry-run.ts';
import { scheduleTimes, silenceOccurrences } from '../../core/automations/dry-run-occurrences.ts';
import { formatDryRunReport } from '../../core/automations/format-dry-run-report.ts';

const ZONE = 'America/Chicago';
// Sunday Nov 1 2026 .. Tuesday Dec 1 2026, 18:00 UTC (noon in Chicago, CST = UTC-6).
const UNTIL = new Date('2026-12-01T18:00:00Z');
const SINCE = new Date('2026-11-01T18:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Chicago wall-clock time on a November day → the instant. */
const cst = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour + 6, minute));

const rule = (over: Partial<AutomationRuleInput> & Pick<AutomationRuleInput, 'id'>): AutomationRule =>
  AutomationRule.parse({
    name: over.id,
    when: { event: 'lead_created' },
    then: [{ do: 'notify', to: 'assignee', template: 'New lead' }],
    ...over,
  });

const baseFacts: LeadFacts = {
  source: 'Zillow',
  score: 50,
  temperature: 'warm',
  tags: [],
  stage: null,
  status: null,
  area: [],
  assignee: null,
  consentSms: 'allowed',
  consentEmail: 'allowed',
  businessHours: true,
  city: 'Austin',
  state: 'TX',
  postalCode: '78704',
  language: null,
  budgetMax: null,
  timelineMonths: null,
  preApproved: null,
  wonAt: null,
  createdAt: SINCE.toISOString(),
  daysSinceInbound: 0,
  customFields: {},
};

let n = 0;
function occ(event: ParsedTrigger['event'], at: Date, over: Partial<ParsedTrigger> = {}): ParsedTrigger {
  return { event, occurrence: `${event}:${++n}`, at: at.toISOString(), causedBy: [], ...over };
}

function lead(
  name: string,
  occurrences: ParsedTrigger[],
  over: { facts?: Partial<LeadFacts>; exits?: DryRunExit[]; state?: string | null } = {},
): DryRunLead {
  return {
    leadId: `id-${name}`,
    name,
    timeZone: ZONE,
    state: over.state === undefined ? 'TX' : over.state,
    factsAt: () => ({ ...baseFacts, ...over.facts }),
    occurrences,
    exits: over.exits ?? [],
  };
}

function dryRun(
  rules: AutomationRule[],
  leads: DryRunLead[],
  limits = { maxMessagesPerDay: 2, maxMessagesPerWeek: 5 },
) {
  const dry = createDryRun(rules, {
    timeZone: ZONE,
    limits,
    quietWindows: {},
    replyWindowMinutes: 15,
    since: SINCE,
    until: UNTIL,
  });
  for (const l of leads) dry.replay(l);
  const report = dry.report(30);
  return { report, of: (id: string) => report.rules.find((r) => r.ruleId === id)! };
}

describe('dry run replay (core)', () => {
  it('counts firings per rule and lead, once per occurrence, and skips what conditions refuse', () => {
    const welcome = rule({ id: 'zillow-welcome', when: { event: 'lead_created', sources: ['Zillow'] } });
    const hotOnly = rule({ id: 'hot-only', if: { field: 'temperature', op: 'eq', value: 'hot' } });
    const created = occ('lead_created', cst(3, 10), { source: 'zillow' });
    const { report, of } = dryRun(
      [welcome, hotOnly],
      [
        lead('Ana', [created, { ...created }]),
        lead('Ben', [occ('lead_created', cst(4, 10), { source: 'Realtor.com' })], { facts: { temperature: 'hot' } }),
      ],
    );
    expect(of('zillow-welcome')).toMatchObject({ fired: 1, leads: [{ name: 'Ana', times: 1 }] });
    // Ana is warm: the hot-only rule matched her once (the duplicate delivery is the same occurrence) and said no.
    expect(of('hot-only')).toMatchObject({ fired: 1, leads: [{ name: 'Ben' }], skipped: { conditions: 1, loop: 0 } });
    expect(report.totals).toMatchObject({ fired: 2, leads: 2, skipped: { conditions: 1 } });
  });

  it('runs waits, leaves a sequence on a reply, and leaves the ones still waiting at the end as waiting', () => {
    const checkIn = rule({
      id: 'check-in',
      when: { event: 'signal_raised' },
      then: [
        { do: 'email_lead', subject: 'Hi', template: 'Still looking?' },
        { do: 'wait', days: 3 },
        { do: 'notify', to: 'assignee', template: 'No answer' },
      ],
      exitWhen: ['replied'],
    });
    const { of } = dryRun(
      [checkIn],
      [
        lead('Replied', [occ('signal_raised', cst(5, 10))], { exits: [{ at: cst(6, 9), kind: 'replied' }] }),
        lead('Quiet', [occ('signal_raised', cst(5, 10))]),
        // Replied only after the notify was due: the sequence had already finished.
        lead('Late', [occ('signal_raised', cst(5, 10))], { exits: [{ at: cst(9, 9), kind: 'replied' }] }),
        lead('Recent', [occ('signal_raised', cst(29, 10))]),
      ],
    );
    expect(of('check-in')).toMatchObject({
      fired: 4,
      steps: { email_lead: 4, notify: 2 },
      runs: { completed: 2, exited: 1, waiting: 1, cancelled: 0 },
      messages: { wouldSend: 4 },
    });
  });

  it('blocks messages by consent (leaving a sequence that exits on opt-out) and by the per-lead ceiling', () => {
    const textTwice = rule({
      id: 'a-text',
      when: { event: 'message_received' },
      then: [
        { do: 'text_lead', template: 'One' },
        { do: 'wait', hours: 1 },
        { do: 'text_lead', template: 'Two' },
      ],
      exitWhen: ['opted_out'],
    });
    const email = rule({
      id: 'b-email',
      when: { event: 'message_received' },
      then: [{ do: 'email_lead', subject: 's', template: 't' }],
    });
    const { of, report } = dryRun(
      [email, textTwice],
      [
        lead('Stopped', [occ('message_received', cst(10, 11))], { facts: { consentSms: 'opted_out' } }),
        // Three messages within an hour against a ceiling of two a day: the text an hour later is refused.
        lead('Busy', [occ('message_received', cst(10, 11))]),
      ],
    );
    expect(of('a-text').messages).toMatchObject({ blockedConsent: 1, blockedCeiling: 1, wouldSend: 1 });
    expect(of('a-text').runs).toMatchObject({ exited: 1, completed: 1 });
    expect(of('b-email').messages).toMatchObject({ wouldSend: 2, blockedCeiling: 0 });
    expect(report.totals.messages).toMatchObject({ wouldSend: 3, blockedConsent: 1, blockedCeiling: 1 });
  });

  it('holds a late-night text for quiet hours, but not a text that answers her own message', () => {
    const text = rule({ id: 'text', when: { event: 'signal_raised' }, then: [{ do: 'text_lead', template: 'Hi' }] });
    const { of } = dryRun(
      [text],
      [
        lead('Night', [occ('signal_raised', cst(12, 23))]),
        lead('Day', [occ('signal_raised', cst(12, 14))]),
        lead('Answered', [occ('signal_raised', cst(12, 23, 5))], { exits: [{ at: cst(12, 23), kind: 'replied' }] }),
        // Texas: no texts before noon on a Sunday (Nov 15 2026 is a Sunday).
        lead('Sunday', [occ('signal_raised', cst(15, 10))]),
      ],
    );
    expect(of('text').messages).toMatchObject({ wouldSend: 2, deferredQuietHours: 2 });
  });

  it('loop protection: a rule does not start again on the tag its own step added; enroll and stop are followed', () => {
    const vip = rule({
      id: 'vip',
      when: { event: 'tag_added', tags: ['vip'] },
      then: [
        { do: 'add_tag', tag: 'vip' },
        { do: 'enroll', ruleId: 'nurture' },
      ],
    });
    const nurture = rule({
      id: 'nurture',
      when: { event: 'schedule', at: '09:00' },
      then: [
        { do: 'wait', days: 2 },
        { do: 'email_lead', subject: 'Hi', template: 'Homes' },
      ],
    });
    const stopper = rule({ id: 'stopper', when: { event: 'stage_changed' }, then: [{ do: 'stop', ruleId: '*' }] });
    const { of, report } = dryRun(
      [vip, nurture, stopper],
      [
        lead('Tagged', [occ('tag_added', cst(10, 9), { tag: 'VIP' })]),
        lead('Stopped', [
          occ('tag_added', cst(10, 9), { tag: 'vip' }),
          occ('stage_changed', cst(11, 9), { stageId: 'x' }),
        ]),
      ],
    );
    expect(of('vip')).toMatchObject({ fired: 2, skipped: { loop: 2 } });
    expect(of('nurture')).toMatchObject({ fired: 2, runs: { completed: 1, cancelled: 1 }, messages: { wouldSend: 1 } });
    expect(of('stopper').fired).toBe(1);
    // Firings at 09:00 Chicago: 2 vip + 2 nurture (+ the stop on day 11, also 09:00).
    expect(report.busiestHour).toEqual({ hour: 9, firings: 5 });
  });

  it('formats the report as lines naming each rule, the totals and the busiest hour', () => {
    const welcome = rule({ id: 'welcome', name: 'Welcome text', then: [{ do: 'text_lead', template: 'Hi' }] });
    const never = rule({ id: 'never', when: { event: 'signal_raised', signals: ['became_hot'] } });
    const { report } = dryRun(
      [welcome, never],
      [
        lead('Ana', [occ('lead_created', cst(3, 14))]),
        lead('Ben', [occ('lead_created', cst(4, 14))], { facts: { consentSms: 'opted_out' } }),
      ],
    );
    const text = formatDryRunReport(report, ZONE).join('\n');
    expect(text).toContain('Dry run of 2 rules over the last 30 days (Nov 1 – Dec 1, America/Chicago)');
    expect(text).toContain('Welcome text (welcome, lead_created): fired 2 times for 2 leads: Ana, Ben');
    expect(text).toContain('messages: 1 would send, 1 blocked by consent');
    expect(text).toContain('never (never, signal_raised): would not have fired');
    expect(text).toContain('Busiest hour: 14:00–15:00 (2 firings).');
  });
});

describe('time-based occurrences', () => {
  const window = { since: SINCE, until: UNTIL };
  it('a silence fires once per quiet stretch that reached the threshold inside the window', () => {
    const quiet = rule({ id: 'quiet', when: { event: 'no_inbound', days: 5 } });
    const found = silenceOccurrences(
      quiet,
      {
        createdAt: cst(1, 0),
        lastBefore: new Date(SINCE.getTime() - 2 * DAY),
        times: [cst(10, 12), cst(13, 12), cst(28, 12)],
      },
      window,
    );
    // Contact before the window + 5 days = Nov 4; Nov 10 → 13 is too short; Nov 13 + 5 = Nov 18;
    // Nov 28 + 5 is past the end.
    expect(found.map((o) => o.at)).toEqual([
      new Date(SINCE.getTime() + 3 * DAY).toISOString(),
      cst(18, 12).toISOString(),
    ]);
    expect(found.every((o) => o.onlyRules?.[0] === 'quiet')).toBe(true);
  });

  it('a schedule strikes on its days at its time in the team zone', () => {
    const mondays = rule({ id: 'mondays', when: { event: 'schedule', at: '08:30', days: ['mon'] } });
    expect(scheduleTimes(mondays, window, ZONE).map((d) => d.toISOString())).toEqual(
      [2, 9, 16, 23, 30].map((d) => cst(d, 8, 30).toISOString()),
    );
  });
});
