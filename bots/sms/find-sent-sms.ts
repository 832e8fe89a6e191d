import { createHash } from 'node:crypto';
import type { Runtime } from '../../jobs/runtime.ts';
import { twilioService } from './twilio-service.ts';

/** Twilio's clock and ours differ a little: the search starts this much before the attempt did. */
const CLOCK_SKEW_MS = 60_000;

/**
 * What a text hands Twilio, as the hash `markHandedOver` records: the number and the exact body
 * (disclosure line included). Twilio takes no idempotency key, so this is how a text sent by a
 * worker that died before recording it is recognised in the message list.
 */
export function smsFingerprint(to: string, body: string): string {
  return createHash('sha256').update(`${to}\n${body}`).digest('base64url');
}

export type SentSmsSearch =
  | { status: 'sent'; providerMessageId: string; body: string }
  | { status: 'absent' }
  | { status: 'unknown'; reason: string };

/**
 * Asks Twilio whether the text an interrupted attempt handed over is in its outbound list: a
 * message to the same number, created since the attempt started, whose body hashes to the same
 * fingerprint. `unknown` when Twilio could not be asked.
 */
export async function findSentSms(
  runtime: Runtime,
  attempt: { recipient: string; attemptStartedAt: Date | null; handedOver: string },
): Promise<SentSmsSearch> {
  const twilio = twilioService(runtime);
  if (!twilio) return { status: 'unknown', reason: 'Twilio is not configured' };
  const started = attempt.attemptStartedAt ?? runtime.clock.now();
  const since = new Date(started.getTime() - CLOCK_SKEW_MS);
  const listed = await twilio.listSentSms({ to: attempt.recipient, since });
  if (!listed.ok) return { status: 'unknown', reason: `Twilio message list failed: ${listed.message}` };
  const ours = listed.messages.find((m) => smsFingerprint(attempt.recipient, m.body) === attempt.handedOver);
  return ours ? { status: 'sent', providerMessageId: ours.sid, body: ours.body } : { status: 'absent' };
}
