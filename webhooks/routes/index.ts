import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { healthRoutes } from './health.ts';
import { slackRoutes } from './slack.ts';
import { discordRoutes } from './discord.ts';
import { internalRoutes } from './internal.ts';
import { apiLeadRoutes } from './api-leads.ts';
import { apiAlertRoutes } from './api-alerts.ts';
import { apiRoutingRoutes } from './api-routing.ts';
import { apiStatsRoutes } from './api-stats.ts';
import { ghlRoutes } from './ghl.ts';
import { apiEventRoutes } from './api-events.ts';
import { twilioRoutes } from './twilio.ts';
import { sendgridRoutes } from './sendgrid.ts';
import { unsubscribeRoutes } from './unsubscribe.ts';
import { apiListingRoutes } from './api-listings.ts';
import { apiSavedSearchRoutes } from './api-saved-searches.ts';

/** Every route group, one line each, mounted at the root in this order. */
export const ROUTES: Array<(runtime: Runtime) => Hono<AppEnv>> = [
  healthRoutes,
  slackRoutes,
  discordRoutes,
  internalRoutes,
  apiLeadRoutes,
  apiAlertRoutes,
  apiRoutingRoutes,
  apiStatsRoutes,
  ghlRoutes,
  apiEventRoutes,
  twilioRoutes,
  sendgridRoutes,
  unsubscribeRoutes,
  apiListingRoutes,
  apiSavedSearchRoutes,
];
