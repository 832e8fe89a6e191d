import { automationsCli } from './automations-cli.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AutomationRuleInput } from '../../core/automations/automation-rule.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { setConsent } from '../../db/queries/consent.ts';
import { addLeadActivity, type Lead } from '../../db/queries/leads.ts';
import {
  alerts,
  auditLog,
  automationRuns,
  automationSteps,
  deliveries,
  leadActivities,
  leads,
  listingChanges,
} from '../../db/schema/index.ts';
import { dryRunAutomations } from '../../db/use-cases/automations/dry-run-automations.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { makeAgent, makeLead, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';

const ZONE = 'America/Chicago';
// Tuesday Dec 1 2026, noon in Austin: the 30 days replayed start Nov 1 at noon (after the DST change at 2:00).
const NOW = new Date('2026-12-01T18:00:00Z');
/** `days` before today at hh:mm team time. */
const local = (days: number, hour: number, minute = 0) =>
  DateTime.fromJSDate(NOW, { zone: ZONE }).minus({ days }).set({ hour, minute }).toJSDate();
const dir = mkdtempSync(join(tmpdir(), 'porchlight-dry-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RULES: AutomationRuleInput[] = [
  {
    id: 'zillow-welcome',
    name: 'Zillow welcome text',
    when: { event: 'lead_created', sources: ['Zillow'] },
    then: [{ do: 'text_lead', template: 'Hi {{lead.firstName | "there"}}, thanks for your interest!' }],
  },
  {
    id: 'five-day-check-in',
    name: '5-day check-in',
    when: { event: 'no_inbound', days: 5 },
    then: [
      { do: 'email_lead', subject: 'Still looking?', template: 'Just checking in.' },
      { do: 'wait', days: 3 },
      { do: 'notify', to: 'assignee', template: '{{lead.name}} has not answered the check-in.' },
    ],
    exitWhen: ['replied', { stageReached: ['under-contract'] }],
  },
  {
    id: 'showing-request',
    name: 'Showing request',
    when: { event: 'signal_raised', signals: ['showing_request'] },
    then: [
      { do: 'notify', to: 'managers', template: '{{lead.name}} wants a showing' },
      { do: 'text_lead', template: 'We will set up a showing for you.' },
    ],
  },
  {
    id: 'realtor-replies',
    name: 'Realtor.com replies',
    when: { event: 'message_received' },
    if: { field: 'source', op: 'in', value: ['Realtor.com'] },
    then: [{ do: 'notify', to: 'assignee', template: '{{lead.name}} wrote back' }],
  },
];

interface Seed {
  name: string;
  source: string;
  createdAt: Date;
  inbound: Date[];
  smsOptedOut?: boolean;
}

/**
 * A month of a team (ceiling: one automated message a day). Ana (Zillow) asks for a showing on the day she
 * arrives; Ben (Zillow) arrives at 23:30 and never writes, and his deal goes under contract; Cara
 * (Realtor.com) writes twice; Dan (Zillow) opted out of texts; Eve arrived two months ago and last wrote
 * just before the window.
 */
const SEEDS: Seed[] = [
  { name: 'Ana Zillow', source: 'Zillow', createdAt: local(25, 14), inbound: [local(25, 15, 30), local(10, 14)] },
  { name: 'Ben Late', source: 'zillow', createdAt: local(20, 23, 30), inbound: [] },
  { name: 'Cara Realtor', source: 'Realtor.com', createdAt: local(15, 14), inbound: [local(14, 14), local(7, 14)] },
  { name: 'Dan Optout', source: 'Zillow', createdAt: local(8, 14), inbound: [], smsOptedOut: true },
  { name: 'Eve Earlier', source: 'Zillow', createdAt: local(60, 14), inbound: [local(30, 10)] },
];

async function seedMonth(rt: Runtime) {
  const { tenant } = await makeTenant(rt, { timezone: ZONE, settings: { automations: { maxMessagesPerDay: 1 } } });
  await makeAgent(rt, tenant.id, { name: 'Mia', role: 'manager', email: 'mia@team.test' });
  const made: Record<string, Lead> = {};
  let ext = 0;
  for (const seed of SEEDS) {
    const lead = await makeLead(rt, tenant.id, { name: seed.name, source: seed.source, createdAt: seed.createdAt });
    made[seed.name.split(' ')[0]] = lead;
    for (const at of seed.inbound)
      await addLeadActivity(rt.db, {
        tenantId: tenant.id,
        leadId: lead.id,
        kind: 'message',
        channel: 'sms',
        direction: 'inbound',
        human: true,
        body: 'Can we see the house this weekend?',
        source: 'test',
        externalId: `in-${++ext}`,
        occurredAt: at,
      });
    if (seed.smsOptedOut)
      await setConsent(rt.db, {
        tenantId: tenant.id,
        channel: 'sms',
        address: lead.phone!,
        status: 'opted_out',
        source: 'sms_keyword',
      });
  }
  await addLeadActivity(rt.db, {
    tenantId: tenant.id,
    leadId: made.Ben.id,
    kind: 'stage_change',
    source: 'test',
    externalId: 'stage-1',
    occurredAt: local(13, 14),
    meta: { stageId: 'under-contract', status: 'open' },
  });
  const alert = (leadId: string, at: Date, details: Record<string, unknown>, kind = 'hot_lead') =>
    insertAlert(rt.db, {
      tenantId: tenant.id,
      kind,
      priority: 'high',
      leadId,
      listingKey: null,
      dedupeKey: `seed-${leadId}-${at.toISOString()}`,
      reason: 'seeded',
      expiresAt: new Date(at.getTime() + 86_400_000),
      createdAt: at,
      details,
    });
  await alert(made.Ana.id, local(25, 16), { signal: 'showing_request' });
  await alert(made.Ben.id, local(19, 9), { signal: 'became_hot' });
  await alert(made.Cara.id, local(14, 9), {}, 'listing_match');
  return { tenant, leads: made };
}

async function footprint(rt: Runtime, tenantId: string) {
  const count = async (table: typeof leads | typeof alerts | typeof deliveries | typeof leadActivities) =>
    (await rt.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.tenantId, tenantId)))[0].n;
  const jobs = await rt.db.execute(sql`select count(*)::int as n from pgboss.job`);
  return {
    leads: await count(leads),
    alerts: await count(alerts),
    deliveries: await count(deliveries),
    activities: await count(leadActivities),
    runs: (await rt.db.select().from(automationRuns)).length,
    steps: (await rt.db.select().from(automationSteps)).length,
    audit: (await rt.db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))).length,
    jobs: (jobs as unknown as { rows: Array<{ n: number }> }).rows[0].n,
  };
}

/** Every outbound request while the test runs (msw would also fail an unexpected one). */
function recordRequests(): string[] {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => void seen.push(`${request.method} ${request.url}`);
  server.events.on('request:start', listener);
  onTestFinished(() => server.events.removeListener('request:start', listener));
  return seen;
}

describe('automations dry run', () => {
  it('a seeded month gives the counts worked out from the seed, and sends and writes nothing', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant, leads: by } = await seedMonth(rt);
    const requests = recordRequests();
    const before = await footprint(rt, tenant.id);

    const report = await dryRunAutomations(rt, { tenantId: tenant.id, rules: { rules: RULES }, days: 30 });
    const rule = (id: string) => report.rules.find((r) => r.ruleId === id)!;
    const since = NOW.getTime() - 30 * 86_400_000;
    const inWindow = (d: Date) => d.getTime() >= since;

    // Welcome: Zillow leads (any case) created in the window. Ben arrived at 23:30 (quiet hours), Dan opted out.
    const welcomed = SEEDS.filter((s) => s.source.toLowerCase() === 'zillow' && inWindow(s.createdAt)).map(
      (s) => s.name,
    );
    expect(
      rule('zillow-welcome')
        .leads.map((l) => l.name)
        .sort(),
    ).toEqual(welcomed.sort());
    expect(rule('zillow-welcome').messages).toMatchObject({
      wouldSend: 1,
      deferredQuietHours: 1,
      blockedConsent: 1,
      blockedCeiling: 0,
    });

    // Silences of 5 days, worked out by hand from the seed (each stretch from arrival or a message):
    //   Ana: 25d 15:30 → fires 20d (notify 17d, done); 10d → fires 5d (notify 2d, done)
    //   Ben: 20d 23:30 → fires 15d; his deal went under contract 13d: he leaves before the notify at 12d
    //   Cara: 14d → fires 9d; she wrote 7d, before the notify at 6d: leaves; 7d → fires 2d, still waiting
    //   Dan: 8d → fires 3d, still waiting at the end; Eve: wrote Nov 1 10:00 (before the window) → fires 25d, done
    expect(rule('five-day-check-in')).toMatchObject({
      fired: 7,
      steps: { email_lead: 7, notify: 3 },
      runs: { completed: 3, exited: 2, waiting: 2, cancelled: 0 },
      messages: { wouldSend: 7, blockedCeiling: 0, blockedConsent: 0 },
    });
    expect(Object.fromEntries(rule('five-day-check-in').leads.map((l) => [l.name, l.times]))).toEqual({
      'Ana Zillow': 2,
      'Ben Late': 1,
      'Cara Realtor': 2,
      'Dan Optout': 1,
      'Eve Earlier': 1,
    });

    // Ana's showing request came two hours after her welcome text: a ceiling of one a day refuses the second.
    expect(rule('showing-request')).toMatchObject({
      fired: 1,
      leads: [{ leadId: by.Ana.id, times: 1 }],
      steps: { notify: 1, text_lead: 1 },
      messages: { blockedCeiling: 1, wouldSend: 0 },
    });

    // Inbound messages in the window; only Realtor.com leads pass the condition.
    const messages = SEEDS.flatMap((s) => s.inbound.filter(inWindow).map(() => s.source));
    expect(rule('realtor-replies')).toMatchObject({
      fired: messages.filter((s) => s === 'Realtor.com').length,
      skipped: { conditions: messages.filter((s) => s !== 'Realtor.com').length, loop: 0 },
    });

    expect(report.totals).toMatchObject({
      fired: 3 + 7 + 1 + 2,
      leads: 5,
      messages: { wouldSend: 8, deferredQuietHours: 1, blockedConsent: 1, blockedCeiling: 1 },
    });
    // 14:00: Ana's and Dan's welcomes, check-ins from Ana (5d), Cara (9d, 2d) and Dan (3d), Cara's two replies.
    expect(report.busiestHour).toEqual({ hour: 14, firings: 8 });
    expect(report.notes.join(' ')).toContain('fields as they are today');

    expect(requests).toEqual([]);
    expect(await footprint(rt, tenant.id)).toEqual(before);
  });

  it('replays price drops to those who viewed the home and score band crossings; tag rules get a note', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant } = await makeTenant(rt, { timezone: ZONE });
    const fay = await makeLead(rt, tenant.id, { name: 'Fay Viewer', createdAt: local(40, 14) });
    await addLeadActivity(rt.db, {
      tenantId: tenant.id,
      leadId: fay.id,
      kind: 'listing_view',
      listingKey: 'L1',
      source: 'test',
      externalId: 'view-1',
      occurredAt: local(12, 14),
    });
    const change = (listingKey: string, previousPrice: number, newPrice: number, days: number) => ({
      tenantId: tenant.id,
      listingKey,
      changeType: 'PriceChange',
      previousPrice,
      newPrice,
      newStatus: 'Active',
      modificationTimestamp: local(days, 9),
      createdAt: local(days, 9),
    });
    // A drop on the home she viewed, a drop on one she never saw, and a rise on hers.
    await rt.db
      .insert(listingChanges)
      .values([
        change('L1', 500_000, 480_000, 10),
        change('L2', 400_000, 380_000, 9),
        change('L1', 480_000, 490_000, 8),
      ]);
    const scored = (days: number, temperature: string) => ({
      tenantId: tenant.id,
      entity: 'lead',
      entityId: fay.id,
      action: 'scored',
      actor: 'system',
      data: { temperature },
      createdAt: local(days, 11),
    });
    // Warm before the window, warm again (no crossing), hot (a crossing), then back to warm.
    await rt.db.insert(auditLog).values([scored(35, 'warm'), scored(20, 'warm'), scored(15, 'hot'), scored(5, 'warm')]);
    const rules: AutomationRuleInput[] = [
      {
        id: 'price-drop-viewers',
        name: 'Price drop to viewers',
        when: { event: 'listing_event', changes: ['price_drop'], leads: 'viewed' },
        then: [{ do: 'notify', to: 'assignee', template: 'Price drop on {{listing.address}}' }],
      },
      {
        id: 'became-hot',
        name: 'Became hot',
        when: { event: 'score_crossed', band: 'hot' },
        then: [{ do: 'notify', to: 'managers', template: '{{lead.name}} is hot' }],
      },
      {
        id: 'vip',
        name: 'VIP',
        when: { event: 'tag_added', tags: ['vip'] },
        then: [{ do: 'notify', to: 'managers', template: 'VIP' }],
      },
    ];
    const report = await dryRunAutomations(rt, { tenantId: tenant.id, rules, days: 30 });
    const rule = (id: string) => report.rules.find((r) => r.ruleId === id)!;
    expect(rule('price-drop-viewers')).toMatchObject({ fired: 1, leads: [{ name: 'Fay Viewer', times: 1 }] });
    expect(rule('became-hot')).toMatchObject({ fired: 1, leads: [{ name: 'Fay Viewer', times: 1 }] });
    expect(rule('vip').fired).toBe(0);
    expect(report.busiestHour).toEqual({ hour: 9, firings: 1 });
    expect(report.notes.join(' ')).toContain('Tag changes from the CRM are in the history only since');
  });

  it('refuses a candidate that would not save, naming the rule and the problem', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant } = await makeTenant(rt);
    const bad = [{ ...RULES[0], then: [{ do: 'text_lead', template: 'Hi {{lead.favoriteColor}}' }] }];
    await expect(dryRunAutomations(rt, { tenantId: tenant.id, rules: bad, days: 30 })).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining(
        'zillow-welcome: then[0].template: unknown template variable {{lead.favoriteColor}}',
      ),
    });
  });

  it('porchlight automations test prints the summary; a file that is not rules is bad usage', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant } = await seedMonth(rt);
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify(RULES));

    const out = await automationsCli(rt, 'test', file, '--tenant', tenant.id, '--days', '30');
    expect(out).toContain('Dry run of 4 rules over the last 30 days');
    expect(out).toContain('Zillow welcome text (zillow-welcome, lead_created): fired 3 times for 3 leads');
    expect(out).toContain('Busiest hour: 14:00–15:00 (8 firings).');
    expect(out).toContain('Nothing was sent or changed.');
    const json = JSON.parse(await automationsCli(rt, 'test', file, '--tenant', tenant.id, '--json'));
    expect(json.totals.fired).toBe(13);

    writeFileSync(file, '{ not json');
    await expect(automationsCli(rt, 'test', file, '--tenant', tenant.id)).rejects.toMatchObject({ code: 'bad_usage' });
    writeFileSync(file, JSON.stringify([{ id: 'x', name: 'x', when: { event: 'teleport' }, then: [] }]));
    await expect(automationsCli(rt, 'test', file, '--tenant', tenant.id)).rejects.toMatchObject({
      code: 'bad_usage',
      message: expect.stringContaining('x: '),
    });
  });

  it('/automations test in the terminal posts the summary for a manager and refuses an agent', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant } = await seedMonth(rt);
    const agent = await makeAgent(rt, tenant.id, { name: 'Sam', role: 'agent', email: 'sam@team.test' });
    const file = join(dir, 'chat-rules.json');
    writeFileSync(file, JSON.stringify({ rules: RULES }));
    const requests = recordRequests();

    const printed = await handleTerminalLine(rt, `automations test 30 ${file}`, 'mia@team.test');
    expect(printed).toContain('Zillow welcome text (zillow-welcome, lead_created): fired 3 times for 3 leads');
    expect(printed).toContain(
      'lead messages: 8 would send, 1 held for quiet hours, 1 blocked by consent, 1 blocked by the ceiling',
    );
    expect(await handleTerminalLine(rt, `automations test ${file}`, agent.email)).toContain(
      'Only managers and admins can try automation rules.',
    );
    expect(await handleTerminalLine(rt, 'automations test', 'mia@team.test')).toContain(
      'automations test 30 rules.json',
    );
    expect(requests).toEqual([]);
    expect((await rt.db.select().from(automationRuns)).length).toBe(0);
  });
});
