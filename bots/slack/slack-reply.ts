import type { Runtime } from '../../jobs/runtime.ts';
import type { ChatMessage } from '../message/chat-message.ts';
import { renderSlack } from '../render/render-slack.ts';
import { slackWebFor } from './slack-web.ts';

/**
 * Answers a slash command or button press. `response_url` needs no token and works in DMs the bot
 * can't post to; `replace_original: false` keeps the alert card intact (its update comes from
 * `alert.refresh`, for every copy). Charts and exported files follow as uploads into the same
 * conversation. Web API calls use the token of the workspace the request came from (`to.teamId`).
 */
export async function slackReply(
  runtime: Runtime,
  to: { teamId?: string; responseUrl?: string; channelId?: string; userId: string },
  message: ChatMessage,
  /** Draw over the message the button was on (another page of a list) instead of answering below it. */
  options: { replaceOriginal?: boolean } = {},
): Promise<void> {
  const { text, blocks, ephemeral, image } = renderSlack(message);
  if (to.responseUrl) {
    const res = await runtime.fetch(to.responseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        response_type: ephemeral ? 'ephemeral' : 'in_channel',
        replace_original: options.replaceOriginal ?? false,
        text,
        blocks,
      }),
    });
    if (!res.ok) throw new Error(`Slack response_url answered ${res.status}`);
  } else if (to.channelId) {
    await (await slackWebFor(runtime, to.teamId)).chat.postEphemeral({
      channel: to.channelId,
      user: to.userId,
      text,
      blocks,
    });
  }
  if (image && to.channelId) {
    await (await slackWebFor(runtime, to.teamId)).files.uploadV2({
      channel_id: to.channelId,
      file: Buffer.from(image.png),
      filename: image.filename,
      alt_text: image.alt,
      title: message.header ?? image.filename,
    });
  }
  if (message.file && to.channelId) {
    await (await slackWebFor(runtime, to.teamId)).files.uploadV2({
      channel_id: to.channelId,
      file: Buffer.from(message.file.data),
      filename: message.file.filename,
      title: message.file.title,
      initial_comment: message.file.title,
    });
  }
}
