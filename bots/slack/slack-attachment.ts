import type { Runtime } from '../../jobs/runtime.ts';
import { fetchAttachment } from '../commands/fetch-attachment.ts';
import { slackBotToken } from './slack-web.ts';

/**
 * Reads a file uploaded in Slack (`url_private_download` from a modal's file input) with the
 * workspace's bot token (`files:read`); the token is looked up only when a file is read.
 */
export function slackAttachmentReader(runtime: Runtime, teamId: string | undefined) {
  const hosts = ['files.slack.com', ...(runtime.env.SLACK_API_URL ? [new URL(runtime.env.SLACK_API_URL).host] : [])];
  return async (source: string): Promise<Uint8Array> => {
    const token = await slackBotToken(runtime, teamId);
    return fetchAttachment(runtime, source, { hosts, headers: token ? { authorization: `Bearer ${token}` } : {} });
  };
}
