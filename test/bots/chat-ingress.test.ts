import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { inboundEvents } from '../../db/schema/index.ts';
import { createApp } from '../../webhooks/app.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { seedChatTeam, slackHeaders, slashCommandBody } from './chat-team.ts';
import { CHAT_ENV, discordInteract, recordDiscord } from './list-chat.ts';
import { recordSlack } from './slack-recorder.ts';

const storedEvents = (rt: Runtime, provider: string) =>
  rt.db.select().from(inboundEvents).where(eq(inboundEvents.provider, provider));

describe('chat ingress is stored like every inbound event', () => {
  it('stores a Discord command with its job before deferring, and answers a redelivered interaction once', async () => {
    const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock('2026-03-04T15:00:00Z') });
    const team = await seedChatTeam(rt);
    const calls = recordDiscord();
    // Discord redelivers an interaction (same id) when our first answer was lost.
    const interaction = {
      id: '1180000000000000001',
      token: 'itoken',
      type: 2,
      member: { user: { id: '1001' } },
      data: { name: 'top-deals', options: [{ name: 'area', type: 3, value: 'Austin' }] },
    };
    expect(await discordInteract(rt, interaction)).toEqual({ type: 5 });
    expect(await discordInteract(rt, interaction)).toEqual({ type: 5 });
    // Durable before the deferral went out: the stored work is what the job will do.
    const [stored, ...others] = await storedEvents(rt, 'discord');
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      tenantId: team.tenant.id,
      type: 'discord.command',
      status: 'accepted',
      eventId: 'command:1180000000000000001',
    });
    expect(JSON.parse(stored.rawBody)).toMatchObject({ command: 'top-deals', userId: '1001', token: 'itoken' });

    expect(await drainJobs(rt, ['chat.action'])).toMatchObject({ 'chat.action': 1 });
    const edits = calls.filter((c) => c.method === 'PATCH' && c.path === '/webhooks/APP1/itoken/messages/@original');
    expect(edits).toHaveLength(1);
    expect(JSON.stringify(edits[0].body)).toContain('deals in Austin');
    const [done] = await storedEvents(rt, 'discord');
    expect(done.status).toBe('processed');
    expect(done.processedAt).toEqual(rt.clock.now());
  });

  it('stores a Slack command by its trigger id: a repeated delivery queues no second answer', async () => {
    const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock('2026-03-04T15:00:00Z') });
    const team = await seedChatTeam(rt);
    const slack = recordSlack();
    const url = 'https://hooks.slack.test/commands/T111/1/top';
    const body = slashCommandBody('UDEV', '/top-deals', 'Austin', url);
    for (let i = 0; i < 2; i++) {
      const res = await createApp(rt).request('/slack/events', {
        method: 'POST',
        body,
        headers: slackHeaders(body, rt.clock.now()),
      });
      expect(res.status).toBe(200);
    }
    const stored = await storedEvents(rt, 'slack');
    expect(stored).toHaveLength(1);
    const triggerId = new URLSearchParams(body).get('trigger_id');
    expect(stored[0]).toMatchObject({
      tenantId: team.tenant.id,
      type: 'slack.command',
      eventId: `command:${triggerId}`,
    });

    expect(await drainJobs(rt, ['chat.action'])).toMatchObject({ 'chat.action': 1 });
    const answers = slack.responses.filter((r) => r.url === url);
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0].body)).toContain('Austin');
    expect((await storedEvents(rt, 'slack'))[0].status).toBe('processed');
  });
});
