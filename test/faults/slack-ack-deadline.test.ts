import { describe, expect, it, onTestFinished } from 'vitest';
import { sql } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { startWorkers } from '../../jobs/worker.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { SLACK_ENV, seedChatTeam, slackHeaders, slashCommandBody } from '../bots/chat-team.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server } from '../msw/server.ts';

const RESPONSE_URL = 'https://hooks.slack.test/commands/T111/42/top';

/** Holds an exclusive lock on the team table (on PGlite the open transaction holds the whole database). */
function freezeTenants(rt: Runtime) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = rt.db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE tenants IN ACCESS EXCLUSIVE MODE`);
    locked();
    await released;
  });
  return { isLocked, release: async () => (release(), await done) };
}

describe('a Slack command while the database cannot answer', () => {
  it('is acked within Slack’s 3 s with "slow to answer", then answered once the database is back', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    await seedChatTeam(rt);
    const said: string[] = [];
    server.use(
      http.post(RESPONSE_URL, async ({ request }) => {
        said.push(((await request.json()) as { text?: string }).text ?? '');
        return HttpResponse.text('ok');
      }),
    );
    const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
    onTestFinished(() => workers.stop(5_000));

    const freeze = freezeTenants(rt);
    await freeze.isLocked;
    const body = slashCommandBody('UMARIA', '/top-deals', '3', RESPONSE_URL);
    const started = Date.now();
    const res = await createApp(rt).request('/slack/events', {
      method: 'POST',
      body,
      headers: slackHeaders(body, rt.clock.now()),
    });
    const tookMs = Date.now() - started;
    expect(res.status).toBe(200);
    expect(tookMs).toBeLessThan(3_000);
    expect(await res.json()).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('slow to answer'),
    });

    await freeze.release();
    // The command was not dropped: once stored, its job answers through response_url as usual.
    const answer = await waitFor(() => said.find((text) => text.includes('Top')), 20_000);
    expect(answer).not.toContain('slow to answer');
  });
});
