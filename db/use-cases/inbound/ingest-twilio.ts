import { AppError } from '../../../core/errors/app-error.ts';
import { cleanFormText, cleanText, hasControlCharacter } from '../../../core/inbound/clean-inbound-text.ts';
import { classifySmsKeyword, SmsKeywordKind } from '../../../core/messaging/sms-keywords.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Executor } from '../../client.ts';
import { isSendAllowed, setConsent } from '../../queries/consent.ts';
import { writeConsentToGhl } from '../../queries/consent-writeback.ts';
import { getInboundEvent, recordInboundEvent, type RecordInboundEventInput } from '../../queries/inbound-events.ts';
import { deliveryByProviderId } from '../../queries/deliveries/get-delivery.ts';
import { tenantByTwilioNumber, type Tenant } from '../../queries/tenants.ts';
import { createDirectWriter, type InboundWriter } from './inbound-writer.ts';

const SCHEME = 'twilio-hmac-sha1';

/** `writer`: the process's group-commit writer (default: a transaction per webhook). */
type Deps = { db: Db; queue: JobQueue; clock: Clock; writer?: InboundWriter };

/** A verified Twilio webhook: the raw form body, its decoded parameters and the headers worth keeping. */
export interface TwilioWebhook {
  rawBody: string;
  params: Record<string, string | string[]>;
  headers: Record<string, string>;
}

export type TwilioSmsResult =
  /** Stored but not for anyone: answer with an empty TwiML. */
  | { status: 'ignored' | 'quarantined'; reason: string }
  /** `keyword` is what the text was (for a duplicate: what it was the first time), so the reply is the same. */
  | { status: 'accepted' | 'duplicate'; tenant: Tenant; keyword: SmsKeywordKind };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Twilio's ids and addresses never hold control characters or run long; one that does is signed
 * junk, refused with 400 (and kept as quarantined) rather than handed to a query that would fail
 * with 500, which Twilio would retry. Everything else is cleaned of what PostgreSQL cannot hold.
 */
async function readTwilioWebhook(db: Db, input: TwilioWebhook, identity: readonly string[]): Promise<TwilioWebhook> {
  const bad = identity.find((name) => {
    const value = input.params[name];
    return (Array.isArray(value) ? value : [value ?? '']).some((v) => v.length > 64 || hasControlCharacter(v));
  });
  const rawBody = cleanFormText(input.rawBody);
  if (bad) {
    const reason = `${bad} is not a Twilio value (control characters, or over 64 characters)`;
    await recordInboundEvent(db, {
      provider: 'twilio',
      verified: true,
      signatureScheme: SCHEME,
      rawBody,
      status: 'quarantined',
      reason,
      headers: input.headers,
    });
    throw new AppError('bad_request', reason);
  }
  const params: TwilioWebhook['params'] = Object.create(null);
  for (const [name, value] of Object.entries(input.params))
    params[name] = Array.isArray(value) ? value.map(cleanText) : cleanText(value);
  return { ...input, rawBody, params };
}

/**
 * An inbound SMS (`POST /webhooks/twilio/sms`). STOP/START move the consent ledger and its GHL
 * write-back in the same transaction as the stored message and its `sms.inbound` job: once Twilio
 * has our answer to STOP, no later send can read the old consent, and a crash before commit means
 * Twilio retries. Twilio signs no timestamp; a replay is a duplicate MessageSid.
 * @example const result = await ingestTwilioSms({ db, queue, clock }, { rawBody, params, headers })
 */
export async function ingestTwilioSms(deps: Deps, webhook: TwilioWebhook): Promise<TwilioSmsResult> {
  const input = await readTwilioWebhook(deps.db, webhook, ['MessageSid', 'From', 'To']);
  const { params } = input;
  const [sid, from, to, body] = [one(params.MessageSid), one(params.From), one(params.To), one(params.Body) ?? ''];
  const stored = { provider: 'twilio', verified: true, signatureScheme: SCHEME, rawBody: input.rawBody };
  const tenant = to ? await tenantByTwilioNumber(deps.db, to) : undefined;
  if (!sid || !from || !tenant) {
    const reason = !sid || !from ? 'MessageSid or From missing' : 'no tenant owns this Twilio number';
    const status = sid ? 'ignored' : 'quarantined';
    await recordInboundEvent(deps.db, {
      ...stored,
      eventId: sid ? `sms:${sid}` : undefined,
      status,
      reason,
      headers: input.headers,
    });
    return { status, reason };
  }
  const optedOut = !(await isSendAllowed(deps.db, tenant.id, 'sms', from));
  const keyword = classifySmsKeyword(body, { optedOut });
  const event = {
    ...stored,
    eventId: `sms:${sid}`,
    tenantId: tenant.id,
    type: `sms.${keyword.kind}`,
    status: 'accepted' as const,
    headers: input.headers,
    occurredAt: deps.clock.now(),
  };
  if (keyword.kind === 'opt_out' || keyword.kind === 'opt_in')
    return storeConsentKeyword(deps, { tenant, event, address: from, kind: keyword.kind, word: keyword.keyword ?? '' });
  // Anything else is a lead talking: the group-committed fast lane, like a GHL message.
  const written = await (deps.writer ?? createDirectWriter(deps)).write({
    event,
    job: { queue: 'sms.inbound', lane: 'fast' },
  });
  if (written.duplicate) return duplicateOf(deps.db, written.id, tenant);
  return { status: 'accepted', tenant, keyword: keyword.kind };
}

async function duplicateOf(db: Executor, id: string, tenant: Tenant): Promise<TwilioSmsResult> {
  const first = await getInboundEvent(db, id);
  const kind = SmsKeywordKind.catch('none').parse(first?.type?.replace(/^sms\./, ''));
  return { status: 'duplicate', tenant, keyword: kind };
}

/**
 * STOP/START move the consent ledger and its GHL write-back in the same transaction as the stored message: once
 * Twilio has our answer, no later send can read the old consent.
 */
async function storeConsentKeyword(
  deps: Deps,
  input: {
    tenant: Tenant;
    event: RecordInboundEventInput;
    address: string;
    kind: 'opt_out' | 'opt_in';
    word: string;
  },
): Promise<TwilioSmsResult> {
  const { tenant, event, address, kind, word } = input;
  return deps.db.transaction(async (tx) => {
    const recorded = await recordInboundEvent(tx, event);
    if (recorded.duplicate) return duplicateOf(tx, recorded.id, tenant);
    await setConsent(tx, {
      tenantId: tenant.id,
      channel: 'sms',
      address,
      status: kind === 'opt_out' ? 'opted_out' : 'opted_in',
      source: 'sms_keyword',
      reason: word,
    });
    await writeConsentToGhl(tx, deps.queue, {
      tenantId: tenant.id,
      channel: 'sms',
      address,
      optedOut: kind === 'opt_out',
      reason: `texted ${word} (Porchlight)`,
    });
    await deps.queue.enqueue('sms.inbound', { inboundEventId: recorded.id }, { tx });
    return { status: 'accepted' as const, tenant, keyword: kind };
  });
}

/**
 * A delivery status callback (`POST /webhooks/twilio/status`), stored with its `sms.status` job.
 * Each (MessageSid, status) pair is one event, so a retried callback changes nothing.
 */
export async function ingestTwilioStatus(
  deps: Deps,
  webhook: TwilioWebhook,
): Promise<{ status: 'accepted' | 'duplicate' | 'quarantined' }> {
  const input = await readTwilioWebhook(deps.db, webhook, ['MessageSid', 'MessageStatus']);
  const [sid, status] = [one(input.params.MessageSid), one(input.params.MessageStatus)];
  const stored = { provider: 'twilio', verified: true, signatureScheme: SCHEME, rawBody: input.rawBody };
  if (!sid || !status) {
    await recordInboundEvent(deps.db, {
      ...stored,
      status: 'quarantined',
      reason: 'MessageSid or MessageStatus missing',
      headers: input.headers,
    });
    return { status: 'quarantined' };
  }
  const delivery = await deliveryByProviderId(deps.db, 'sms', sid);
  const written = await (deps.writer ?? createDirectWriter(deps)).write({
    event: {
      ...stored,
      eventId: `status:${sid}:${status}`,
      tenantId: delivery?.tenantId ?? null,
      type: 'sms.status',
      status: 'accepted',
      headers: input.headers,
      occurredAt: deps.clock.now(),
    },
    job: { queue: 'sms.status', lane: 'bulk' },
  });
  return { status: written.duplicate ? 'duplicate' : 'accepted' };
}
