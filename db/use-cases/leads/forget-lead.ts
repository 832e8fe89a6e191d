import { AppError } from '../../../core/errors/app-error.ts';
import { forgottenAddress, isForgottenAddress } from '../../../core/privacy/forgotten-address.ts';
import { leadTraces } from '../../../core/privacy/lead-traces.ts';
import { actorName, type SettingsActor } from '../../../core/settings/settings-actor.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { consentAddress, type ConsentChannel } from '../../queries/consent.ts';
import {
  leadRecipientAddresses,
  lockLeadForForget,
  scrubLeadDeliveries,
  scrubLeadRows,
} from '../../queries/leads/forget-lead-rows.ts';
import {
  forgetConsentAddress,
  scrubAuditMentioning,
  scrubInboundEventsMentioning,
  scrubJobsMentioning,
} from '../../queries/leads/forget-lead-traces.ts';

export interface ForgetLeadResult {
  leadId: string;
  /** Rows whose personal data was removed, by kind. Nothing is deleted, so every count stays. */
  scrubbed: Record<string, number>;
}

/** Forgetting is for admins (and for the operator and the team's own key, which act for the whole team). */
function assertMayForget(actor: SettingsActor): void {
  if (actor.kind === 'agent' && actor.role !== 'admin')
    throw new AppError('forbidden', "only an admin can forget a lead's personal data");
}

/**
 * Removes one lead's personal data everywhere we keep it, in one transaction: her name, phone, email and
 * location, what she said and what we sent her, webhook bodies that carry her contact id, phone or email,
 * audit data and job payloads that mention her. Rows stay (anonymised), so alert, activity and delivery counts still add up;
 * GHL ids stay (they are the CRM's). Her consent moves to a hash of the address (core/privacy), which the
 * send paths still check: a forgotten lead who said STOP is never texted again. The audit row names who
 * and which lead, nothing personal.
 * @example await forgetLead(runtime, { tenantId, leadId, actor: { kind: 'cli' } })
 */
export async function forgetLead(
  deps: { db: Db; clock: Clock },
  input: { tenantId: string; leadId: string; actor: SettingsActor },
): Promise<ForgetLeadResult> {
  assertMayForget(input.actor);
  const { tenantId, leadId } = input;
  return deps.db.transaction(async (tx) => {
    const lead = await lockLeadForForget(tx, tenantId, leadId);
    // Another team's lead is indistinguishable from a missing one.
    if (!lead) throw new AppError('not_found', `No lead ${leadId} in this team`);
    const now = deps.clock.now();
    const addresses = await addressesOf(tx, lead);
    const forgotten = new Map(addresses.map((a) => [a.address, forgottenAddress(tenantId, a.channel, a.address)]));
    const traces = leadTraces(lead);
    // Old numbers and emails we wrote to are hers too: look for them in webhook bodies as well.
    for (const a of addresses) if (!traces.texts.includes(a.address)) traces.texts.push(a.address);

    let consents = 0;
    for (const a of addresses)
      consents += await forgetConsentAddress(tx, { tenantId, ...a, forgotten: forgotten.get(a.address)! });
    const scrubbed = {
      ...(await scrubLeadRows(tx, { tenantId, leadId, now })),
      deliveries: await scrubLeadDeliveries(tx, { tenantId, leadId, addresses: forgotten, now }),
      inboundEvents: await scrubInboundEventsMentioning(tx, { tenantId, traces }),
      auditEntries: await scrubAuditMentioning(tx, { tenantId, traces }),
      jobs: await scrubJobsMentioning(tx, { tenantId, traces }),
      consents,
    };
    await recordAudit(tx, {
      tenantId,
      entity: 'lead',
      entityId: leadId,
      action: 'forgotten',
      actor: actorName(input.actor),
      data: { scrubbed },
    });
    return { leadId, scrubbed };
  });
}

type Address = { channel: ConsentChannel; address: string };

async function addressesOf(
  tx: Parameters<typeof leadRecipientAddresses>[0],
  lead: { tenantId: string; id: string; phone: string | null; email: string | null },
): Promise<Address[]> {
  const found: Address[] = [];
  const add = (channel: ConsentChannel, address: string) => {
    const normalized = consentAddress(channel, address);
    if (
      normalized &&
      !isForgottenAddress(normalized) &&
      !found.some((a) => a.channel === channel && a.address === normalized)
    )
      found.push({ channel, address: normalized });
  };
  if (lead.phone) add('sms', lead.phone);
  if (lead.email) add('email', lead.email);
  for (const r of await leadRecipientAddresses(tx, lead.tenantId, lead.id))
    if (r.channel === 'sms' || r.channel === 'email') add(r.channel, r.address);
  return found;
}
