import type { Env } from '../core/config/env-schema.ts';
import type { Clock } from '../core/time/clock.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { Database, Db } from '../db/client.ts';
import type { InboundWriter } from '../db/use-cases/inbound/inbound-writer.ts';
import type { LocationDirectory } from '../db/use-cases/inbound/location-directory.ts';
import type { ChannelRegistry } from '../bots/registry.ts';
import type { AdminToken } from '../bots/terminal/admin-token.ts';
import type { TerminalState } from '../bots/terminal/terminal-output.ts';
import type { Providers } from './providers.ts';
import type { SavedSearchIndex } from './shared/saved-search-index.ts';
import type { JobQueue } from './queue.ts';
import type { LaneGate } from './lane-gate.ts';

/**
 * What every process part shares: config, database, queue, logger, clock, metrics, provider
 * clients and channels. Built once in bin/ (or by a test) and handed down; nothing reaches for globals.
 */
export interface Runtime {
  env: Env;
  database: Database;
  db: Db;
  queue: JobQueue;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  /** Outbound HTTP for integrations; tests and fakes can swap it. */
  fetch: typeof fetch;
  /** Twilio, SendGrid, Slack, Discord, OpenAI, RESO and GHL clients, each built on first use. */
  providers: Providers;
  /** Every channel an alert or message can go out on. */
  channels: ChannelRegistry;
  /** Where the terminal channel prints and what it offered last. */
  terminal: TerminalState;
  /** The token `start` shares with local CLI commands (webhooks/routes/internal.ts checks it). */
  adminToken: AdminToken;
  /** This process's copy of its tenants' saved searches, for `listing.match` (jobs/shared/saved-search-index.ts). */
  searchIndex: SavedSearchIndex;
  /** Stores verified webhooks with their jobs, group-committed (db/use-cases/inbound/inbound-writer.ts). */
  inboundWriter: InboundWriter;
  /** GHL location → tenant, cached and invalidated by NOTIFY (db/use-cases/inbound/location-directory.ts). */
  locations: LocationDirectory;
  /** Bulk jobs of this process wait while urgent work runs: fast jobs, and webhooks being answered. */
  laneGate: LaneGate;
}
