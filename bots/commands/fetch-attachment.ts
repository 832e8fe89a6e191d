import { AppError } from '../../core/errors/app-error.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/** A rules file is a few KB; anything past this is not one, and is not read into memory. */
export const MAX_ATTACHMENT_BYTES = 256 * 1024;

/**
 * Downloads a file a chat user attached, only from the platform's own file hosts (the URL came in a
 * signed interaction, but a fetch to anywhere else would be a request forgery waiting to happen),
 * stopping at `MAX_ATTACHMENT_BYTES`.
 * @example await fetchAttachment(runtime, url, { hosts: ['files.slack.com'], headers: { authorization } })
 */
export async function fetchAttachment(
  runtime: Pick<Runtime, 'fetch'>,
  source: string,
  options: { hosts: readonly string[]; headers?: Record<string, string> },
): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new AppError('validation_failed', 'Attach the rules file to the command (no file came with it).');
  }
  if (!options.hosts.includes(url.host))
    throw new AppError('validation_failed', `Files are read only from ${options.hosts.join(' or ')}.`);
  const res = await runtime.fetch(url, { headers: options.headers, redirect: 'error' });
  if (!res.ok) throw new AppError('validation_failed', `The attached file could not be read (HTTP ${res.status}).`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_ATTACHMENT_BYTES) throw tooBig();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > MAX_ATTACHMENT_BYTES) throw tooBig();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const tooBig = () => new AppError('validation_failed', `The attached file is over ${MAX_ATTACHMENT_BYTES / 1024} KB.`);
