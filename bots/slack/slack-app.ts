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
 */
export function createSlackHttpApp(runtime: Runtime): { app: App; receiver: HonoReceiver } {
  const receiver = new HonoReceiver();
  const app = new App({
    receiver,
    authorize: async ({ teamId }) => ({ botToken: (await slackBotToken(runtime, teamId)) ?? '' }),
    clientOptions: { slackApiUrl: slackApiUrl(runtime.env) },
    logLevel: LogLevel.ERROR,
  });
  registerSlackListeners(app, runtime);
  return { app, receiver };
}
