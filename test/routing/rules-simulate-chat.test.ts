import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { loadRoutingRules } from '../../db/queries/routing.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import {
  SLACK_ENV,
  openAlert,
  seedChatTeam,
  slackHeaders,
  slashCommandBody,
  type ChatTeam,
} from '../bots/chat-team.ts';
import { blockText, recordSlack } from '../bots/slack-recorder.ts';
import { recordSlackUploads } from '../bots/slack-uploads.ts';
import { DISCORD_ENV, postDiscordCommand, recordDiscordEdits } from '../bots/discord-interactions.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server } from '../msw/server.ts';

// An hour ahead of the wall clock: alerts inserted now are in the simulated month.
const clock = fixedClock(new Date(Date.now() + 3_600_000).toISOString());
const today = clock.now().toISOString().slice(0, 10);
const SLACK_FILE = 'https://files.slack.com/files-pri/T111-F9/download/rules.json';
const DISCORD_FILE = 'https://cdn.discordapp.com/attachments/1/2/rules.json?ex=1&is=2&hm=3';
const dir = mkdtempSync(join(tmpdir(), 'porchlight-rules-chat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Least loaded over Dev and Sam: what a manager would try against the stored default (first to claim). */
const candidate = (team: ChatTeam) =>
  JSON.stringify([{ name: 'Least loaded', strategy: 'least_loaded', pool: { agentIds: [team.dev.id, team.sam.id] } }]);

async function seed(rt: Runtime): Promise<ChatTeam> {
  const team = await seedChatTeam(rt);
  for (let i = 0; i < 4; i++) await openAlert(rt, team, 'hot_lead');
  const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
  onTestFinished(() => workers.stop(5_000));
  return team;
}

async function slack(rt: Runtime, body: string) {
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
}

function viewSubmission(userId: string, view: { private_metadata: string }, fileUrl: string): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T111', domain: 'hill' },
    user: { id: userId, team_id: 'T111' },
    api_app_id: 'A111',
    view: {
      id: 'V1',
      callback_id: 'porchlight_rules_simulate_modal',
      private_metadata: view.private_metadata,
      state: {
        values: {
          rules: {
            file: {
              type: 'file_input',
              files: [{ id: 'F9', name: 'rules.json', filetype: 'json', url_private_download: fileUrl }],
            },
          },
        },
      },
    },
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

describe('/rules simulate in chat', () => {
  it('Slack: the command opens an upload form; the submitted file is read with the bot token, and the table, chart and CSV come back', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV, clock });
    const team = await seed(rt);
    const calls = recordSlack();
    const steps = recordSlackUploads();
    const reads: Array<string | null> = [];
    server.use(
      http.get(SLACK_FILE, ({ request }) => {
        reads.push(request.headers.get('authorization'));
        return HttpResponse.text(candidate(team));
      }),
    );
    const hook = 'https://hooks.slack.test/commands/T111/9/rules';

    await slack(rt, slashCommandBody('UMARIA', '/rules', 'simulate 30', hook));
    const open = await waitFor(() => calls.calls.find((c) => c.method === 'views.open'));
    const view = open.args.view as { private_metadata: string; blocks: Array<{ element?: { type: string } }> };
    expect(view.blocks.map((b) => b.element?.type)).toContain('file_input');

    await slack(rt, viewSubmission('UMARIA', view, SLACK_FILE));
    await waitFor(
      () => steps.filter((s) => s.step === 'files.completeUploadExternal').length === 2 || undefined,
      30_000,
    );
    expect(reads).toEqual(['Bearer xoxb-test-token']);
    const uploads = steps.filter((s) => s.step === 'upload').map((s) => s.bytes!);
    const png = uploads.find((b) => b.subarray(1, 4).toString() === 'PNG')!;
    expect(png.length).toBeGreaterThan(5_000);
    const csv = uploads.find((b) => b !== png)!;
    const rows = parse(csv.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    // Four alerts, nobody closing them: least loaded alternates Dev, Sam, Dev, Sam.
    expect(Object.fromEntries(rows.map((r) => [r.agent, r['candidate.received']]))).toMatchObject({
      'Dev Patel': '2',
      'Sam Okafor': '2',
    });
    const reply = await waitFor(() => calls.responses.find((r) => r.url === hook));
    expect(reply.body.text).toContain('Routing simulation');
    expect(blockText(reply.body.blocks)).toContain('Nothing was changed');
    expect((await loadRoutingRules(rt.db, team.tenant.id)).isDefault).toBe(true);
  });

  it('Slack: an agent is refused and no file is read', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV, clock });
    const team = await seed(rt);
    const calls = recordSlack();
    const steps = recordSlackUploads();
    let read = 0;
    server.use(http.get(SLACK_FILE, () => (read++, HttpResponse.text(candidate(team)))));
    const hook = 'https://hooks.slack.test/commands/T111/10/rules';
    await slack(
      rt,
      viewSubmission('UDEV', { private_metadata: JSON.stringify({ responseUrl: hook, days: 30 }) }, SLACK_FILE),
    );
    const reply = await waitFor(() => calls.responses.find((r) => r.url === hook), 30_000);
    expect(reply.body.text).toContain('Only managers and admins can simulate routing rules.');
    expect(read).toBe(0);
    expect(steps).toEqual([]);
  });

  it('Discord: the attachment option is read from the CDN and the answer carries the chart and the CSV', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV, clock });
    const team = await seed(rt);
    server.use(http.get(DISCORD_FILE.split('?')[0], () => HttpResponse.text(candidate(team))));
    const edits = recordDiscordEdits();
    const res = await postDiscordCommand(rt, {
      name: 'rules',
      userId: '1001',
      options: [
        {
          name: 'simulate',
          type: 1,
          options: [
            { name: 'rules', type: 11, value: '555' },
            { name: 'days', type: 4, value: 30 },
          ],
        },
      ],
      resolved: { attachments: { '555': { id: '555', filename: 'rules.json', url: DISCORD_FILE } } },
    });
    expect(await res.json()).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await waitFor(() => edits[0], 30_000);
    expect(edit.files.map((f) => f.name)).toEqual([
      `routing-simulation-${today}.png`,
      `routing-simulation-${today}.csv`,
    ]);
    expect(JSON.stringify(edit.payload)).toContain('Routing simulation');
  });

  it('terminal: reads the rules file from a path and prints the table; a file that is not rules is named', async () => {
    const rt = await createTestRuntime({ clock });
    const team = await seedChatTeam(rt);
    for (let i = 0; i < 4; i++) await openAlert(rt, team, 'hot_lead');
    const file = join(dir, 'rules.json');
    writeFileSync(file, candidate(team));
    const printed = await handleTerminalLine(rt, `rules simulate 30 ${file}`, team.maria.email);
    expect(printed).toMatch(/Dev Patel\s+0\s+\S+\s+2\s/);
    expect(printed).toContain('Nothing was changed');
    writeFileSync(file, '[{"name":"x","strategy":"teleport"}]');
    expect(await handleTerminalLine(rt, `rules simulate ${file}`, team.maria.email)).toContain('strategy');
    expect(await handleTerminalLine(rt, 'rules simulate', team.maria.email)).toContain('rules simulate 30 rules.json');
  });
});
