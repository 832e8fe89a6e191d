import type { Tx } from '../../client.ts';
import type { ConsentChannel as CrmConsentChannel } from '../../../core/ghl/crm-event.ts';
import { getConsent, setConsent, type ConsentChannel } from '../consent.ts';

const SOURCE = 'ghl_dnd';

export interface DndInput {
  tenantId: string;
  phone: string | null;
  email: string | null;
  /** GHL's global DND switch; null when the payload did not say. */
  dnd: boolean | null;
  /** Per-channel DND settings; they win over the global switch for their channel. */
  channels: CrmConsentChannel[];
}

/**
 * Mirrors GHL Do-Not-Disturb into our consent ledger for the channels we send on (SMS, email).
 * Turning DND off in GHL lifts only an opt-out that GHL DND itself put there: a lead who texted
 * STOP, or an address that bounced, is not re-enabled by a CRM toggle. Writes only on change, so
 * a contact update repeating the same DND state adds nothing to the ledger.
 * @returns the channels whose consent changed
 */
export async function applyDnd(tx: Tx, input: DndInput): Promise<string[]> {
  const changed: string[] = [];
  for (const channel of ['sms', 'email'] as const) {
    const address = channel === 'sms' ? input.phone : input.email;
    if (!address) continue;
    const setting = input.channels.find((c) => c.channel === channel);
    const optedOut = setting ? setting.optedOut : input.dnd;
    if (optedOut === null) continue;
    const current = await getConsent(tx, input.tenantId, channel, address);
    const reason = setting
      ? `GHL DND ${channel} ${setting.optedOut ? 'active' : 'inactive'}${setting.code ? ` (code ${setting.code})` : ''}`
      : `GHL DND ${input.dnd ? 'on' : 'off'} for all channels`;
    if (optedOut) {
      if (current?.status === 'opted_out' || current?.status === 'suppressed') continue;
      await setConsent(tx, { tenantId: input.tenantId, channel, address, status: 'opted_out', source: SOURCE, reason });
      changed.push(channel);
    } else if (current?.status === 'opted_out' && current.source === SOURCE) {
      await setConsent(tx, {
        tenantId: input.tenantId,
        channel: channel as ConsentChannel,
        address,
        status: 'opted_in',
        source: SOURCE,
        reason,
      });
      changed.push(channel);
    }
  }
  return changed;
}
