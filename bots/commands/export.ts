import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportFileName, type ExportKind } from '../../core/exports/export-kind.ts';
import { parseSince } from '../../core/exports/parse-since.ts';
import { exportCsv } from '../../db/queries/exports/export-csv.ts';
import { chatMessage, noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from './command-context.ts';

/** Where the terminal writes exports, under the working directory (next to the PGlite data). */
export const TERMINAL_EXPORT_DIR = join('data', 'exports');

// Discord refuses attachments over 10 MiB (no boosts); Slack takes far more, but the file is held in memory to upload.
const MAX_BYTES = { slack: 50 * 1024 * 1024, discord: 10 * 1024 * 1024 } as const;

const MANAGERS_ONLY = "Only managers and admins can export the team's data.";

/**
 * `/export leads|alerts|deals|report [7d|30d|90d|since <date>]` (managers): the same CSV as
 * `porchlight export`. Slack uploads it into the conversation and Discord attaches it to the
 * answer; the terminal writes it under ./data/exports and says where. A file too big for chat
 * points to the CLI and the REST route, which stream any size.
 */
export async function exportCommand(
  ctx: CommandContext,
  args: { what: ExportKind; since?: string },
): Promise<ChatMessage> {
  if (ctx.actor.role === 'agent') return noticeMessage(MANAGERS_ONLY);
  const now = ctx.runtime.clock.now();
  const since = args.since ? parseSince(args.since, now) : undefined;
  const range = since ? `since ${since.toISOString().slice(0, 10)}` : 'all time';
  const filename = exportFileName(args.what, now);
  let rows = 0;
  const chunks = exportCsv(
    ctx.runtime.db,
    args.what,
    { tenantId: ctx.tenant.id, since },
    { onRows: (n) => (rows += n) },
  );
  const summary = () => `${rows} ${rows === 1 ? 'row' : 'rows'} of ${args.what}, ${range}`;

  if (ctx.platform === 'terminal') {
    await mkdir(TERMINAL_EXPORT_DIR, { recursive: true });
    const path = join(TERMINAL_EXPORT_DIR, filename);
    await pipeline(Readable.from(chunks), createWriteStream(path));
    return noticeMessage(`Exported ${summary()} to ${relative(process.cwd(), path) || path}`, { tone: 'success' });
  }

  const limit = MAX_BYTES[ctx.platform];
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    const part = Buffer.from(chunk, 'utf8');
    bytes += part.length;
    if (bytes > limit) {
      await chunks.return(undefined);
      return noticeMessage(
        `The ${args.what} export is over ${limit / 1024 / 1024} MB, too big for chat. Run ` +
          `\`porchlight export ${args.what} --tenant ${ctx.tenant.id}\` or download ` +
          `\`GET /api/v1/exports/${args.what}.csv\` with the team's API key.`,
      );
    }
    parts.push(part);
  }
  const title = `${filename}: ${summary()}`;
  return chatMessage({
    sections: [`Exported ${summary()} as \`${filename}\`.`],
    file: { data: Buffer.concat(parts, bytes), filename, title },
    tone: 'success',
    ephemeral: true,
  });
}
