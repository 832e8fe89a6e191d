/**
 * What one send attempt came to, as data (Novu style): the delivery row records it and the job's
 * retry policy decides what happens next. A channel returns it; it never throws for a provider's no.
 * - `sent`: the provider took it (`ref` says where a chat copy lives, so it can be redrawn);
 * - `deferred`: not now (a lead's quiet hours); the row waits and a job retries at `until`;
 * - `failed`: `permanent` when retrying cannot help (unknown user, no credentials);
 * - `suppressed`: we chose not to send (opted out, alert already closed); never retried.
 */
export type DeliveryResult =
  | { status: 'sent'; providerMessageId?: string; ref?: Record<string, unknown> }
  | { status: 'deferred'; until: Date }
  | { status: 'failed'; error: string; permanent: boolean }
  | { status: 'suppressed'; reason: string };

/**
 * What asking the provider about an attempt a dead worker left `sending` came to: it got through
 * (recorded as sent, never sent again), null (it never arrived: send it), or `uncertain` when there
 * is no way to tell and a duplicate would be worse than a gap (an email or a text to a lead): the
 * row is settled `uncertain`, someone is told, and only `porchlight deliveries resend` sends it.
 */
export type InterruptedAttempt = Extract<DeliveryResult, { status: 'sent' }> | { status: 'uncertain'; reason: string };
