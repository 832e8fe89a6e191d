import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { commandLineFromInteraction } from '../../bots/discord/discord-commands.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { getAutomationRule } from '../../db/queries/automations/automation-rules.ts';
import { automationRuns } from '../../db/schema/index.ts';
import { saveAutomationRules } from '../../db/use-cases/automations/save-automation-rules.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { seedChatTeam } from '../bots/chat-team.ts';
import { CHAT_ENV, slackBlockAction, slackCommand } from '../bots/list-chat.ts';
import { recordSlack } from '../bots/slack-recorder.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { CHECK_IN, startRun, WELCOME } from './surface-rules.ts';

const NOW = '2026-12-02T15:00:00Z'; // 9:00 in Austin

async function setup() {
  const rt = await createTestRuntime({ env: CHAT_ENV, clock: fixedClock(NOW) });
  const team = await seedChatTeam(rt);
  await saveAutomationRules(rt, {
    tenantId: team.tenant.id,
    rules: [WELCOME, CHECK_IN],
    actor: { kind: 'cli' },
    mode: 'merge',
  });
  return { rt, team, slack: recordSlack() };
}

/** Runs `/automations` as this Slack user; the blocks it answered with, as text. */
async function slackAutomations(rt: Runtime, slack: ReturnType<typeof recordSlack>, user: string) {
  const url = `https://hooks.slack.test/commands/T111/${slack.responses.length}/automations`;
  await slackCommand(rt, user, '/automations', '', url);
  await drainJobs(rt, ['chat.action']);
  return JSON.stringify(slack.responses.find((r) => r.url === url)!.body.blocks).replace(/\\n/g, '\n');
}

async function press(rt: Runtime, slack: ReturnType<typeof recordSlack>, user: string, actionId: string) {
  const url = `https://hooks.slack.test/actions/T111/${slack.responses.length}/press`;
  await slackBlockAction(rt, user, { action_id: actionId, type: 'button', value: 'x' }, url);
  await drainJobs(rt, ['chat.action']);
  return slack.responses.find((r) => r.url === url)!.body;
}

describe('/automations', () => {
  it('lists the rules with the leads in each; On/Off buttons for a manager, none for an agent', async () => {
    const { rt, team, slack } = await setup();
    await startRun(rt, { tenantId: team.tenant.id, ruleId: CHECK_IN.id, leadId: team.ana.id });

    const manager = await slackAutomations(rt, slack, 'UMARIA');
    expect(manager).toContain('5-day check-in');
    expect(manager).toMatch(new RegExp(`${CHECK_IN.id}\\s+on\\s+lead created\\s+1\\s+5-day check-in`));
    expect(manager).toMatch(new RegExp(`${WELCOME.id}\\s+on\\s+lead created\\s+0\\s+Welcome text`));
    expect(manager).toContain(`automations:off:${CHECK_IN.id}`);
    expect(manager).toContain(`automations:off:${WELCOME.id}`);

    const agent = await slackAutomations(rt, slack, 'UDEV');
    expect(agent).toContain('5-day check-in');
    expect(agent).not.toContain('automations:off:');

    const terminal = await handleTerminalLine(rt, '/automations', team.maria.email);
    expect(terminal).toContain(`automations off ${CHECK_IN.id}`);
  });

  it("an agent's Off is refused; a manager's Off switches the rule off, ends her run and redraws", async () => {
    const { rt, team, slack } = await setup();
    const run = await startRun(rt, { tenantId: team.tenant.id, ruleId: CHECK_IN.id, leadId: team.ana.id });

    const refusal = await press(rt, slack, 'UDEV', `automations:off:${CHECK_IN.id}`);
    expect(refusal).toMatchObject({ replace_original: false });
    expect(refusal.text).toBe('Only managers and admins can switch automations on or off.');
    expect((await getAutomationRule(rt.db, team.tenant.id, CHECK_IN.id))?.enabled).toBe(true);

    const redrawn = await press(rt, slack, 'UMARIA', `automations:off:${CHECK_IN.id}`);
    expect(redrawn.replace_original).toBe(true);
    const view = JSON.stringify(redrawn.blocks).replace(/\\n/g, '\n');
    expect(view).toContain('5-day check-in* is off: 1 lead taken out of it');
    expect(view).toContain(`automations:on:${CHECK_IN.id}`);
    expect(view).toMatch(new RegExp(`${CHECK_IN.id}\\s+off\\s+lead created\\s+0`));
    const [ended] = await rt.db.select().from(automationRuns).where(eq(automationRuns.id, run.id));
    expect(ended).toMatchObject({ status: 'cancelled', reason: 'rule disabled' });
    expect(await getAutomationRule(rt.db, team.tenant.id, CHECK_IN.id)).toMatchObject({ enabled: false, version: 2 });

    // Typed in the terminal, the same switch.
    const typed = await handleTerminalLine(rt, `automations on ${CHECK_IN.id}`, team.maria.email);
    expect(typed).toContain('5-day check-in is on');
    expect(await getAutomationRule(rt.db, team.tenant.id, CHECK_IN.id)).toMatchObject({ enabled: true, version: 3 });
    expect(await handleTerminalLine(rt, 'automations off no-such-rule', team.maria.email)).toContain(
      'No automation rule no-such-rule',
    );
  });

  it('/lead says where she is in each active sequence, and nothing when she is in none', async () => {
    const { rt, team } = await setup();
    await startRun(rt, {
      tenantId: team.tenant.id,
      ruleId: CHECK_IN.id,
      leadId: team.ana.id,
      nextAt: new Date('2026-12-04T16:00:00Z'),
    });
    await startRun(rt, { tenantId: team.tenant.id, ruleId: WELCOME.id, leadId: team.ana.id, status: 'completed' });
    const ana = await handleTerminalLine(rt, '/lead Ana Lopez', team.maria.email);
    expect(ana).toContain('in sequence *5-day check-in*, step 2 of 3, next Dec 4 10:00');
    expect(ana).not.toContain('Welcome text');
    const ben = await handleTerminalLine(rt, `/lead ${team.ben.name}`, team.maria.email);
    expect(ben).not.toContain('Automations');
  });

  it('parses what each surface sends: typed words, and Discord options joined into a line', () => {
    const line = commandLineFromInteraction('automations', [
      { name: 'do', type: 3, value: 'test' },
      { name: 'days', type: 4, value: 7 },
    ]);
    expect(parseCommand(line)).toMatchObject({ ok: true, command: { name: 'automations-test', days: 7 } });
    expect(parseCommand('/automations')).toMatchObject({ ok: true, command: { name: 'automations' } });
    expect(parseCommand('automations OFF Five-Day-Check-In')).toMatchObject({
      ok: true,
      command: { name: 'automation-toggle', ruleId: 'five-day-check-in', enabled: false },
    });
    expect(parseCommand('automations off')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('Which rule?'),
    });
  });
});
