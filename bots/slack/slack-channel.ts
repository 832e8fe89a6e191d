import { ErrorCode, type WebAPIPlatformError, type WebAPIRequestError } from '@slack/web-api';
import type { Channel, DeliveryResult } from '../channel.ts';
import { alertMessage } from '../message/alert-message.ts';
import { renderSlack } from '../render/render-slack.ts';
import { toSlackMrkdwn } from '../render/markdown.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { slackRateLimitedUntil } from './slack-rate-gate.ts';
import { slackWebFor } from './slack-web.ts';

// Slack answers these for a message that can never be delivered as addressed; retrying won't help.
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'account_inactive',
  'user_not_found',
  'invalid_blocks',
  'msg_too_long',
  'restricted_action',
  'cannot_dm_bot',
  'not_authed',
  'token_revoked',
]);

/** Metadata event type carrying the idempotency key, so a crashed send can be found afterwards. */
export const ALERT_METADATA_EVENT = 'porchlight_alert';

/**
 * Alerts as Block Kit messages: a DM to the agent (a user id as `channel` opens the app DM) or a
 * post in the team channel from `tenants.settings.slackChannel`. `ref` is `{channel, ts}`, what
 * `chat.update` needs to re-render the copy after a claim.
 */
export const slackChannel: Channel = {
  name: 'slack',
  available: (runtime, tenant) =>
    // With OAuth the token is per workspace (looked up at send time); without an install the send fails permanently.
    Boolean(
      (runtime.env.SLACK_BOT_TOKEN || runtime.env.SLACK_CLIENT_ID) &&
        (tenant.slackTeamId || tenant.settings.slackChannel),
    ),
  addressOf: (agent) => agent.slackUserId ?? null,
  async deliverAlert(runtime, delivery): Promise<DeliveryResult> {
    const { text, blocks } = renderSlack(alertMessage(delivery.view));
    const web = await slackWebFor(runtime, delivery.tenant.slackTeamId);
    const waiting = slackRateLimitedUntil(web, new Date());
    if (waiting) return { status: 'deferred', until: waiting };
    try {
      const res = await web.chat.postMessage({
        channel: delivery.recipient,
        text,
        blocks,
        unfurl_links: false,
        metadata: {
          event_type: ALERT_METADATA_EVENT,
          event_payload: { idempotency_key: delivery.idempotencyKey, alert_id: delivery.view.alertId },
        },
      });
      return { status: 'sent', providerMessageId: res.ts, ref: { channel: res.channel, ts: res.ts } };
    } catch (error) {
      // Slack said "not now": the copy goes back in line at its alert's priority, for when the wait
      // ends, instead of spending a retry (a long rate limit would otherwise dead-letter it).
      if (isRateLimited(error))
        return { status: 'deferred', until: slackRateLimitedUntil(web, new Date()) ?? new Date() };
      return slackFailure(error);
    }
  },
  /** A plain text composed ahead of time (a notice that a message to a lead may not have gone out). */
  async sendText(runtime, delivery): Promise<DeliveryResult> {
    const web = await slackWebFor(runtime, delivery.tenant.slackTeamId);
    try {
      const res = await web.chat.postMessage({ channel: delivery.recipient, text: delivery.text, unfurl_links: false });
      return { status: 'sent', providerMessageId: res.ts, ref: { channel: res.channel, ts: res.ts } };
    } catch (error) {
      return slackFailure(error);
    }
  },
  /**
   * A one-off message (the weekly report). With a chart, one files.uploadV2 carries the chart and the text as
   * its comment, so a retry cannot leave the text posted without its chart; without one, a plain post.
   */
  async sendMessage(runtime, delivery): Promise<DeliveryResult> {
    const { text, blocks, image } = renderSlack(delivery.message);
    const web = await slackWebFor(runtime, delivery.tenant.slackTeamId);
    try {
      if (image) {
        const res = await web.files.uploadV2({
          channel_id: delivery.recipient,
          file: Buffer.from(image.png),
          filename: image.filename,
          alt_text: image.alt,
          title: delivery.message.header ?? image.filename,
          initial_comment: slackComment(delivery.message),
        });
        // The SDK types the answer loosely: one completeUploadExternal answer per file, each listing its file.
        const fileId = (res as { files?: Array<{ files?: Array<{ id?: string }> }> }).files?.[0]?.files?.[0]?.id;
        return { status: 'sent', providerMessageId: fileId, ref: { channel: delivery.recipient, fileId } };
      }
      const res = await web.chat.postMessage({ channel: delivery.recipient, text, blocks, unfurl_links: false });
      return { status: 'sent', providerMessageId: res.ts, ref: { channel: res.channel, ts: res.ts } };
    } catch (error) {
      return slackFailure(error);
    }
  },
  /**
   * After a crash mid-send: look through the conversation since the attempt started for our
   * message carrying this idempotency key in its metadata.
   */
  async findDelivered(runtime, delivery): Promise<DeliveryResult | null> {
    try {
      const web = await slackWebFor(runtime, delivery.tenant.slackTeamId);
      const channel = /^[UW]/.test(delivery.recipient)
        ? (await web.conversations.open({ users: delivery.recipient })).channel?.id
        : delivery.recipient;
      if (!channel) return null;
      const oldest = delivery.attemptStartedAt
        ? String(Math.floor(delivery.attemptStartedAt.getTime() / 1000) - 60)
        : undefined;
      const history = await web.conversations.history({ channel, oldest, limit: 100, include_all_metadata: true });
      const found = history.messages?.find((m) => {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
        return (
          meta?.event_type === ALERT_METADATA_EVENT && meta.event_payload?.idempotency_key === delivery.idempotencyKey
        );
      });
      return found?.ts ? { status: 'sent', providerMessageId: found.ts, ref: { channel, ts: found.ts } } : null;
    } catch {
      // Unknown is not "found": the caller sends again, at worst one duplicate.
      return null;
    }
  },
  async updateAlert(runtime, tenant, ref, view) {
    const { text, blocks } = renderSlack(alertMessage(view));
    const web = await slackWebFor(runtime, tenant.slackTeamId);
    await web.chat.update({ channel: String(ref.channel), ts: String(ref.ts), text, blocks });
  },
};

/** A message as the comment of an upload, which takes mrkdwn text rather than blocks. */
function slackComment(message: ChatMessage): string {
  const parts = [message.header ? `*${message.header}*` : '', ...message.sections, ...message.context];
  return parts
    .filter(Boolean)
    .map((p) => toSlackMrkdwn(p))
    .join('\n\n');
}

/** The Web API client's own error after it waited out a 429 (`rejectRateLimitedCalls: false`, no retries). */
function isRateLimited(error: unknown): boolean {
  const e = error as Partial<WebAPIRequestError>;
  return e.code === ErrorCode.RequestError && /rate limit was exceeded/i.test(e.original?.message ?? '');
}

function slackFailure(error: unknown): DeliveryResult {
  const e = error as Partial<WebAPIPlatformError> & { code?: string; message?: string };
  if (e.code === ErrorCode.PlatformError && e.data) {
    const code = String(e.data.error);
    return { status: 'failed', error: `slack: ${code}`, permanent: PERMANENT.has(code) };
  }
  return { status: 'failed', error: `slack: ${e.message ?? 'request failed'}`, permanent: false };
}
