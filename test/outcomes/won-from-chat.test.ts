import { eq } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { alerts, leads, opportunities } from '../../db/schema/index.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { SLACK_ENV, blockActionBody, openAlert, postedCopy, seedChatTeam, slackHeaders } from '../bots/chat-team.ts';
import { blockText, recordSlack } from '../bots/slack-recorder.ts';
import { GHL, ghlEndpoint } from '../ghl/ghl-test-server.ts';
import { CONTACT, LOC, PRIVATE_ENV, queuedWritebacks, runWriteback } from '../ghl-writeback/writeback-fixture.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';

async function pressButton(rt: Runtime, userId: string, actionId: string, alertId: string) {
  const body = blockActionBody(
    userId,
    { action_id: actionId, type: 'button', value: alertId },
    `https://hooks.slack.test/actions/T111/${userId}`,
  );
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
}

/** Ana is a GHL contact with an open opportunity; Dev holds her hot-lead alert, and she has an open reply alert. */
async function claimedHotLead(rt: Runtime) {
  const team = await seedChatTeam(rt);
  await rt.db.update(leads).set({ ghlContactId: CONTACT, ghlLocationId: LOC }).where(eq(leads.id, team.ana.id));
  await rt.db
    .insert(opportunities)
    .values({ tenantId: team.tenant.id, ghlOpportunityId: 'opp-1', leadId: team.ana.id, status: 'open' });
  const alert = await openAlert(rt, team, 'hot_lead');
  const reply = await openAlert(rt, team, 'lead_reply');
  await actOnAlert(rt, {
    tenantId: team.tenant.id,
    alertId: alert.id,
    action: { type: 'claim' },
    actor: { id: team.dev.id, role: 'agent' },
  });
  await postedCopy(rt, team, alert, 'slack', 'UDEV', { channel: 'DDEV', ts: '1700000001.000100' });
  await postedCopy(rt, team, alert, 'slack', 'UMARIA', { channel: 'DMARIA', ts: '1700000002.000100' });
  const workers = await startWorkers(rt, { queues: ['chat.action', 'alert.refresh'], schedules: false });
  onTestFinished(() => workers.stop(5_000));
  // The claim's own write-backs are not what this test is about.
  for (const job of await queuedWritebacks(rt)) await rt.queue.boss.deleteJob('ghl.writeback', job.id);
  return { team, alert, reply };
}

describe('Won and Lost from chat', () => {
  it('Won from a Slack button: the alert closes, every copy shows it, GHL gets the status, the leaderboard counts it', async () => {
    const rt = await createTestRuntime({ env: { ...SLACK_ENV, ...PRIVATE_ENV } });
    const slack = recordSlack();
    const { team, alert, reply } = await claimedHotLead(rt);

    await pressButton(rt, 'UDEV', `alert:win:${alert.id}`, alert.id);

    const wonCopies = () =>
      slack.of('chat.update').filter((u) => blockText(u.args.blocks as never).includes('🏆 Won by'));
    const updates = await waitFor(() => (wonCopies().length === 2 ? wonCopies() : undefined));
    expect(updates.map((u) => u.args.channel).sort()).toEqual(['DDEV', 'DMARIA']);
    const row = async (id: string) => (await rt.db.select().from(alerts).where(eq(alerts.id, id)))[0];
    expect(await row(alert.id)).toMatchObject({ status: 'won', assigneeId: team.dev.id });
    expect((await row(reply.id)).status).toBe('dismissed');

    const status = ghlEndpoint('put', '/opportunities/opp-1', { json: { opportunity: { id: 'opp-1' } } });
    const jobs = (await queuedWritebacks(rt)).filter((j) => j.data.op === 'update_opportunity');
    expect(jobs.map((j) => j.data.args)).toEqual([{ opportunityId: 'opp-1', status: 'won' }]);
    for (const job of jobs) await runWriteback(rt, job.data, { id: job.id });
    expect(status.map((s) => [s.url, s.body])).toEqual([[`${GHL}/opportunities/opp-1`, { status: 'won' }]]);

    const board = await handleTerminalLine(rt, '/leaderboard 7d', team.maria.email);
    expect(board).toMatch(/Dev Patel\s+1\s/);
    // The reply alert's copies (none posted) and the won card settle before the test ends.
    await waitFor(async () =>
      (await rt.queue.boss.findJobs('alert.refresh', {})).every((j) => j.state === 'completed') ? true : undefined,
    );
  });

  it('an agent who does not hold the alert cannot mark it won; the terminal takes `won <alert>` from the holder', async () => {
    const rt = await createTestRuntime({ env: { ...SLACK_ENV, ...PRIVATE_ENV } });
    const slack = recordSlack();
    const { team, alert } = await claimedHotLead(rt);

    await pressButton(rt, 'USAM', `alert:win:${alert.id}`, alert.id);
    const refused = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/USAM')));
    expect(refused.body.text).toContain(`You can't mark as won alert #${alert.id}`);
    expect((await rt.db.select().from(alerts).where(eq(alerts.id, alert.id)))[0].status).toBe('claimed');

    expect(await handleTerminalLine(rt, `lost ${alert.id}`, team.dev.email)).toContain(
      `Marked alert #${alert.id} lost`,
    );
    expect((await rt.db.select().from(alerts).where(eq(alerts.id, alert.id)))[0].status).toBe('lost');
    const lostCopies = () => slack.of('chat.update').filter((u) => blockText(u.args.blocks as never).includes('Lost'));
    await waitFor(() => (lostCopies().length === 2 ? true : undefined));
  });
});
