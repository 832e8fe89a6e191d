import { describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import { createAgent } from '../../db/queries/tenants.ts';
import { alerts } from '../../db/schema/index.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { openAlert, postedCopy, seedChatTeam } from './chat-team.ts';
import { blockText, recordSlack } from './slack-recorder.ts';
import {
  CHAT_ENV,
  discordInteract,
  elementsOf,
  pickedState,
  recordDiscord,
  slackBlockAction,
  slackCommand,
} from './list-chat.ts';

const KINDS = ['hot_lead', 'listing_match', 'lead_reply', 'price_drop', 'stale_lead'] as const;

/** Five open alerts, each already posted twice: in Slack (Maria's DM) and in Discord (Dev's DM). */
async function seeded() {
  const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock('2026-03-04T15:00:00Z') });
  const team = await seedChatTeam(rt);
  const lee = await createAgent(rt.db, {
    tenantId: team.tenant.id,
    name: 'Lee Wong',
    email: 'lee@hillcountry.test',
    role: 'agent',
    slackUserId: 'ULEE',
    discordUserId: '1004',
  });
  const five = [];
  for (const [i, kind] of KINDS.entries()) {
    const alert = await openAlert(rt, team, kind, { lead: i % 2 ? team.ben : team.ana });
    await postedCopy(rt, team, alert, 'slack', 'UMARIA', { channel: 'DMARIA', ts: `17000000${i}0.000100` });
    await postedCopy(rt, team, alert, 'discord', '1002', { channelId: 'DM-DEV', messageId: `M${i}` });
    five.push(alert);
  }
  return { rt, team, lee, five, slack: recordSlack(), discord: recordDiscord() };
}

const rows = (rt: Runtime, ids: string[]) => rt.db.select().from(alerts).where(inArray(alerts.id, ids));

describe('acting on several alerts from /alerts', () => {
  it('assigns the picked alerts nobody holds, refuses those claimed meanwhile by name, redraws every copy', async () => {
    const { rt, team, lee, five, slack, discord } = await seeded();

    // Maria draws the list of unclaimed alerts: all five, each in the menu she picks from.
    await slackCommand(rt, 'UMARIA', '/alerts', 'unclaimed', 'https://hooks.slack.test/commands/T111/1/list');
    await drainJobs(rt, ['chat.action']);
    const list = slack.responses.find((r) => r.url.endsWith('/list'))!.body;
    const pick = elementsOf(list.blocks as never).find((e) => e.action_id === 'alerts:pick')!;
    expect(pick.type).toBe('multi_static_select');
    const listed = (pick.options as Array<{ value: string }>).map((o) => o.value);
    expect([...listed].sort()).toEqual(five.map((a) => a.id).sort());

    // Before she acts, Dev and Lee each claim one of them from their own cards.
    const [byDev, byLee] = [five[1], five[3]];
    await actOnAlert(rt, { tenantId: team.tenant.id, alertId: byDev.id, action: { type: 'claim' }, actor: team.dev });
    await actOnAlert(rt, { tenantId: team.tenant.id, alertId: byLee.id, action: { type: 'claim' }, actor: lee });
    await drainJobs(rt, ['alert.refresh']);
    const [updatesBefore, patchesBefore] = [slack.of('chat.update').length, discord.length];

    // She picks all five and chooses Sam in "Assign them to".
    await slackBlockAction(
      rt,
      'UMARIA',
      { action_id: 'alerts:bulk:assign', type: 'static_select', selected_option: { value: 'sam' } },
      'https://hooks.slack.test/actions/T111/2/bulk',
      pickedState(listed),
    );
    const ran = await drainJobs(rt, ['chat.action', 'alert.refresh']);

    const free = five.filter((a) => a !== byDev && a !== byLee);
    const after = await rows(
      rt,
      five.map((a) => a.id),
    );
    for (const alert of free)
      expect(after.find((r) => r.id === alert.id)).toMatchObject({ status: 'assigned', assigneeId: team.sam.id });
    expect(after.find((r) => r.id === byDev.id)).toMatchObject({ status: 'claimed', assigneeId: team.dev.id });
    expect(after.find((r) => r.id === byLee.id)).toMatchObject({ status: 'claimed', assigneeId: lee.id });

    const answer = slack.responses.find((r) => r.url.endsWith('/bulk'))!.body;
    expect(answer.response_type).toBe('ephemeral');
    const said = blockText(answer.blocks as never);
    expect(said).toContain(`Assigned ${free.length} of 5 alerts to Sam Okafor (@sam)`);
    for (const alert of free) expect(said).toContain(alert.id);
    expect(said).toContain(`Refused 2:`);
    expect(said).toMatch(new RegExp(`#${byDev.id}\\): already claimed by @dev`));
    expect(said).toMatch(new RegExp(`#${byLee.id}\\): already claimed by @lee`));

    // One redraw per changed alert, reaching each of its copies: Slack chat.update and Discord PATCH.
    expect(ran['alert.refresh']).toBe(free.length);
    const updates = slack.of('chat.update').slice(updatesBefore);
    expect(updates.map((u) => u.args.ts).sort()).toEqual(free.map((a) => `17000000${five.indexOf(a)}0.000100`).sort());
    for (const update of updates) expect(blockText(update.args.blocks as never)).toContain('Assigned to @sam');
    const patches = discord.slice(patchesBefore).filter((c) => c.method === 'PATCH');
    expect(patches.map((p) => p.path).sort()).toEqual(
      free.map((a) => `/channels/DM-DEV/messages/M${five.indexOf(a)}`).sort(),
    );
    for (const patch of patches) expect(JSON.stringify(patch.body)).toContain('Assigned to @sam');
  });

  it('refuses an agent any bulk action as a whole, on Slack and typed, and changes nothing', async () => {
    const { rt, team, five, slack } = await seeded();
    const before = await rows(
      rt,
      five.map((a) => a.id),
    );

    await slackBlockAction(
      rt,
      'UDEV',
      { action_id: 'alerts:bulk:assign', type: 'static_select', selected_option: { value: 'dev' } },
      'https://hooks.slack.test/actions/T111/3/dev',
      pickedState(five.map((a) => a.id)),
    );
    const ran = await drainJobs(rt, ['chat.action', 'alert.refresh']);
    const refusal = slack.responses.find((r) => r.url.endsWith('/dev'))!.body;
    expect(refusal.response_type).toBe('ephemeral');
    expect(refusal.text).toBe(
      'Only managers can act on several alerts at once. Use the buttons on each alert, or ask a manager.',
    );

    const typed = await handleTerminalLine(rt, `assign ${five[0].id},${five[2].id} sam`, team.dev.email);
    expect(typed).toContain('Only managers can act on several alerts at once');
    const dismiss = await handleTerminalLine(rt, `dismiss ${five[0].id}, ${five[2].id}`, team.sam.email);
    expect(dismiss).toContain('Only managers can act on several alerts at once');

    expect(
      await rows(
        rt,
        five.map((a) => a.id),
      ),
    ).toEqual(before);
    expect(ran['alert.refresh']).toBeUndefined();
    expect(slack.of('chat.update')).toHaveLength(0);
  });

  it('a manager acknowledges claimed alerts for their holders in one line; an open one is refused saying why', async () => {
    const { rt, team, five } = await seeded();
    for (const [agent, alert] of [
      [team.dev, five[0]],
      [team.sam, five[1]],
    ] as const)
      await actOnAlert(rt, {
        tenantId: team.tenant.id,
        alertId: alert.id,
        action: { type: 'claim' },
        actor: { id: agent.id, role: 'agent' },
      });
    const answer = await handleTerminalLine(rt, `ack ${five[0].id},${five[1].id},${five[2].id}`, team.maria.email);
    const after = await rows(rt, [five[0].id, five[1].id, five[2].id]);
    const status = (id: string) => after.find((a) => a.id === id)!.status;
    expect([status(five[0].id), status(five[1].id), status(five[2].id)]).toEqual([
      'acknowledged',
      'acknowledged',
      'open',
    ]);
    expect(answer).toContain(five[2].id);
  });

  it('on Discord: picking several alerts brings the actions; Dismiss acts on what the bar still holds', async () => {
    const { rt, team, five, discord } = await seeded();
    const [a, b, c] = five;

    // Maria picks three in the list's menu; the answer is a bar holding those three.
    expect(
      await discordInteract(rt, {
        type: 3,
        token: 'pick-token',
        member: { user: { id: '1001' } },
        data: { custom_id: 'alerts:pick', component_type: 3, values: [a.id, b.id, c.id] },
      }),
    ).toEqual({ type: 6 });
    await drainJobs(rt, ['chat.action']);
    const bar = discord.find((call) => call.method === 'POST' && call.path === '/webhooks/APP1/pick-token')!.body!;
    expect(bar.flags).toBe(64);
    const components = bar.components as Array<{ components: Array<Record<string, unknown>> }>;
    const picked = components.flatMap((r) => r.components).find((x) => x.custom_id === 'alerts:picked')!;
    expect(picked).toMatchObject({ type: 3, max_values: 3 });
    expect((picked.options as Array<{ value: string; default: boolean }>).map((o) => [o.value, o.default])).toEqual([
      [a.id, true],
      [b.id, true],
      [c.id, true],
    ]);

    // She unpicks the second in the bar's menu (Discord would send that as a new pick; the bar she sees
    // then holds two), and presses Dismiss on a bar holding a and c.
    const heldBar = {
      components: components.map((row) => ({
        ...row,
        components: row.components.map((x) =>
          x.custom_id === 'alerts:picked'
            ? {
                ...x,
                options: (x.options as Array<{ value: string }>).map((o) => ({ ...o, default: o.value !== b.id })),
              }
            : x,
        ),
      })),
    };
    await discordInteract(rt, {
      type: 3,
      token: 'dismiss-token',
      member: { user: { id: '1001' } },
      message: { id: 'BAR', flags: 64, ...heldBar },
      data: { custom_id: 'alerts:bulk:dismiss', component_type: 2 },
    });
    const ran = await drainJobs(rt, ['chat.action', 'alert.refresh']);

    const after = await rows(rt, [a.id, b.id, c.id]);
    expect(after.find((r) => r.id === a.id)!.status).toBe('dismissed');
    expect(after.find((r) => r.id === c.id)!.status).toBe('dismissed');
    expect(after.find((r) => r.id === b.id)!.status).toBe('open');
    const answer = discord.find((call) => call.path === '/webhooks/APP1/dismiss-token')!;
    expect(JSON.stringify(answer.body)).toContain('Dismissed 2 of 2 alerts');
    expect(ran['alert.refresh']).toBe(2);
    const patched = discord.filter((call) => call.method === 'PATCH').map((call) => call.path);
    expect(patched.sort()).toEqual([`/channels/DM-DEV/messages/M0`, `/channels/DM-DEV/messages/M2`]);
    const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, a.id));
    expect(row.closedAt?.toISOString()).toBe('2026-03-04T15:00:00.000Z');
    void team;
  });
});
