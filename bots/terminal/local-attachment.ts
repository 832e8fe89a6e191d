import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../core/errors/app-error.ts';
import { MAX_ATTACHMENT_BYTES } from '../commands/fetch-attachment.ts';

/** The terminal runs beside its files: an "attachment" is a path, relative to where it was started. */
export async function readLocalAttachment(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new AppError('validation_failed', `No file ${path}.`);
  if (info.size > MAX_ATTACHMENT_BYTES)
    throw new AppError('validation_failed', `${path} is over ${MAX_ATTACHMENT_BYTES / 1024} KB.`);
  return readFile(path);
}
