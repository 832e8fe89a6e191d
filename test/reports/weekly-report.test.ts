import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { handleTerminalLine } from '../../bots/terminal/terminal-session.ts';
import { loadEnv } from '../../core/config/load-env.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { alerts } from '../../db/schema/index.ts';
import { createLead } from '../../db/queries/leads.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { SLACK_ENV, seedChatTeam } from '../bots/chat-team.ts';
import { recordSlack } from '../bots/slack-recorder.ts';
import { recordSlackUploads } from '../bots/slack-uploads.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { TEST_ENV, createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';

const ENV = {
  ...SLACK_ENV,
  DISCORD_BOT_TOKEN: 'discord-bot-token',
  DISCORD_APPLICATION_ID: 'APP1',
  DISCORD_API_URL: 'https://discord.test/api',
  DISCORD_PUBLIC_KEY: '0'.repeat(64),
};
const MANAGERS_SLACK = 'C0MANAGERS';
const MANAGERS_DISCORD = '223344556677889900';
const HOUR = 3_600_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Discord's channel messages endpoint: every post, with its attachments, as the bot would send them. */
function recordDiscordPosts() {
  const posts: Array<{ channelId: string; payload: string; files: Array<{ name: string; bytes: Buffer }> }> = [];
  server.use(
    http.post('https://discord.test/api/v10/channels/:channelId/messages', async ({ request, params }) => {
      // With an attachment the body is multipart (payload_json + files[n]); without one, plain JSON.
      if (!request.headers.get('content-type')?.includes('multipart/form-data')) {
        posts.push({ channelId: String(params.channelId), payload: await request.text(), files: [] });
        return HttpResponse.json({ id: `M${posts.length}`, channel_id: params.channelId });
      }
      const form = await request.formData();
      const files: Array<{ name: string; bytes: Buffer }> = [];
      for (const [field, value] of form)
        if (field.startsWith('files[') && typeof value !== 'string')
          files.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
      posts.push({ channelId: String(params.channelId), payload: String(form.get('payload_json')), files });
      return HttpResponse.json({ id: `M${posts.length}`, channel_id: params.channelId });
    }),
  );
  return posts;
}

/** Alerts raised at these instants, for a team's report to count. */
async function raiseAlerts(rt: Runtime, tenantId: string, leadId: string, at: Date[], tag: string) {
  await rt.db.insert(alerts).values(
    at.map((createdAt, i) => ({
      tenantId,
      kind: 'hot_lead',
      priority: 'high' as const,
      leadId,
      dedupeKey: `${tag}:${i}`,
      reason: 'seeded',
      createdAt,
    })),
  );
}

describe('the weekly report', () => {
  it('posts Monday 08:00 in each team’s own zone, once per week, whatever runs the schedule', async () => {
    const clock = fixedClock('2026-03-01T12:00:00Z');
    const rt = await createTestRuntime({ env: ENV, clock });
    // Hill Country Homes: America/Chicago, on Slack. Monday 2026-03-02 08:00 CST is 14:00Z.
    const team = await seedChatTeam(rt);
    // A team in India (UTC+5:30) on Discord: its Monday 08:00 is 02:30Z, hours before Chicago's.
    const { tenant: mumbai } = await createTenant(rt.db, {
      name: 'Mumbai Homes',
      discordGuildId: 'G222',
      timezone: 'Asia/Kolkata',
      settings: { reports: { weekly: true, channel: MANAGERS_DISCORD } },
    });
    const priya = await createLead(rt.db, { tenantId: mumbai.id, name: 'Priya Shah', source: 'magicbricks' });

    // The manager turns it on from chat; an agent cannot, and the channel has to come first.
    const as = (email: string, line: string) => handleTerminalLine(rt, line, email);
    expect(await as(team.dev.email, `/porchlight settings set reports.channel ${MANAGERS_SLACK}`)).toContain(
      'Team settings are for managers and admins.',
    );
    expect(await as(team.maria.email, '/porchlight settings set reports.weekly true')).toContain(
      "set reports.channel to the managers' channel before turning reports.weekly on",
    );
    expect(await as(team.maria.email, `/porchlight settings set reports.channel ${MANAGERS_SLACK}`)).toContain(
      MANAGERS_SLACK,
    );
    expect(await as(team.maria.email, '/porchlight settings set reports.weekly true')).toContain(
      'reports.weekly: false → true',
    );
    expect(await as(team.maria.email, '/porchlight settings')).toContain('reports.weekly: true');

    // Chicago's week before Monday 08:00: 5 alerts in it, 2 the week before, 1 just after 08:00.
    const chicagoMonday = new Date('2026-03-02T14:00:00Z');
    const ago = (hours: number) => new Date(chicagoMonday.getTime() - hours * HOUR);
    const hill = [ago(1), ago(30), ago(50), ago(100), ago(160), ago(200), ago(300), ago(-0.5)];
    await raiseAlerts(rt, team.tenant.id, team.ana.id, hill, 'hill');
    const inWeek = (at: Date[], end: Date) =>
      at.filter((a) => a < end && a.getTime() >= end.getTime() - 168 * HOUR).length;
    const mumbaiMonday = new Date('2026-03-02T02:30:00Z');
    const mumbaiAlerts = [new Date('2026-02-28T09:00:00Z'), new Date('2026-03-01T20:00:00Z')];
    await raiseAlerts(rt, mumbai.id, priya.id, mumbaiAlerts, 'mumbai');

    const slack = recordSlack();
    const uploads = recordSlackUploads();
    const discord = recordDiscordPosts();
    const slackPosts = () => uploads.filter((s) => s.step === 'files.completeUploadExternal').length;
    const pass = async (runtime: Runtime, at: string, workers = 1) => {
      clock.set(at);
      for (let i = 0; i < workers; i++) await runtime.queue.enqueue('report.weekly', {});
      await drainJobs(runtime, ['report.weekly', 'alert.deliver']);
    };

    await pass(rt, '2026-03-01T18:29:00Z'); // Mumbai Sunday 23:59
    await pass(rt, '2026-03-02T02:29:00Z'); // Mumbai Monday 07:59
    expect(discord).toEqual([]);
    await pass(rt, '2026-03-02T02:30:00Z'); // Mumbai Monday 08:00
    expect(discord.map((p) => p.channelId)).toEqual([MANAGERS_DISCORD]);
    expect(discord[0].files.map((f) => f.name)).toEqual(['report-7d-kind.png']);
    expect(discord[0].files[0].bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(discord[0].payload).toContain(`**${inWeek(mumbaiAlerts, mumbaiMonday)} alerts**`);
    expect(slackPosts()).toBe(0);

    await pass(rt, '2026-03-02T05:59:00Z'); // Chicago Sunday 23:59
    await pass(rt, '2026-03-02T13:59:00Z'); // Chicago Monday 07:59
    expect(slackPosts()).toBe(0);
    await pass(rt, '2026-03-02T14:00:00Z', 2); // Chicago Monday 08:00, two workers' passes
    expect(uploads.map((s) => s.step)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [ask, upload, complete] = uploads;
    expect(ask.args).toMatchObject({ filename: 'report-7d-kind.png' });
    expect(upload.bytes!.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(upload.bytes!.length).toBeGreaterThan(5 * 1024);
    expect(complete.args.channel_id).toBe(MANAGERS_SLACK);
    const comment = String(complete.args.initial_comment);
    expect(comment).toContain('Alert report, last 7 days by kind');
    expect(comment).toContain(`*${inWeek(hill, chicagoMonday)} alerts*`);
    expect(comment).toContain(`Alerts ${inWeek(hill, chicagoMonday)} (`);
    expect(comment).toContain(`vs ${inWeek(hill, ago(168))})`);

    // Later passes the same Monday, and a restarted worker (a new runtime on the same database), add nothing.
    await pass(rt, '2026-03-02T14:05:00Z');
    const restarted = await createRuntime({
      env: loadEnv({ ...TEST_ENV, ...ENV }),
      database: rt.database,
      migrate: false,
      schedule: false,
      logger: createLogger({ level: 'silent' }),
      clock,
    });
    try {
      await pass(restarted, '2026-03-02T14:05:00Z', 2);
      await pass(restarted, '2026-03-02T23:45:00Z');
    } finally {
      await restarted.close();
    }
    expect(slackPosts()).toBe(1);
    expect(discord).toHaveLength(1);
    expect(slack.of('chat.postMessage')).toEqual([]);

    // The next Monday is another week (and Chicago is on daylight time by then: 08:00 CDT is 13:00Z). Mumbai's
    // week had no alerts: its report is the sentence alone, with no chart.
    await pass(rt, '2026-03-09T02:30:00Z');
    expect(discord).toHaveLength(2);
    expect(discord[1].files).toEqual([]);
    expect(discord[1].payload).toContain('No alerts in the last 7 days.');
    await pass(rt, '2026-03-09T12:59:00Z');
    expect(slackPosts()).toBe(1);
    await pass(rt, '2026-03-09T13:00:00Z');
    expect(slackPosts()).toBe(2);
    expect(discord).toHaveLength(2);
  });
});
