import { App, LogLevel } from '@slack/bolt';
import type { Runtime } from '../../jobs/runtime.ts';
import { registerSlackListeners } from './slack-listeners.ts';

/**
 * With `SLACK_APP_TOKEN` set, Slack delivers commands and clicks over a WebSocket instead of HTTP,
 * so a laptop behind NAT needs no public URL. Same listeners as `/slack/events`.
 */
export async function slackSocketModeAttachment(runtime: Runtime): Promise<(() => Promise<void>) | void> {
  const { SLACK_APP_TOKEN: appToken, SLACK_BOT_TOKEN: token } = runtime.env;
  if (!appToken || !token) return;
  const base = runtime.env.SLACK_API_URL ?? 'https://slack.com/api/';
  const app = new App({
    token,
    appToken,
    socketMode: true,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: base.endsWith('/') ? base : `${base}/` },
  });
  registerSlackListeners(app, runtime);
  await app.start();
  runtime.logger.info('Slack Socket Mode connected');
  return async () => {
    await app.stop();
  };
}
