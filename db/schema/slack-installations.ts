import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * One row per Slack workspace that installed the app through OAuth (`GET /slack/oauth_redirect`). The bot token is
 * sealed with APP_SECRET (core/crypto/secret-box), so a database dump alone cannot post as the bot. A workspace
 * belongs to one tenant; `tenants.slack_team_id` points back here so inbound commands resolve the tenant as before.
 */
export const slackInstallations = pgTable(
  'slack_installations',
  {
    teamId: text('team_id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    teamName: text('team_name'),
    enterpriseId: text('enterprise_id'),
    appId: text('app_id'),
    botId: text('bot_id'),
    botUserId: text('bot_user_id'),
    botTokenSealed: text('bot_token_sealed').notNull(),
    botScopes: text('bot_scopes').array().notNull().default([]),
    installerUserId: text('installer_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('slack_installations_tenant_idx').on(t.tenantId)],
);
