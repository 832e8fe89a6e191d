import { describe, expect, it, onTestFinished } from 'vitest';
import { and, eq, isNotNull, lte } from 'drizzle-orm';
import { LANE_PRIORITY } from '../../core/inbound/job-lane.ts';
import { alerts, inboundEvents } from '../../db/schema/index.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { recordSlack } from '../bots/slack-recorder.ts';
import { contactUpdate, inboundMessage, postGhl, speedTeam } from './speed-team.ts';

const BACKLOG = 120;
// A lead's message is read for facts (lead.facts) before the re-score that may raise the alert.
const HOT_PATH = ['ghl.event', 'lead.facts', 'lead.score', 'alert.route', 'alert.deliver'] as const;

describe('the fast lane', () => {
  it("a lead's message queued behind a backlog of contact updates reaches the agent's chat before half of it has drained", async () => {
    const team = await speedTeam();
    const slack = recordSlack();
    const app = createApp(team.rt);
    const { db } = team.rt;
    for (let i = 0; i < BACKLOG; i++) {
      const res = await postGhl(team, app, contactUpdate(i));
      expect(((await res.json()) as { status: string }).status).toBe('accepted');
    }
    const bulkDone = (before?: Date) =>
      db.$count(
        inboundEvents,
        and(
          eq(inboundEvents.type, 'ContactUpdate'),
          eq(inboundEvents.status, 'processed'),
          before ? lte(inboundEvents.processedAt, before) : undefined,
        ),
      );

    // A running system: each queue's handler is loaded (the first job of a queue loads its module).
    await Promise.all(HOT_PATH.map((queue) => import(`../../jobs/handlers/${queue.replace('.', '-')}.ts`)));
    // The message is queued behind the whole backlog, then the workers start on both.
    const [lead] = team.leads;
    const res = await postGhl(team, app, inboundMessage(lead.ghlContactId!));
    const { id: messageEventId } = (await res.json()) as { id: string };
    const workers = await startWorkers(team.rt, {
      queues: HOT_PATH,
      schedules: false,
    });
    onTestFinished(() => workers.stop(10_000));

    const delivered = await waitFor(
      async () =>
        (
          await db
            .select({ at: alerts.deliveredAt })
            .from(alerts)
            .where(and(eq(alerts.leadId, lead.id), isNotNull(alerts.deliveredAt)))
            .orderBy(alerts.deliveredAt)
            .limit(1)
        )[0]?.at ?? undefined,
      60_000,
    );
    const [message] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, messageEventId));
    expect(message.status).toBe('processed');
    const doneWhenApplied = await bulkDone(message.processedAt!);
    const doneWhenDelivered = await bulkDone(delivered);
    expect(doneWhenApplied).toBeLessThan(BACKLOG / 2);
    expect(doneWhenDelivered).toBeLessThan(BACKLOG / 2);
    expect(slack.of('chat.postMessage').length).toBeGreaterThan(0);

    // The backlog still drains completely behind it: bulk work is only ever later, never lost.
    await waitFor(async () => ((await bulkDone()) === BACKLOG ? true : undefined), 120_000, 200);
    // Each lane carried its own follow-ups: the lead's re-score was fast, the contact updates' bulk.
    const rescores = await team.rt.queue.boss.findJobs<{ leadId: string }>('lead.score', {});
    const laneOf = (j: (typeof rescores)[number]) => (j.data.leadId === lead.id ? 'lead' : 'bulk contact');
    expect(new Set(rescores.map((j) => `${laneOf(j)}:${j.priority}`))).toEqual(
      new Set([`lead:${LANE_PRIORITY.fast}`, `bulk contact:${LANE_PRIORITY.bulk}`]),
    );
  }, 180_000);
});
