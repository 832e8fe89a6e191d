import { describe, expect, it, onTestFinished } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { slackChannel } from '../../bots/slack/slack-channel.ts';
import { loadAlertView } from '../../bots/deliveries/load-alert-view.ts';
import { alerts } from '../../db/schema/index.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { SLACK_ENV, blockActionBody, openAlert, postedCopy, seedChatTeam, slackHeaders } from './chat-team.ts';
import { blockText, recordSlack } from './slack-recorder.ts';

async function withWorkers(rt: Runtime) {
  const workers = await startWorkers(rt, { queues: ['chat.action', 'alert.refresh'], schedules: false });
  onTestFinished(() => workers.stop(5_000));
}

async function press(rt: Runtime, userId: string, action: Record<string, unknown>, responseUrl: string) {
  const body = blockActionBody(userId, action, responseUrl);
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
  return res;
}

describe('Slack alerts', () => {
  it('posts each alert kind as a DM with the card blocks and the buttons that fit it', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedChatTeam(rt);
    const slack = recordSlack();
    const expected = {
      hot_lead: { header: '🔥 Hot lead: Ana Lopez', listing: undefined, send: false },
      listing_match: { header: '🏠 New match for Ana Lopez', listing: 'ATX-100', send: true },
      price_drop: { header: '📉 Price drop for Ana Lopez', listing: 'ATX-200', send: true },
      back_on_market: { header: '🔁 Back on market for Ana Lopez', listing: 'RR-300', send: true },
      lead_reply: { header: '💬 Ana Lopez replied', listing: undefined, send: false },
      stale_lead: { header: '⏰ Going cold: Ana Lopez', listing: undefined, send: false },
    } as const;
    for (const [kind, want] of Object.entries(expected)) {
      const alert = await openAlert(rt, team, kind, { listingKey: want.listing });
      const result = await slackChannel.deliverAlert(rt, {
        tenant: team.tenant,
        view: await loadAlertView(rt.db, team.tenant, alert),
        recipient: 'UDEV',
        recipientKind: 'agent',
        idempotencyKey: `${alert.id}:slack:UDEV`,
      });
      expect(result).toMatchObject({ status: 'sent', ref: { channel: 'DDEV' } });
      const call = slack.of('chat.postMessage').at(-1)!;
      expect(call.auth).toBe('Bearer xoxb-test-token');
      expect(call.args.channel).toBe('UDEV');
      expect(call.args.metadata).toEqual({
        event_type: 'porchlight_alert',
        event_payload: { idempotency_key: `${alert.id}:slack:UDEV`, alert_id: alert.id },
      });
      const blocks = call.args.blocks as Array<{
        type: string;
        text?: { text: string };
        elements?: Array<{ action_id: string }>;
      }>;
      expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: want.header, emoji: true } });
      const actions = blocks.find((b) => b.type === 'actions')!.elements!.map((e) => e.action_id);
      expect(actions).toEqual([
        `alert:claim:${alert.id}`,
        ...(want.send ? [`alert:send:${alert.id}`] : []),
        `alert:snooze:${alert.id}`,
        `alert:dismiss:${alert.id}`,
        `alert:assign:${alert.id}`,
      ]);
      const text = blockText(blocks as never);
      expect(text).toContain('Unclaimed');
      if (want.listing) expect(text).toContain(want.listing);
      expect(String(call.args.text)).toContain(want.header);
    }
  });

  it('updates every copy after a claim, and tells a late claimer who has it', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedChatTeam(rt);
    const slack = recordSlack();
    const alert = await openAlert(rt, team, 'hot_lead');
    await postedCopy(rt, team, alert, 'slack', 'UDEV', { channel: 'DDEV', ts: '1700000001.000100' });
    await postedCopy(rt, team, alert, 'slack', 'USAM', { channel: 'DSAM', ts: '1700000002.000100' });
    await withWorkers(rt);

    await press(
      rt,
      'UDEV',
      { action_id: `alert:claim:${alert.id}`, type: 'button', value: alert.id },
      'https://hooks.slack.test/actions/T111/1/dev',
    );
    const updates = await waitFor(() => (slack.of('chat.update').length === 2 ? slack.of('chat.update') : undefined));
    expect(updates.map((u) => [u.args.channel, u.args.ts]).sort()).toEqual([
      ['DDEV', '1700000001.000100'],
      ['DSAM', '1700000002.000100'],
    ]);
    for (const update of updates) {
      const text = blockText(update.args.blocks as never);
      expect(text).toContain('Claimed by @dev');
      expect(text).toContain(`alert:acknowledge:${alert.id}`);
      expect(text).not.toContain(`alert:claim:${alert.id}`);
    }
    const devReply = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/dev')));
    expect(devReply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(devReply.body.text).toContain(`You claimed alert #${alert.id}`);

    await press(
      rt,
      'USAM',
      { action_id: `alert:claim:${alert.id}`, type: 'button', value: alert.id },
      'https://hooks.slack.test/actions/T111/2/sam',
    );
    const samReply = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/sam')));
    expect(samReply.body.response_type).toBe('ephemeral');
    expect(samReply.body.text).toBe(`Alert #${alert.id} is already claimed by @dev.`);
    const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(row.assigneeId).toBe(team.dev.id);
    expect(slack.of('chat.update')).toHaveLength(2);
  });

  it('refuses Assign from an agent who is not a manager, and lets a manager assign', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedChatTeam(rt);
    const slack = recordSlack();
    const alert = await openAlert(rt, team, 'listing_match', { listingKey: 'ATX-100' });
    await postedCopy(rt, team, alert, 'slack', 'UMARIA', { channel: 'DMARIA', ts: '1700000003.000100' });
    await withWorkers(rt);

    await press(
      rt,
      'USAM',
      {
        action_id: `alert:assign:${alert.id}`,
        type: 'static_select',
        selected_option: { value: 'UDEV', text: { type: 'plain_text', text: 'Dev' } },
      },
      'https://hooks.slack.test/actions/T111/3/sam',
    );
    const refusal = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/sam')));
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(refusal.body.text).toContain('Only managers can assign alerts to someone else');
    const [unchanged] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(unchanged).toMatchObject({ status: 'open', assigneeId: null });

    await press(
      rt,
      'UMARIA',
      { action_id: `alert:assign:${alert.id}`, type: 'users_select', selected_user: 'UDEV' },
      'https://hooks.slack.test/actions/T111/4/maria',
    );
    const update = await waitFor(() => slack.of('chat.update')[0]);
    expect(update.args).toMatchObject({ channel: 'DMARIA', ts: '1700000003.000100' });
    expect(blockText(update.args.blocks as never)).toContain('Assigned to @dev');
    const ok = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/maria')));
    expect(ok.body.text).toContain('Assigned alert');
    expect(ok.body.text).toContain('Dev Patel');
  });

  it('asks an unlinked Slack user to link their account, and links by profile email on first use', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedChatTeam(rt, { slack: false });
    const slack = recordSlack({ users: { UNEW: 'stranger@elsewhere.test', UDEV2: 'dev@hillcountry.test' } });
    const alert = await openAlert(rt, team, 'hot_lead');
    await withWorkers(rt);

    await press(
      rt,
      'UNEW',
      { action_id: `alert:claim:${alert.id}`, type: 'button', value: alert.id },
      'https://hooks.slack.test/actions/T111/5/new',
    );
    const help = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/new')));
    expect(help.body.text).toContain('/porchlight link you@yourteam.com');

    await press(
      rt,
      'UDEV2',
      { action_id: `alert:claim:${alert.id}`, type: 'button', value: alert.id },
      'https://hooks.slack.test/actions/T111/6/dev',
    );
    const claimed = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/dev')));
    expect(claimed.body.text).toContain('You claimed');
    const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(row.assigneeId).toBe(team.dev.id);
  });

  it('finds a copy a crashed worker already posted, by the idempotency key in its metadata', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedChatTeam(rt);
    const key = 'alert-1:slack:UDEV';
    const slack = recordSlack({
      history: [
        {
          ts: '1700000100.000200',
          text: 'other',
          metadata: { event_type: 'porchlight_alert', event_payload: { idempotency_key: 'alert-0:slack:UDEV' } },
        },
        {
          ts: '1700000101.000300',
          text: 'ours',
          metadata: { event_type: 'porchlight_alert', event_payload: { idempotency_key: key } },
        },
      ],
    });
    const found = await slackChannel.findDelivered!(rt, {
      tenant: team.tenant,
      deliveryId: 'd1',
      recipient: 'UDEV',
      recipientKind: 'agent',
      idempotencyKey: key,
      attemptStartedAt: new Date('2023-11-14T22:15:00Z'),
    });
    expect(found).toEqual({
      status: 'sent',
      providerMessageId: '1700000101.000300',
      ref: { channel: 'DUDEV', ts: '1700000101.000300' },
    });
    expect(slack.of('conversations.history')[0].args).toMatchObject({
      channel: 'DUDEV',
      oldest: '1700000040',
      include_all_metadata: 'true',
    });
    const missing = await slackChannel.findDelivered!(rt, {
      tenant: team.tenant,
      deliveryId: 'd2',
      recipient: 'UDEV',
      recipientKind: 'agent',
      idempotencyKey: 'alert-9:slack:UDEV',
      attemptStartedAt: null,
    });
    expect(missing).toBeNull();
  });
});
