import { z } from 'zod';
import { formatLatency } from '../../core/alerts/alert-timings.ts';
import { alertActionId, type AlertActionName } from './action-id.ts';
import {
  chatMessage,
  type ChatButton,
  type ChatField,
  type ChatMessage,
  type ChatSelect,
  type ChatTone,
} from './chat-message.ts';
import { formatBedsBaths, formatHandle, formatPrice, formatTime } from './format.ts';

export const AlertKind = z.enum([
  'hot_lead',
  'listing_match',
  'price_drop',
  'back_on_market',
  'lead_reply',
  'stale_lead',
]);
export type AlertKind = z.infer<typeof AlertKind>;
export const AlertPriority = z.enum(['critical', 'high', 'normal', 'low']);
export type AlertPriority = z.infer<typeof AlertPriority>;
export const AlertStatus = z.enum([
  'open',
  'claimed',
  'assigned',
  'acknowledged',
  'contacted',
  'won',
  'lost',
  'dismissed',
  'expired',
]);
export type AlertStatus = z.infer<typeof AlertStatus>;

const Person = z.object({ name: z.string().min(1), handle: z.string().min(1) });

/** Plain data the alert handlers assemble from the database; no ids beyond what a user sees. */
export const AlertView = z.object({
  alertId: z.string().min(1),
  kind: AlertKind,
  priority: AlertPriority,
  status: AlertStatus,
  lead: z.object({
    name: z.string().min(1),
    phoneMasked: z.string().optional(),
    score: z.number().min(0).max(100),
    temperature: z.enum(['hot', 'warm', 'cold']),
    reasons: z.array(z.string()).default([]),
    /** What she told us (lead facts), in words: "pre-approved (Chase, $450k)". */
    said: z.array(z.string()).default([]),
  }),
  listing: z
    .object({
      listingKey: z.string().min(1),
      address: z.string().min(1),
      price: z.number().nonnegative(),
      beds: z.number().nullish(),
      baths: z.number().nullish(),
      dealScore: z.number().min(0).max(100).nullish(),
      photoUrl: z.url().nullish(),
    })
    .optional(),
  matchScore: z.number().min(0).max(100).optional(),
  reason: z.string().min(1),
  /** Why a hot card's score is not hot ("Score 58 (warm), raised as hot because …"): one truth per card. */
  scoreNote: z.string().min(1).optional(),
  assignee: Person.optional(),
  actedBy: z
    .object({ name: z.string().min(1), handle: z.string().optional(), action: z.string().min(1), at: z.string() })
    .optional(),
  /** Agents a manager may assign to; empty means "let the platform show its user picker". */
  assignOptions: z.array(Person).max(25).default([]),
  timeZone: z.string().default('UTC'),
  /** Speed to chat: seconds from the lead writing to this alert reaching the team (absent: not caused that way). */
  reachedAfterSeconds: z.number().min(0).optional(),
});
export type AlertView = z.input<typeof AlertView>;

const HEADLINE: Record<AlertKind, (lead: string) => string> = {
  hot_lead: (lead) => `🔥 Hot lead: ${lead}`,
  listing_match: (lead) => `🏠 New match for ${lead}`,
  price_drop: (lead) => `📉 Price drop for ${lead}`,
  back_on_market: (lead) => `🔁 Back on market for ${lead}`,
  lead_reply: (lead) => `💬 ${lead} replied`,
  stale_lead: (lead) => `⏰ Going cold: ${lead}`,
};

// Every kind that pairs a listing with a lead is a match in the lead's eyes: a price drop or a
// relisting of a home they matched is exactly what they would want sent to them.
const MATCH_KINDS: ReadonlySet<AlertKind> = new Set(['listing_match', 'price_drop', 'back_on_market']);
const CLOSED: ReadonlySet<AlertStatus> = new Set(['won', 'lost', 'dismissed', 'expired']);
const TONE: Record<AlertPriority, ChatTone> = { critical: 'critical', high: 'high', normal: 'normal', low: 'low' };

/**
 * Builds the alert card every channel shows, with the buttons that still make sense in its state.
 * The buttons are a convenience, not the permission check: the action layer enforces roles
 * (only managers assign others) and races (one claim wins).
 * @example alertMessage({ alertId: '12', kind: 'hot_lead', priority: 'high', status: 'open', lead, reason })
 */
export function alertMessage(input: AlertView): ChatMessage {
  const view = AlertView.parse(input);
  const { lead, listing } = view;

  const leadLine = [`**${lead.name}**`, lead.phoneMasked, `score ${lead.score} (${lead.temperature})`]
    .filter(Boolean)
    .join(' · ');
  const sections = [view.reason, leadLine];
  if (view.scoreNote) sections.push(view.scoreNote);
  if (lead.reasons.length > 0) sections.push(lead.reasons.map((r) => `• ${r}`).join('\n'));
  if (lead.said.length > 0) sections.push(`🗣 Said: ${lead.said.join(' · ')}`);
  if (listing) sections.push(`🏡 **${listing.address}** · ${formatPrice(listing.price)}`);

  const fields: ChatField[] = [
    { label: 'Priority', value: view.priority },
    { label: 'Lead score', value: `${lead.score} (${lead.temperature})` },
  ];
  if (view.matchScore !== undefined) fields.push({ label: 'Match', value: `${view.matchScore}/100` });
  if (listing) {
    fields.push({ label: 'Price', value: formatPrice(listing.price) });
    const bedsBaths = formatBedsBaths(listing.beds, listing.baths);
    if (bedsBaths) fields.push({ label: 'Beds / baths', value: bedsBaths });
    if (listing.dealScore != null) fields.push({ label: 'Deal score', value: `${listing.dealScore}/100` });
    fields.push({ label: 'Listing', value: listing.listingKey });
  }

  const reached =
    view.reachedAfterSeconds === undefined
      ? null
      : `⚡ Reached you ${formatLatency(view.reachedAfterSeconds)} after the lead wrote`;
  const context = [statusLine(view), `Alert #${view.alertId}`, reached].filter((line): line is string => Boolean(line));

  const { buttons, selects } = alertControls({ ...view, hasListing: view.listing !== undefined });
  return chatMessage({
    header: HEADLINE[view.kind](lead.name),
    sections,
    fields,
    context,
    buttons,
    selects,
    thumbnailUrl: listing?.photoUrl ?? undefined,
    tone: CLOSED.has(view.status) ? 'muted' : TONE[view.priority],
  });
}

type ParsedView = z.output<typeof AlertView>;

function statusLine(view: ParsedView): string | null {
  const who = view.assignee ? formatHandle(view.assignee.handle) : undefined;
  const by = view.actedBy ? formatHandle(view.actedBy.handle ?? view.actedBy.name) : undefined;
  const when = view.actedBy ? ` · ${formatTime(view.actedBy.at, view.timeZone)}` : '';
  switch (view.status) {
    case 'open':
      return view.actedBy ? `${view.actedBy.action} by ${by}${when}` : 'Unclaimed';
    case 'claimed':
      return `✅ Claimed by ${who ?? by}${when}`;
    case 'assigned':
      return `👉 Assigned to ${who ?? 'an agent'}${by && by !== who ? ` by ${by}` : ''}${when}`;
    case 'acknowledged':
      return `👍 Acknowledged by ${who ?? by}${when}`;
    case 'contacted':
      return `📞 Contacted by ${who ?? by}${when}`;
    case 'won':
    case 'lost':
      return `${view.status === 'won' ? '🏆 Won' : 'Lost'}${who ? ` by ${who}` : ''}${when}`;
    case 'dismissed':
      return `Dismissed${by ? ` by ${by}` : ''}${when}`;
    case 'expired':
      return 'Expired unclaimed';
  }
}

/**
 * The buttons and Assign menu an alert offers in its state: on its card, and on its row of `/alerts`, so both act
 * through the same action ids.
 */
export function alertControls(
  view: Pick<ParsedView, 'alertId' | 'kind' | 'status' | 'assignOptions'> & { hasListing: boolean },
): { buttons: ChatButton[]; selects: ChatSelect[] } {
  const id = view.alertId;
  const button = (action: AlertActionName, label: string, style: ChatButton['style'] = 'default'): ChatButton => ({
    actionId: alertActionId(action, id),
    label,
    value: id,
    style,
  });
  const canSend = MATCH_KINDS.has(view.kind) && view.hasListing;
  const assign: ChatSelect = {
    actionId: alertActionId('assign', id),
    placeholder: view.status === 'open' ? 'Assign ▾' : 'Reassign ▾',
    options: view.assignOptions.map((p) => ({
      label: `${p.name} (${formatHandle(p.handle)})`,
      value: p.handle.replace(/^@/, ''),
    })),
  };

  // The deal's outcome, once someone holds the alert: the holder or a manager closes it (and GHL hears).
  const outcomes = [button('win', '🏆 Won', 'primary'), button('lose', 'Lost')];
  const buttons: ChatButton[] = [];
  switch (view.status) {
    case 'open':
      buttons.push(button('claim', 'Claim', 'primary'));
      if (canSend) buttons.push(button('send', 'Send to lead'));
      buttons.push(button('snooze', 'Snooze 1h'), button('dismiss', 'Dismiss', 'danger'));
      return { buttons, selects: [assign] };
    case 'claimed':
    case 'assigned':
      buttons.push(button('acknowledge', 'Acknowledge', 'primary'));
      if (canSend) buttons.push(button('send', 'Send to lead'));
      buttons.push(button('snooze', 'Snooze 1h'), button('dismiss', 'Dismiss', 'danger'), ...outcomes);
      return { buttons, selects: [assign] };
    case 'acknowledged':
      if (canSend) buttons.push(button('send', 'Send to lead', 'primary'));
      buttons.push(...outcomes);
      return { buttons, selects: [assign] };
    case 'contacted':
      buttons.push(...outcomes);
      return { buttons, selects: [] };
    default:
      return { buttons: [], selects: [] };
  }
}

/** The private reply a late claimer sees; the alert card itself already shows the winner. */
export function alreadyClaimedMessage(alertId: string, winner: { handle: string }): ChatMessage {
  return chatMessage({
    sections: [`Alert #${alertId} is already claimed by ${formatHandle(winner.handle)}.`],
    ephemeral: true,
    tone: 'muted',
  });
}
