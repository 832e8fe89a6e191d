import { automationsCli } from './automations-cli.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutomationStep } from '../../core/automations/automation-action.ts';
import type { LeadFacts } from '../../core/automations/automation-condition.ts';
import {
  type AutomationRule,
  AutomationRuleSet,
  unknownRuleReferences,
} from '../../core/automations/automation-rule.ts';
import { renderTemplate, type TemplateValues } from '../../core/automations/automation-template.ts';
import { TriggerOccurrence, triggerMatches } from '../../core/automations/automation-trigger.ts';
import { decideRunStart } from '../../core/automations/run-decisions.ts';
import { makeTenant } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';

const LIBRARY = join(import.meta.dirname, '../../docs/automations');
const files = readdirSync(LIBRARY)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string): AutomationRule[] =>
  AutomationRuleSet.parse(JSON.parse(readFileSync(join(LIBRARY, file), 'utf8')));
const library = new Map(files.map((f) => [f, load(f)]));
const only = (file: string): AutomationRule => {
  const rules = library.get(file);
  if (rules?.length !== 1) throw new Error(`${file}: expected one rule`);
  return rules[0];
};
const step = <K extends AutomationStep['do']>(rule: AutomationRule, kind: K) =>
  rule.then.find((s): s is Extract<AutomationStep, { do: K }> => s.do === kind)!;

/** A lead, her agent, the team and a home, as the engine fills templates for a listing event. */
const values: TemplateValues = {
  'lead.firstName': 'Maya',
  'lead.lastName': 'Lopez',
  'lead.name': 'Maya Lopez',
  'lead.city': 'Austin',
  'lead.source': 'Zillow',
  'agent.name': 'Sam Reyes',
  'agent.firstName': 'Sam',
  'agent.phone': '+15125550100',
  'agent.email': 'sam@acme.test',
  'team.name': 'Acme Realty',
  'listing.address': '12 Oak St',
  'listing.city': 'Austin',
  'listing.price': '$425,000',
  'listing.previousPrice': '$449,000',
  'listing.beds': '3',
  'listing.url': 'https://porchlight.test/l/abc',
};
/** A lead with no first name, city or agent yet: the team, how GHL names her, and the home when there is one. */
const bare: TemplateValues = {
  'team.name': 'Acme Realty',
  'lead.name': '+1 512-555-0199',
  ...Object.fromEntries(Object.entries(values).filter(([key]) => key.startsWith('listing.'))),
};

describe('the starter library (docs/automations)', () => {
  it('has the five documented files, each a valid rule set that names no unknown rule', () => {
    expect(files).toEqual([
      'five-day-check-in.json',
      'price-drop-to-viewers.json',
      'purchase-anniversary.json',
      'speed-to-lead.json',
      'under-contract-stop-all.json',
    ]);
    for (const [file, rules] of library) {
      expect(rules.length, file).toBeGreaterThan(0);
      expect(unknownRuleReferences(rules), file).toEqual([]);
      expect(`${rules[0].id}.json`).toBe(file);
    }
    const ids = [...library.values()].flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('explains every file in docs/automations.md, with how to load it', () => {
    const doc = readFileSync(join(LIBRARY, '../automations.md'), 'utf8');
    for (const file of files) expect(doc, file).toContain(`(automations/${file})`);
    expect(doc).toContain('porchlight automations set docs/automations/');
  });

  it('reads well when every value is there, and when the lead has no name and no agent yet', () => {
    for (const rule of [...library.values()].flat())
      for (const s of rule.then)
        for (const text of 'template' in s ? [s.template] : s.do === 'ghl_task' ? [s.title, s.body ?? ''] : []) {
          for (const filled of [renderTemplate(text, values), renderTemplate(text, bare)]) {
            expect(filled, `${rule.id} ${s.do}`).not.toMatch(/\{|\}|  | [,.!?)]|\( /);
            if (s.do === 'text_lead') expect(filled.length, rule.id).toBeLessThanOrEqual(320);
          }
        }
    const speed = only('speed-to-lead.json');
    expect(renderTemplate(step(speed, 'text_lead').template, bare)).toMatch(
      /^Hi there, this is your agent with Acme Realty\. /,
    );
    expect(renderTemplate(step(speed, 'text_lead').template, values)).toMatch(
      /^Hi Maya, this is Sam with Acme Realty\. /,
    );
    const drop = only('price-drop-to-viewers.json');
    expect(renderTemplate(step(drop, 'text_lead').template, values)).toBe(
      'Hi Maya, good news: 12 Oak St just dropped in price, now $425,000 (was $449,000). ' +
        'Take another look: https://porchlight.test/l/abc',
    );
  });

  it('does what docs/automations.md says each rule does', () => {
    const on = (rule: AutomationRule, occurrence: Omit<TriggerOccurrence, 'occurrence' | 'at'>) =>
      triggerMatches(
        rule.when,
        TriggerOccurrence.parse({ occurrence: 'o', at: '2026-12-02T16:00:00Z', ...occurrence }),
      );

    const speed = only('speed-to-lead.json');
    expect(on(speed, { event: 'lead_created', source: 'zillow' })).toBe(true);
    expect(on(speed, { event: 'lead_created', source: 'Website' })).toBe(true);
    expect(on(speed, { event: 'lead_created', source: 'referral' })).toBe(false);
    expect(step(speed, 'ghl_task')).toMatchObject({ title: 'Call {{lead.name}}', dueInMinutes: 15 });
    expect(speed.then.some((s) => s.do === 'wait')).toBe(false);

    const checkIn = only('five-day-check-in.json');
    expect(checkIn.when).toEqual({ event: 'no_inbound', days: 5 });
    expect(checkIn.then.map((s) => s.do)).toEqual(['email_lead', 'wait', 'notify']);
    expect(renderTemplate(step(checkIn, 'notify').template, values)).toMatch(
      /^Maya Lopez has not answered the check-in/,
    );
    expect(checkIn.exitWhen).toEqual(['replied', 'appointment_booked', 'opted_out']);

    const drop = only('price-drop-to-viewers.json');
    expect(on(drop, { event: 'listing_event', change: 'price_drop', viewed: true, matched: false })).toBe(true);
    expect(on(drop, { event: 'listing_event', change: 'price_drop', viewed: false, matched: true })).toBe(false);
    expect(on(drop, { event: 'listing_event', change: 'open_house', viewed: true })).toBe(false);

    const contract = only('under-contract-stop-all.json');
    const stage = contract.when.event === 'stage_changed' ? contract.when.stages : undefined;
    expect(stage).toEqual(['replace-with-your-under-contract-stage-id']);
    expect(contract.then).toEqual([
      { do: 'stop', ruleId: '*' },
      { do: 'add_tag', tag: 'under-contract' },
    ]);

    const anniversary = only('purchase-anniversary.json');
    expect(anniversary.when).toEqual({ event: 'schedule', at: '10:00' });
    const client = (wonAt: string | null) => ({ wonAt }) as LeadFacts;
    expect(decideRunStart(anniversary, { causedBy: [] }, client('2023-12-02T17:00:00.000Z'), '2026-12-02')).toEqual({
      start: true,
    });
    expect(decideRunStart(anniversary, { causedBy: [] }, client('2023-12-03T17:00:00.000Z'), '2026-12-02').start).toBe(
      false,
    );
    expect(decideRunStart(anniversary, { causedBy: [] }, client(null), '2026-12-02').start).toBe(false);
  });
});

describe('porchlight automations set <starter file>', () => {
  afterEach(() => vi.restoreAllMocks());

  it('loads every file as it is, and list --json then shows each rule as the file has it', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-12-02T16:00:00Z') });
    const { tenant } = await makeTenant(rt);
    for (const file of files) {
      const out = await automationsCli(rt, 'set', join(LIBRARY, file), '--tenant', tenant.id);
      expect(out).toContain(`added ${library.get(file)![0].id} (version 1)`);
    }
    const listed = JSON.parse(await automationsCli(rt, 'list', '--tenant', tenant.id, '--json')) as {
      rules: unknown[];
    };
    const loaded = AutomationRuleSet.parse(listed.rules);
    expect(loaded.map((r) => r.id)).toEqual([...library.values()].flat().map((r) => r.id));
    for (const rule of loaded) expect(rule).toEqual([...library.values()].flat().find((r) => r.id === rule.id));

    // Loading the library again is harmless: nothing changed, so no rule gets a new version.
    const again = await automationsCli(rt, 'set', join(LIBRARY, 'five-day-check-in.json'), '--tenant', tenant.id);
    expect(again).toContain('unchanged five-day-check-in (version 1)');
  });
});
