import { describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { alerts } from '../../db/schema/index.ts';
import { loadAlertView } from '../../bots/deliveries/load-alert-view.ts';
import { alertMessage } from '../../bots/message/alert-message.ts';
import { renderSlack } from '../../bots/render/render-slack.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { seedChatTeam, type ChatTeam } from './chat-team.ts';
import { recordSlack, type ResponseUrlPost } from './slack-recorder.ts';
import { CHAT_ENV, discordInteract, elementsOf, recordDiscord, slackBlockAction, slackCommand } from './list-chat.ts';

const NOW = new Date('2026-03-04T15:00:00Z');
const CLOSED = ['won', 'lost', 'dismissed', 'expired'];
const URGENCY = ['critical', 'high', 'normal', 'low'];

interface Seeded {
  id: string;
  kind: string;
  priority: 'critical' | 'high' | 'normal' | 'low';
  status: string;
  assigneeId: string | null;
  createdAt: Date;
}

/** Alerts in every state a triage list meets, raised at known minutes before now. */
async function seedAlerts(rt: Runtime, team: ChatTeam): Promise<Seeded[]> {
  const specs = [
    { kind: 'listing_match', priority: 'normal', ago: 5, lead: team.ana, listingKey: 'ATX-100' },
    { kind: 'hot_lead', priority: 'high', ago: 50, lead: team.ana },
    { kind: 'stale_lead', priority: 'low', ago: 1, lead: team.ben },
    { kind: 'hot_lead', priority: 'critical', ago: 200, lead: team.ben },
    {
      kind: 'price_drop',
      priority: 'high',
      ago: 10,
      lead: team.ben,
      listingKey: 'ATX-200',
      by: team.dev,
      status: 'claimed',
    },
    { kind: 'lead_reply', priority: 'normal', ago: 30, lead: team.ana, by: team.dev, status: 'acknowledged' },
    { kind: 'hot_lead', priority: 'high', ago: 20, lead: team.ana, by: team.sam, status: 'assigned', snoozed: true },
    { kind: 'hot_lead', priority: 'critical', ago: 2, lead: team.ana, status: 'dismissed' },
    { kind: 'listing_match', priority: 'high', ago: 3, lead: team.ben, by: team.dev, status: 'won' },
  ] as const;
  const seeded: Seeded[] = [];
  for (const [i, s] of specs.entries()) {
    const createdAt = new Date(NOW.getTime() - s.ago * 60_000);
    const row = (await insertAlert(rt.db, {
      tenantId: team.tenant.id,
      kind: s.kind,
      priority: s.priority,
      leadId: s.lead.id,
      listingKey: 'listingKey' in s ? s.listingKey : null,
      dedupeKey: `seed-${i}`,
      reason: `${s.lead.name}: ${s.kind}`,
      expiresAt: new Date(NOW.getTime() + 86_400_000),
      createdAt,
    }))!;
    const status = 'status' in s ? s.status : 'open';
    const assigneeId = 'by' in s ? s.by.id : null;
    await rt.db
      .update(alerts)
      .set({
        status,
        assigneeId,
        claimedAt: assigneeId ? createdAt : null,
        snoozedUntil: 'snoozed' in s ? new Date(NOW.getTime() + 30 * 60_000) : null,
        closedAt: CLOSED.includes(status) ? NOW : null,
      })
      .where(eq(alerts.id, row.id));
    seeded.push({ id: row.id, kind: s.kind, priority: s.priority, status, assigneeId, createdAt });
  }
  // Another team's most urgent alert never shows.
  const { tenant: other } = await createTenant(rt.db, { name: 'Elsewhere Realty', timezone: 'UTC' });
  const stranger = await createLead(rt.db, { tenantId: other.id, name: 'Zed Stranger', score: 99, temperature: 'hot' });
  await insertAlert(rt.db, {
    tenantId: other.id,
    kind: 'hot_lead',
    priority: 'critical',
    leadId: stranger.id,
    listingKey: null,
    dedupeKey: 'other',
    reason: 'Zed Stranger is hot',
    expiresAt: new Date(NOW.getTime() + 86_400_000),
    createdAt: NOW,
  });
  return seeded;
}

/** What the list should show, worked out from the seeded rows: in play, filtered, most urgent then newest. */
function expectedOrder(rows: Seeded[], keep: (row: Seeded) => boolean): string[] {
  return rows
    .filter((r) => !CLOSED.includes(r.status) && keep(r))
    .sort(
      (a, b) =>
        URGENCY.indexOf(a.priority) - URGENCY.indexOf(b.priority) || b.createdAt.getTime() - a.createdAt.getTime(),
    )
    .map((r) => r.id);
}

type Block = { type: string; text?: { text: string }; elements?: Array<Record<string, unknown>> };

/** The alert ids of a Slack list, in the order its rows read, each with the action ids of the row's controls. */
function slackRows(post: ResponseUrlPost): Array<{ id: string; actions: string[] }> {
  const blocks = post.body.blocks as Block[];
  return blocks.flatMap((block, i) => {
    const id =
      block.type === 'section' && /^\*\d+\.\*/.test(block.text!.text)
        ? /#(\S+)$/.exec(block.text!.text)?.[1]
        : undefined;
    if (!id) return [];
    const next = blocks[i + 1];
    return [{ id, actions: next?.type === 'actions' ? next.elements!.map((e) => String(e.action_id)) : [] }];
  });
}

async function seeded() {
  const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock(NOW) });
  const team = await seedChatTeam(rt);
  const rows = await seedAlerts(rt, team);
  return { rt, team, rows, slack: recordSlack(), discord: recordDiscord() };
}

async function slackList(rt: Runtime, slack: ReturnType<typeof recordSlack>, user: string, text: string) {
  const url = `https://hooks.slack.test/commands/T111/${slack.responses.length}/${user}`;
  await slackCommand(rt, user, '/alerts', text, url);
  await drainJobs(rt, ['chat.action']);
  return slack.responses.find((r) => r.url === url)!;
}

describe('/alerts, the triage list', () => {
  it('on Slack: alerts in play, most urgent then newest, filtered as asked, rows with their card’s buttons', async () => {
    const { rt, team, rows, slack } = await seeded();

    const all = await slackList(rt, slack, 'UMARIA', '');
    expect(all.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(all.body.blocks)).toContain('Open alerts: whole team');
    const listed = slackRows(all);
    expect(listed.map((r) => r.id)).toEqual(expectedOrder(rows, () => true));
    expect(JSON.stringify(all.body.blocks)).not.toContain('Zed Stranger');
    for (const row of listed) {
      const alert = (await rt.db.select().from(alerts).where(eq(alerts.id, row.id)))[0];
      const card = renderSlack(alertMessage(await loadAlertView(rt.db, team.tenant, alert)));
      expect(row.actions).toEqual(elementsOf(card.blocks as never).map((e) => e.action_id));
    }
    // A manager gets the menu of these rows and the actions for several at once.
    const controls = elementsOf(all.body.blocks as never);
    const pick = controls.find((e) => e.action_id === 'alerts:pick')!;
    expect((pick.options as Array<{ value: string }>).map((o) => o.value)).toEqual(listed.map((r) => r.id));
    expect(controls.map((e) => e.action_id)).toEqual(
      expect.arrayContaining([
        'alerts:bulk:acknowledge',
        'alerts:bulk:snooze',
        'alerts:bulk:dismiss',
        'alerts:bulk:assign',
      ]),
    );
    const snoozed = rows.find((r) => r.status === 'assigned')!;
    expect(JSON.stringify(all.body.blocks)).toMatch(new RegExp(`Assigned to @sam · 😴 until [^#]*#${snoozed.id}`));

    // An agent's own view by default, without the managers' controls.
    const devs = await slackList(rt, slack, 'UDEV', '');
    expect(slackRows(devs).map((r) => r.id)).toEqual(expectedOrder(rows, (r) => r.assigneeId === team.dev.id));
    expect(JSON.stringify(devs.body.blocks)).toContain('Open alerts: yours');
    expect(JSON.stringify(devs.body.blocks)).not.toContain('alerts:pick');

    const hotUnclaimed = await slackList(rt, slack, 'UMARIA', 'unclaimed hot_lead');
    expect(slackRows(hotUnclaimed).map((r) => r.id)).toEqual(
      expectedOrder(rows, (r) => r.assigneeId === null && r.kind === 'hot_lead'),
    );
    const high = await slackList(rt, slack, 'USAM', 'team high');
    expect(slackRows(high).map((r) => r.id)).toEqual(expectedOrder(rows, (r) => r.priority === 'high'));

    const typo = await slackList(rt, slack, 'UMARIA', 'urgent');
    expect(typo.body.text).toContain('urgent is not a view, kind, priority or page');
  });

  it('on Discord: the rows in the embed, and a menu to pick from', async () => {
    const { rt, rows, discord } = await seeded();
    const deferred = await discordInteract(rt, {
      type: 2,
      token: 'list-token',
      member: { user: { id: '1001' } },
      data: { name: 'alerts', options: [{ name: 'view', type: 3, value: 'unclaimed' }] },
    });
    expect(deferred).toEqual({ type: 5, data: { flags: 64 } });
    await drainJobs(rt, ['chat.action']);
    const edit = discord.find(
      (c) => c.method === 'PATCH' && c.path === '/webhooks/APP1/list-token/messages/@original',
    )!;
    const expected = expectedOrder(rows, (r) => r.assigneeId === null);
    const description = (edit.body!.embeds as Array<{ description: string }>)[0].description;
    const order = expected.map((id) => description.indexOf(`#${id}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const menu = (edit.body!.components as Array<{ components: Array<Record<string, unknown>> }>)
      .flatMap((r) => r.components)
      .find((c) => c.custom_id === 'alerts:pick')!;
    expect(menu.max_values).toBe(expected.length);
    expect((menu.options as Array<{ value: string }>).map((o) => o.value)).toEqual(expected);
  });

  it('in the terminal: the same order, and row numbers name the rows of the page just shown', async () => {
    const { rt, team, rows } = await seeded();
    const text = await handleTerminalLine(rt, '/alerts unclaimed', team.maria.email);
    const expected = expectedOrder(rows, (r) => r.assigneeId === null);
    const shown = [...text.matchAll(/#([0-9a-f-]{36})/g)].map((m) => m[1]);
    expect(shown).toEqual(expected);
    expect(text).toContain('1. ');
    expect(text).toContain('claim 1  |  snooze 1  |  dismiss 1  |  assign 1 <agent>');

    const done = await handleTerminalLine(rt, 'dismiss 1,3', team.maria.email);
    expect(done).toContain('Dismissed 2 of 2 alerts');
    const after = await rt.db
      .select({ id: alerts.id, status: alerts.status })
      .from(alerts)
      .where(inArray(alerts.id, expected));
    for (const row of after)
      expect(row.status).toBe(row.id === expected[0] || row.id === expected[2] ? 'dismissed' : 'open');
    expect(await handleTerminalLine(rt, 'ack 9,12', team.maria.email)).toContain('has no row 9');
  });

  it('pages ten at a time; Next on Slack draws page 2 over the list, and the terminal types it', async () => {
    const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock(NOW) });
    const team = await seedChatTeam(rt);
    const slack = recordSlack();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const row = await insertAlert(rt.db, {
        tenantId: team.tenant.id,
        kind: 'listing_match',
        priority: 'normal',
        leadId: team.ben.id,
        listingKey: null,
        dedupeKey: `page-${i}`,
        reason: `match ${i}`,
        expiresAt: new Date(NOW.getTime() + 86_400_000),
        createdAt: new Date(NOW.getTime() - i * 60_000),
      });
      ids.push(row!.id); // newest first, as raised
    }
    const first = await slackList(rt, slack, 'UMARIA', 'team');
    expect(slackRows(first).map((r) => r.id)).toEqual(ids.slice(0, 10));
    const next = elementsOf(first.body.blocks as never).find((e) => e.action_id === 'alerts:list:alerts team page 2');
    expect(next).toMatchObject({ type: 'button', text: { text: 'Next ▶' } });

    await slackBlockAction(
      rt,
      'UMARIA',
      { action_id: 'alerts:list:alerts team page 2', type: 'button', value: '2' },
      'https://hooks.slack.test/actions/T111/9/next',
    );
    await drainJobs(rt, ['chat.action']);
    const second = slack.responses.find((r) => r.url.endsWith('/next'))!;
    expect(second.body.replace_original).toBe(true);
    expect(slackRows(second).map((r) => r.id)).toEqual(ids.slice(10));
    expect(JSON.stringify(second.body.blocks)).toContain('page 2 of 2');
    expect(elementsOf(second.body.blocks as never).map((e) => e.action_id)).toContain('alerts:list:alerts team');

    const typed = await handleTerminalLine(rt, 'alerts team page 2', team.maria.email);
    expect([...typed.matchAll(/#([0-9a-f-]{36})/g)].map((m) => m[1])).toEqual(ids.slice(10));
    expect(typed).toContain('alerts team  '); // the Previous page, as a command to type
  });
});
