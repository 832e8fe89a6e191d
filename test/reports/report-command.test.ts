import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { alertReport } from '../../db/queries/reports/alert-report.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { SLACK_ENV, slackHeaders, slashCommandBody } from '../bots/chat-team.ts';
import { recordSlack } from '../bots/slack-recorder.ts';
import { recordSlackUploads } from '../bots/slack-uploads.ts';
import { DISCORD_ENV, postDiscordCommand, recordDiscordEdits } from '../bots/discord-interactions.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server } from '../msw/server.ts';
import { cellMinutes, cellPercent, expectedBySource, expectedFigures, type ExpectedGroup } from './expected-report.ts';
import { seedReportMonth, type ReportTeam } from './report-team.ts';

const NOW = new Date('2026-03-04T15:00:00Z');
const DAY = 86_400_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function withChatWorkers(rt: Runtime) {
  const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
  onTestFinished(() => workers.stop(5_000));
}

/** The month's figures by source, biggest group first, worked out from the seeded rows alone. */
function expectedMonth(team: ReportTeam): ExpectedGroup[] {
  return expectedBySource(team.alerts, team.appointments, new Date(NOW.getTime() - 30 * DAY), NOW).sort(
    (a, b) => b.alerts - a.alerts || a.group.localeCompare(b.group),
  );
}

/** The table row a person should read for a group. */
const tableRow = (g: ExpectedGroup) => [
  g.group,
  String(g.alerts),
  cellPercent(g.claimed, g.alerts),
  cellMinutes(g.claimP50),
  cellMinutes(g.claimP90),
  cellMinutes(g.contactP50),
  cellMinutes(g.contactP90),
  cellPercent(g.appointments, g.alerts),
  cellPercent(g.won, g.alerts),
];

/** `Alerts 12 (▲ 20% vs 10)`-style change, from the two weeks' expected figures. */
function expectedWeekLine(team: ReportTeam): string {
  const week = (from: number, to: number) =>
    expectedFigures(
      'all',
      team.alerts.filter((a) => a.createdAt.getTime() >= from && a.createdAt.getTime() < to),
      team.appointments,
    );
  const t = NOW.getTime();
  const [now, before] = [week(t - 7 * DAY, t), week(t - 14 * DAY, t - 7 * DAY)];
  const arrow = (a: number, b: number, unit: string) => {
    const d = unit === ' pts' ? a - b : Math.round(((a - b) / b) * 100);
    return d === 0 ? `= 0${unit}` : `${d > 0 ? '▲' : '▼'} ${Math.abs(d)}${unit}`;
  };
  const rate = (f: ExpectedGroup) => Math.round((f.claimed / f.alerts) * 100);
  return [
    `Alerts ${now.alerts} (${arrow(now.alerts, before.alerts, '%')} vs ${before.alerts})`,
    `Claim rate ${rate(now)}% (${arrow(rate(now), rate(before), ' pts')} vs ${rate(before)}%)`,
    `Median minutes to claim ${cellMinutes(now.claimP50)} min (${arrow(now.claimP50!, before.claimP50!, '%')} vs ` +
      `${cellMinutes(before.claimP50)} min)`,
  ].join(' · ');
}

describe('/report 30d by source', () => {
  it('computes volume, claim rate, median and p90 minutes and conversions from the rows, for this team', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW) });
    const team = await seedReportMonth(rt, NOW);
    const expected = expectedMonth(team);
    expect(expected.length).toBeGreaterThanOrEqual(4); // zillow, realtor.com, open house, unknown
    // The month has something in every column: claims, contacts, appointments and wins, each in some group.
    for (const k of ['claimed', 'contacted', 'appointments', 'won'] as const)
      expect(expected.some((e) => e[k] > 0 && e[k] < e.alerts)).toBe(true);

    const figures = await alertReport(rt.db, team.tenant.id, {
      since: new Date(NOW.getTime() - 30 * DAY),
      until: NOW,
      by: 'source',
    });
    expect(figures.map((f) => f.group).sort()).toEqual(expected.map((e) => e.group).sort());
    for (const e of expected) {
      const got = figures.find((f) => f.group === e.group)!;
      expect({ ...got, claimP50: 0, claimP90: 0, contactP50: 0, contactP90: 0 }).toEqual({
        ...e,
        claimP50: 0,
        claimP90: 0,
        contactP50: 0,
        contactP90: 0,
      });
      for (const k of ['claimP50', 'claimP90', 'contactP50', 'contactP90'] as const)
        if (e[k] === null) expect(got[k]).toBeNull();
        else expect(got[k]).toBeCloseTo(e[k], 6);
    }

    const printed = await handleTerminalLine(rt, '/report 30d by source', team.maria.email);
    expect(printed).not.toContain('[chart');
    const lines = printed.split('\n');
    for (const e of expected) {
      const line = lines.find((l) => l.startsWith(`${e.group} `));
      expect(line?.trim().split(/\s{2,}/)).toEqual(tableRow(e));
    }
    expect(printed).not.toContain('Other Team');
    const total = expected.reduce((n, e) => n + e.alerts, 0);
    expect(printed).toContain(`${total} alerts:`);
    expect(printed).toContain(expectedWeekLine(team));
    expect(printed).toContain("Grouped by the lead's source");
  });

  it('Slack: the chart is uploaded into the conversation through files.uploadV2, with the summary', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV, clock: fixedClock(NOW) });
    const team = await seedReportMonth(rt, NOW);
    const slack = recordSlack();
    const steps = recordSlackUploads();
    await withChatWorkers(rt);

    const body = slashCommandBody(
      'UDEV',
      '/report',
      '30d by source',
      'https://hooks.slack.test/commands/T111/1/report',
    );
    const res = await createApp(rt).request('/slack/events', {
      method: 'POST',
      body,
      headers: slackHeaders(body, rt.clock.now()),
    });
    expect(res.status).toBe(200);
    await waitFor(() => steps.find((s) => s.step === 'files.completeUploadExternal'), 30_000);
    expect(steps.map((s) => s.step)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const [ask, upload, complete] = steps;
    expect(ask.args).toMatchObject({ filename: 'report-30d-source.png', length: String(upload.bytes!.length) });
    expect(upload.bytes!.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(upload.bytes!.length).toBeGreaterThan(5 * 1024);
    expect(complete.args).toMatchObject({ channel_id: 'C777' });
    const reply = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/report')));
    const text = JSON.stringify(reply.body.blocks);
    const total = expectedMonth(team).reduce((n, e) => n + e.alerts, 0);
    expect(text).toContain(`${total} alerts`);
    expect(text).toContain('This week vs the week before');
  });

  it('Discord: the deferred answer carries the chart as a multipart attachment', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV, clock: fixedClock(NOW) });
    const team = await seedReportMonth(rt, NOW);
    const edits = recordDiscordEdits();
    await withChatWorkers(rt);
    const res = await postDiscordCommand(rt, {
      name: 'report',
      userId: '1002',
      options: [
        { name: 'range', type: 3, value: '30d' },
        { name: 'by', type: 3, value: 'source' },
      ],
    });
    expect(await res.json()).toEqual({ type: 5 });
    const edit = await waitFor(() => edits[0], 30_000);
    expect(edit.files.map((f) => f.name)).toEqual(['report-30d-source.png']);
    expect(edit.files[0].bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(edit.files[0].bytes.length).toBeGreaterThan(5 * 1024);
    expect([edit.message, edit.contentType]).toEqual(['@original', expect.stringContaining('multipart/form-data')]);
    const payload = edit.payload as { embeds: Array<{ image?: { url: string } }> };
    expect(payload.embeds[0].image?.url).toBe('attachment://report-30d-source.png');
    const total = expectedMonth(team).reduce((n, e) => n + e.alerts, 0);
    expect(JSON.stringify(edit.payload)).toContain(`${total} alerts`);
  });

  it('groups by agent (unassigned when nobody holds it) and by area (the lead city here)', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW) });
    const team = await seedReportMonth(rt, NOW);
    const since = new Date(NOW.getTime() - 7 * DAY);
    const week = team.alerts.filter((a) => a.createdAt >= since && a.createdAt < NOW);
    const countBy = (key: (a: (typeof week)[number]) => string) => {
      const counts: Record<string, number> = {};
      for (const a of week) counts[key(a)] = (counts[key(a)] ?? 0) + 1;
      return counts;
    };
    for (const [by, key] of [
      ['agent', (a: (typeof week)[number]) => a.agent ?? 'unassigned'],
      ['area', (a: (typeof week)[number]) => a.city ?? 'unknown'],
    ] as const) {
      const rows = await alertReport(rt.db, team.tenant.id, { since, until: NOW, by });
      expect(Object.fromEntries(rows.map((r) => [r.group, r.alerts])), by).toEqual(countBy(key));
    }
    const printed = await handleTerminalLine(rt, '/report by agent', team.dev.email);
    expect(printed).toContain('Alert report, last 7 days by agent');
    expect(printed).toContain("Grouped by the alert's assignee");
  });

  it('reads the range and grouping in either order, with defaults, and explains a bad word', () => {
    expect(parseCommand('/report')).toEqual({ ok: true, command: { name: 'report', range: '7d', by: 'kind' } });
    expect(parseCommand('/report 30d source')).toEqual({
      ok: true,
      command: { name: 'report', range: '30d', by: 'source' },
    });
    expect(parseCommand('/report by agent 90d')).toEqual({
      ok: true,
      command: { name: 'report', range: '90d', by: 'agent' },
    });
    const bad = parseCommand('/report 14d');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.problem).toContain('the period is 7d, 30d, 90d');
  });
});
