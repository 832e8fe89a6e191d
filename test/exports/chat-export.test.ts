import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { TERMINAL_EXPORT_DIR } from '../../bots/commands/export.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { SLACK_ENV, openAlert, seedChatTeam, slackHeaders, slashCommandBody } from '../bots/chat-team.ts';
import { recordSlack } from '../bots/slack-recorder.ts';
import { recordSlackUploads } from '../bots/slack-uploads.ts';
import { DISCORD_ENV, postDiscordCommand, recordDiscordEdits } from '../bots/discord-interactions.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { readCsv } from './export-team.ts';

const clock = fixedClock('2026-03-04T15:00:00Z');

async function withChatWorkers(rt: Runtime) {
  const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
  onTestFinished(() => workers.stop(5_000));
}

async function slash(rt: Runtime, userId: string, text: string, responseUrl: string) {
  const body = slashCommandBody(userId, '/export', text, responseUrl);
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
}

describe('/export in chat', () => {
  it('Slack: a manager gets the CSV uploaded into the conversation through files.uploadV2', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV, clock });
    const team = await seedChatTeam(rt);
    const slack = recordSlack();
    const steps = recordSlackUploads();
    await withChatWorkers(rt);

    await slash(rt, 'UMARIA', 'leads', 'https://hooks.slack.test/commands/T111/1/export');
    await waitFor(() => steps.find((s) => s.step === 'files.completeUploadExternal'), 30_000);
    expect(steps.map((s) => s.step)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const [ask, upload, complete] = steps;
    expect(ask.args).toMatchObject({ filename: 'leads-2026-03-04.csv', length: String(upload.bytes!.length) });
    expect(complete.args).toMatchObject({
      channel_id: 'C777',
      files: [{ id: 'F777', title: 'leads-2026-03-04.csv: 2 rows of leads, all time' }],
      initial_comment: 'leads-2026-03-04.csv: 2 rows of leads, all time',
    });
    const rows = readCsv(upload.bytes!);
    expect(rows.map((r) => [r.name, r['assignee.name']])).toEqual(
      expect.arrayContaining([
        ['Ana Lopez', 'Dev Patel'],
        ['Ben Kim', ''],
      ]),
    );
    expect(rows.map((r) => r.id).sort()).toEqual([team.ana.id, team.ben.id].sort());
    const reply = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/export')));
    expect(reply.body.text).toContain('Exported 2 rows of leads, all time');
  });

  it('Slack: an agent is refused and nothing is uploaded; a bad range gets the usage', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV, clock });
    await seedChatTeam(rt);
    const slack = recordSlack();
    const steps = recordSlackUploads();
    await withChatWorkers(rt);

    await slash(rt, 'UDEV', 'leads', 'https://hooks.slack.test/commands/T111/2/agent');
    const refused = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/agent')), 30_000);
    expect(refused.body.text).toContain("Only managers and admins can export the team's data.");
    expect(steps).toEqual([]);

    const bad = parseCommand('/export leads since last week');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.problem).toContain('`7d`, `30d`, `90d` or `since <date>`');
    expect(parseCommand('/export contacts')).toMatchObject({ ok: false, problem: expect.stringContaining('deals') });
    expect(parseCommand('/export alerts since 2026-01-01')).toEqual({
      ok: true,
      command: { name: 'export', what: 'alerts', since: '2026-01-01' },
    });
  });

  it('Discord: the deferred answer is edited in with the CSV as a multipart attachment', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV, clock });
    const team = await seedChatTeam(rt);
    const edits = recordDiscordEdits();
    await withChatWorkers(rt);
    const res = await postDiscordCommand(rt, {
      name: 'export',
      userId: '1001',
      options: [
        { name: 'what', type: 3, value: 'deals' },
        { name: 'range', type: 3, value: '90d' },
      ],
    });
    expect(await res.json()).toEqual({ type: 5 });
    const edit = await waitFor(() => edits[0], 30_000);
    expect([edit.message, edit.contentType]).toEqual(['@original', expect.stringContaining('multipart/form-data')]);
    expect(edit.files.map((f) => f.name)).toEqual(['deals-2026-03-04.csv']);
    const deals = readCsv(edit.files[0].bytes.toString('utf8'));
    expect(deals.map((d) => d.ghlOpportunityId).sort()).toEqual(['o1', 'o2', 'o3', 'o4']);
    expect(deals.find((d) => d.ghlOpportunityId === 'o1')).toMatchObject({
      'lead.id': team.ana.id,
      'lead.name': 'Ana Lopez',
    });
    expect(JSON.stringify(edit.payload)).toContain('Exported 4 rows of deals, since 2025-12-04');
  });

  it('terminal: writes the file under ./data/exports and prints the path', async () => {
    const rt = await createTestRuntime({ clock });
    const team = await seedChatTeam(rt);
    const alert = await openAlert(rt, team, 'hot_lead');
    const path = join(TERMINAL_EXPORT_DIR, 'alerts-2026-03-04.csv');
    onTestFinished(() => rm(path, { force: true }));
    const printed = await handleTerminalLine(rt, '/export alerts 30d', team.maria.email);
    expect(printed).toBe(`Exported 1 row of alerts, since 2026-02-02 to ${path}`);
    const rows = readCsv(await readFile(path, 'utf8'));
    expect(rows).toEqual([expect.objectContaining({ id: alert.id, kind: 'hot_lead', leadId: team.ana.id })]);
  });
});
