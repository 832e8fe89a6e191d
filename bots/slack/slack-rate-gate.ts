import { WebClientEvent, type WebClient } from '@slack/web-api';

const limitedUntil = new WeakMap<WebClient, number>();

/**
 * Until when Slack asked this client (one workspace) to wait, if it still does. The first call asks
 * the client to report its 429s. Every send checks here first: the Web API client pauses its queue on
 * a 429, but of several concurrent 429s the first to finish waiting resumes the queue for all, so on
 * its own it sends sooner than Slack's Retry-After. Copies that find the gate closed are deferred to
 * its end, and go out from there most urgent first (their jobs carry the alert's priority).
 * @example const until = slackRateLimitedUntil(web, new Date())
 */
export function slackRateLimitedUntil(web: WebClient, now: Date): Date | undefined {
  if (!limitedUntil.has(web)) {
    limitedUntil.set(web, 0);
    web.on(WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number) => {
      // The latest 429 sets the end: a call that was in flight waits inside the client until then, and the
      // copies deferred to an earlier end find the gate still closed and defer again without calling.
      limitedUntil.set(web, Math.max(limitedUntil.get(web) ?? 0, Date.now() + retryAfterSeconds * 1000));
    });
  }
  const until = limitedUntil.get(web) ?? 0;
  return until > now.getTime() ? new Date(until) : undefined;
}
