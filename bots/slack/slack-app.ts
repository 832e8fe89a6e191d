import { App, LogLevel } from '@slack/bolt';
import type { Runtime } from '../../jobs/runtime.ts';
import { HonoReceiver } from './hono-receiver.ts';
import { registerSlackListeners } from './slack-listeners.ts';
import { slackApiUrl, slackBotToken } from './slack-web.ts';

/** The Bolt app behind `POST /slack/events`, built once per runtime. */
export function slackHttpApp(runtime: Runtime): { app: App; receiver: HonoReceiver } {
  return runtime.providers.slackApp();
}

/**
 * `authorize` hands Bolt the requesting workspace's bot token: its OAuth install, else env `SLACK_BOT_TOKEN`
 * (never auth.test, so no network before the first request). A workspace with neither gets an empty token; the
 * listeners then answer that it is not connected rather than Bolt failing the request.
 * Bolt asks before any listener runs, so a database that cannot answer must not hold the request past Slack's
 * 3 s: after AUTHORIZE_DEADLINE_MS the env token (or none) stands in; listeners only store work, which its
 * job then does with the workspace's own token.
 */
export function createSlackHttpApp(runtime: Runtime): { app: App; receiver: HonoReceiver } {
  const receiver = new HonoReceiver();
  const app = new App({
    receiver,
    authorize: async ({ teamId }) => ({ botToken: (await tokenWithinDeadline(runtime, teamId)) ?? '' }),
    clientOptions: { slackApiUrl: slackApiUrl(runtime.env) },
    logLevel: LogLevel.ERROR,
  });
  registerSlackListeners(app, runtime);
  return { app, receiver };
}

const AUTHORIZE_DEADLINE_MS = 500;

async function tokenWithinDeadline(runtime: Runtime, teamId: string | undefined): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), AUTHORIZE_DEADLINE_MS);
  });
  const lookup = slackBotToken(runtime, teamId);
  lookup.catch(() => {});
  try {
    return (await Promise.race([lookup, late.then(() => runtime.env.SLACK_BOT_TOKEN)])) ?? undefined;
  } finally {
    clearTimeout(timer);
  }
}
