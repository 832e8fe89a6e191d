import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { alerts } from '../../db/schema/index.ts';
import { createApp } from '../../webhooks/app.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { blockText, recordSlack } from '../bots/slack-recorder.ts';
import { inboundMessage, postGhl, speedTeam } from './speed-team.ts';

type Timings = Record<'receivedAt' | 'appliedAt' | 'scoredAt' | 'raisedAt' | 'routedAt' | 'deliveredAt', string | null>;

// A lead's message is read for facts (lead.facts) before the re-score that may raise the alert.
const HOT_PATH = ['ghl.event', 'lead.facts', 'lead.score', 'alert.route', 'alert.deliver'] as const;

describe('speed to chat: when each step of a lead message happened', () => {
  it('keeps ordered stage timestamps on the alert a GHL message raises, shows them on the card and in /metrics', async () => {
    const team = await speedTeam();
    const slack = recordSlack();
    const app = createApp(team.rt);
    const [lead] = team.leads;

    const res = await postGhl(team, app, inboundMessage(lead.ghlContactId!));
    expect(((await res.json()) as { status: string }).status).toBe('accepted');
    await drainJobs(team.rt, HOT_PATH);

    const raised = await team.rt.db.select().from(alerts).where(eq(alerts.leadId, lead.id));
    // The message itself is a reply alert; asking for a showing makes the re-score raise a hot-lead alert too.
    expect(raised.map((a) => a.kind).sort()).toEqual(['hot_lead', 'lead_reply']);
    const timingsOf = async (alertId: string) => {
      const detail = await app.request(`/api/v1/alerts/${alertId}`, {
        headers: { authorization: `Bearer ${team.apiKey}` },
      });
      expect(detail.status).toBe(200);
      return ((await detail.json()) as { timings: Timings }).timings;
    };

    const hot = await timingsOf(raised.find((a) => a.kind === 'hot_lead')!.id);
    const order = ['receivedAt', 'appliedAt', 'scoredAt', 'raisedAt', 'routedAt', 'deliveredAt'] as const;
    for (const stage of order) expect(hot[stage], stage).not.toBeNull();
    const hotTimes = order.map((stage) => Date.parse(hot[stage]!));
    expect(hotTimes).toEqual([...hotTimes].sort((a, b) => a - b));

    // Raised straight from the message, before any score: every stage but `scored`, in order.
    const reply = await timingsOf(raised.find((a) => a.kind === 'lead_reply')!.id);
    expect(reply.scoredAt).toBeNull();
    const replyTimes = order.filter((s) => s !== 'scoredAt').map((stage) => Date.parse(reply[stage]!));
    expect(replyTimes.every(Number.isFinite)).toBe(true);
    expect(replyTimes).toEqual([...replyTimes].sort((a, b) => a - b));
    expect(reply.receivedAt).toBe(hot.receivedAt);

    // The agent reads how long the lead waited on each card.
    const posts = slack.of('chat.postMessage');
    expect(posts).toHaveLength(2);
    for (const post of posts)
      expect(blockText(post.args.blocks as never)).toMatch(/Reached you [\d.]+ (ms|s) after the lead wrote/);

    const metrics = await (await app.request('/metrics')).text();
    for (const stage of ['applied', 'scored', 'raised', 'routed', 'delivered'])
      expect(metrics).toMatch(
        new RegExp(`porchlight_alert_stage_seconds_count\\{stage="${stage}",lane="fast"\\} [1-9]`),
      );
    expect(metrics).toMatch(/porchlight_speed_to_chat_seconds_count [1-9]/);
  });

  it('leaves the receipt empty for an alert no inbound event caused', async () => {
    const team = await speedTeam();
    const app = createApp(team.rt);
    const { raiseAlert } = await import('../../db/use-cases/alerts/raise-alert.ts');
    const raised = await team.rt.db.transaction((tx) =>
      raiseAlert(tx, team.rt.queue, {
        tenantId: team.tenant.id,
        clock: team.rt.clock,
        signal: { type: 'hot_lead', leadId: team.leads[0].id, score: 92 },
      }),
    );
    if (raised.outcome !== 'raised') throw new Error('not raised');
    const detail = await app.request(`/api/v1/alerts/${raised.alert.id}`, {
      headers: { authorization: `Bearer ${team.apiKey}` },
    });
    const { timings } = (await detail.json()) as { timings: Timings };
    expect(timings).toMatchObject({ receivedAt: null, appliedAt: null, scoredAt: null, routedAt: null });
    expect(timings.raisedAt).not.toBeNull();
  });
});
