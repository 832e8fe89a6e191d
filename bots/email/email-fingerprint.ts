import { createHash } from 'node:crypto';

/**
 * What an email attempt hands SendGrid, as the hash `markHandedOver` records. Only its presence is
 * read back: SendGrid cannot be asked whether it took a message (short of the paid Email Activity API).
 */
export function emailFingerprint(to: string, message: { subject: string | null; body: string | null }): string {
  return createHash('sha256')
    .update(`${to}\n${message.subject ?? ''}\n${message.body ?? ''}`)
    .digest('base64url');
}
