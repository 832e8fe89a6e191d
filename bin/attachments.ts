import type { Runtime } from '../jobs/runtime.ts';
import { terminalAttachment } from '../bots/terminal/terminal-attachment.ts';
import { adminTokenAttachment } from '../bots/terminal/admin-token.ts';
import { slackSocketModeAttachment } from '../bots/slack/socket-mode.ts';

/** Parts `porchlight start` runs beside HTTP and workers (the terminal channel), one line each. */
export const ATTACHMENTS: Array<(runtime: Runtime) => Promise<(() => Promise<void>) | void>> = [
  adminTokenAttachment,
  terminalAttachment,
  slackSocketModeAttachment,
];
