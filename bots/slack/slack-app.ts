import { App, LogLevel } from '@slack/bolt';
import { service, type Runtime } from '../../jobs/runtime.ts';
import { HonoReceiver } from './hono-receiver.ts';
import { registerSlackListeners } from './slack-listeners.ts';

/**
 * The Bolt app behind `POST /slack/events`, built once per runtime. `authorize` hands Bolt the bot
 * token directly, so Bolt never calls auth.test at start-up (no network before the first request).
 */
export function slackHttpApp(runtime: Runtime): { app: App; receiver: HonoReceiver } {
  return service(runtime, 'slack.bolt', () => {
    const receiver = new HonoReceiver();
    const botToken = runtime.env.SLACK_BOT_TOKEN ?? '';
    const base = runtime.env.SLACK_API_URL ?? 'https://slack.com/api/';
    const app = new App({
      receiver,
      authorize: async () => ({ botToken }),
      clientOptions: { slackApiUrl: base.endsWith('/') ? base : `${base}/` },
      logLevel: LogLevel.ERROR,
    });
    registerSlackListeners(app, runtime);
    return { app, receiver };
  });
}
