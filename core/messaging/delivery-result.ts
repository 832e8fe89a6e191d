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
