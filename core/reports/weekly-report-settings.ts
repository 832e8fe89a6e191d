import { z } from 'zod';

// Slack conversation ids start with C (public) or G (private); Discord's are snowflakes, all digits.
const SLACK_CHANNEL = /^[CG][A-Z0-9]{6,}$/;
const DISCORD_CHANNEL = /^\d{15,21}$/;

/**
 * `reports.weekly` (off by default) and `reports.channel`, the managers' channel: a Slack channel id or a
 * Discord channel id, which also says where the report goes. The figures are the team's, so the report
 * never falls back to the team alert channel (`slackChannel`) that every agent reads.
 */
export const WeeklyReportSettings = z
  .object({
    weekly: z.boolean().default(false),
    channel: z
      .string()
      .refine(
        (id) => SLACK_CHANNEL.test(id) || DISCORD_CHANNEL.test(id),
        'reports.channel is a Slack channel id (like C0123ABCD) or a Discord channel id (digits)',
      )
      .optional(),
  })
  .strict()
  .refine((r) => !r.weekly || r.channel !== undefined, {
    message: "set reports.channel to the managers' channel before turning reports.weekly on",
    path: ['weekly'],
  })
  .prefault({});
export type WeeklyReportSettings = z.infer<typeof WeeklyReportSettings>;

/** Where a team's weekly report goes, or null while it is off. */
export function weeklyReportTarget(
  settings: WeeklyReportSettings,
): { channel: 'slack' | 'discord'; recipient: string } | null {
  if (!settings.weekly || !settings.channel) return null;
  return { channel: DISCORD_CHANNEL.test(settings.channel) ? 'discord' : 'slack', recipient: settings.channel };
}
