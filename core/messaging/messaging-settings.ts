import { z } from 'zod';
import { QuietWindow } from './quiet-hours.ts';

/**
 * The part of `tenants.settings` that SMS and email read. Parsed leniently: a bad knob falls back
 * to its default instead of stopping every message to the tenant's leads.
 */
export const MessagingSettings = z.object({
  /** HELP/INFO answer (contact details). */
  helpText: z.string().optional(),
  /** Program name at the start of keyword replies; the tenant's name by default. */
  senderName: z.string().optional(),
  /** Per-state windows ("TX", or "*" for every lead), narrowing the 8:00–21:00 baseline. */
  quietWindows: z.record(z.string(), QuietWindow).catch({}).default({}),
  sms: z
    .object({
      approveDrafts: z.boolean().default(false),
      /** Twilio Advanced Opt-Out answers STOP/HELP/START itself: we then only keep the ledger. */
      twilioHandlesKeywords: z.boolean().default(false),
      /** A text sent this soon after the lead's own message is a conversational reply, not a solicitation. */
      replyWindowMinutes: z.number().int().min(0).max(60).default(15),
    })
    .catch({ approveDrafts: false, twilioHandlesKeywords: false, replyWindowMinutes: 15 })
    .default({ approveDrafts: false, twilioHandlesKeywords: false, replyWindowMinutes: 15 }),
  email: z
    .object({
      /** CAN-SPAM wants a physical postal address in every marketing email. */
      postalAddress: z.string().default(''),
      from: z.string().optional(),
    })
    .catch({ postalAddress: '' })
    .default({ postalAddress: '' }),
  ai: z
    .object({ enabled: z.boolean().default(false) })
    .catch({ enabled: false })
    .default({ enabled: false }),
  /** Where a listing is viewed; `{listingKey}` is replaced. */
  listingUrlTemplate: z.string().optional(),
});
export type MessagingSettings = z.infer<typeof MessagingSettings>;

export function messagingSettings(tenant: { settings: unknown }): MessagingSettings {
  const parsed = MessagingSettings.safeParse(tenant.settings ?? {});
  return parsed.success ? parsed.data : MessagingSettings.parse({});
}

export const senderName = (tenant: { name: string; settings: unknown }) =>
  messagingSettings(tenant).senderName ?? tenant.name;
