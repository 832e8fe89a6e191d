import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { healthRoutes } from './health.ts';
import { slackRoutes } from './slack.ts';
import { slackInstallRoutes } from './slack-install.ts';
import { discordRoutes } from './discord.ts';
import { internalRoutes } from './internal.ts';
import { apiLeadRoutes } from './api-leads.ts';
import { apiForgetLeadRoutes } from '../api/forget-lead-route.ts';
import { apiAlertRoutes } from './api-alerts.ts';
import { apiRoutingRoutes } from './api-routing.ts';
import { apiAutomationRoutes } from './api-automations.ts';
import { apiStatsRoutes } from './api-stats.ts';
import { ghlRoutes, type GhlRouteOptions } from './ghl.ts';
import { oauthGhlRoutes } from './oauth-ghl.ts';
import { apiEventRoutes } from './api-events.ts';
import { twilioRoutes } from './twilio.ts';
import { sendgridRoutes } from './sendgrid.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';
import { leadPageRoutes } from './lead-page.ts';
import { apiListingRoutes } from './api-listings.ts';
import { apiSavedSearchRoutes } from './api-saved-searches.ts';
import { apiSettingsRoutes } from './api-settings.ts';
import { apiAgentRoutes } from './api-agents.ts';
import { apiExportRoutes } from '../api/export-routes.ts';

/** Per-app choices a caller (a test, the bench) may make; every route group gets them. */
export type RouteOptions = GhlRouteOptions;

/** Every route group, one line each, mounted at the root in this order. */
export const ROUTES: Array<(runtime: Runtime, options: RouteOptions) => Hono<AppEnv>> = [
  healthRoutes,
  slackRoutes,
  slackInstallRoutes,
  discordRoutes,
  internalRoutes,
  apiLeadRoutes,
  apiForgetLeadRoutes,
  apiAlertRoutes,
  apiRoutingRoutes,
  apiAutomationRoutes,
  apiStatsRoutes,
  ghlRoutes,
  oauthGhlRoutes,
  apiEventRoutes,
  twilioRoutes,
  sendgridRoutes,
  unsubscribeRoutes,
  leadPageRoutes,
  apiListingRoutes,
  apiSavedSearchRoutes,
  apiSettingsRoutes,
  apiAgentRoutes,
  apiExportRoutes,
];
