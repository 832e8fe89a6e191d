import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, createdAt, updatedAt } from './columns.ts';

/** A real-estate team. Env configures one default tenant; more come from `porchlight tenant add`. */
export const tenants = pgTable(
  'tenants',
  {
    id: id(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('America/Chicago'),
    /** sha256 of the REST API key; the key itself is shown once at creation. */
    apiKeyHash: text('api_key_hash').notNull(),
    slackTeamId: text('slack_team_id'),
    discordGuildId: text('discord_guild_id'),
    twilioNumber: text('twilio_number'),
    /** Tenant policy knobs (match threshold, quiet hours, AI opt-in, help text, field mapping...). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Provider credentials, AES-GCM encrypted with APP_SECRET. */
    credentials: text('credentials'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tenants_api_key_hash_uq').on(t.apiKeyHash),
    uniqueIndex('tenants_slack_team_uq').on(t.slackTeamId),
    uniqueIndex('tenants_discord_guild_uq').on(t.discordGuildId),
    uniqueIndex('tenants_twilio_number_uq').on(t.twilioNumber),
  ],
);

/** GHL sub-accounts (locations) owned by a tenant; GHL events are routed by locationId. */
export const tenantLocations = pgTable(
  'tenant_locations',
  {
    locationId: text('location_id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    companyId: text('company_id'),
    installedAt: timestamp('installed_at', { withTimezone: true }),
    uninstalledAt: timestamp('uninstalled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('tenant_locations_tenant_idx').on(t.tenantId)],
);

/** OAuth tokens per GHL location; `version` lets concurrent refreshers detect a lost race. */
export const oauthTokens = pgTable('oauth_tokens', {
  locationId: text('location_id').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  accessToken: text('access_token').notNull(),
  refreshToken: text('refresh_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

export const agents = pgTable(
  'agents',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    role: text('role', { enum: ['agent', 'manager', 'admin'] })
      .notNull()
      .default('agent'),
    slackUserId: text('slack_user_id'),
    discordUserId: text('discord_user_id'),
    ghlUserId: text('ghl_user_id'),
    /** Cities or postal codes this agent covers (territory routing). */
    areas: text('areas').array().notNull().default([]),
    skills: text('skills').array().notNull().default([]),
    languages: text('languages').array().notNull().default([]),
    timezone: text('timezone').notNull().default('America/Chicago'),
    /** e.g. {"mon":["09:00","18:00"],...}; absent day = off. */
    workingHours: jsonb('working_hours').$type<Record<string, [string, string]>>(),
    paused: boolean('paused').notNull().default(false),
    vacationUntil: timestamp('vacation_until', { withTimezone: true }),
    maxOpenAlerts: integer('max_open_alerts'),
    weight: integer('weight').notNull().default(1),
    /** Preferred alert channels in order, e.g. ["slack","sms"]. */
    channels: text('channels').array().notNull().default([]),
    active: boolean('active').notNull().default(true),
    /** sha256 of the agent's own REST API key (`porchlight agent key`); the key is shown once. */
    apiKeyHash: text('api_key_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agents_tenant_idx').on(t.tenantId),
    uniqueIndex('agents_tenant_email_uq').on(t.tenantId, t.email),
    uniqueIndex('agents_tenant_slack_uq').on(t.tenantId, t.slackUserId),
    uniqueIndex('agents_tenant_discord_uq').on(t.tenantId, t.discordUserId),
    uniqueIndex('agents_api_key_hash_uq').on(t.apiKeyHash),
  ],
);

/** Routing rules are data: evaluated in `position` order, the last one a catch-all. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: id(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** zod-validated condition tree (see core/routing). */
    condition: jsonb('condition').$type<unknown>(),
    strategy: text('strategy').notNull(),
    /** Agent ids, or a selector, the strategy draws from; plus strategy options. */
    pool: jsonb('pool').$type<unknown>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('routing_rules_tenant_pos_uq').on(t.tenantId, t.position)],
);
