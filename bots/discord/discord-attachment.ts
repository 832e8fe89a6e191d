import type { Runtime } from '../../jobs/runtime.ts';
import { fetchAttachment } from '../commands/fetch-attachment.ts';

/** Discord attachment URLs (an interaction's `resolved.attachments`) are signed CDN links: no token. */
export function discordAttachmentReader(runtime: Runtime) {
  const hosts = [
    'cdn.discordapp.com',
    'media.discordapp.net',
    ...(runtime.env.DISCORD_API_URL ? [new URL(runtime.env.DISCORD_API_URL).host] : []),
  ];
  return (source: string): Promise<Uint8Array> => fetchAttachment(runtime, source, { hosts });
}
