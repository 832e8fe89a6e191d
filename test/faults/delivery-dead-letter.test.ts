import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { alerts, deliveries } from '../../db/schema/index.ts';
import { createDelivery } from '../../db/queries/deliveries/create-delivery.ts';
import { jobByName } from '../../jobs/catalogue.ts';
import { listDeadJobs, replayDeadJobs } from '../../jobs/dead-letter.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { server } from '../msw/server.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { SLACK_ENV, openAlert, seedChatTeam } from '../bots/chat-team.ts';

/** Slack's Web API answering every chat.postMessage the same way; counts the calls. */
function slackAnswers(answer: () => Response) {
  const calls = { postMessage: 0 };
  server.use(
    http.post('https://slack.test/api/chat.postMessage', () => {
      calls.postMessage++;
      return answer();
    }),
  );
  return calls;
}

/** An alert for Dev with one Slack copy queued, as routing leaves it. */
async function alertWithSlackCopy(rt: Runtime) {
  const team = await seedChatTeam(rt);
  const alert = await openAlert(rt, team, 'hot_lead');
  const delivery = await rt.db.transaction((tx) =>
    createDelivery(tx, rt.queue, {
      tenantId: team.tenant.id,
      alertId: alert.id,
      channel: 'slack',
      recipient: 'UDEV',
      recipientKind: 'agent',
    }),
  );
  return { alert, deliveryId: delivery!.id };
}

/** Runs alert.deliver, attempt after attempt (retries are due at once here), until no job is left to run. */
async function deliverUntilSettled(rt: Runtime): Promise<string[]> {
  const failures: string[] = [];
  for (let round = 0; round < 20; round++) {
    try {
      await drainJobs(rt, ['alert.deliver']);
      return failures;
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  throw new Error(`alert.deliver still failing after 20 rounds: ${failures.at(-1)}`);
}

async function deliveryRow(rt: Runtime, id: string) {
  const [row] = await rt.db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}

// Retries are due immediately (JOB_RETRY_DELAY_SECONDS=0); the retry limit is the production one.
const env = { ...SLACK_ENV, JOB_RETRY_DELAY_SECONDS: '0' };
const attemptsPerJob = jobByName('alert.deliver').policy.retryLimit + 1;

describe('an alert copy Slack keeps refusing with 500', () => {
  it('is tried once per job attempt, dead-letters with the reason, and `dlq replay` delivers it once', async () => {
    const rt = await createTestRuntime({ env });
    const { alert, deliveryId } = await alertWithSlackCopy(rt);
    const slack = slackAnswers(() => new HttpResponse('upstream connect error', { status: 500 }));

    const failures = await deliverUntilSettled(rt);

    expect(failures).toHaveLength(attemptsPerJob);
    // One HTTP call per attempt: the SDK does not retry inside the job's retries.
    expect(slack.postMessage).toBe(attemptsPerJob);
    const dead = await listDeadJobs(rt.queue.boss, { queue: 'alert.deliver' });
    expect(dead).toHaveLength(1);
    expect(dead[0].data).toEqual({ tenantId: alert.tenantId, deliveryId });
    expect(dead[0].error).toContain('statusCode = 500');
    expect(await deliveryRow(rt, deliveryId)).toMatchObject({ status: 'failed', attempts: attemptsPerJob });
    const [stillOpen] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
    expect(stillOpen.status).toBe('open');

    // Slack is back: the operator replays the dead job and the copy goes out, once.
    server.use(
      http.post('https://slack.test/api/chat.postMessage', () => {
        slack.postMessage++;
        return HttpResponse.json({ ok: true, channel: 'DDEV', ts: '1700000001.000100' });
      }),
    );
    expect(await replayDeadJobs(rt.queue.boss, { queue: 'alert.deliver' })).toBe(1);
    expect(await drainJobs(rt, ['alert.deliver'])).toEqual({ 'alert.deliver': 1 });
    expect(slack.postMessage).toBe(attemptsPerJob + 1);
    expect(await deliveryRow(rt, deliveryId)).toMatchObject({ status: 'sent', providerMessageId: '1700000001.000100' });
    expect(await listDeadJobs(rt.queue.boss, { queue: 'alert.deliver' })).toEqual([]);
  });

  it('a permanent refusal (channel_not_found) is tried once, recorded failed with the reason, and not dead-lettered', async () => {
    const rt = await createTestRuntime({ env });
    const { deliveryId } = await alertWithSlackCopy(rt);
    const slack = slackAnswers(() => HttpResponse.json({ ok: false, error: 'channel_not_found' }));

    expect(await deliverUntilSettled(rt)).toEqual([]);

    expect(slack.postMessage).toBe(1);
    expect(await deliveryRow(rt, deliveryId)).toMatchObject({ status: 'failed', error: 'slack: channel_not_found' });
    expect(await listDeadJobs(rt.queue.boss, { queue: 'alert.deliver' })).toEqual([]);
  });
});
