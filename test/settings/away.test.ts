import { describe, expect, it, onTestFinished } from 'vitest';
import { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { alerts, auditLog } from '../../db/schema/index.ts';
import { getAgent } from '../../db/queries/tenants.ts';
import type { RoutingRecord } from '../../core/routing/routing-record.ts';
import { registerAgentSettingsCommands } from '../../bin/commands/agent-settings.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { createAlert, createTeam, runJob, type Team } from '../alerts-db/team.ts';
import { SLACK_ENV, seedChatTeam, slackHeaders, slashCommandBody } from '../bots/chat-team.ts';
import { recordSlack } from '../bots/slack-recorder.ts';

async function routeOne(rt: Runtime, team: Team) {
  const alert = await createAlert(rt, team);
  await runJob(rt, 'alert.route', { tenantId: team.tenant.id, alertId: alert.id });
  const [row] = await rt.db.select().from(alerts).where(eq(alerts.id, alert.id));
  return { alert: row, routing: row.routing as unknown as RoutingRecord };
}

/** `porchlight agent …` parsed by commander exactly as the CLI does, on the test database. */
async function agentCli(rt: Runtime, args: string[]) {
  const program = new Command('porchlight').exitOverride();
  registerAgentSettingsCommands(program.command('agent'), (fn) => fn(rt));
  const printed: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'porchlight', 'agent', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return printed.join('');
}

describe('away agents are skipped by routing, with the reason stored', () => {
  it('agent set --vacation: routing skips the agent "on_vacation until …" and offers the alert to a teammate', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-11T17:00:00Z') });
    const team = await createTeam(rt, { ana: {}, ben: {} });
    const ana = team.agents.ana;
    const printed = await agentCli(rt, ['set', ana.id, '--vacation', '2026-03-10..2026-03-13', '--json']);
    // Through the last day in her zone (Chicago, CDT since 8 March): back on the 14th at midnight.
    expect(JSON.parse(printed)).toMatchObject({ vacationUntil: '2026-03-14T05:00:00.000Z' });

    const { alert, routing } = await routeOne(rt, team);
    expect(alert.assigneeId).not.toBe(ana.id);
    expect(routing.explanation.skipped).toContainEqual({
      agentId: ana.id,
      reason: 'on_vacation',
      detail: 'until 2026-03-14T05:00:00.000Z',
    });
    const [audit] = await rt.db.select().from(auditLog).where(eq(auditLog.entityId, ana.id));
    expect(audit).toMatchObject({
      actor: 'cli',
      action: 'settings_changed',
      data: { before: { vacationUntil: null }, after: { vacationUntil: '2026-03-14T05:00:00.000Z' } },
    });
  });

  it('/away from Slack (a signed slash command): the reply says until when, and routing skips that agent', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
    onTestFinished(() => workers.stop(5_000));
    const chat = await seedChatTeam(rt);
    const slack = recordSlack();
    const body = slashCommandBody('UDEV', '/away', 'until 2030-01-15', 'https://hooks.slack.test/commands/T111/1/away');
    const res = await createApp(rt).request('/slack/events', {
      method: 'POST',
      body,
      headers: slackHeaders(body, rt.clock.now()),
    });
    expect(res.status).toBe(200);
    const reply = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/away')), 30_000);
    expect(reply.body.text).toMatch(/away until Tue 15 Jan at 08:00/);

    const dev = await getAgent(rt.db, chat.tenant.id, chat.dev.id);
    expect(dev?.vacationUntil?.toISOString()).toBe('2030-01-15T14:00:00.000Z');
    const team: Team = { tenant: chat.tenant, apiKey: '', agents: {} };
    const { alert, routing } = await routeOne(rt, team);
    expect(alert.assigneeId).not.toBe(chat.dev.id);
    expect(routing.explanation.skipped).toContainEqual({
      agentId: chat.dev.id,
      reason: 'on_vacation',
      detail: 'until 2030-01-15T14:00:00.000Z',
    });
  });
});
