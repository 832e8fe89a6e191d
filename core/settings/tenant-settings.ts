import { z } from 'zod';
import { AlertPolicy } from '../alerts/decide-alert.ts';
import { DeliverySettings } from '../alerts/deliver-policy.ts';
import { EscalationPolicy } from '../alerts/escalation.ts';
import { WorkingHours } from '../alerts/working-hours.ts';
import { LEAD_FIELD_TARGETS } from '../ghl/contact-fields.ts';
import { DEFAULT_TENANT_MATCH_THRESHOLD } from '../matching/tenant-matching.ts';
import { DEFAULT_INSTANT_PER_DAY } from '../matching/decide-instant-send.ts';
import { QuietWindow } from '../messaging/quiet-hours.ts';
import { WeeklyReportSettings } from '../reports/weekly-report-settings.ts';
import { AutomationLimits } from '../automations/run-decisions.ts';

/**
 * Every tenant knob in one place, each area with its defaults. Objects are strict so a misspelled
 * key is an error naming it instead of a silent default. A later feature adds its keys here.
 * Stored as the operator wrote it (`z.input`); readers get the parsed value with defaults filled in.
 */
export const TenantSettings = z
  .object({
    /** GHL custom field id → lead column it feeds. */
    ghlFieldMap: z.record(z.string(), z.enum(LEAD_FIELD_TARGETS)).default({}),
    /** Country assumed for phone numbers written without one (ISO 3166 alpha-2). */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'defaultCountry is a two-letter country code like US')
      .default('US'),
    /** Office hours in the tenant's zone; escalation timers pause outside them. Absent = always open. */
    officeHours: WorkingHours.optional(),
    escalation: EscalationPolicy.strict().default({ deadlineMinutes: {}, ladder: {} }),
    /**
     * Alert policy: scores, price drops, dedupe windows and TTLs. `matchThreshold` stays unset
     * unless chosen, so `matching.threshold` applies to match alerts (see matchAlertPolicyOf).
     */
    alerts: AlertPolicy.extend({ matchThreshold: z.number().min(0).max(100).optional() })
      .strict()
      .prefault({}),
    /** Per-recipient caps and quiet-hour overrides. */
    delivery: DeliverySettings.strict().prefault({}),
    matching: z
      .object({
        threshold: z.number().min(0).max(100).default(DEFAULT_TENANT_MATCH_THRESHOLD),
        /** Homes an instant search sends a lead per day (her local day); more wait for her daily digest. */
        instantPerDay: z.number().int().min(0).max(50).default(DEFAULT_INSTANT_PER_DAY),
      })
      .strict()
      .prefault({}),
    /** HELP/INFO answer (contact details). */
    helpText: z.string().optional(),
    /** Program name at the start of keyword replies; the tenant's name by default. */
    senderName: z.string().optional(),
    /** Per-state windows ("TX", or "*" for every lead), narrowing the 8:00–21:00 baseline. */
    quietWindows: z.record(z.string(), QuietWindow).default({}),
    sms: z
      .object({
        approveDrafts: z.boolean().default(false),
        /** Twilio Advanced Opt-Out answers STOP/HELP/START itself: we then only keep the ledger. */
        twilioHandlesKeywords: z.boolean().default(false),
        /** A text sent this soon after the lead's own message is a conversational reply, not a solicitation. */
        replyWindowMinutes: z.number().int().min(0).max(60).default(15),
      })
      .strict()
      .prefault({}),
    email: z
      .object({
        /** CAN-SPAM wants a physical postal address in every marketing email. */
        postalAddress: z.string().default(''),
        from: z.string().optional(),
      })
      .strict()
      .prefault({}),
    ai: z
      .object({ enabled: z.boolean().default(false) })
      .strict()
      .prefault({}),
    /** Where a listing is viewed; `{listingKey}` is replaced. */
    listingUrlTemplate: z.string().optional(),
    /** GHL pipeline stage id → display name, and the order `/pipeline` shows them in. */
    stageNames: z.record(z.string(), z.string()).default({}),
    stageOrder: z.array(z.string()).default([]),
    /** Team channel for alerts nobody is linked to receive. */
    slackChannel: z.string().optional(),
    /** The weekly alert report (`/report 7d`), Monday 08:00 team time, posted in the managers' channel. */
    reports: WeeklyReportSettings,
    /** The per-lead ceiling across every automation: automated texts and emails per 24 hours and per 7 days. */
    automations: AutomationLimits,
    /** The tenant's own RESO feed, instead of the install's RESO_API_URL. */
    reso: z.object({ apiUrl: z.url().optional() }).strict().prefault({}),
    /**
     * How long raw personal payloads are kept before `maintenance` blanks them: the bodies and headers of
     * handled inbound webhooks, and what settled deliveries said. The rows (and so every count) stay.
     */
    retention: z
      .object({
        rawBodiesDays: z.number().int().min(1).max(3650).default(30),
        deliveryPayloadsDays: z.number().int().min(1).max(3650).default(90),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type TenantSettings = z.infer<typeof TenantSettings>;
/** What is stored: only what the operator set; defaults stay in code so changing one reaches every tenant. */
export type TenantSettingsInput = z.input<typeof TenantSettings>;
