import type { Runtime } from '../jobs/runtime.ts';
import { terminalAttachment } from '../bots/terminal/terminal-attachment.ts';
import { adminTokenAttachment } from '../bots/terminal/admin-token.ts';

/** Socket Mode needs Bolt; it is loaded only when both of its tokens are set. */
async function slackSocketMode(runtime: Runtime): Promise<(() => Promise<void>) | void> {
  if (!runtime.env.SLACK_APP_TOKEN || !runtime.env.SLACK_BOT_TOKEN) return;
  const { slackSocketModeAttachment } = await import('../bots/slack/socket-mode.ts');
  return slackSocketModeAttachment(runtime);
}

/** Parts `porchlight start` runs beside HTTP and workers (the terminal channel), one line each. */
export const ATTACHMENTS: Array<(runtime: Runtime) => Promise<(() => Promise<void>) | void>> = [
  adminTokenAttachment,
  terminalAttachment,
  slackSocketMode,
];
