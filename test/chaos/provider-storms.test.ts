import { describe, expect, it, onTestFinished } from 'vitest';
import { inArray } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { planAlertDeliveries } from '../../db/use-cases/deliveries/plan-alert-deliveries.ts';
import { createAgent, createTenant } from '../../db/queries/tenants.ts';
import { deliveries } from '../../db/schema/index.ts';
import { listDeadJobs } from '../../jobs/dead-letter.ts';
import { startWorkers } from '../../jobs/worker.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createAlert } from '../alerts-db/team.ts';
import { SLACK_ENV } from '../bots/chat-team.ts';
import { GHL } from '../ghl/ghl-test-server.ts';
import { CONTACT, PRIVATE_ENV, seedTeam } from '../ghl-writeback/writeback-fixture.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server } from '../msw/server.ts';
import { chaosScale, reportLine } from './chaos-scale.ts';
import { callsDuringStorm, orderViolations, stormClock, type StormCall } from './storm-figures.ts';

// The 5xx storm longer than every retry (dead-letter queue, then `dlq replay` delivers once) is
// test/faults/delivery-dead-letter.test.ts; here every storm ends within the retry budget.
const PRIORITIES = ['critical', 'high', 'normal'] as const;
const AGENTS = ['ana', 'ben', 'cy'];

describe('chaos: provider storms', () => {
  it('a Slack 429 storm: every alert reaches its agent once, after the storm, without hammering or dead-letters', {
    timeout: chaosScale(60_000, 400_000),
  }, async () => {
    const alertsToSend = chaosScale(12, 100);
    const stormSeconds = chaosScale(3, 60);
    const retryAfter = chaosScale(1, 10);
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const { tenant } = await createTenant(rt.db, {
      name: 'Hill Country Homes',
      slackTeamId: 'T111',
      timezone: 'America/Chicago',
      // Caps would send part of the burst to the digest; this scenario is about the rate limit.
      settings: { delivery: { perHour: 10_000, perDay: 10_000 } },
    });
    const agents = await Promise.all(
      AGENTS.map((name) =>
        createAgent(rt.db, { tenantId: tenant.id, name, email: `${name}@hill.test`, slackUserId: `U_${name}` }),
      ),
    );
    const team = { tenant, apiKey: '', agents: {} };
    const rankOf = new Map<string, number>();
    for (let i = 0; i < alertsToSend; i++) {
      // Each agent's alerts arrive least urgent first, so first-come order is the wrong order.
      const priority = PRIORITIES[PRIORITIES.length - 1 - (Math.floor(i / AGENTS.length) % PRIORITIES.length)];
      const agent = agents[i % agents.length];
      const alert = await createAlert(rt, team, {
        priority,
        dedupeKey: `storm:${i}`,
        lead: { name: `Lead ${i}`, assigneeId: agent.id },
      });
      rankOf.set(alert.id, PRIORITIES.length - PRIORITIES.indexOf(priority));
      await rt.db.transaction((tx) =>
        planAlertDeliveries(
          tx,
          { queue: rt.queue, clock: rt.clock, reach: reachOf(rt) },
          {
            tenant,
            alert,
            recipients: [agent],
          },
        ),
      );
    }

    const storm = stormClock(stormSeconds);
    const calls: Array<StormCall & { key: string; alertId: string; recipient: string }> = [];
    let ts = 0;
    server.use(
      http.post('https://slack.test/api/chat.postMessage', async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        const meta = JSON.parse(form.get('metadata') ?? '{}') as {
          event_payload?: { idempotency_key?: string; alert_id?: string };
        };
        const at = storm.now();
        const call = {
          at,
          key: meta.event_payload?.idempotency_key ?? '?',
          alertId: meta.event_payload?.alert_id ?? '?',
          recipient: form.get('channel') ?? '?',
          ok: !storm.raging(at),
        };
        calls.push(call);
        if (!call.ok)
          return HttpResponse.json(
            { ok: false, error: 'ratelimited' },
            { status: 429, headers: { 'Retry-After': String(retryAfter) } },
          );
        const messageTs = `1700000000.${String(++ts).padStart(6, '0')}`;
        const channel = `D${call.recipient.slice(2).toUpperCase()}`;
        return HttpResponse.json({
          ok: true,
          channel,
          ts: messageTs,
          message: { type: 'message', subtype: 'bot_message', text: form.get('text'), ts: messageTs, bot_id: 'B1' },
        });
      }),
    );

    const workers = await startWorkers(rt, { queues: ['alert.deliver'], schedules: false });
    onTestFinished(() => workers.stop(5_000));
    await waitFor(
      async () => {
        const rows = await rt.db
          .select()
          .from(deliveries)
          .where(inArray(deliveries.tenantId, [tenant.id]));
        return rows.length === alertsToSend && rows.every((r) => r.status === 'sent') ? true : undefined;
      },
      chaosScale(45_000, 300_000),
      100,
    );
    await workers.stop();

    const delivered = calls.filter((c) => c.ok);
    const perKey = new Map<string, number>();
    for (const c of delivered) perKey.set(c.key, (perKey.get(c.key) ?? 0) + 1);
    const duplicates = [...perKey.values()].reduce((sum, n) => sum + n - 1, 0);
    const rows = await rt.db
      .select()
      .from(deliveries)
      .where(inArray(deliveries.tenantId, [tenant.id]));
    const missing = rows.filter((r) => perKey.get(r.idempotencyKey) === undefined).length;
    const during = callsDuringStorm(calls, storm.endsAt, retryAfter);
    const firstSuccessAfterEndMs = Math.min(...delivered.map((c) => c.at)) - storm.endsAt;
    const violations = orderViolations(delivered.map((c) => ({ group: c.recipient, rank: rankOf.get(c.alertId)! })));
    reportLine({
      scenario: 'provider-storm-slack',
      alerts: alertsToSend,
      stormSeconds,
      retryAfterSeconds: retryAfter,
      callsDuringStorm: during.count,
      callsSoonerThanRetryAfter: during.tooSoon,
      successfulDeliveries: delivered.length,
      duplicates,
      missing,
      firstSuccessAfterStormEndMs: firstSuccessAfterEndMs,
      orderViolations: violations,
    });
    expect(duplicates).toBe(0);
    expect(missing).toBe(0);
    expect(delivered).toHaveLength(alertsToSend);
    expect(firstSuccessAfterEndMs).toBeGreaterThanOrEqual(0);
    // The wait was honoured: copies held back by a 429 were not each sent into the storm again.
    expect(during.count).toBeGreaterThan(0);
    expect(during.count).toBeLessThan(alertsToSend);
    // Each agent's copies went out most urgent first, although they arrived least urgent first and were held
    // back by different 429s (a copy steps back while a more urgent one to the same agent is due or in flight).
    expect(violations).toBe(0);
    expect(await listDeadJobs(rt.queue.boss, { queue: 'alert.deliver' })).toEqual([]);
  });

  it('a GHL 429-then-5xx storm on write-back: every op applied once, no note posted twice, nothing dead-lettered', {
    timeout: chaosScale(60_000, 400_000),
  }, async () => {
    const ops = chaosScale(10, 60);
    const stormSeconds = chaosScale(3, 60);
    const retryAfter = chaosScale(1, 5);
    const rt = await createTestRuntime({ env: PRIVATE_ENV });
    const { tenant } = await seedTeam(rt);
    const storm = stormClock(stormSeconds);
    const fake = ghlStormServer(storm, retryAfter);

    for (let i = 0; i < ops; i++) {
      const op = i % 2 === 0 ? 'add_note' : 'add_tags';
      const args =
        op === 'add_note'
          ? { contactId: CONTACT, body: `Porchlight note ${i}` }
          : { contactId: CONTACT, tags: [`t${i}`] };
      await rt.queue.enqueue('ghl.writeback', { tenantId: tenant.id, op, args });
    }
    const workers = await startWorkers(rt, { queues: ['ghl.writeback'], schedules: false });
    onTestFinished(() => workers.stop(5_000));
    const done = await waitFor(
      async () => {
        const jobs = await rt.queue.boss.findJobs('ghl.writeback', {});
        return jobs.length === ops && jobs.every((j) => j.state === 'completed' || j.state === 'failed')
          ? jobs
          : undefined;
      },
      chaosScale(50_000, 380_000),
      200,
    );
    await workers.stop();

    const notesPerOp = countBy(fake.notes.map((n) => n.body.split('\n')[0]));
    const tagsPerOp = countBy(fake.tagCalls.flat());
    const applied = [...notesPerOp.keys(), ...tagsPerOp.keys()].length;
    const duplicates = [...notesPerOp.values(), ...tagsPerOp.values()].reduce((sum, n) => sum + n - 1, 0);
    const dead = await listDeadJobs(rt.queue.boss, { queue: 'ghl.writeback' });
    const successes = [...fake.calls].filter((c) => c.status < 300 && c.method === 'POST');
    reportLine({
      scenario: 'provider-storm-ghl-writeback',
      ops,
      stormSeconds,
      retryAfterSeconds: retryAfter,
      callsDuringStorm: fake.calls.filter((c) => storm.raging(c.at)).length,
      appliedThen5xx: fake.appliedThenFailed,
      successfulWrites: successes.length,
      applied,
      duplicates,
      missing: ops - applied,
      deadLettered: dead.length,
      firstSuccessAfterStormEndMs: Math.min(...successes.map((c) => c.at)) - storm.endsAt,
    });
    expect(done.filter((j) => j.state === 'failed')).toEqual([]);
    expect(dead).toEqual([]);
    expect(duplicates).toBe(0);
    expect(applied).toBe(ops);
    // Every write GHL took was taken once the storm was over, except those GHL applied and then failed.
    expect(successes.every((c) => !storm.raging(c.at))).toBe(true);
  });
});

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * GHL's contacts API through a storm: 429 with Retry-After for its first half, 5xx for the second
 * (every other note is applied before the gateway times out, as GHL sometimes does), then normal.
 */
function ghlStormServer(storm: ReturnType<typeof stormClock>, retryAfter: number) {
  const notes: Array<{ id: string; body: string }> = [];
  const tagCalls: string[][] = [];
  const calls: Array<{ at: number; method: string; status: number }> = [];
  let appliedThenFailed = 0;
  const answer = (method: string, apply: () => Response) => {
    const at = storm.now();
    const phase = storm.raging(at) ? (at < storm.endsAt - storm.ms / 2 ? '429' : '5xx') : 'ok';
    if (phase === '429') {
      calls.push({ at, method, status: 429 });
      return HttpResponse.json(
        { statusCode: 429, message: 'Too many requests' },
        { status: 429, headers: { 'Retry-After': String(retryAfter) } },
      );
    }
    if (phase === '5xx') {
      calls.push({ at, method, status: 502 });
      return HttpResponse.json({ statusCode: 502, message: 'Bad Gateway' }, { status: 502 });
    }
    const res = apply();
    calls.push({ at, method, status: res.status });
    return res;
  };
  server.use(
    http.get(`${GHL}/contacts/:id/notes`, () => answer('GET', () => HttpResponse.json({ notes }))),
    http.post(`${GHL}/contacts/:id/notes`, async ({ request, params }) => {
      const { body } = (await request.json()) as { body: string };
      const at = storm.now();
      if (storm.raging(at) && at >= storm.endsAt - storm.ms / 2 && notes.length % 2 === 0) {
        // GHL stored the note, then the gateway gave up on it.
        notes.push({ id: `note-${notes.length + 1}`, body });
        appliedThenFailed++;
        calls.push({ at, method: 'POST', status: 504 });
        return HttpResponse.json({ message: 'Gateway Timeout' }, { status: 504 });
      }
      return answer('POST', () => {
        const note = { id: `note-${notes.length + 1}`, body, contactId: String(params.id), dateAdded: new Date() };
        notes.push(note);
        return HttpResponse.json({ note }, { status: 201 });
      });
    }),
    http.post(`${GHL}/contacts/:id/tags`, async ({ request }) => {
      const { tags } = (await request.json()) as { tags: string[] };
      return answer('POST', () => {
        tagCalls.push(tags);
        return HttpResponse.json({ tags }, { status: 201 });
      });
    }),
  );
  return {
    notes,
    tagCalls,
    calls,
    get appliedThenFailed() {
      return appliedThenFailed;
    },
  };
}
