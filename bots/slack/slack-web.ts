import { WebClient, LogLevel } from '@slack/web-api';
import { service, type Runtime } from '../../jobs/runtime.ts';

/**
 * The Slack Web API client for this runtime. `SLACK_API_URL` replaces slack.com (a fake Slack on
 * loopback, msw in tests). On 429 the client waits for `Retry-After` and retries rather than
 * failing (`rejectRateLimitedCalls: false`), so a burst of alert updates slows down instead of
 * dropping copies.
 */
export function slackWeb(runtime: Runtime): WebClient {
  return service(runtime, 'slack.web', () => {
    const base = runtime.env.SLACK_API_URL ?? 'https://slack.com/api/';
    return new WebClient(runtime.env.SLACK_BOT_TOKEN, {
      slackApiUrl: base.endsWith('/') ? base : `${base}/`,
      rejectRateLimitedCalls: false,
      retryConfig: { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
      logLevel: LogLevel.ERROR,
      fetch: runtime.fetch,
    });
  });
}
